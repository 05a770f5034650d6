package io.quartermaster.bench.read;

import io.quartermaster.bench.Environment;
import io.quartermaster.bench.Latencies;
import io.quartermaster.bench.Report;
import io.quartermaster.bench.server.BenchServer;
import io.quartermaster.bench.server.RowCloner;
import io.quartermaster.bench.suite.BenchDatabase;
import io.quartermaster.bench.suite.PgBench;
import io.quartermaster.bench.suite.Target;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The read API and memory at scale: 100,000 Active machines of 1,000 owners on 10,000 hosts, their rows
 * copied in bulk from a host, a request and a machine the server itself wrote. Then p50/p99 of reading
 * one machine, a 500-item page with filters, the tenant-wide list and the summary report an administrator sees; and the
 * server's heap and RSS and the database's bytes per machine.
 */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = "Read API latencies and memory with 100,000 machines on 10,000 hosts.")
public class ReadBenchmark implements Callable<Integer> {

    @Mixin
    BenchDatabase database;

    @Option(names = "--machines", defaultValue = "100000", description = "Default ${DEFAULT-VALUE}.")
    int machines;

    @Option(names = "--hosts", defaultValue = "10000", description = "Default ${DEFAULT-VALUE}.")
    int hosts;

    @Option(names = "--owners", defaultValue = "1000", description = "Default ${DEFAULT-VALUE}.")
    int owners;

    @Option(names = "--samples", defaultValue = "1000", description = "Reads of one machine; pages get a fifth (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--smoke", description = "500 machines on 50 hosts, few reads (for tests).")
    boolean smoke;

    @Option(names = "--report", defaultValue = "BENCHMARKS.md", description = "Markdown report to update.")
    Path report;

    @Option(names = "--json", defaultValue = "bench-results/read.json", description = "Raw figures.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (smoke) {
            machines = 500;
            hosts = 50;
            owners = 10;
            samples = 10;
        }
        String unreachable = database.unreachable();
        if (unreachable != null) {
            System.err.println("qm-bench: " + unreachable);
            return 2;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("when", Instant.now().toString());
        figures.put("machine", Environment.describe());
        PgBench.Baseline baseline = PgBench.recentOrMeasure(database.url(), database.user, database.password,
                smoke ? 2 : 10);
        figures.put("baseline", baseline.figures());
        figures.put("machines", machines);
        figures.put("hosts", hosts);
        figures.put("owners", owners);
        progress("starting the server");
        try (BenchServer server = new BenchServer(database.url(), database.user, database.password, "bench_read_",
                Clock.systemUTC(), List.of()).seed(7, 7)) {
            figures.put("database", server.jdbc().queryForObject("SELECT version()", String.class).split(",")[0]);
            Map<String, Object> before = memory(server);
            progress("seeding " + hosts + " hosts and " + machines + " machines");
            long seedStarted = System.nanoTime();
            seed(server);
            figures.put("seedSeconds", (System.nanoTime() - seedStarted) / 1e9);
            progress("reading");
            figures.putAll(reads(server, baseline));
            Map<String, Object> after = memory(server);
            figures.put("memoryBefore", before);
            figures.put("memoryAfter", after);
            double perMachineHeap = ((long) after.get("heapUsedBytes") - (long) before.get("heapUsedBytes")) / (double) machines;
            double perMachineRss = ((long) after.get("rssBytes") - (long) before.get("rssBytes")) / (double) machines;
            double perMachineDb = ((long) after.get("databaseBytes") - (long) before.get("databaseBytes")) / (double) machines;
            figures.put("heapBytesPerMachine", perMachineHeap);
            figures.put("rssBytesPerMachine", perMachineRss);
            figures.put("databaseBytesPerMachine", perMachineDb);
            progress(String.format("per machine: heap %.0f B, RSS %.0f B, database %.0f B", perMachineHeap, perMachineRss,
                    perMachineDb));
        }
        figures.put("targets", targets(figures, baseline));
        new Report(report, json).write("read", figures, ReadReport.markdown(figures,
                "./quartermaster bench read" + (smoke ? " --smoke" : "")));
        System.out.println("Wrote " + report + " and " + json);
        return 0;
    }

