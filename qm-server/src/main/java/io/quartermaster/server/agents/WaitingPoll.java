package io.quartermaster.server.agents;

import io.quartermaster.api.agent.AgentTaskView;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's long poll on this node. While it waits, every signal for one of its hosts releases it, and a
 * transaction that queued a task for one of them may hand the task over to it directly (see
 * {@link TaskSignals}): it reserves the poll before it commits, then delivers the tasks it leased to the
 * agent once it has committed, or gives the poll back if it rolled back. The poll is open to that only while
 * it waits; it takes itself back ({@link #settle}) before it looks at the database or answers, waiting for a
 * reservation in flight to be resolved, so tasks are either in its answer or not leased to it at all.
 */
final class WaitingPoll {

    private static final Logger log = LoggerFactory.getLogger(WaitingPoll.class);

    /** How long a poll waits for a reserving transaction to end before it answers without its tasks. */
    static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);

    private enum State { LOOKING, OPEN, RESERVED, ABANDONED }

    /** The tasks a transaction leased to the poll's agent and handed over. */
    private record Delivered(List<AgentTaskView> tasks) {}

    private final AgentPrincipal agent;
    private final int max;
    private final Semaphore signals = new Semaphore(0);
    private final AtomicReference<Object> state = new AtomicReference<>(State.LOOKING);

    WaitingPoll(AgentPrincipal agent, int max) {
        this.agent = agent;
        this.max = max;
    }

    AgentPrincipal agent() {
        return agent;
    }

    /** How many tasks the poll asked for. */
    int max() {
        return max;
    }

    /** Waits up to {@code limit} for a signal, open to a hand-over meanwhile; true when a signal came. */
    boolean await(Duration limit) throws InterruptedException {
        state.compareAndSet(State.LOOKING, State.OPEN);
        boolean signalled = signals.tryAcquire(Math.max(0, limit.toNanos()), TimeUnit.NANOSECONDS);
        signals.drainPermits();
        return signalled;
    }

    /**
     * Takes the poll back after a wait: the tasks handed over to it meanwhile, or null when there were none
     * (then no transaction can hand it any until it waits again).
     */
    List<AgentTaskView> settle() throws InterruptedException {
        long giveUp = System.nanoTime() + SETTLE_LIMIT.toNanos();
        while (true) {
            Object current = state.get();
            if (current instanceof Delivered delivered) {
                state.set(State.LOOKING);
                return delivered.tasks();
            }
            if (current != State.RESERVED) {
                if (state.compareAndSet(current, State.LOOKING)) {
                    return null;
                }
                continue;
            }
            if (System.nanoTime() - giveUp > 0 && state.compareAndSet(State.RESERVED, State.ABANDONED)) {
                log.warn("A transaction handing tasks to agent {} did not end within {}; the poll answers without them"
                        + " (they are delivered again once their lock runs out)", agent.name(), SETTLE_LIMIT);
                return null;
            }
            // The reserving transaction is committing: its end releases the poll, or the next round looks again.
            signals.tryAcquire(10, TimeUnit.MILLISECONDS);
        }
    }

    /** Reserves the waiting poll for the calling transaction; false when it is not waiting or taken. */
    boolean reserve() {
        return state.compareAndSet(State.OPEN, State.RESERVED);
    }

    /** The reserving transaction committed with these tasks leased to the poll's agent. */
    void deliver(List<AgentTaskView> tasks) {
        if (!state.compareAndSet(State.RESERVED, new Delivered(tasks))) {
            log.warn("Agent {}'s poll answered before {} task(s) handed to it committed; they are delivered again once"
                    + " their lock runs out", agent.name(), tasks.size());
        }
        signals.release();
    }

    /** The reserving transaction handed nothing over, or rolled back: the poll waits on. */
    void release() {
        state.compareAndSet(State.RESERVED, State.OPEN);
    }

    /** A signal for one of the poll's hosts. */
    void signal() {
        signals.release();
    }
}
