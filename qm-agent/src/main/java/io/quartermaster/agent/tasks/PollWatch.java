package io.quartermaster.agent.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether this agent has kept a long poll waiting at the server: a server that counts waiting polls as the
 * heartbeat renews the agent's hosts only while one waits there. The inventory reporter leaves out a report
 * with nothing new only when polls have been waiting throughout (one after the other, with no gap longer than
 * {@link #GAP}); an agent busy with all its task slots, or cut off from the server, does not poll, and reports.
 */
public final class PollWatch {

    /** Longer than the pause between one poll's answer and the next poll; shorter than any backoff. */
    static final Duration GAP = Duration.ofSeconds(2);

    private final Clock clock;
    private Instant streakSince;
    private Instant lastEnded;
    private boolean polling;

    public PollWatch(Clock clock) {
        this.clock = clock;
    }

    /** A poll is on its way to the server. */
    public synchronized void started() {
        Instant now = clock.instant();
        if (streakSince == null || lastEnded == null || lastEnded.plus(GAP).isBefore(now)) {
            streakSince = now;
        }
        polling = true;
    }

    /** {@code answered}: the server answered (a failed call does not count as a poll waiting there). */
    public synchronized void ended(boolean answered) {
        polling = false;
        lastEnded = clock.instant();
        if (!answered) {
            streakSince = null;
        }
    }

    /** True when polls have been waiting at the server, one after the other, for the whole of {@code period}. */
    public synchronized boolean waitingThroughout(Duration period) {
        Instant now = clock.instant();
        boolean stillGoing = polling || (lastEnded != null && !lastEnded.plus(GAP).isBefore(now));
        return stillGoing && streakSince != null && !streakSince.plus(period).isAfter(now);
    }
}