    /**
     * One real host, request and machine first (the machine waits for its build: no agent runs here), then
     * copies of them. Every copied machine is Active on a host of its own reservation, with its request,
     * name, claim, timeline lines, audit events and process instance row as the server wrote them.
     */
    private void seed(BenchServer server) {
        JdbcTemplate jdbc = server.jdbc();
        RowCloner clone = new RowCloner(jdbc, server.schema());
        UUID host = server.addHost("read-host-0", machines / hosts + 10);
        UUID machine = server.request();
        String tenant = "'" + server.tenant() + "'";
        // Copy g of a host is md5('host' || g); copy 0 is the real one.
        String hostOf = "(CASE WHEN g % " + hosts + " = 0 THEN '" + host + "'::uuid ELSE md5('host' || (g % " + hosts
                + "))::uuid END)";
        UUID reservation = jdbc.queryForObject("SELECT id FROM reservations WHERE host_id = ?", UUID.class, host);
        String reservationOf = "(CASE WHEN g % " + hosts + " = 0 THEN '" + reservation
                + "'::uuid ELSE md5('reservation' || (g % " + hosts + "))::uuid END)";
        String ownerOf = "md5('owner' || (g % " + owners + "))::uuid";
        String machineId = "md5('machine' || g)::uuid";
        clone.copy("hosts", "t.id = '" + host + "'", 1, hosts - 1, Map.of("id", "md5('host' || g)::uuid",
                "name", "'read-host-' || g"));
        clone.copy("reservations", "t.host_id = '" + host + "'", 1, hosts - 1, Map.of("id",
                "md5('reservation' || g)::uuid", "host_id", "md5('host' || g)::uuid", "name", "'read-host-' || g"));
        clone.copy("users", "t.username = 'bench-owner'", 0, owners - 1, Map.of("id", ownerOf,
                "username", "'read-owner-' || g", "email", "'owner' || g || '@bench.example'"));
        clone.copy("memberships", "t.user_id = (SELECT id FROM users WHERE username = 'bench-owner')", 0, owners - 1,
                Map.of("user_id", ownerOf));
        clone.copy("machine_requests", "t.id = (SELECT request_id FROM machines WHERE id = '" + machine + "')", 1,
                machines, Map.of("id", "md5('request' || g)::uuid", "requester_id", ownerOf));
        String processInstance = jdbc.queryForObject("SELECT process_instance_id FROM machines WHERE id = ?", String.class,
                machine);
        Map<String, String> machineColumns = new HashMap<>(Map.of("id", machineId, "request_id",
                "md5('request' || g)::uuid", "owner_id", ownerOf, "host_id", hostOf, "claim_id",
                "md5('claim' || g)::uuid", "name", "'read-' || g", "state", "'Active'", "power_state", "'On'"));
        machineColumns.putAll(Map.of("provisioned_at", "now() - g * interval '1 second'", "lease_expires_at",
                "now() + (1 + g % 30) * interval '1 day'", "created_at", "now() - g * interval '1 second'",
                "updated_at", "now()", "current_step", "NULL", "process_instance_id", "md5('process' || g)"));
        clone.copy("machines", "t.id = '" + machine + "'", 1, machines, machineColumns);
        jdbc.update("/* qm-bench */ INSERT INTO machine_names (tenant_id, name, machine_id) SELECT " + tenant
                + "::uuid, 'read-' || g, " + machineId + " FROM generate_series(1, " + machines + ") AS g");
        String claim = jdbc.queryForObject("SELECT claim_id::text FROM machines WHERE id = ?", String.class, machine);
        if (claim != null) {
            clone.copy("claims", "t.id = '" + claim + "'", 1, machines, Map.of("id", "md5('claim' || g)::uuid",
                    "reservation_id", reservationOf, "host_id", hostOf,
                    "owner_id", ownerOf, "holder", machineId + "::text"));
        }
        clone.copy("machine_events", "t.machine_id = '" + machine + "'", 1, machines, eventColumns(machineId));
        clone.copy("audit_events", "t.target_id = '" + machine + "'", 1, machines, auditColumns(machineId));
        if (processInstance != null) {
            clone.copy("act_ru_execution", "t.id_ = '" + processInstance + "'", 1, machines, withColumns(jdbc,
                    server.schema(), "act_ru_execution", Map.of("id_", "md5('process' || g)", "proc_inst_id_",
                            "md5('process' || g)", "root_proc_inst_id_", "md5('process' || g)", "business_key_",
                            machineId + "::text")));
        }
        // What the reservations hold for these machines, as the claims' transactions would have counted it.
        jdbc.update("/* qm-bench */ UPDATE reservations r SET claimed_cpu = c.cpu, claimed_memory_mib = c.memory,"
                + " claimed_disk_gib = c.disk, claimed_machines = c.n FROM (SELECT reservation_id, SUM(cpu) AS cpu,"
                + " SUM(memory_mib) AS memory, SUM(disk_gib) AS disk, COUNT(*) AS n FROM claims WHERE released_at IS NULL"
                + " GROUP BY reservation_id) c WHERE c.reservation_id = r.id");
        jdbc.execute("ANALYZE");
    }

    private static Map<String, String> eventColumns(String machineId) {
        Map<String, String> columns = new HashMap<>();
        columns.put("id", null);
        columns.put("machine_id", machineId);
        return columns;
    }

    private static Map<String, String> auditColumns(String machineId) {
        Map<String, String> columns = new HashMap<>();
        columns.put("id", null);
        columns.put("target_id", machineId + "::text");
        return columns;
    }

    /** The overrides of columns the table has (a column of another schema version is left out). */
    private static Map<String, String> withColumns(JdbcTemplate jdbc, String schema, String table,
            Map<String, String> overrides) {
        List<String> columns = jdbc.queryForList("SELECT column_name FROM information_schema.columns WHERE table_schema = ?"
                + " AND table_name = ?", String.class, schema.toLowerCase(), table);
        Map<String, String> present = new HashMap<>();
        overrides.forEach((column, value) -> {
            if (columns.contains(column)) {
                present.put(column, value);
            }
        });
        return present;
    }

