package io.quartermaster.agent.tasks;

import io.quartermaster.agent.server.AgentApiClient;
import io.quartermaster.agent.server.ServerProblem;
import io.quartermaster.agent.server.ServerUnreachable;
import io.quartermaster.agent.time.Sleeper;
import io.quartermaster.api.agent.AgentTaskView;
import io.quartermaster.api.agent.TaskLeaseExtension;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a task's lease while its step runs: a step may take longer than the server's task lock, and a
 * lease that runs out has the task delivered again while this delivery still works on it. Each extension
 * is asked for when half of the remaining lease has passed (by this agent's clock), so a failed call leaves
 * time to try again, more often as the end nears. A refusal (StaleTask, NotFound) ends the keeping: the
 * delivery is no longer this agent's, the step goes on and its result will be refused in turn.
 */
public final class LeaseKeeper {

    /** Waits never shorter than this, so a lease at its end (or past it) is not asked for in a tight loop. */
    static final Duration MIN_WAIT = Duration.ofSeconds(1);

    private static final System.Logger log = System.getLogger(LeaseKeeper.class.getName());

    private final AgentApiClient api;
    private final Clock clock;
    private final Sleeper sleeper;

    public LeaseKeeper(AgentApiClient api, Clock clock, Sleeper sleeper) {
        this.api = api;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Extends the task's lease on a thread of its own until the returned handle is closed. */
    public Keeping keep(AgentTaskView task) {
        if (task.leaseUntil() == null) {
            return new Keeping(null); // no lease to time the extensions by
        }
        return new Keeping(Thread.ofVirtual().name("lease-" + task.id()).start(() -> extendUntilStopped(task)));
    }

    /** The extending of one task's lease; closing it stops the extending and waits until it has stopped. */
    public static final class Keeping implements AutoCloseable {

        private final Thread keeper;

        private Keeping(Thread keeper) {
            this.keeper = keeper;
        }

        @Override
        public void close() {
            if (keeper == null) {
                return;
            }
            keeper.interrupt();
            try {
                keeper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits up to {@code timeout} for the extending to end by itself (a refusal); says whether it did. */
        boolean awaitEnd(Duration timeout) throws InterruptedException {
            return keeper == null || keeper.join(timeout);
        }
    }

    private void extendUntilStopped(AgentTaskView task) {
        var extension = new TaskLeaseExtension(task.attempt(), task.epoch());
        Instant leaseUntil = task.leaseUntil();
        boolean failing = false;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                sleeper.sleep(nextWait(leaseUntil, clock.instant()));
            } catch (InterruptedException stopped) {
                return;
            }
            if (Thread.currentThread().isInterrupted()) { // a sleeper need not notice the interrupt
                return;
            }
            try {
                leaseUntil = api.extend(task.id(), extension).leaseUntil();
                failing = false;
            } catch (ServerProblem refused) {
                log.log(Level.INFO, "The server did not extend the lease of task {0} ({1}, attempt {2}): {3}",
                        task.id(), task.step(), task.attempt(), refused.getMessage());
                return;
            } catch (ServerUnreachable unreachable) {
                if (!failing && !Thread.currentThread().isInterrupted()) {
                    log.log(Level.WARNING, "Could not extend the lease of task {0} ({1}); trying again: {2}", task.id(),
                            task.step(), unreachable.getMessage());
                }
                failing = true; // said once per run of failures, not at every try
            }
        }
    }

    /** Half of what remains of the lease, but at least {@link #MIN_WAIT}. */
    static Duration nextWait(Instant leaseUntil, Instant now) {
        Duration half = Duration.between(now, leaseUntil).dividedBy(2);
        return half.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : half;
    }
}
