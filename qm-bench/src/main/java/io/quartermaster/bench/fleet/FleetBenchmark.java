package io.quartermaster.bench.fleet;

import io.quartermaster.bench.Environment;
import io.quartermaster.bench.Latencies;
import io.quartermaster.bench.Report;
import io.quartermaster.bench.server.BenchServer;
import io.quartermaster.bench.server.RowCloner;
import io.quartermaster.server.platform.security.Secrets;
import org.springframework.jdbc.core.JdbcTemplate;
import io.quartermaster.bench.suite.BenchDatabase;
import io.quartermaster.bench.suite.PgBench;
import io.quartermaster.bench.suite.Target;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * One server node (this process) and fleets of simulated agents (other processes) long-polling it over
 * HTTP: first the smaller fleet, then grown to the larger. At each size: the server's CPU and the
 * database's commits per second while the fleet idles; then machines requested one at a time, each
 * built by its host's agent, for the time from a task being queued to its agent having it (dispatch)
 * and from the request to the machine being Active (what the control plane adds: the agents answer at
 * once).
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "1,000 and 10,000 simulated agents long-polling one server: dispatch latency, idle CPU and commits.")
public class FleetBenchmark implements Callable<Integer> {

    @Mixin
    BenchDatabase database;

    @Option(names = "--agents", defaultValue = "1000,10000", split = ",", description = "Fleet sizes, growing (default ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--requests", defaultValue = "100", description = "Machines requested one at a time per size (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--warmup-requests", defaultValue = "20",
            description = "Machines requested one at a time per size before those measured, not measured (default ${DEFAULT-VALUE}).")
    int warmupRequests;

    @Option(names = "--idle-seconds", defaultValue = "30", description = "Idle window per size (default ${DEFAULT-VALUE}).")
    int idleSeconds;

    @Option(names = "--poll-wait", defaultValue = "PT5M", description = "The agents' long-poll wait (qm-agent's default ${DEFAULT-VALUE}).")
    Duration pollWait;

    @Option(names = "--inventory-interval", defaultValue = "PT60S",
            description = "Between two looks at an agent's inventory, each a report when its machines changed or the server's"
                    + " answer asks for one (qm-agent's default ${DEFAULT-VALUE}).")
    Duration inventoryInterval;

    @Option(names = "--server-setting", description = "More server settings, --name=value (repeatable).")
    List<String> serverSettings = new ArrayList<>();

    @Option(names = "--smoke", description = "10 agents, 2 requests, 1 s idle (for tests).")
    boolean smoke;

    @Option(names = "--report", defaultValue = "BENCHMARKS.md", description = "Markdown report to update.")
    Path report;

    @Option(names = "--json", defaultValue = "bench-results/fleet.json", description = "Raw figures.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (smoke) {
            sizes = List.of(10);
            requests = 2;
            warmupRequests = 1;
            idleSeconds = 1;
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
        figures.put("pollWait", pollWait.toString());
        figures.put("inventoryInterval", inventoryInterval.toString());
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<String> settings = new ArrayList<>(List.of(
                // Tomcat's default of 8,192 connections would turn the 8,193rd agent away.
                "--server.tomcat.max-connections=" + (largest + 2000), "--server.tomcat.accept-count=2000"));
        settings.addAll(serverSettings);
        figures.put("serverSettings", settings);
        List<Map<String, Object>> stages = new ArrayList<>();
        Map<UUID, Long> received = FleetProcess.sharedReceipts();
        List<FleetProcess> fleets = new ArrayList<>();
        progress("starting the server");
        try (BenchServer server = new BenchServer(database.url(), database.user, database.password, "bench_fleet_",
                Clock.systemUTC(), settings).seed(7, 7)) {
            figures.put("database", server.jdbc().queryForObject("SELECT version()", String.class).split(",")[0]);
            // The floor: the same server node with no agent at all, idle for as long; what each fleet adds is
            // its figures less these (the engine's and the node's own periodic work, the JVM's).
            progress("no agents: " + idleSeconds + " s idle");
            Thread.sleep(smoke ? 500 : 5_000);
            figures.put("withoutAgents", idle(server, fleets));
            int agents = 0;
            for (int size : sizes) {
                progress("adding " + (size - agents) + " hosts and their agents");
                Map<UUID, String> newcomers = addHosts(server, agents, size);
                FleetProcess fleet = new FleetProcess(server.baseUrl(), newcomers, pollWait, inventoryInterval, received);
                fleets.add(fleet);
                long startedAt = System.nanoTime();
                String ready = fleet.awaitReady(Duration.ofMinutes(smoke ? 2 : 6));
                double startSeconds = (System.nanoTime() - startedAt) / 1e9;
                long started = size - agents;
                if (ready == null) {
                    started = fleet.stats().started();
                    progress("fleet not ready after " + startSeconds + " s: " + started + " of " + (size - agents)
                            + " agents started; measuring with them");
                } else {
                    progress("fleet ready: " + ready);
                }
                Map<String, Object> stage = new LinkedHashMap<>();
                stage.put("agents", size);
                stage.put("agentsStarted", agents + started);
                stage.put("fleetStartSeconds", startSeconds);
                agents = size;
                stage.putAll(measure(server, fleets, size, received, baseline));
                stages.add(stage);
                // Written after every size, so a larger size that fails leaves the smaller one's figures.
                figures.put("stages", stages);
                figures.put("targets", targets(stages, baseline));
                new Report(report, json).write("fleet", figures, FleetReport.markdown(figures, command()));
            }
        } finally {
            fleets.forEach(FleetProcess::close);
        }
        System.out.println("Wrote " + report + " and " + json);
        return 0;
    }

