package io.quartermaster.server.placement;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.tenancy.PlacementPolicy;
import io.quartermaster.server.capacity.Candidate;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The placement decision, in memory and without side effects: among the candidates the need fits in,
 * the lowest priority number wins; among equals, SPREAD takes the one left with the most room (share of
 * memory, then cpu, free after placing), PACK the one left with the least. Ties go to the lower
 * reservation id, so a decision is repeatable. One pass, no sorting: fast for thousands of candidates.
 */
public final class Placer {

    private Placer() {}

    public static Optional<Candidate> choose(Collection<Candidate> candidates, Amounts need, PlacementPolicy policy,
            Set<UUID> excluded) {
        Comparator<Candidate> better = preference(need, policy);
        Candidate best = null;
        for (Candidate candidate : candidates) {
            if (excluded.contains(candidate.reservationId()) || candidate.fits(need) < 1) {
                continue;
            }
            if (best == null || better.compare(candidate, best) < 0) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Orders candidates best first. */
    static Comparator<Candidate> preference(Amounts need, PlacementPolicy policy) {
        Comparator<Candidate> room = Comparator
                .comparingDouble((Candidate c) -> share(c.free().memoryMiB() - need.memoryMiB(), c.limit().memoryMiB()))
                .thenComparingDouble(c -> share(c.free().cpu() - need.cpu(), c.limit().cpu()));
        Comparator<Candidate> byPolicy = policy == PlacementPolicy.SPREAD ? room.reversed() : room;
        return Comparator.comparingInt(Candidate::priority).thenComparing(byPolicy)
                .thenComparing(Candidate::reservationId);
    }

    private static double share(long left, long limit) {
        return limit <= 0 ? 0 : (double) left / limit;
    }
}
