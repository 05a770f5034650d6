package io.quartermaster.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quartermaster.agent.server.FakeAgentServer;
import io.quartermaster.agent.server.FakeAgentServer.Answer;
import io.quartermaster.agent.server.FakeAgentServer.Report;
import io.quartermaster.agent.server.ServerProblem;
import io.quartermaster.agent.time.Sleeper;
import io.quartermaster.api.agent.AgentTaskView;
import io.quartermaster.api.agent.InventoryAck;
import io.quartermaster.api.agent.InventoryReport.SeenMachine;
import io.quartermaster.api.agent.Registration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole agent — registration, inventory, long poll, steps on the simulator — against the protocol over HTTP. */
class AgentEndToEndTest {

    @TempDir
    Path dir;

    private final UUID hostId = UUID.randomUUID();
    private final UUID machineId = UUID.randomUUID();
    private final FakeAgentServer server;
    private Agent agent;

    AgentEndToEndTest() throws Exception {
        server = new FakeAgentServer(new Registration.HostRef(hostId, "sim-host-01", "simulator"));
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        server.close();
    }

    @Test
    void registersKeepsItsCredentialAndReportsTheHostFirst() throws Exception {
        agent = start("");

        assertThat(server.registrations.poll().agentName()).isEqualTo("test-agent");
        Path credential = dir.resolve("agent-credential.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credential))).isEqualTo("rw-------");
        assertThat(Files.readString(credential)).contains(server.registration.credential());
        Report first = server.nextReport();
        assertThat(first.hostId()).isEqualTo(hostId);
        assertThat(first.report().epoch()).isZero();
        assertThat(first.report().facts().driver()).isEqualTo("simulator");
        assertThat(first.report().facts().cpuCount()).isEqualTo(16);
        assertThat(first.report().machines()).extracting(SeenMachine::name).containsExactly("legacy-db");
    }

    @Test
    void buildsAMachineStepByStepAnsweringEachDeliveryWithItsAttemptAndEpoch() throws Exception {
        agent = start("");
        server.nextReport();

        for (String step : List.of("Create-Volume", "Create-Machine", "Customize-Machine", "Start-Machine", "Wait-Running")) {
            AgentTaskView task = task(step, 3, 1);
            server.queued.add(task);
            Answer answer = server.nextAnswer();
            assertThat(answer.taskId()).isEqualTo(task.id());
            assertThat(answer.failure()).as(step + " failed").isNull();
            assertThat(answer.completion().attempt()).isEqualTo(3);
            assertThat(answer.completion().epoch()).isEqualTo(1);
        }

        var running = new SeenMachine(machineId, "dev-0001", "On", 2, 2048);
        Report after = reportWhere(r -> r.report().machines().contains(running));
        assertThat(after.report().facts()).isNull();
        assertThat(after.report().epoch()).isEqualTo(1);
        assertThat(after.report().machines()).extracting(SeenMachine::name).containsExactly("legacy-db", "dev-0001");
    }

    @Test
    void dropsAStaleTaskAndGoesOnWithTheNext() throws Exception {
        agent = start("");
        AgentTaskView stale = task("Create-Machine", 1, 1);
        server.staleTasks.add(stale.id());

        server.queued.add(stale);
        assertThat(server.nextAnswer().taskId()).isEqualTo(stale.id());
        AgentTaskView next = task("Start-Machine", 1, 1);
        server.queued.add(next);

        Answer answer = server.nextAnswer();
        assertThat(answer.taskId()).isEqualTo(next.id());
        assertThat(answer.completion()).isNotNull();
        assertThat(server.answers.poll(200, TimeUnit.MILLISECONDS)).as("the stale answer is not sent again").isNull();
    }

    @Test
    void reportsARetryableFailureAsRetryable() throws Exception {
        agent = start("driver.failure.rate.Start-Machine=1\n");
        server.queued.add(task("Create-Machine", 1, 1));
        server.nextAnswer();

        server.queued.add(task("Start-Machine", 2, 1));
        var failure = server.nextAnswer().failure();

        assertThat(failure.reason()).isEqualTo("SimulatedFailure");
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.attempt()).isEqualTo(2);
    }

    @Test
    void aBackupReportsButTakesNoTasksUntilItBecomesPrimary() throws Exception {
        server.ack = report -> new InventoryAck(false, 4, List.of());
        agent = start("inventory.interval=50ms\n");
        for (int i = 0; i < 3; i++) {
            assertThat(server.nextReport().report().facts()).as("facts until a primary's report is answered").isNotNull();
        }
        assertThat(server.polls).hasValue(0);

        server.ack = report -> new InventoryAck(true, 5, List.of());
        server.queued.add(task("Create-Machine", 1, 5));

        assertThat(server.nextAnswer().completion().epoch()).isEqualTo(5);
        assertThat(reportWhere(r -> r.report().facts() == null).report().epoch()).isEqualTo(5);
    }

    @Test
    void appliesPowerCorrectionsFromTheServer() throws Exception {
        agent = start("inventory.interval=50ms\n");
        server.queued.add(task("Create-Machine", 1, 1));
        server.nextAnswer();

        server.ack = report -> new InventoryAck(true, 1, List.of(new InventoryAck.PowerCorrection(machineId, "On")));

        reportWhere(r -> r.report().machines().contains(new SeenMachine(machineId, "dev-0001", "On", 2, 2048)));
    }

    @Test
    void stopsWhenTheServerRejectsTheKeptCredential() throws Exception {
        Files.writeString(dir.resolve("agent-credential.json"),
                "{\"agentId\":\"" + UUID.randomUUID() + "\",\"credential\":\"revoked\",\"hosts\":[{\"id\":\"" + hostId
                        + "\",\"name\":\"sim-host-01\",\"hypervisorType\":\"simulator\"}]}");

        assertThatThrownBy(() -> start(""))
                .isInstanceOfSatisfying(ServerProblem.class, p -> assertThat(p.isInvalidCredential()).isTrue());
    }

    @Test
    void refusesToStartWhenTheServerAssignedOtherHostsThanConfigured() {
        assertThatThrownBy(() -> start("hosts=kvm-01\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hosts is [kvm-01] but the server assigned [sim-host-01]");
    }

    private Agent start(String extra) throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, """
                server.url=%s
                bootstrap.token=%s
                agent.name=test-agent
                driver=simulator
                driver.unmanaged=legacy-db
                poll.wait=1s
                inventory.interval=1h
                """.formatted(server.url(), server.bootstrapToken) + extra);
        return Agent.start(AgentConfig.load(file), Clock.systemUTC(), Sleeper.REAL);
    }

    private Report reportWhere(Predicate<Report> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Report report = server.reports.poll(100, TimeUnit.MILLISECONDS);
            if (report != null && wanted.test(report)) {
                return report;
            }
        }
        throw new AssertionError("No such inventory report within 10 s");
    }

    private AgentTaskView task(String step, int attempt, long epoch) {
        Map<String, Object> parameters = Map.of("machineId", machineId.toString(), "name", "dev-0001",
                "hostId", hostId.toString(), "cpu", 2, "memoryMiB", 2048,
                "disks", List.of(Map.of("sizeGiB", 10, "role", "system")), "imageRef", "omni-3.2",
                "hypervisorType", "simulator", "properties", Map.of());
        return new AgentTaskView(UUID.randomUUID(), hostId, machineId, step, parameters, false, attempt, epoch,
                Instant.now().plusSeconds(60));
    }
}
