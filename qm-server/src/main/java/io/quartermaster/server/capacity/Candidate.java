package io.quartermaster.server.capacity;

import io.quartermaster.api.capacity.Amounts;
import java.util.UUID;

/**
 * A reservation placement may use, as it stood when read: its priority (lower first) and what is free
 * in it. The numbers may be stale by the time a claim is taken; the claim itself re-checks them.
 */
public record Candidate(UUID reservationId, String reservationName, UUID hostId, String hostName, int priority,
        Amounts limit, Amounts free, int freeMachines) {

    /** How many machines of this size still fit, counting machine slots too. */
    public long fits(Amounts need) {
        long fit = freeMachines;
        fit = Math.min(fit, per(free.cpu(), need.cpu()));
        fit = Math.min(fit, per(free.memoryMiB(), need.memoryMiB()));
        fit = Math.min(fit, per(free.diskGiB(), need.diskGiB()));
        return Math.max(0, fit);
    }

    /** An overdrawn resource (free below zero, e.g. after a lower overcommit ratio) fits nothing, as in the database. */
    private static long per(long free, long each) {
        if (free < 0) {
            return 0;
        }
        return each <= 0 ? Long.MAX_VALUE : free / each;
    }
}
