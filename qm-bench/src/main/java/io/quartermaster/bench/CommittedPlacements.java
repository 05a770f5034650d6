package io.quartermaster.bench;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.catalog.TemplateView;
import io.quartermaster.server.QuartermasterServer;
import io.quartermaster.server.placement.PlacementService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real server on the benchmark database, in a schema of its own (dropped at the end on PostgreSQL),
 * seeded with a fleet, and measured: placements through {@link PlacementService} against a one-row
 * update baseline, each phase with the same threads for the same time.
 */
final class CommittedPlacements implements AutoCloseable {

    private final boolean postgres;
    private final String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final ConfigurableApplicationContext server;
    private final JdbcTemplate jdbc;
    private final PlacementService placement;
    private final List<UUID> groupIds = new ArrayList<>();

    CommittedPlacements(String url, String user, String password, int maxThreads) {
        this.postgres = url.startsWith("jdbc:postgresql:");
        String fullUrl = postgres ? url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema : url;
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--qm.database.url=" + fullUrl,
                "--qm.database.username=" + user, "--qm.database.password=" + password,
                "--spring.datasource.hikari.maximum-pool-size=" + (maxThreads + 2),
                "--logging.level.root=warn", "--logging.level.io.quartermaster=warn"));
        if (postgres) {
            args.add("--spring.flyway.schemas=" + schema);
            args.add("--flowable.database-schema=" + schema);
        }
        server = new SpringApplicationBuilder(QuartermasterServer.class).run(args.toArray(String[]::new));
        jdbc = server.getBean(JdbcTemplate.class);
        placement = server.getBean(PlacementService.class);
    }

    String databaseVersion() {
        return jdbc.queryForObject(postgres ? "SELECT version()" : "SELECT H2VERSION()", String.class);
    }

    /** Inserts the fleet in batches: one tenant, the groups, the hosts and their reservations. */
    void seed(Fleet fleet, Amounts size, int maxMachines) {
        long started = System.nanoTime();
        UUID tenant = UUID.randomUUID();
        Object now = java.time.OffsetDateTime.now();
        jdbc.update("INSERT INTO tenants (id, name, display_name, created_at) VALUES (?, ?, ?, ?)", tenant, schema,
                "Bench", now);
        List<Object[]> groups = new ArrayList<>();
        for (int g = 0; g < fleet.groups(); g++) {
            UUID id = UUID.randomUUID();
            groupIds.add(id);
            groups.add(new Object[] {id, tenant, "group-" + g, now});
        }
        jdbc.batchUpdate("INSERT INTO business_groups (id, tenant_id, name, created_at) VALUES (?, ?, ?, ?)", groups);
        List<Object[]> hosts = new ArrayList<>();
        List<Object[]> reservations = new ArrayList<>();
        for (int h = 0; h < fleet.hosts(); h++) {
            UUID host = UUID.randomUUID();
            int n = fleet.reservationsPerHost();
            hosts.add(new Object[] {host, tenant, "host-" + h, size.cpu() * n, size.memoryMiB() * n, size.diskGiB() * n,
                    size.cpu() * n, size.memoryMiB() * n, size.diskGiB() * n, now});
            for (int r = 0; r < n; r++) {
                reservations.add(new Object[] {UUID.randomUUID(), tenant, host, groupIds.get(fleet.groupOf(h, r)),
                        "res-" + h + "-" + r, size.cpu(), size.memoryMiB(), size.diskGiB(), maxMachines,
                        10 * (r % 3), now});
            }
        }
        batches("""
                INSERT INTO hosts (id, tenant_id, name, hypervisor_type, total_cpu, total_memory_mib, total_disk_gib,
                                   reserved_cpu, reserved_memory_mib, reserved_disk_gib, created_at)
                VALUES (?, ?, ?, 'simulator', ?, ?, ?, ?, ?, ?, ?)""", hosts);
        batches("""
                INSERT INTO reservations (id, tenant_id, host_id, group_id, name, cpu, memory_mib, disk_gib, max_machines,
                                          priority, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", reservations);
        jdbc.execute("CREATE TABLE bench_baseline (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)");
        for (int i = 0; i < 256; i++) {
            jdbc.update("INSERT INTO bench_baseline (id, n) VALUES (?, 0)", i);
        }
        if (postgres) {
            jdbc.execute("ANALYZE");
        }
        System.out.printf("seeded %d hosts and %d reservations in %.1f s%n", fleet.hosts(), fleet.reservations(),
                (System.nanoTime() - started) / 1e9);
    }

    private void batches(String sql, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += 1000) {
            jdbc.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + 1000)));
        }
    }

    /** One phase of placements and one of baseline updates, each {@code seconds} long on {@code threads} threads. */
    Map<String, Object> measure(int threads, int seconds, TemplateView template) throws Exception {
        long baselineCommits = commitCount();
        Phase baseline = phase(threads, seconds, index -> jdbc.update("UPDATE bench_baseline SET n = n + 1 WHERE id = ?",
                index));
        long placementsStartCommits = commitCount();
        Phase placements = phase(threads, seconds, index -> placement.place(
                groupIds.get(ThreadLocalRandom.current().nextInt(groupIds.size())), template, null, "bench", "benchmark"));
        long placementsEndCommits = commitCount();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("threads", threads);
        run.put("seconds", seconds);
        run.put("baselineCommitsPerSecond", baseline.perSecond());
        run.put("placementsPerSecond", placements.perSecond());
        run.put("ratioToBaseline", placements.perSecond() / baseline.perSecond());
        run.put("placementLatency", placements.latencies());
        run.put("baselineLatency", baseline.latencies());
        run.put("placementErrors", placements.errors());
        if (postgres && placements.count() > 0) {
            run.put("commitsPerPlacement", (double) (placementsEndCommits - placementsStartCommits) / placements.count());
            run.put("commitsPerBaselineUpdate", (double) (placementsStartCommits - baselineCommits) / baseline.count());
        }
        System.out.printf("%d thread(s): %.0f placements/s committed, baseline %.0f commits/s, ratio %.2f, p99 %.2f ms%n",
                threads, placements.perSecond(), baseline.perSecond(), placements.perSecond() / baseline.perSecond(),
                placements.latencies().p99Micros() / 1000);
        return run;
    }

    interface Work {
        void run(int threadIndex) throws Exception;
    }

    record Phase(long count, long errors, double perSecond, Latencies latencies) {}

    private Phase phase(int threads, int seconds, Work work) throws Exception {
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> results = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int index = t;
            results.add(pool.submit(() -> {
                long[] nanos = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    try {
                        work.run(index);
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (n == nanos.length) {
                        nanos = java.util.Arrays.copyOf(nanos, n * 2);
                    }
                    nanos[n++] = System.nanoTime() - start;
                }
                return java.util.Arrays.copyOf(nanos, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> result : results) {
            all.add(result.get());
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        return new Phase(merged.length, errors.get(), merged.length / elapsed, Latencies.of(merged, merged.length));
    }

    /**
     * Transactions committed in this database so far (PostgreSQL's own counter; -1 elsewhere). A backend
     * reports its commits at most once a second, and an idle one only after 10 seconds: waiting 11
     * seconds first keeps one phase's commits from being counted in the next.
     */
    private long commitCount() throws InterruptedException {
        if (!postgres) {
            return -1;
        }
        Thread.sleep(11_000);
        Long commits = jdbc.queryForObject(
                "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", Long.class);
        return commits == null ? -1 : commits;
    }

    @Override
    public void close() {
        if (postgres) {
            jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
        }
        server.close();
        System.out.println("closed at " + Instant.now());
    }
}