    private String command() {
        return "./quartermaster bench fleet" + (smoke ? " --smoke" : "");
    }

    /**
     * Hosts {@code from}..{@code to}-1, each with a reservation of the group and a registered agent
     * (its credential returned). The first host and its reservation are made by the server; the others are copies of
     * their rows made in bulk (as {@code read} does), and so are the agents' registrations.
     */
    private Map<UUID, String> addHosts(BenchServer server, int from, int to) {
        JdbcTemplate jdbc = server.jdbc();
        if (from == 0) {
            first = server.addHost("fleet-host-0", 100);
            from = 1;
        }
        RowCloner clone = new RowCloner(jdbc, server.schema());
        clone.copy("hosts", "t.id = '" + first + "'", from, to - 1, Map.of("id", "md5('fleet-host' || g)::uuid",
                "name", "'fleet-host-' || g"));
        clone.copy("reservations", "t.host_id = '" + first + "'", from, to - 1, Map.of("id",
                "md5('fleet-reservation' || g)::uuid", "host_id", "md5('fleet-host' || g)::uuid", "name",
                "'fleet-host-' || g", "claimed_cpu", "0", "claimed_memory_mib", "0", "claimed_disk_gib", "0",
                "claimed_machines", "0"));
        List<UUID> hosts = new ArrayList<>(jdbc.queryForList("SELECT md5('fleet-host' || g)::uuid FROM generate_series(?, ?)"
                + " AS g", UUID.class, from, to - 1));
        if (from == 1) {
            hosts.add(first);
        }
        // Registered as the server's registration writes them (agent, its host, the host's status row), with a
        // credential each: at 10,000 agents the registrations themselves would queue behind the idle traffic of
        // those already polling, for longer than the measurement.
        Map<UUID, String> tokens = new LinkedHashMap<>();
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> agents = new ArrayList<>();
        List<Object[]> links = new ArrayList<>();
        List<Object[]> statuses = new ArrayList<>();
        for (UUID host : hosts) {
            String credential = Secrets.generate("qma_");
            UUID agent = UUID.randomUUID();
            tokens.put(host, credential);
            agents.add(new Object[] {agent, server.tenant(), "fleet-" + host, Secrets.hash(credential), now});
            links.add(new Object[] {agent, host});
            statuses.add(new Object[] {host});
        }
        jdbc.batchUpdate(BenchServer.TAG + "INSERT INTO agents (id, tenant_id, name, credential_hash, version, created_at)"
                + " VALUES (?, ?, ?, ?, 'bench', ?)", agents);
        jdbc.batchUpdate(BenchServer.TAG + "INSERT INTO agent_hosts (agent_id, host_id) VALUES (?, ?)", links);
        jdbc.batchUpdate(BenchServer.TAG + "INSERT INTO host_agent_status (host_id) VALUES (?)", statuses);
        return tokens;
    }

    private UUID first;

    private Map<String, Object> measure(BenchServer server, List<FleetProcess> fleets, int agents,
            Map<UUID, Long> received, PgBench.Baseline baseline) throws Exception {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("agents", agents);
        progress(agents + " agents: letting registrations settle, then " + idleSeconds + " s idle");
        Thread.sleep(smoke ? 500 : Math.min(20_000, 2_000 + idleSeconds * 500L));
        stage.putAll(idle(server, fleets));
        progress(agents + " agents: " + warmupRequests + " machines requested one at a time to warm up, then " + requests
                + " measured");
        stage.put("warmupRequests", warmupRequests);
        stage.putAll(latencies(server, received, baseline));
        return stage;
    }

