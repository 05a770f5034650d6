package io.quartermaster.server.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.capacity.ClaimView;
import io.quartermaster.server.QuartermasterServer;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.support.TestDatabase;
import io.quartermaster.server.tenancy.TenancySeeder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.opentest4j.TestAbortedException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Any sequence of claims, compute releases, compute reclaims and releases on a reservation, run on the
 * real database: after every step the reservation's counters equal what a simple model says, equal
 * the sum of its live claims, and never exceed its limits; each operation succeeds exactly when the
 * model says it should.
 */
@Tag("database")
class ClaimArithmeticProperties {

    private static ConfigurableApplicationContext server;
    private static CapacityService capacity;
    private static CapacitySeeder capacitySeeder;
    private static TenancySeeder tenancySeeder;
    private static JdbcClient jdbc;
    private static UUID tenant;

    enum Kind { TAKE, RELEASE_COMPUTE, RECLAIM_COMPUTE, RELEASE }

    record Step(Kind kind, int index, Amounts need) {}

    /** What the reservation should look like: its limits and each claim as taken. */
    static final class Model {
        final Amounts limit;
        final int maxMachines;
        final List<Amounts> sizes = new ArrayList<>();
        final List<Boolean> computeHeld = new ArrayList<>();
        final List<Boolean> released = new ArrayList<>();

        Model(Amounts limit, int maxMachines) {
            this.limit = limit;
            this.maxMachines = maxMachines;
        }

        Amounts claimed() {
            Amounts sum = Amounts.ZERO;
            for (int i = 0; i < sizes.size(); i++) {
                if (!released.get(i)) {
                    Amounts size = sizes.get(i);
                    sum = sum.plus(computeHeld.get(i) ? size : new Amounts(0, 0, size.diskGiB()));
                }
            }
            return sum;
        }

        long machines() {
            return released.stream().filter(r -> !r).count();
        }

        boolean fits(Amounts need) {
            return claimed().plus(need).fitsIn(limit) && machines() + 1 <= maxMachines;
        }

        boolean computeFits(Amounts size) {
            return claimed().plus(new Amounts(size.cpu(), size.memoryMiB(), 0)).fitsIn(limit);
        }
    }

    @BeforeContainer
    static void startServer() {
        String skip = TestDatabase.Availability.reasonToSkip();
        if (skip != null) {
            throw new TestAbortedException(skip);
        }
        server = new SpringApplicationBuilder(QuartermasterServer.class).initializers(new TestDatabase())
                .profiles("test").run("--server.port=0");
        capacity = server.getBean(CapacityService.class);
        capacitySeeder = server.getBean(CapacitySeeder.class);
        tenancySeeder = server.getBean(TenancySeeder.class);
        jdbc = server.getBean(JdbcClient.class);
        tenant = tenancySeeder.tenant("properties", "Properties");
    }

    @AfterContainer
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Property(tries = 40)
    void countersFollowTheModelAndNeverExceedTheReservation(@ForAll("limits") Amounts limit,
            @ForAll("machineLimits") int maxMachines, @ForAll("steps") List<Step> steps) {
        String name = "p-" + UUID.randomUUID();
        UUID group = tenancySeeder.group(tenant, name, "");
        UUID host = capacitySeeder.host(tenant, name, "simulator", "", List.of(), new Amounts(1000, 10_000_000, 100_000));
        UUID reservation = capacitySeeder.reservation(host, group, name, limit, maxMachines, 10);
        Model model = new Model(limit, maxMachines);
        List<UUID> claims = new ArrayList<>();

        for (Step step : steps) {
            apply(step, group, reservation, model, claims);
            assertThat(counters(reservation)).isEqualTo(model.claimed());
            assertThat(machines(reservation)).isEqualTo(model.machines());
            assertThat(capacity.drift(reservation)).isEqualTo(Amounts.ZERO);
            assertThat(model.claimed().fitsIn(limit)).isTrue();
        }
    }

    private static void apply(Step step, UUID group, UUID reservation, Model model, List<UUID> claims) {
        if (step.kind() == Kind.TAKE || claims.isEmpty()) {
            Candidate candidate = capacity.candidates(group, "simulator").stream()
                    .filter(c -> c.reservationId().equals(reservation)).findFirst().orElseThrow();
            boolean expected = model.fits(step.need());
            Optional<ClaimView> claim = capacity.claim(candidate, new CapacityService.ClaimRequest(tenant, group, null,
                    null, "property", "property test", step.need()));
            assertThat(claim.isPresent()).as("take %s", step.need()).isEqualTo(expected);
            claim.ifPresent(c -> {
                claims.add(c.id());
                model.sizes.add(step.need());
                model.computeHeld.add(true);
                model.released.add(false);
            });
            return;
        }
        int i = step.index() % claims.size();
        UUID claim = claims.get(i);
        switch (step.kind()) {
            case RELEASE_COMPUTE -> {
                if (expectLive(claim, model, i, () -> capacity.releaseCompute(claim))) {
                    model.computeHeld.set(i, false);
                }
            }
            case RECLAIM_COMPUTE -> {
                if (model.released.get(i)) {
                    expectLive(claim, model, i, () -> capacity.reclaimCompute(claim));
                } else if (model.computeHeld.get(i) || model.computeFits(model.sizes.get(i))) {
                    capacity.reclaimCompute(claim);
                    model.computeHeld.set(i, true);
                } else {
                    assertThat(reason(() -> capacity.reclaimCompute(claim))).isEqualTo("CapacityUnavailable");
                }
            }
            case RELEASE -> {
                capacity.release(claim); // idempotent, released or not
                model.released.set(i, true);
                model.computeHeld.set(i, false);
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Runs an operation that only a live claim allows; a released one answers Conflict. */
    private static boolean expectLive(UUID claim, Model model, int i, Runnable operation) {
        if (model.released.get(i)) {
            assertThat(reason(operation)).isEqualTo("Conflict");
            return false;
        }
        operation.run();
        return true;
    }

    private static String reason(Runnable operation) {
        try {
            operation.run();
            return "none";
        } catch (QmException e) {
            return e.reason();
        }
    }

    private static Amounts counters(UUID reservation) {
        return jdbc.sql("SELECT claimed_cpu, claimed_memory_mib, claimed_disk_gib FROM reservations WHERE id = ?")
                .param(reservation)
                .query((rs, row) -> new Amounts(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    private static long machines(UUID reservation) {
        return jdbc.sql("SELECT claimed_machines FROM reservations WHERE id = ?").param(reservation)
                .query(Long.class).single();
    }

    @Provide
    Arbitrary<Amounts> limits() {
        return Combinators.combine(Arbitraries.longs().between(0, 8), Arbitraries.longs().between(0, 8192),
                Arbitraries.longs().between(0, 100)).as(Amounts::new);
    }

    @Provide
    Arbitrary<Integer> machineLimits() {
        return Arbitraries.integers().between(0, 6);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Amounts> needs = Combinators.combine(Arbitraries.longs().between(0, 3),
                Arbitraries.longs().between(0, 3072), Arbitraries.longs().between(0, 40)).as(Amounts::new);
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 20), needs)
                .as(Step::new).list().ofMinSize(1).ofMaxSize(25);
    }
}
