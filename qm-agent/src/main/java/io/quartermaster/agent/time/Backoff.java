package io.quartermaster.agent.time;

import java.time.Duration;

/** Waits that double after each failure, up to a cap, and start small again after a success. */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final Sleeper sleeper;
    private Duration next;

    public Backoff(Duration initial, Duration max, Sleeper sleeper) {
        this.initial = initial;
        this.max = max;
        this.sleeper = sleeper;
        this.next = initial;
    }

    /** Waits the current pause and doubles the next one; returns how long it waited. */
    public synchronized Duration pause() throws InterruptedException {
        Duration now = next;
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
        sleeper.sleep(now);
        return now;
    }

    public synchronized void reset() {
        next = initial;
    }
}
