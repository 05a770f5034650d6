package io.quartermaster.agent.tasks;

import io.quartermaster.agent.driver.SimulatedCrash;
import io.quartermaster.agent.hosts.HostRoster;
import io.quartermaster.agent.hosts.MachineLocks;
import io.quartermaster.agent.hosts.ServedHost;
import io.quartermaster.agent.server.AgentApiClient;
import io.quartermaster.agent.server.ServerProblem;
import io.quartermaster.agent.server.ServerUnreachable;
import io.quartermaster.agent.steps.StepFailure;
import io.quartermaster.agent.steps.StepTask;
import io.quartermaster.agent.time.Backoff;
import io.quartermaster.agent.time.Sleeper;
import io.quartermaster.api.agent.AgentTaskView;
import io.quartermaster.api.agent.TaskCompletion;
import io.quartermaster.api.agent.TaskFailure;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs one leased task through its host's step handlers and reports the result with the task's attempt and
 * epoch (a completion together with others ready at the same moment, see {@link ResultSender}); while the step runs (and waits for its machine) the {@link LeaseKeeper} extends the task's lease.
 * The agent keeps nothing about a task on disk: if it dies before reporting, the server delivers the
 * task again when the lease runs out, and the idempotent step finishes the job.
 */
public final class TaskRunner {

    /** How a task ended, as far as this agent is concerned. */
    public enum Outcome {
        /** Reported done. */
        Completed,
        /** Reported failed, with whether a retry may help. */
        Failed,
        /** The server refused the result (StaleTask, NotFound): another delivery owns the task now. */
        Dropped,
        /** Not reported: the agent "crashed" or could not reach the server before the lease ran out. */
        Unreported,
        /** Not run: this agent is not the host's primary. */
        NotPrimary
    }

    private static final System.Logger log = System.getLogger(TaskRunner.class.getName());
    private static final int MAX_REASON = 100;
    private static final int MAX_MESSAGE = 2000;
    private static final int MAX_REPORT_TRIES = 6;

    private final HostRoster roster;
    private final MachineLocks locks;
    private final AgentApiClient api;
    private final ResultSender results;
    private final LeaseKeeper leases;
    private final Runnable afterChange;
    private final Clock clock;
    private final Sleeper sleeper;

    /** {@code afterChange} is told after every task that ran, so the inventory goes out at once. */
    public TaskRunner(HostRoster roster, MachineLocks locks, AgentApiClient api, LeaseKeeper leases,
            Runnable afterChange, Clock clock, Sleeper sleeper) {
        this.roster = roster;
        this.locks = locks;
        this.api = api;
        this.results = new ResultSender(api);
        this.leases = leases;
        this.afterChange = afterChange;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public Outcome run(AgentTaskView task) {
        return run(task, 0, handed -> { });
    }

    /**
     * Runs the task; a completion asks the server for up to {@code takeNext} tasks in its answer (the
     * workflow's next host step, usually), and those it hands over, leased to this agent, go to
     * {@code handedOver}, which must run them as if a poll had brought them.
     */
    public Outcome run(AgentTaskView task, int takeNext, Consumer<List<AgentTaskView>> handedOver) {
        ServedHost host = roster.host(task.hostId()).orElse(null);
        if (host == null) {
            return report(task, new StepFailure("HostNotServed", "This agent does not serve host " + task.hostId()
                    + "; register it again to pick up a changed set of hosts.", false));
        }
        if (!host.primary()) {
            log.log(Level.INFO, "Not running {0} of machine {1}: this agent is not the primary of host {2}",
                    task.step(), task.machineId(), host);
            return Outcome.NotPrimary;
        }
        var stepTask = new StepTask(task.id(), task.step(), task.machineId(), task.parameters(), task.undo());
        UUID lockKey = task.machineId() != null ? task.machineId() : task.id();
        try {
            Map<String, Object> result;
            try (var keeping = leases.keep(task)) {
                result = locks.withLock(lockKey, () -> host.steps().run(stepTask));
            }
            return report(task, result, takeNext, handedOver);
        } catch (StepFailure failure) {
            return report(task, failure);
        } catch (SimulatedCrash crash) {
            log.log(Level.WARNING, "{0}; not reporting task {1}, as a dead agent would not", crash.getMessage(), task.id());
            return Outcome.Unreported;
        } finally {
            afterChange.run();
        }
    }

    private Outcome report(AgentTaskView task, Map<String, Object> result, int takeNext,
            Consumer<List<AgentTaskView>> handedOver) {
        var completion = new TaskCompletion(task.attempt(), task.epoch(), result, takeNext > 0 ? takeNext : null);
        List<AgentTaskView> handed = new ArrayList<>();
        Outcome outcome = deliver(task, Outcome.Completed, () -> handed.addAll(results.complete(task.id(), completion).tasks()));
        if (!handed.isEmpty()) {
            handedOver.accept(List.copyOf(handed));
        }
        return outcome;
    }

    private Outcome report(AgentTaskView task, StepFailure failure) {
        log.log(Level.INFO, "{0} of machine {1} failed ({2}, {3}): {4}", task.step(), task.machineId(), failure.reason(),
                failure.retryable() ? "retryable" : "for good", failure.getMessage());
        var body = new TaskFailure(task.attempt(), task.epoch(), clip(failure.reason(), MAX_REASON),
                clip(failure.getMessage(), MAX_MESSAGE), failure.retryable());
        return deliver(task, Outcome.Failed, () -> api.fail(task.id(), body));
    }

    /** Sends a result, trying again while the server is unreachable and the lease may still hold. */
    private Outcome deliver(AgentTaskView task, Outcome outcome, Runnable send) {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(15), sleeper);
        for (int tries = 1; ; tries++) {
            try {
                send.run();
                return outcome;
            } catch (ServerProblem problem) {
                if (problem.isInvalidCredential()) {
                    throw problem;
                }
                log.log(Level.INFO, "Dropping the result of {0} for machine {1} (task {2}, attempt {3}): {4}",
                        task.step(), task.machineId(), task.id(), task.attempt(), problem.getMessage());
                return Outcome.Dropped;
            } catch (ServerUnreachable unreachable) {
                boolean leaseOver = task.leaseUntil() != null && !clock.instant().isBefore(task.leaseUntil());
                if (leaseOver || tries >= MAX_REPORT_TRIES) {
                    log.log(Level.WARNING, "Could not report task {0} ({1}); the server will deliver it again: {2}",
                            task.id(), task.step(), unreachable.getMessage());
                    return Outcome.Unreported;
                }
                try {
                    backoff.pause();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Outcome.Unreported;
                }
            }
        }
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
