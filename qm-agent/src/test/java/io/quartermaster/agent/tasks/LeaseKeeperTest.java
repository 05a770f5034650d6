package io.quartermaster.agent.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.agent.server.AgentApiClient;
import io.quartermaster.agent.server.AgentJson;
import io.quartermaster.agent.server.FakeAgentServer;
import io.quartermaster.agent.time.MutableClock;
import io.quartermaster.agent.time.SteppedSleeper;
import io.quartermaster.api.agent.AgentTaskView;
import io.quartermaster.api.agent.Registration;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Extending a running task's lease; how it goes along with a step is in {@link TaskRunnerTest}. */
class LeaseKeeperTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final SteppedSleeper sleeper = new SteppedSleeper(clock);
    private final UUID hostId = UUID.randomUUID();
    private final FakeAgentServer server;
    private final LeaseKeeper keeper;

    LeaseKeeperTest() throws Exception {
        server = new FakeAgentServer(new Registration.HostRef(hostId, "sim-host-01", "simulator"));
        var api = new AgentApiClient(server.url(), AgentJson.mapper(), "test");
        api.useCredential(server.registration.credential());
        keeper = new LeaseKeeper(api, clock, sleeper);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRefusedExtensionEndsTheExtending() throws Exception {
        AgentTaskView task = task(clock.instant().plus(Duration.ofMinutes(5)));
        server.staleTasks.add(task.id());

        try (var keeping = keeper.keep(task)) {
            sleeper.nextSleep();
            sleeper.endSleep();
            server.nextExtension(); // StaleTask: another delivery owns the task now

            assertThat(keeping.awaitEnd(Duration.ofSeconds(10))).as("ended without being closed").isTrue();
            assertThat(sleeper.pending()).isZero();
        }
    }

    @Test
    void aTaskWithoutALeaseIsNotExtended() throws Exception {
        try (var keeping = keeper.keep(task(null))) {
            assertThat(keeping.awaitEnd(Duration.ZERO)).isTrue();
        }
        assertThat(sleeper.pending()).isZero();
    }

    @Test
    void aLeaseAtOrPastItsEndIsAskedForEverySecond() {
        Instant now = clock.instant();

        assertThat(LeaseKeeper.nextWait(now.plus(Duration.ofMinutes(5)), now)).isEqualTo(Duration.ofSeconds(150));
        assertThat(LeaseKeeper.nextWait(now.plusSeconds(1), now)).isEqualTo(LeaseKeeper.MIN_WAIT);
        assertThat(LeaseKeeper.nextWait(now.minusSeconds(30), now)).isEqualTo(LeaseKeeper.MIN_WAIT);
    }

    private AgentTaskView task(Instant leaseUntil) {
        return new AgentTaskView(UUID.randomUUID(), hostId, UUID.randomUUID(), "Create-Machine", Map.of(), false, 1, 1,
                leaseUntil);
    }
}
