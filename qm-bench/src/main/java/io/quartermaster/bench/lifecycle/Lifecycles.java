package io.quartermaster.bench.lifecycle;

import java.util.Map;

/**
 * What the benchmark drives through whole machine lives: the server (its real workflows, steps and
 * agent task queue) or raw Flowable running a process of the same shape with empty steps. Both are
 * driven by {@link LifecycleRun} in exactly the same way.
 */
interface Lifecycles extends AutoCloseable {

    /** Asks for one machine; it runs at once to its first wait for an agent. */
    void request();

    /** Asks for {@code machines} machines at once (one order of several where the subject has such orders). */
    default void request(int machines) {
        for (int i = 0; i < machines; i++) {
            request();
        }
    }

    /**
     * Plays the zero-latency agent of one worker's share of the hosts: answers with success what
     * waits for it now. Returns how many steps were answered (0: nothing waiting).
     */
    int answerAgentSteps(int worker);

    /** How many machines have reached each milestone so far. */
    Map<Milestone, Long> milestones();

    /** State changes recorded so far. */
    long transitions();

    /**
     * Transactions the benchmark's own looks at this subject ({@link #milestones}, {@link #transitions})
     * have made in the database so far, to be left out of the commit count.
     */
    long observerTransactions();

    /** The clock the timers fall due by; moving it fires them. */
    MovableClock clock();

    @Override
    void close();
}
