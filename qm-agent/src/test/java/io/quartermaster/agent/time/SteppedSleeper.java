package io.quartermaster.agent.time;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Sleeper} the test drives, for code that waits on a thread of its own: each sleep is announced
 * ({@link #nextSleep}) and lasts until the test ends it ({@link #endSleep}, which moves the clock by the
 * sleep's length) or the sleeping thread is interrupted. A sleep the test never ends lasts until then.
 */
public final class SteppedSleeper implements Sleeper {

    private final MutableClock clock;
    private final BlockingQueue<Duration> asked = new LinkedBlockingQueue<>();
    private final Semaphore ends = new Semaphore(0);

    public SteppedSleeper(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        asked.add(duration);
        ends.acquire();
        clock.advance(duration);
    }

    /** The length of the next sleep begun, waiting up to ten seconds for it. */
    public Duration nextSleep() throws InterruptedException {
        Duration duration = asked.poll(10, TimeUnit.SECONDS);
        if (duration == null) {
            throw new AssertionError("No sleep began within 10 s");
        }
        return duration;
    }

    /** Sleeps begun and not yet taken by {@link #nextSleep}. */
    public int pending() {
        return asked.size();
    }

    /** Ends the sleep going on now (or the next one to begin). */
    public void endSleep() {
        ends.release();
    }
}
