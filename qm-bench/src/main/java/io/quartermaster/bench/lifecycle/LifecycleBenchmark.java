package io.quartermaster.bench.lifecycle;

import io.quartermaster.bench.Environment;
import io.quartermaster.bench.Report;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Whole machine lives on PostgreSQL: the server's real lifecycle (requests through the API, its BPMN
 * workflows and steps, the agent task queue answered by a zero-latency agent) against raw Flowable
 * running processes of the same shape with empty steps, on the same database, driven the same way.
 * Reports lives and transitions per second, the ratio of the two, and commits (and, with
 * pg_stat_statements, statements) per transition from PostgreSQL's own counters.
 */
@Command(name = "lifecycle", mixinStandardHelpOptions = true,
        description = "Whole machine lifecycles per second on PostgreSQL, against raw Flowable running the same shape.")
public class LifecycleBenchmark implements Callable<Integer> {

    static final double TARGET_RATIO = 0.5;
    static final double AIM_RATIO = 0.7;
    static final double TARGET_COMMITS_PER_TRANSITION = 2.5;
    static final double AIM_COMMITS_PER_TRANSITION = 1.5;

    @Option(names = "--machines", defaultValue = "2000", description = "Machines whose lives are measured (default ${DEFAULT-VALUE}).")
    int machines;

    @Option(names = "--threads", defaultValue = "4",
            description = "Request threads, and as many agent workers (one host each) (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", description = "Machines of an unmeasured first round (default a tenth, at most 200).")
    Integer warmup;

    @Option(names = "--database-url", description = "JDBC URL (default QM_BENCH_POSTGRES_URL or the local qm_bench database).")
    String databaseUrl;

    @Option(names = "--database-user", defaultValue = "${env:QM_BENCH_POSTGRES_USER:-qm}")
    String databaseUser;

    @Option(names = "--database-password", defaultValue = "${env:QM_BENCH_POSTGRES_PASSWORD:-qm}")
    String databasePassword;

    @Option(names = "--smoke", description = "A handful of machines, no warm-up, short counter waits (for tests).")
    boolean smoke;

    @Option(names = "--report", defaultValue = "BENCHMARKS.md", description = "Markdown report to update.")
    Path report;

    @Option(names = "--json", defaultValue = "bench-results/lifecycle.json", description = "Raw figures.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (smoke) {
            machines = Math.min(machines, 5);
            threads = Math.min(threads, 2);
            warmup = 0;
        }
        int warmupMachines = warmup != null ? warmup : Math.min(200, machines / 10);
        if (databaseUrl == null) {
            databaseUrl = System.getenv().getOrDefault("QM_BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/qm_bench");
        }
        Database database = new Database(databaseUrl, databaseUser, databasePassword);
        String unreachable = database.unreachable();
        if (unreachable != null) {
            System.err.println("qm-bench: " + unreachable + ". Run scripts/ensure-postgres.sh, or set QM_BENCH_POSTGRES_URL.");
            return 2;
        }
        DatabaseCounters counters = new DatabaseCounters(database, smoke ? Duration.ofSeconds(1) : Duration.ofSeconds(11));

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("when", Instant.now().toString());
        figures.put("machine", Environment.describe());
        figures.put("database", counters.serverVersion());
        figures.put("machines", machines);
        figures.put("threads", threads);
        figures.put("warmupMachines", warmupMachines);
        figures.put("statementsCounted", counters.statementsAvailable());

        ProcessEngineConfigurationImpl serverEngine;
        JobThreads jobThreads;
        int poolSize;
        progress("starting the server");
        try (ServerLifecycles server = new ServerLifecycles(database, threads, warmupMachines + machines)) {
            serverEngine = server.engineConfiguration();
            jobThreads = server.jobThreads();
            poolSize = server.connectionPoolSize();
            figures.put("engine", RawFlowableLifecycles.settingsOf(serverEngine, jobThreads, poolSize));
            Map<String, Object> measured = measure("Quartermaster", server, counters, warmupMachines);
            // Both counts cover every round (the warm-up too); Transitions writes one of each per transition.
            measured.put("recordedTransitions", server.transitions());
            measured.put("auditedTransitions", server.auditedTransitions());
            figures.put("quartermaster", measured);
        }
        progress("starting raw Flowable");
        try (RawFlowableLifecycles raw = new RawFlowableLifecycles(database, serverEngine, jobThreads, poolSize)) {
            figures.put("rawFlowable", measure("raw Flowable", raw, counters, warmupMachines));
        }
        double ratio = lifecyclesPerSecond(figures, "quartermaster") / lifecyclesPerSecond(figures, "rawFlowable");
        figures.put("ratioToRawFlowable", ratio);
        System.out.printf("Quartermaster at %.2f of raw Flowable's lifecycles per second%n", ratio);

