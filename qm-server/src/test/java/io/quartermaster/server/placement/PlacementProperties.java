package io.quartermaster.server.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.tenancy.PlacementPolicy;
import io.quartermaster.server.capacity.Candidate;
import io.quartermaster.server.capacity.Ratios;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The arithmetic of fitting and choosing, for any sizes: pure functions, so thousands of cases are cheap. */
class PlacementProperties {

    @Property
    void fitsCountsExactlyTheMachinesThatFit(@ForAll("candidates") Candidate candidate, @ForAll("needs") Amounts need) {
        long fits = candidate.fits(need);

        assertThat(fits).isBetween(0L, (long) Math.max(0, candidate.freeMachines()));
        if (fits > 0) {
            assertThat(times(need, fits).fitsIn(candidate.free())).isTrue();
        }
        boolean oneMoreFits = times(need, fits + 1).fitsIn(candidate.free()) && fits + 1 <= candidate.freeMachines();
        assertThat(oneMoreFits).isFalse();
    }

    @Property
    void placementOnlyChoosesACandidateThatFitsAndNoneWithALowerPriorityNumberFits(
            @ForAll("candidateLists") List<Candidate> candidates, @ForAll("needs") Amounts need,
            @ForAll PlacementPolicy policy) {
        Optional<Candidate> choice = Placer.choose(candidates, need, policy, Set.of());

        List<Candidate> fitting = candidates.stream().filter(c -> c.fits(need) >= 1).toList();
        assertThat(choice.isPresent()).isEqualTo(!fitting.isEmpty());
        choice.ifPresent(chosen -> {
            assertThat(chosen.fits(need)).isGreaterThanOrEqualTo(1);
            assertThat(fitting).allSatisfy(other -> assertThat(other.priority()).isGreaterThanOrEqualTo(chosen.priority()));
        });
    }

    @Property
    void theQuickFitTestAgreesWithCountingFits(@ForAll("candidates") Candidate candidate, @ForAll("needs") Amounts need) {
        assertThat(Placer.fitsOnce(candidate, need)).isEqualTo(candidate.fits(need) >= 1);
    }

    @Property
    void theChoiceIsTheSameWhateverTheOrderOfCandidates(@ForAll("candidateLists") List<Candidate> candidates,
            @ForAll("needs") Amounts need, @ForAll PlacementPolicy policy) {
        List<Candidate> reversed = new java.util.ArrayList<>(candidates);
        java.util.Collections.reverse(reversed);

        assertThat(Placer.choose(reversed, need, policy, Set.of())).isEqualTo(Placer.choose(candidates, need, policy, Set.of()));
    }

    @Property
    void anExcludedCandidateIsNeverChosen(@ForAll("candidateLists") List<Candidate> candidates,
            @ForAll("needs") Amounts need) {
        Optional<Candidate> first = Placer.choose(candidates, need, PlacementPolicy.SPREAD, Set.of());
        first.ifPresent(chosen -> assertThat(Placer.choose(candidates, need, PlacementPolicy.SPREAD,
                Set.of(chosen.reservationId()))).isNotEqualTo(Optional.of(chosen)));
    }

    @Property
    void anOvercommitRatioRoundsDownAndNeverShrinks(@ForAll @LongRange(max = 10_000_000) long amount,
            @ForAll @IntRange(min = 1000, max = 100_000) int ratioThousandths) {
        BigDecimal ratio = BigDecimal.valueOf(ratioThousandths, 3);

        long limit = Ratios.apply(amount, ratio);

        assertThat(limit).isGreaterThanOrEqualTo(amount);
        assertThat(BigDecimal.valueOf(limit)).isLessThanOrEqualTo(BigDecimal.valueOf(amount).multiply(ratio));
        assertThat(BigDecimal.valueOf(limit + 1)).isGreaterThan(BigDecimal.valueOf(amount).multiply(ratio));
    }

    @Property
    void percentUsedStaysWithinZeroAndAHundred(@ForAll @LongRange(max = 1_000_000) long used,
            @ForAll @LongRange(max = 1_000_000) long limit) {
        assertThat(Ratios.percent(used, limit)).isBetween(0, 100);
        if (used <= limit && limit > 0) {
            assertThat(Ratios.percent(used, limit) == 100).isEqualTo(used == limit || used * 100 > limit * 99);
        }
    }

    private static Amounts times(Amounts need, long n) {
        return new Amounts(need.cpu() * n, need.memoryMiB() * n, need.diskGiB() * n);
    }

    @Provide
    Arbitrary<Amounts> needs() {
        return Combinators.combine(Arbitraries.longs().between(0, 16), Arbitraries.longs().between(0, 65536),
                Arbitraries.longs().between(0, 500)).as(Amounts::new);
    }

    @Provide
    Arbitrary<Candidate> candidates() {
        Arbitrary<Amounts> free = Combinators.combine(Arbitraries.longs().between(-2, 64),
                Arbitraries.longs().between(-1024, 262144), Arbitraries.longs().between(-10, 4000)).as(Amounts::new);
        return Combinators.combine(Arbitraries.create(UUID::randomUUID), Arbitraries.integers().between(0, 5), free,
                Arbitraries.integers().between(-1, 50))
                .as((id, priority, room, slots) -> new Candidate(id, "r", UUID.randomUUID(), "h", priority,
                        new Amounts(64, 262144, 4000), room, slots));
    }

    @Provide
    Arbitrary<List<Candidate>> candidateLists() {
        return candidates().list().ofMaxSize(30);
    }
}