    /** The server's CPU time (this process: the agents run in others) and the database's commits, idle. */
    private Map<String, Object> idle(BenchServer server, List<FleetProcess> fleets) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] before = fleetCounts(fleets);
        long commitsBefore = commits(server);
        long writtenBefore = rowsWritten(server);
        var jit = ManagementFactory.getCompilationMXBean();
        long jitBefore = jit.getTotalCompilationTime();
        long cpuBefore = os.getProcessCpuTime();
        long started = System.nanoTime();
        Thread.sleep(idleSeconds * 1000L);
        long cpu = os.getProcessCpuTime() - cpuBefore;
        long jitMillis = jit.getTotalCompilationTime() - jitBefore;
        double seconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(1100); // busy connections report their commits once a second
        long commits = commits(server) - commitsBefore;
        long written = rowsWritten(server) - writtenBefore;
        long[] after = fleetCounts(fleets);
        Map<String, Object> idle = new LinkedHashMap<>();
        idle.put("idleSeconds", seconds);
        idle.put("idleServerCpuShareOfOneCore", cpu / 1e9 / seconds);
        // Included in the CPU above: the JIT compiler's time in the window (code the fleet's calls run, compiled
        // late), which a node that has run for a while no longer spends.
        idle.put("idleJitShareOfOneCore", jitMillis / 1e3 / seconds);
        idle.put("idleCommitsPerSecond", commits / seconds);
        idle.put("idleRowsWrittenPerSecond", written / seconds);
        idle.put("idlePollsPerSecond", (after[0] - before[0]) / seconds);
        idle.put("idleReportsPerSecond", (after[1] - before[1]) / seconds);
        idle.put("fleetErrors", after[2]);
        progress(String.format("idle: %.1f%% of one core, %.0f commits/s, %.0f rows written/s, %.0f polls/s, %.0f reports/s,"
                + " %d errors", 100 * cpu / 1e9 / seconds, commits / seconds, written / seconds, (after[0] - before[0]) / seconds,
                (after[1] - before[1]) / seconds, after[2]));
        return idle;
    }

    private static long[] fleetCounts(List<FleetProcess> fleets) throws Exception {
        long[] counts = new long[3];
        for (FleetProcess fleet : fleets) {
            FleetProcess.Stats stats = fleet.stats();
            counts[0] += stats.polls();
            counts[1] += stats.reports();
            counts[2] += stats.errors();
            if (stats.errors() > 0) {
                System.out.println("fleet error: " + stats.firstError());
            }
        }
        return counts;
    }

    private static long commits(BenchServer server) {
        Long commits = server.jdbc().queryForObject(BenchServer.TAG
                + "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", Long.class);
        return commits == null ? 0 : commits;
    }

    /**
     * Rows inserted, updated and deleted in this server's schema: unlike {@code xact_commit}, which counts the
     * whole database's transactions (other benchmarks' too, when they share it), only this server's writes.
     */
    private static long rowsWritten(BenchServer server) {
        Long rows = server.jdbc().queryForObject(BenchServer.TAG + "SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0)"
                + " FROM pg_stat_user_tables WHERE schemaname = ?", Long.class, server.schema());
        return rows == null ? 0 : rows;
    }

    /** Machines requested one after another; each is built by its host's agent before the next is asked for. */
    private Map<String, Object> latencies(BenchServer server, Map<UUID, Long> received, PgBench.Baseline baseline)
            throws InterruptedException {
        long[] toActive = new long[requests];
        List<UUID> machines = new ArrayList<>();
        int built = 0;
        String failure = null;
        // The first requests after the fleet started run code paths the JIT has not compiled yet (each
        // stage's agents are new): their dispatch times would be the p99 of a hundred requests.
        for (int i = 0; i < warmupRequests && failure == null; i++) {
            try {
                awaitActive(server, server.request());
            } catch (RuntimeException e) {
                failure = e.getMessage();
                progress("warm-up request " + (i + 1) + " failed: " + failure);
            }
        }
        for (int i = 0; i < requests && failure == null; i++) {
            try {
                Instant asked = Instant.now();
                UUID machine = server.request();
                machines.add(machine);
                Instant active = awaitActive(server, machine);
                toActive[built++] = Duration.between(asked, active).toNanos();
            } catch (RuntimeException e) { // an overloaded server: keep what was measured, say why it stopped
                failure = e.getMessage();
                progress("request " + (i + 1) + " failed: " + failure);
            }
        }
        long[] dispatch = new long[requests * 10];
        int n = 0;
        long missing = 0;
        for (UUID machine : machines) {
            for (Map<String, Object> task : server.jdbc().queryForList(BenchServer.TAG
                    + "SELECT id, created_at FROM agent_tasks WHERE machine_id = ?", machine)) {
                Long at = received.get((UUID) task.get("id"));
                if (at == null) {
                    missing++;
                    continue;
                }
                Instant queued = ((Timestamp) task.get("created_at")).toInstant();
                long queuedMicros = queued.getEpochSecond() * 1_000_000 + queued.getNano() / 1000;
                if (n == dispatch.length) {
                    dispatch = java.util.Arrays.copyOf(dispatch, n * 2);
                }
                dispatch[n++] = Math.max(0, at - queuedMicros) * 1000;
            }
        }
        Latencies dispatchLatency = Latencies.of(dispatch, n);
        Latencies activeLatency = Latencies.of(toActive, built);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("machinesBuilt", built);
        figures.put("requestFailure", failure);
        figures.put("dispatch", dispatchLatency);
        figures.put("tasksNotSeen", missing);
        figures.put("requestToActive", activeLatency);
        progress(String.format("dispatch p50 %.1f ms p99 %.1f ms; request to active p50 %.1f ms p99 %.1f ms (S1 %.2f ms)",
                dispatchLatency.p50Micros() / 1000, dispatchLatency.p99Micros() / 1000, activeLatency.p50Micros() / 1000,
                activeLatency.p99Micros() / 1000, baseline.s1Millis()));
        return figures;
    }

    /** When the machine became Active by the server's clock (the wall clock here), waiting for it. */
    private static Instant awaitActive(BenchServer server, UUID machine) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> row = server.jdbc().queryForMap(BenchServer.TAG
                    + "SELECT state, provisioned_at FROM machines WHERE id = ?", machine);
            if ("Active".equals(row.get("state")) && row.get("provisioned_at") != null) {
                return ((Timestamp) row.get("provisioned_at")).toInstant();
            }
            if ("Failed".equals(row.get("state"))) {
                throw new IllegalStateException("Machine " + machine + " failed");
            }
            Thread.sleep(10); // looking for work done by the server and the agents, not waiting for time to pass
        }
        throw new IllegalStateException("Machine " + machine + " was not Active within 120 s");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> targets(List<Map<String, Object>> stages, PgBench.Baseline baseline) {
        List<Map<String, Object>> targets = new ArrayList<>();
        for (Map<String, Object> stage : stages) {
            int agents = (int) stage.get("agents");
            Latencies dispatch = (Latencies) stage.get("dispatch");
            Latencies active = (Latencies) stage.get("requestToActive");
            double bound = agents <= 1000 ? 50 : 200;
            double dispatchP99 = dispatch.p99Micros() / 1000;
            targets.add(new Target("dispatch p99, " + agents + " agents", dispatchP99, "ms", "S1 transaction",
                    baseline.s1Millis(), dispatchP99 / baseline.s1Millis(), "≤ " + (int) bound + " ms",
                    dispatchP99 <= bound).figures());
            targets.add(new Target("request to Active p50, " + agents + " agents", active.p50Micros() / 1000, "ms",
                    "S1 transaction", baseline.s1Millis(), active.p50Micros() / 1000 / baseline.s1Millis(), "(none)", true)
                    .figures());
            targets.add(new Target("request to Active p99, " + agents + " agents", active.p99Micros() / 1000, "ms",
                    "S1 transaction", baseline.s1Millis(), active.p99Micros() / 1000 / baseline.s1Millis(), "(none)", true)
                    .figures());
            double cpu = (double) stage.get("idleServerCpuShareOfOneCore");
            double commits = (double) stage.get("idleCommitsPerSecond");
            targets.add(new Target("idle server CPU, " + agents + " agents", 100 * cpu, "% of a core", "(absolute)", 0,
                    cpu, agents < 10_000 ? "(none)" : "≤ 10% of a core", agents < 10_000 || cpu <= 0.10).figures());
            targets.add(new Target("idle commits per second, " + agents + " agents", commits, "/s", "S8", baseline.s8(),
                    commits / baseline.s8(), "(none)", true).figures());
        }
        return targets;
    }

    private static final long STARTED = System.nanoTime();

    static void progress(String what) {
        System.out.printf("[%6.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9, what);
    }
}
