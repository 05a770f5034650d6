package io.quartermaster.server.machines;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.CatalogFixtures;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Requests for several machines at once, sent together, each spreading its machines over the same reservations:
 * every one is either placed whole or refused whole with CapacityUnavailable, never a server error (they used to
 * deadlock on PostgreSQL, taking the reservations' rows in different orders), and the claims add up.
 */
@QmServerTest
class ConcurrentMultiMachineRequestsTest {

    private static final int REQUESTS = 8;
    private static final int MACHINES_EACH = 5;
    private static final int HOSTS = 4;
    private static final int SLOTS_PER_RESERVATION = 6;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void severalMultiMachineRequestsAtOnceAreEachPlacedWholeOrRefusedWhole() throws Exception {
        Api api = new Api(port);
        Fixtures fixtures = new Fixtures(api);
        CatalogFixtures catalog = new CatalogFixtures(api, fixtures);
        UUID tenant = fixtures.tenant("multi");
        UUID group = fixtures.group(tenant, "multi");
        List<UUID> reservations = new ArrayList<>();
        for (int i = 0; i < HOSTS; i++) {
            UUID host = catalog.host(tenant, fixtures.unique("multi-host-" + i), 64, 65536, 1000);
            reservations.add(catalog.reservation(host, group, "multi " + i, 32, 32768, 500, SLOTS_PER_RESERVATION, 1));
        }
        UUID template = catalog.template(tenant, fixtures.unique("multi"), 512, List.of(group),
                Map.of("maxMachinesPerUser", 100));
        List<Auth> people = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Auth person = fixtures.user(tenant, "multi-" + i, false);
            fixtures.member(group, person, "USER");
            people.add(person);
        }

        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> sent = new ArrayList<>();
        for (Auth person : people) {
            sent.add(pool.submit(() -> {
                start.await();
                return api.post(person, "/api/v1/requests", Map.of("templateId", template, "groupId", group,
                        "count", MACHINES_EACH));
            }));
        }
        start.countDown();
        int placed = 0;
        for (Future<Api.Response> response : sent) {
            Api.Response answer = response.get(120, TimeUnit.SECONDS);
            if (answer.status() == 201) {
                assertThat(answer.json().path("machines").size()).isEqualTo(MACHINES_EACH);
                placed++;
            } else {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
                assertThat(answer.reason()).as(answer.toString()).isEqualTo("CapacityUnavailable");
            }
        }
        pool.shutdown();

        // 24 slots for 8 requests of 5: four fit whole; a fifth would need one more slot than is left.
        assertThat(placed).isEqualTo(HOSTS * SLOTS_PER_RESERVATION / MACHINES_EACH);
        long claims = 0;
        for (UUID reservation : reservations) {
            long live = jdbc.sql("SELECT COUNT(*) FROM claims WHERE reservation_id = ? AND released_at IS NULL")
                    .param(reservation).query(Long.class).single();
            assertThat(jdbc.sql("SELECT claimed_machines FROM reservations WHERE id = ?").param(reservation)
                    .query(Long.class).single()).isEqualTo(live);
            claims += live;
        }
        assertThat(claims).isEqualTo((long) placed * MACHINES_EACH);
    }
}