    private Map<String, Object> reads(BenchServer server, PgBench.Baseline baseline) {
        String admin = server.adminToken();
        IntFunction<String> oneMachine = i -> "/api/v1/machines/" + machineUuid(server, 1 + random(machines));
        IntFunction<String> page = i -> "/api/v1/machines?state=Active&group=" + server.group() + "&size=500&page="
                + random(Math.max(1, Math.min(20, machines / 500)));
        IntFunction<String> everything = i -> "/api/v1/machines?size=500";
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("oneMachine", measure(server, admin, oneMachine, samples));
        figures.put("pageWithFilters", measure(server, admin, page, Math.max(5, samples / 5)));
        figures.put("adminList", measure(server, admin, everything, Math.max(5, samples / 5)));
        figures.put("summaryReport", measure(server, admin, i -> "/api/v1/machines/summary", Math.max(5, samples / 5)));
        return figures;
    }

    private final Map<Integer, String> ids = new HashMap<>();

    /** The id of copy {@code g}: md5('machine' || g) as PostgreSQL makes it. */
    private String machineUuid(BenchServer server, int g) {
        return ids.computeIfAbsent(g, key -> server.jdbc().queryForObject("SELECT md5('machine' || ?)::uuid::text",
                String.class, key));
    }

    private static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }

    private static Latencies measure(BenchServer server, String token, IntFunction<String> path, int count) {
        for (int i = 0; i < Math.max(5, count / 10); i++) { // warm-up
            call(server, token, path.apply(i));
        }
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            String target = path.apply(i);
            long started = System.nanoTime();
            call(server, token, target);
            nanos[i] = System.nanoTime() - started;
        }
        Latencies latencies = Latencies.of(nanos, count);
        progress(String.format("%s…: p50 %.1f ms, p99 %.1f ms", path.apply(0).replaceAll("[0-9a-f-]{36}.*", ""),
                latencies.p50Micros() / 1000, latencies.p99Micros() / 1000));
        return latencies;
    }

    private static void call(BenchServer server, String token, String path) {
        var response = server.send("GET", path, token, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** The server's heap after a full collection, its resident set, and the database's bytes, now. */
    private static Map<String, Object> memory(BenchServer server) throws Exception {
        System.gc();
        Thread.sleep(500);
        System.gc();
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("heapUsedBytes", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        memory.put("rssBytes", rss());
        memory.put("databaseBytes", server.jdbc().queryForObject("""
                SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r'""", Long.class,
                server.schema()));
        return memory;
    }

    /** This process's resident set in bytes (Linux), or 0 where /proc is not there. */
    private static long rss() throws java.io.IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> targets(Map<String, Object> f, PgBench.Baseline baseline) {
        List<Map<String, Object>> targets = new ArrayList<>();
        double s1 = baseline.s1Millis();
        Latencies one = (Latencies) f.get("oneMachine");
        Latencies page = (Latencies) f.get("pageWithFilters");
        Latencies all = (Latencies) f.get("adminList");
        targets.add(new Target("read one machine p99", one.p99Micros() / 1000, "ms", "S1 transaction", s1,
                one.p99Micros() / 1000 / s1, "≤ 100 ms", one.p99Micros() / 1000 <= 100).figures());
        targets.add(new Target("read a 500-item page with filters p99", page.p99Micros() / 1000, "ms", "S1 transaction",
                s1, page.p99Micros() / 1000 / s1, "≤ 500 ms", page.p99Micros() / 1000 <= 500).figures());
        targets.add(new Target("administrator's tenant-wide list p99", all.p99Micros() / 1000,
                "ms", "S1 transaction", s1, all.p99Micros() / 1000 / s1, "≤ 500 ms (as a page)",
                all.p99Micros() / 1000 <= 500).figures());
        Latencies summary = (Latencies) f.get("summaryReport");
        targets.add(new Target("administrator's summary report p99", summary.p99Micros() / 1000, "ms", "S1 transaction",
                s1, summary.p99Micros() / 1000 / s1, "≤ 500 ms (as a page)", summary.p99Micros() / 1000 <= 500).figures());
        targets.add(new Target("server heap per managed machine", (double) f.get("heapBytesPerMachine"), "B", "(absolute)",
                0, 0, "(none)", true).figures());
        targets.add(new Target("server RSS per managed machine", (double) f.get("rssBytesPerMachine"), "B", "(absolute)",
                0, 0, "(none)", true).figures());
        targets.add(new Target("database bytes per Active machine", (double) f.get("databaseBytesPerMachine"), "B",
                "(absolute)", 0, 0, "(none)", true).figures());
        return targets;
    }

    private static final long STARTED = System.nanoTime();

    static void progress(String what) {
        System.out.printf("[%6.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9, what);
    }
}