        new Report(report, json).write("lifecycle", figures, LifecycleReport.markdown(figures,
                "./quartermaster bench lifecycle" + (smoke ? " --smoke" : "")
                        + (machines != 2000 && !smoke ? " --machines " + machines : "")
                        + (threads != 4 && !smoke ? " --threads " + threads : "")));
        System.out.println("Wrote " + report + " and " + json);
        return 0;
    }

    /** A warm-up round, then the measured one between two readings of PostgreSQL's counters. */
    private Map<String, Object> measure(String name, Lifecycles subject, DatabaseCounters counters, int warmupMachines)
            throws InterruptedException {
        if (warmupMachines > 0) {
            progress(name + ": warming up with " + warmupMachines + " machines");
            LifecycleRun.run(subject, warmupMachines, threads);
        }
        progress(name + ": measuring " + machines + " machines");
        // Two readings with nothing running between them: what the subject commits when idle.
        DatabaseCounters.Snapshot idleFrom = counters.read();
        DatabaseCounters.Snapshot from = counters.read();
        long observedBefore = subject.observerTransactions();
        LifecycleRun.Result result = LifecycleRun.run(subject, machines, threads);
        long observed = subject.observerTransactions() - observedBefore;
        DatabaseCounters.Snapshot to = counters.read();

        long commits = to.commits() - from.commits() - observed; // less the benchmark's own looks
        List<DatabaseCounters.Calls> statements = DatabaseCounters.statementsBetween(from, to).stream()
                .filter(calls -> !calls.query().contains(LifecycleReport.BENCH_TAG)).toList();
        long statementCount = statements.stream().filter(calls -> !LifecycleReport.isTransactionControl(calls.query()))
                .mapToLong(DatabaseCounters.Calls::calls).sum();
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("lifecyclesPerSecond", result.lifecyclesPerSecond());
        measured.put("transitionsPerSecond", result.transitionsPerSecond());
        measured.put("seconds", result.seconds());
        measured.put("phaseSeconds", result.phaseSeconds());
        measured.put("disposed", result.disposed());
        measured.put("transitions", result.transitions());
        measured.put("agentSteps", result.agentSteps());
        measured.put("idleAgentPolls", result.idleAgentPolls());
        measured.put("agentErrors", result.agentErrors());
        measured.put("firstAgentError", result.firstAgentError());
        measured.put("commits", commits);
        measured.put("commitsPerTransition", (double) commits / result.transitions());
        measured.put("commitsPerLifecycle", (double) commits / machines);
        measured.put("idleCommitsPerSecond",
                (from.commits() - idleFrom.commits()) / ((from.nanoTime() - idleFrom.nanoTime()) / 1e9));
        if (counters.statementsAvailable()) {
            measured.put("statementsPerTransition", (double) statementCount / result.transitions());
            measured.put("statementsPerLifecycle", (double) statementCount / machines);
            measured.put("topStatements", statements.stream().limit(40)
                    .map(calls -> Map.of("perLifecycle", (double) calls.calls() / machines, "query", calls.query()))
                    .toList());
        }
        System.out.printf("%s: phases %s%n", name, result.phaseSeconds());
        System.out.printf("%s: %.1f lifecycles/s, %.1f transitions/s, %.2f commits per transition%n", name,
                result.lifecyclesPerSecond(), result.transitionsPerSecond(), (double) commits / result.transitions());
        return measured;
    }

    private static final long STARTED = System.nanoTime();

    private static void progress(String what) {
        System.out.printf("[%5.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9, what);
    }

    @SuppressWarnings("unchecked")
    private static double lifecyclesPerSecond(Map<String, Object> figures, String subject) {
        return (double) ((Map<String, Object>) figures.get(subject)).get("lifecyclesPerSecond");
    }
}
