package io.quartermaster.agent.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.agent.driver.simulator.SimulatorDriver;
import io.quartermaster.agent.driver.simulator.SimulatorProvider;
import io.quartermaster.agent.hosts.HostRoster;
import io.quartermaster.agent.hosts.MachineLocks;
import io.quartermaster.agent.hosts.ServedHost;
import io.quartermaster.agent.server.AgentApiClient;
import io.quartermaster.agent.server.AgentJson;
import io.quartermaster.agent.server.FakeAgentServer;
import io.quartermaster.agent.steps.StepCatalog;
import io.quartermaster.agent.steps.StepSettings;
import io.quartermaster.agent.tasks.TaskRunner.Outcome;
import io.quartermaster.agent.time.MutableClock;
import io.quartermaster.agent.time.SteppedSleeper;
import io.quartermaster.api.agent.AgentTaskView;
import io.quartermaster.api.agent.Registration;
import io.quartermaster.api.agent.TaskLeaseExtension;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One task, from lease to report, against the protocol served over HTTP. */
class TaskRunnerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final UUID hostId = UUID.randomUUID();
    private final UUID machineId = UUID.randomUUID();
    private final FakeAgentServer server;
    private final AgentApiClient api;
    private final AtomicInteger changes = new AtomicInteger();
    private final SteppedSleeper leaseSleeper = new SteppedSleeper(clock);
    private final CountDownLatch stepMayEnd = new CountDownLatch(1);
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private SimulatorDriver driver;

    TaskRunnerTest() throws Exception {
        server = new FakeAgentServer(new Registration.HostRef(hostId, "sim-host-01", "simulator"));
        api = new AgentApiClient(server.url(), AgentJson.mapper(), "test");
        api.useCredential(server.registration.credential());
    }

    @AfterEach
    void stop() {
        stepMayEnd.countDown();
        background.shutdownNow();
        server.close();
    }

    @Test
    void completesATaskWithItsAttemptAndEpochAndAsksForAnInventory() throws Exception {
        TaskRunner runner = runner(Map.of(), true);

        Outcome outcome = runner.run(task("Create-Machine", 2, 9));

        assertThat(outcome).isEqualTo(Outcome.Completed);
        FakeAgentServer.Answer answer = server.nextAnswer();
        assertThat(answer.completion().attempt()).isEqualTo(2);
        assertThat(answer.completion().epoch()).isEqualTo(9);
        assertThat(answer.completion().result()).containsEntry("power", "Off").containsEntry("name", "dev-0001");
        assertThat(changes).hasValue(1);
    }

    @Test
    void aCompletionAsksForTheNextTaskAndPassesOnWhatTheServerHandsOver() throws Exception {
        TaskRunner runner = runner(Map.of(), true);
        AgentTaskView next = task("Customize-Machine", 1, 9);
        server.handedOnCompletion.add(next);
        List<AgentTaskView> handed = new java.util.ArrayList<>();

        assertThat(runner.run(task("Create-Machine", 1, 9), 1, handed::addAll)).isEqualTo(Outcome.Completed);

        assertThat(server.nextAnswer().completion().takeNext()).isEqualTo(1);
        assertThat(handed).containsExactly(next);
        // Nothing handed over (the last step of a build): nothing passed on.
        handed.clear();
        assertThat(runner.run(next, 1, handed::addAll)).isEqualTo(Outcome.Completed);
        assertThat(handed).isEmpty();
    }

    @Test
    void withoutTakeNextACompletionAsksForNothing() throws Exception {
        TaskRunner runner = runner(Map.of(), true);
        server.handedOnCompletion.add(task("Customize-Machine", 1, 9));

        assertThat(runner.run(task("Create-Machine", 1, 9))).isEqualTo(Outcome.Completed);

        assertThat(server.nextAnswer().completion().takeNext()).isNull();
        assertThat(server.handedOnCompletion).hasSize(1);
    }

    @Test
    void aStaleTaskAnswerIsDroppedNotRetried() throws Exception {
        TaskRunner runner = runner(Map.of(), true);
        AgentTaskView task = task("Create-Machine", 1, 1);
        server.staleTasks.add(task.id());

        assertThat(runner.run(task)).isEqualTo(Outcome.Dropped);
        assertThat(server.answers).hasSize(1);
    }

    @Test
    void aRetryableFailureIsReportedAsRetryable() throws Exception {
        TaskRunner runner = runner(Map.of("failure.rate.Create-Machine", "1"), true);

        assertThat(runner.run(task("Create-Machine", 1, 4))).isEqualTo(Outcome.Failed);

        var failure = server.nextAnswer().failure();
        assertThat(failure.reason()).isEqualTo("SimulatedFailure");
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.attempt()).isEqualTo(1);
        assertThat(failure.epoch()).isEqualTo(4);
    }

    @Test
    void aTerminalFailureIsReportedAsTerminal() throws Exception {
        TaskRunner runner = runner(Map.of("failure.rate.Create-Machine", "1", "failure.retryable", "false"), true);

        runner.run(task("Create-Machine", 1, 1));

        assertThat(server.nextAnswer().failure().retryable()).isFalse();
    }

    @Test
    void afterACrashNothingIsReportedAndTheNextDeliveryFinishesTheJob() throws Exception {
        driver = SimulatorProvider.create(Map.of(), clock, clock);
        var hypervisor = new CrashOnceDriver(driver);
        TaskRunner runner = new TaskRunner(roster(hypervisor, true), new MachineLocks(), api, quickSteps(api),
                changes::incrementAndGet, clock, clock);
        AgentTaskView first = task("Create-Machine", 1, 1);

        assertThat(runner.run(first)).isEqualTo(Outcome.Unreported);
        assertThat(server.answers).isEmpty();

        // The lease ran out unanswered, so the server delivers the task again as attempt 2.
        AgentTaskView again = new AgentTaskView(first.id(), hostId, machineId, first.step(), first.parameters(), false, 2,
                1, first.leaseUntil());
        assertThat(runner.run(again)).isEqualTo(Outcome.Completed);
        assertThat(server.nextAnswer().completion().attempt()).isEqualTo(2);
        assertThat(driver.list()).singleElement().satisfies(m -> assertThat(m.id()).isEqualTo(machineId));
    }

    @Test
    void aBackupRunsNothingAndReportsNothing() {
        TaskRunner runner = runner(Map.of(), false);

        assertThat(runner.run(task("Create-Machine", 1, 1))).isEqualTo(Outcome.NotPrimary);
        assertThat(driver.list()).isEmpty();
        assertThat(server.answers).isEmpty();
    }

    @Test
    void aTaskForAHostThisAgentDoesNotServeFails() throws Exception {
        TaskRunner runner = runner(Map.of(), true);
        var task = new AgentTaskView(UUID.randomUUID(), UUID.randomUUID(), machineId, "Start-Machine", Map.of(), false, 1,
                1, clock.instant().plusSeconds(60));

        assertThat(runner.run(task)).isEqualTo(Outcome.Failed);
        assertThat(server.nextAnswer().failure().reason()).isEqualTo("HostNotServed");
    }

    @Test
    void anUnreachableServerIsTriedUntilTheLeaseRunsOut() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var nowhere = new AgentApiClient(URI.create("http://127.0.0.1:" + port), AgentJson.mapper(), "test");
        nowhere.useCredential("x");
        driver = SimulatorProvider.create(Map.of(), clock, clock);
        TaskRunner runner = new TaskRunner(roster(true), new MachineLocks(), nowhere, quickSteps(nowhere),
                changes::incrementAndGet, clock, clock);

        Outcome outcome = runner.run(task("Create-Machine", 1, 1));

        assertThat(outcome).isEqualTo(Outcome.Unreported);
        assertThat(clock.instant()).isAfterOrEqualTo(Instant.parse("2030-01-01T00:00:03Z")); // backed off 1 s, then 2 s
    }

    @Test
    void whileALongStepRunsItsLeaseIsExtendedAtHalfOfWhatRemainsAndNoLongerOnceItEnds() throws Exception {
        server.extendTo = extension -> clock.instant().plus(Duration.ofMinutes(3));
        TaskRunner runner = longStepRunner();
        AgentTaskView task = task("Create-Machine", 2, 7, Duration.ofMinutes(5));

        Future<Outcome> running = background.submit(() -> runner.run(task));

        assertThat(leaseSleeper.nextSleep()).isEqualTo(Duration.ofSeconds(150)); // half of the five minutes
        leaseSleeper.endSleep();
        FakeAgentServer.Extension extension = server.nextExtension();
        assertThat(extension.taskId()).isEqualTo(task.id());
        assertThat(extension.extension()).isEqualTo(new TaskLeaseExtension(2, 7));
        assertThat(leaseSleeper.nextSleep()).isEqualTo(Duration.ofSeconds(90)); // half of the three minutes given

        stepMayEnd.countDown();
        assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.Completed);
        assertThat(server.nextAnswer().completion().attempt()).isEqualTo(2);
        assertThat(server.extensions).isEmpty();
        assertThat(leaseSleeper.pending()).isZero();
    }

    @Test
    void anExtensionThatDoesNotGetThroughIsTriedAgainSooner() throws Exception {
        server.extensionOutages.set(1);
        TaskRunner runner = longStepRunner();
        AgentTaskView task = task("Create-Machine", 1, 1, Duration.ofMinutes(5));

        Future<Outcome> running = background.submit(() -> runner.run(task));

        assertThat(leaseSleeper.nextSleep()).isEqualTo(Duration.ofSeconds(150));
        leaseSleeper.endSleep();
        server.nextExtension(); // answered 503
        assertThat(leaseSleeper.nextSleep()).isEqualTo(Duration.ofSeconds(75)); // half of the 150 s left
        leaseSleeper.endSleep();
        server.nextExtension(); // extended
        stepMayEnd.countDown();
        assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.Completed);
    }

    /** Create-Machine lasts until the test counts {@link #stepMayEnd} down; leases wait on {@link #leaseSleeper}. */
    private TaskRunner longStepRunner() {
        driver = SimulatorProvider.create(Map.of("latency.Create-Machine", "1s"), duration -> stepMayEnd.await(), clock);
        return new TaskRunner(roster(true), new MachineLocks(), api, new LeaseKeeper(api, clock, leaseSleeper),
                changes::incrementAndGet, clock, clock);
    }

    private TaskRunner runner(Map<String, String> knobs, boolean primary) {
        driver = SimulatorProvider.create(knobs, clock, clock);
        return new TaskRunner(roster(primary), new MachineLocks(), api, quickSteps(api), changes::incrementAndGet, clock,
                clock);
    }

    /** For steps that end at once: its first wait never ends, so it never extends anything. */
    private LeaseKeeper quickSteps(AgentApiClient client) {
        return new LeaseKeeper(client, clock, new SteppedSleeper(clock));
    }

    private HostRoster roster(boolean primary) {
        return roster(driver, primary);
    }

    private HostRoster roster(io.quartermaster.agent.driver.Driver driver, boolean primary) {
        var steps = StepCatalog.forDriver(driver, StepSettings.defaults(), AgentJson.mapper(), clock, clock);
        var host = new ServedHost(hostId, "sim-host-01", driver, steps);
        var roster = new HostRoster(List.of(host));
        roster.acknowledge(host, primary, 1, true);
        return roster;
    }

    private AgentTaskView task(String step, int attempt, long epoch) {
        return task(step, attempt, epoch, Duration.ofSeconds(3));
    }

    private AgentTaskView task(String step, int attempt, long epoch, Duration lease) {
        return new AgentTaskView(UUID.randomUUID(), hostId, machineId, step,
                Map.of("machineId", machineId.toString(), "name", "dev-0001", "cpu", 1, "memoryMiB", 512), false,
                attempt, epoch, clock.instant().plus(lease));
    }
}
