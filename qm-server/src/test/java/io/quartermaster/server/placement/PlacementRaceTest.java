package io.quartermaster.server.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.capacity.ClaimView;
import io.quartermaster.api.catalog.TemplateView;
import io.quartermaster.server.capacity.CapacityService;
import io.quartermaster.server.catalog.TemplateDirectory;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.CatalogFixtures;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import io.quartermaster.server.support.SecondNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * No interleaving of placements can make claims exceed a reservation. Two server application contexts
 * share one database (as two nodes share one PostgreSQL) and many threads in each place machines at
 * once against a reservation with room for exactly K: every round ends with exactly K claims, the
 * reservation's counters equal the claims, and every other attempt got CapacityUnavailable.
 */
@QmServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlacementRaceTest {

    static final int THREADS_PER_NODE = 8;
    static final int ATTEMPTS = 48;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    PlacementService nodeA;

    @Autowired
    CapacityService capacity;

    @Autowired
    TemplateDirectory templates;

    @Autowired
    JdbcClient jdbc;

    ConfigurableApplicationContext secondNode;
    PlacementService nodeB;
    Api api;
    Fixtures fixtures;
    CatalogFixtures catalog;
    UUID tenant;

    @BeforeAll
    void startSecondNode() {
        secondNode = SecondNode.start(environment);
        nodeB = secondNode.getBean(PlacementService.class);
        api = new Api(port);
        fixtures = new Fixtures(api);
        catalog = new CatalogFixtures(api, fixtures);
        tenant = fixtures.tenant("race");
    }

    @AfterAll
    void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    /** Each row is a round: K is set by cpu, by memory, by disk or by the machine count. */
    @ParameterizedTest(name = "round {index}: room for exactly {4} machines ({5})")
    @CsvSource({
            "7,   100000, 1000, 100, 7, cpu",
            "100, 3584,   1000, 100, 7, memory",
            "100, 100000, 25,   100, 5, disk",
            "100, 100000, 1000, 9,   9, machine count",
            "100, 100000, 1000, 1,   1, one slot",
    })
    void concurrentPlacementsOnTwoNodesNeverExceedTheReservation(int cpu, long memoryMiB, long diskGiB,
            int maxMachines, int expected, String bound) throws Exception {
        UUID group = fixtures.group(tenant, "race " + bound);
        UUID host = catalog.host(tenant, "race-host-" + bound.replace(' ', '-'), 256, 1_000_000, 100_000);
        UUID reservation = catalog.reservation(host, group, "race " + bound, cpu, memoryMiB, diskGiB, maxMachines, 10);
        TemplateView template = templates.find(catalog.template(tenant, "race template " + bound, 512, List.of(group),
                Map.of("disks", List.of(Map.of("sizeGiB", 5, "role", "system"))))).orElseThrow();

        List<ClaimView> won = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        int refused = race(group, template, won, unexpected);

        assertThat(unexpected).as("failures other than CapacityUnavailable").isEmpty();
        assertThat(won).hasSize(expected);
        assertThat(refused).isEqualTo(ATTEMPTS - expected);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM claims WHERE reservation_id = ? AND released_at IS NULL")
                .param(reservation).query(Long.class).single()).isEqualTo(expected);
        assertThat(capacity.drift(reservation)).isEqualTo(Amounts.ZERO);
        assertThat(jdbc.sql("SELECT claimed_machines FROM reservations WHERE id = ?").param(reservation)
                .query(Integer.class).single()).isEqualTo(expected);
    }

    private int race(UUID group, TemplateView template, List<ClaimView> won, ConcurrentLinkedQueue<Throwable> unexpected)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS_PER_NODE * 2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ClaimView>> attempts = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS; i++) {
            PlacementService node = i % 2 == 0 ? nodeA : nodeB;
            attempts.add(pool.submit(() -> {
                start.await();
                return node.place(group, template, null, "race", "race test");
            }));
        }
        start.countDown();
        int refused = 0;
        for (Future<ClaimView> attempt : attempts) {
            try {
                won.add(attempt.get(60, TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof QmException qm && "CapacityUnavailable".equals(qm.reason())) {
                    refused++;
                } else {
                    unexpected.add(e.getCause());
                }
            }
        }
        pool.shutdown();
        return refused;
    }
}
