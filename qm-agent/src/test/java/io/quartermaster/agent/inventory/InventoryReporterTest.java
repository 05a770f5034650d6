package io.quartermaster.agent.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.MachineSpec;
import io.quartermaster.agent.driver.simulator.SimulatorProvider;
import io.quartermaster.agent.hosts.HostRoster;
import io.quartermaster.agent.hosts.MachineLocks;
import io.quartermaster.agent.hosts.ServedHost;
import io.quartermaster.agent.server.AgentApiClient;
import io.quartermaster.agent.server.AgentJson;
import io.quartermaster.agent.server.FakeAgentServer;
import io.quartermaster.agent.steps.StepCatalog;
import io.quartermaster.agent.steps.StepSettings;
import io.quartermaster.agent.tasks.PollWatch;
import io.quartermaster.agent.time.MutableClock;
import io.quartermaster.api.agent.InventoryAck;
import io.quartermaster.api.agent.Registration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When a look at the hypervisor becomes a report: every look, or for a quiet primary only when something is new. */
class InventoryReporterTest {

    private static final Duration INTERVAL = Duration.ofSeconds(60);
    private static final long FIFTEEN_MINUTES = Duration.ofMinutes(15).toMillis();

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final UUID hostId = UUID.randomUUID();
    private final FakeAgentServer server;
    private final Driver driver;
    private final PollWatch polls = new PollWatch(clock);
    private final InventoryReporter reporter;

    InventoryReporterTest() throws Exception {
        server = new FakeAgentServer(new Registration.HostRef(hostId, "sim-host-01", "simulator"));
        var api = new AgentApiClient(server.url(), AgentJson.mapper(), "test");
        api.useCredential(server.registration.credential());
        driver = SimulatorProvider.create(Map.of(), clock, clock);
        var host = new ServedHost(hostId, "sim-host-01", driver,
                StepCatalog.forDriver(driver, StepSettings.defaults(), AgentJson.mapper(), clock, clock));
        reporter = new InventoryReporter(new HostRoster(List.of(host)), new MachineLocks(), api, INTERVAL, "test", clock, polls);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aPrimaryWhosePollsWaitReportsOnlyWhatChangedAndAtLeastAsOftenAsTheServerAsks() throws Exception {
        server.ack = report -> new InventoryAck(true, 1, List.of(), FIFTEEN_MINUTES);
        reporter.reportAll(); // the start: always
        assertThat(server.nextReport().report().facts()).isNotNull();
        polls.started();

        clock.advance(INTERVAL.plusSeconds(1));
        reporter.reportAll(false);
        assertThat(server.reports).as("nothing new, polls waiting throughout").isEmpty();

        driver.ensureDefined(new MachineSpec(UUID.randomUUID(), "new-one", 1, 512, List.of(), null));
        reporter.reportAll(false);
        assertThat(server.nextReport().report().machines()).extracting(m -> m.name()).containsExactly("new-one");

        clock.advance(Duration.ofMinutes(11)); // less than three quarters of the 15 minutes: never due yet
        reporter.reportAll(false);
        assertThat(server.reports).isEmpty();
        clock.advance(Duration.ofMinutes(4).plusSeconds(1)); // 15 minutes since the last report: always due
        reporter.reportAll(false);
        assertThat(server.nextReport().report().facts()).as("taken already").isNull();
    }

    @Test
    void aPrimaryWithoutAPollWaitingThroughoutReports() throws Exception {
        server.ack = report -> new InventoryAck(true, 1, List.of(), FIFTEEN_MINUTES);
        reporter.reportAll();
        server.nextReport();

        clock.advance(INTERVAL.plusSeconds(1));
        reporter.reportAll(false);
        server.nextReport(); // no poll at all (all task slots busy, say)

        polls.started();
        clock.advance(Duration.ofSeconds(30));
        polls.ended(false); // the server could not be reached
        polls.started();
        clock.advance(Duration.ofSeconds(31));
        reporter.reportAll(false);
        server.nextReport(); // polling again, but not for the whole interval
    }

    @Test
    void aBackupAndAPrimaryOfAServerThatDoesNotCountPollsReportEveryLook() throws Exception {
        polls.started();
        server.ack = report -> new InventoryAck(false, 1, List.of(), FIFTEEN_MINUTES);
        reporter.reportAll();
        server.nextReport();
        clock.advance(INTERVAL.plusSeconds(1));
        reporter.reportAll(false);
        server.nextReport(); // a backup takes a host over by reporting

        server.ack = report -> new InventoryAck(true, 1, List.of());
        reporter.reportAll(false);
        server.nextReport();
        clock.advance(INTERVAL.plusSeconds(1));
        reporter.reportAll(false);
        server.nextReport(); // no reportWithinMillis: the report is the heartbeat
    }
}
