package io.quartermaster.agent.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.agent.driver.simulator.SimulatorProvider;
import io.quartermaster.agent.hosts.HostRoster;
import io.quartermaster.agent.hosts.MachineLocks;
import io.quartermaster.agent.hosts.ServedHost;
import io.quartermaster.agent.server.AgentApiClient;
import io.quartermaster.agent.server.AgentJson;
import io.quartermaster.agent.server.FakeAgentServer;
import io.quartermaster.agent.steps.StepCatalog;
import io.quartermaster.agent.steps.StepSettings;
import io.quartermaster.agent.time.MutableClock;
import io.quartermaster.agent.time.SteppedSleeper;
import io.quartermaster.api.agent.AgentTaskView;
import io.quartermaster.api.agent.Registration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poll loop: tasks from a poll, and the ones the server hands over in the answers to their results. */
class TaskPollerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final UUID hostId = UUID.randomUUID();
    private final UUID machineId = UUID.randomUUID();
    private final FakeAgentServer server;
    private final AgentApiClient api;
    private final TaskPoller poller;

    TaskPollerTest() throws Exception {
        server = new FakeAgentServer(new Registration.HostRef(hostId, "sim-host-01", "simulator"));
        api = new AgentApiClient(server.url(), AgentJson.mapper(), "test");
        api.useCredential(server.registration.credential());
        var driver = SimulatorProvider.create(Map.of(), clock, clock);
        var host = new ServedHost(hostId, "sim-host-01", driver,
                StepCatalog.forDriver(driver, StepSettings.defaults(), AgentJson.mapper(), clock, clock));
        var roster = new HostRoster(List.of(host));
        roster.acknowledge(host, true, 1, true);
        var runner = new TaskRunner(roster, new MachineLocks(), api, new LeaseKeeper(api, clock, new SteppedSleeper(clock)),
                () -> { }, clock, clock);
        poller = new TaskPoller(roster, api, runner, Duration.ofSeconds(1), 1, clock, new PollWatch(clock));
    }

    @AfterEach
    void stop() throws Exception {
        poller.close(Duration.ofSeconds(5));
        server.close();
    }

    @Test
    void theTasksHandedOverWithAResultRunOneAfterAnotherWithoutAnotherPoll() throws Exception {
        AgentTaskView create = task("Create-Machine");
        AgentTaskView start = task("Start-Machine");
        AgentTaskView stop = task("Stop-Machine");
        server.queued.add(create);
        server.handedOnCompletion.addAll(List.of(start, stop));

        poller.pollOnce();

        FakeAgentServer.Answer first = server.nextAnswer();
        assertThat(first.taskId()).isEqualTo(create.id());
        assertThat(first.completion().takeNext()).isEqualTo(1);
        assertThat(server.nextAnswer().taskId()).isEqualTo(start.id());
        assertThat(server.nextAnswer().taskId()).isEqualTo(stop.id());
        assertThat(server.polls).hasValue(1);
    }

    private AgentTaskView task(String step) {
        return new AgentTaskView(UUID.randomUUID(), hostId, machineId, step,
                Map.of("machineId", machineId.toString(), "name", "dev-0001", "cpu", 1, "memoryMiB", 512), false, 1, 1,
                clock.instant().plusSeconds(60));
    }
}
