package io.quartermaster.bench.lifecycle;

import io.quartermaster.bench.Environment;
import io.quartermaster.bench.Report;
import io.quartermaster.bench.suite.BenchDatabase;
import io.quartermaster.bench.suite.PgBench;
import io.quartermaster.bench.suite.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Option(names = "--machines", defaultValue = "2000",
            description = "Machines whose lives are measured (default ${DEFAULT-VALUE}).")
    int machines;

    @Option(names = "--threads", defaultValue = "4",
            description = "Request threads, and as many agent workers (one host each) (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--rounds", defaultValue = "4",
            description = "Measured rounds per subject, taken in turns with the other (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", description = "Machines of an unmeasured first round (default a tenth, at most 200).")
    Integer warmup;

    @Mixin
    BenchDatabase bench;

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
            rounds = 1;
        }
        int warmupMachines = warmup != null ? warmup : Math.min(200, machines / 10);
        rounds = Math.max(1, Math.min(rounds, machines));
        Database database = new Database(bench.url(), bench.user, bench.password);
        String unreachable = bench.unreachable();
        if (unreachable != null) {
            System.err.println("qm-bench: " + unreachable);
            return 2;
        }
        DatabaseCounters counters = new DatabaseCounters(database, smoke ? Duration.ofSeconds(1) : Duration.ofSeconds(11));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("when", Instant.now().toString());
        figures.put("machine", Environment.describe());
        figures.put("database", counters.serverVersion());
        figures.put("machines", machines);
        figures.put("threads", threads);
        figures.put("rounds", rounds);
        figures.put("warmupMachines", warmupMachines);
        figures.put("resultBatch", ServerLifecycles.RESULT_BATCH);
        figures.put("statementsCounted", counters.statementsAvailable());
        PgBench.Baseline baseline = PgBench.recentOrMeasure(bench.url(), bench.user, bench.password, smoke ? 2 : 10);
        figures.put("baseline", baseline.figures());
        measureBoth(database, counters, warmupMachines, figures);
        figures.put("targets", targets(figures, baseline));
        new Report(report, json).write("lifecycle", figures, LifecycleReport.markdown(figures, command()));
        System.out.println("Wrote " + report + " and " + json);
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> targets(Map<String, Object> figures, PgBench.Baseline baseline) {
        Map<String, Object> ours = (Map<String, Object>) figures.get("quartermaster");
        Map<String, Object> raw = (Map<String, Object>) figures.get("rawFlowable");
        double transitions = (double) ours.get("transitionsPerSecond");
        double lifecycles = (double) ours.get("lifecyclesPerSecond");
        double rawLifecycles = (double) raw.get("lifecyclesPerSecond");
        double commits = (double) ours.get("commitsPerTransition");
        double rawCommits = (double) raw.get("commitsPerTransition");
        return List.of(
                new Target("transitions per second", transitions, "/s", "S8", baseline.s8(), transitions / baseline.s8(),
                        "≥ 0.05 × S8 (aim 0.10)", transitions / baseline.s8() >= 0.05).figures(),
                new Target("lifecycles per second", lifecycles, "/s", "RF", rawLifecycles, lifecycles / rawLifecycles,
                        "≥ 0.5 × RF (aim 0.7)", lifecycles / rawLifecycles >= TARGET_RATIO).figures(),
                new Target("commits per transition", commits, "", "raw Flowable's", rawCommits, commits / rawCommits,
                        "≤ 2.5 (aim 1.5)", commits <= TARGET_COMMITS_PER_TRANSITION).figures(),
                new Target("database bytes per completed lifecycle", (double) ours.get("databaseBytesPerLifecycle"), "B",
                        "raw Flowable's", (double) raw.get("databaseBytesPerLifecycle"),
                        (double) ours.get("databaseBytesPerLifecycle") / (double) raw.get("databaseBytesPerLifecycle"),
                        "(none)", true).figures());
    }

    /** Starts the server, then raw Flowable set up like the server's engine, and measures both. */
    private void measureBoth(Database database, DatabaseCounters counters, int warmupMachines,
            Map<String, Object> figures) throws InterruptedException {
        progress("starting the server");
        try (ServerLifecycles server = new ServerLifecycles(database, threads, warmupMachines + machines)) {
            Tally ours = new Tally("Quartermaster", server);
            long emptyServerBytes = database.schemaBytes(server.schema());
            ours.idleCommitsPerSecond = counters.idleCommitsPerSecond();
            JobThreads jobThreads = server.jobThreads();
            figures.put("engine", RawFlowableLifecycles.settingsOf(server.engineConfiguration(), jobThreads,
                    server.connectionPoolSize()));
            progress("starting raw Flowable");
            try (RawFlowableLifecycles raw = new RawFlowableLifecycles(database, server.engineConfiguration(), jobThreads,
                    server.connectionPoolSize())) {
                Tally theirs = new Tally("raw Flowable", raw);
                long emptyRawBytes = database.schemaBytes(raw.schema());
                theirs.idleCommitsPerSecond = Math.max(0, counters.idleCommitsPerSecond() - ours.idleCommitsPerSecond);
                measure(ours, theirs, counters, warmupMachines);
                Map<String, Object> measured = ours.figures(counters.statementsAvailable());
                int lived = warmupMachines + machines;
                measured.put("databaseBytesPerLifecycle", (double) (database.schemaBytes(server.schema()) - emptyServerBytes) / lived);
                // Both cover every round, the warm-up too: Transitions writes one of each per transition.
                measured.put("recordedTransitions", server.transitions());
                measured.put("auditedTransitions", server.auditedTransitions());
                figures.put("quartermaster", measured);
                Map<String, Object> rawFigures = theirs.figures(counters.statementsAvailable());
                rawFigures.put("databaseBytesPerLifecycle", (double) (database.schemaBytes(raw.schema()) - emptyRawBytes) / lived);
                figures.put("rawFlowable", rawFigures);
                double ratio = ours.lifecyclesPerSecond() / theirs.lifecyclesPerSecond();
                figures.put("ratioToRawFlowable", ratio);
                System.out.printf("Quartermaster at %.2f of raw Flowable's lifecycles per second%n", ratio);
            }
        }
    }

    /**
     * A warm-up round of each, then the measured rounds, the two subjects taking turns so that other
     * work on the machine weighs on both alike. PostgreSQL's counters are read between rounds; the
     * idle subject's background commits during a round are taken off the active one's.
     */
    private void measure(Tally ours, Tally theirs, DatabaseCounters counters, int warmupMachines)
            throws InterruptedException {
        if (warmupMachines > 0) {
            for (Tally tally : List.of(ours, theirs)) {
                progress(tally.name + ": warming up with " + warmupMachines + " machines");
                LifecycleRun.run(tally.subject, warmupMachines, threads);
            }
        }
        DatabaseCounters.Snapshot from = counters.read();
        for (int round = 0; round < rounds; round++) {
            int share = machines / rounds + (round < machines % rounds ? 1 : 0);
            List<Tally> turns = round % 2 == 0 ? List.of(ours, theirs) : List.of(theirs, ours);
            for (Tally active : turns) {
                Tally idle = active == ours ? theirs : ours;
                progress(active.name + ": round " + (round + 1) + " of " + rounds + ", " + share + " machines");
                long observedBefore = active.subject.observerTransactions();
                LifecycleRun.Result result = LifecycleRun.run(active.subject, share, threads);
                long observed = active.subject.observerTransactions() - observedBefore;
                DatabaseCounters.Snapshot to = counters.read();
                double seconds = (to.nanoTime() - from.nanoTime()) / 1e9;
                // Less the benchmark's own looks and the idle subject's background.
                double commits = to.commits() - from.commits() - observed - idle.idleCommitsPerSecond * seconds;
                active.add(result, commits, DatabaseCounters.statementsBetween(from, to).stream()
                        .filter(calls -> !calls.query().contains(LifecycleReport.BENCH_TAG)).toList());
                from = to;
            }
        }
    }

    private String command() {
        if (smoke) {
            return "./quartermaster bench lifecycle --smoke";
        }
        return "./quartermaster bench lifecycle" + (machines != 2000 ? " --machines " + machines : "")
                + (threads != 4 ? " --threads " + threads : "") + (rounds != 4 ? " --rounds " + rounds : "")
                + (warmup != null ? " --warmup " + warmup : "");
    }

    private static final long STARTED = System.nanoTime();

    private static void progress(String what) {
        System.out.printf("[%5.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9, what);
    }
}
