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
 * The lease expiry storm: N machines built through the real server (requests through the API, the
 * zero-latency agent of the lifecycle benchmark), then the clock moved past every lease end at once, and
 * the time until every one of them is Expired (powered off by a host step, tombstoned) measured; then the
 * same on raw Flowable running the lifecycle benchmark's copies of the server's processes with empty steps,
 * what the engine alone does on the same machine in the same run.
 */
@Command(name = "storm", mixinStandardHelpOptions = true,
        description = "10,000 leases falling due at once: seconds until every machine is Expired, on the server "
                + "and on raw Flowable.")
public class StormBenchmark implements Callable<Integer> {

    static final double TARGET_SECONDS = 60;

    @Option(names = "--leases", defaultValue = "10000", description = "Machines whose leases end at once (default ${DEFAULT-VALUE}).")
    int leases;

    @Option(names = "--threads", defaultValue = "8", description = "Request threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--agents", defaultValue = "8",
            description = "Agent workers of zero latency, one host each (default ${DEFAULT-VALUE}).")
    int agents;

    // One by default, as most people order; orders of several machines from several threads at once now wait for
    // each other on the group's reservations (the server holds them in one order) rather than deadlock.
    @Option(names = "--per-request", defaultValue = "1",
            description = "Machines ordered by one request, as the API allows up to 100 (default ${DEFAULT-VALUE}).")
    int perRequest;

    @Mixin
    BenchDatabase bench;

    @Option(names = "--smoke", description = "4 leases (for tests).")
    boolean smoke;

    @Option(names = "--report", defaultValue = "BENCHMARKS.md", description = "Markdown report to update.")
    Path report;

    @Option(names = "--json", defaultValue = "bench-results/storm.json", description = "Raw figures.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (smoke) {
            leases = 4;
            threads = 1;
            agents = 1;
        }
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
        figures.put("leases", leases);
        figures.put("threads", threads);
        figures.put("agents", agents);
        figures.put("perRequest", perRequest);
        figures.put("resultBatch", ServerLifecycles.RESULT_BATCH);
        PgBench.Baseline baseline = PgBench.recentOrMeasure(bench.url(), bench.user, bench.password, smoke ? 2 : 10);
        figures.put("baseline", baseline.figures());
        progress("starting the server");
        LifecycleRun.Load load = new LifecycleRun.Load(threads, agents, perRequest);
        Map<String, Object> ours;
        Map<String, Object> raw;
        try (ServerLifecycles server = new ServerLifecycles(database, agents, leases)) {
            figures.put("jobThreads", server.jobThreads().toString());
            ours = storm("the server", server, load, counters, 0);
            ours.put("afterStorm", server.afterStorm());
            progress("after the storm: " + ours.get("afterStorm"));
            // The same storm on the engine alone, set up like the server's, with empty steps: what the engine's
            // own bookkeeping allows on this machine. The server idles meanwhile; its background is taken off.
            double serverIdleCommits = counters.idleCommitsPerSecond();
            progress("starting raw Flowable");
            try (RawFlowableLifecycles rawFlowable = new RawFlowableLifecycles(database, server.engineConfiguration(),
                    server.jobThreads(), server.connectionPoolSize())) {
                raw = storm("raw Flowable", rawFlowable, load, counters, serverIdleCommits);
            }
        }
        figures.put("quartermaster", ours);
        figures.put("rawFlowable", raw);
        double seconds = (double) ours.get("stormSeconds");
        double rate = (double) ours.get("expiriesPerSecond");
        double rawRate = (double) raw.get("expiriesPerSecond");
        boolean all = (long) ours.get("expired") == leases;
        figures.put("targets", List.of(
                new Target("lease expiry storm, " + ours.get("expired") + " of " + leases + " leases expired",
                        seconds, "s", "S8", baseline.s8(), rate / baseline.s8(), "≤ 60 s (ratio: expiries/s ÷ S8)",
                        all && seconds <= TARGET_SECONDS).figures(),
                new Target("lease expiry storm, expiries per second", rate, "/s", "raw Flowable's storm", rawRate,
                        rate / rawRate, "(none)", true).figures()));
        new Report(report, json).write("storm", figures, markdown(figures, smoke ? "./quartermaster bench storm --smoke"
                : "./quartermaster bench storm" + (leases != 10000 ? " --leases " + leases : "")
                        + (perRequest != 1 ? " --per-request " + perRequest : "")));
        System.out.println("Wrote " + report + " and " + json);
        return 0;
    }

    /**
     * Builds {@code leases} machines on the subject, moves its clock past every lease end at once and waits
     * until all are Expired (or the phase's limit passes, which is written down with what was reached).
     *
     * @param idleCommitsPerSecond the other subject's background, taken off this one's commits
     */
    private Map<String, Object> storm(String name, Lifecycles subject, LifecycleRun.Load load, DatabaseCounters counters,
            double idleCommitsPerSecond) throws InterruptedException {
        Map<String, Object> figures = new LinkedHashMap<>();
        progress(name + ": building " + leases + " machines");
        LifecycleRun.Result build = LifecycleRun.run(subject, leases, load, LifecycleRun.PHASES.subList(0, 1));
        figures.put("buildSeconds", build.seconds());
        progress(String.format("%s: built in %.0f s (%.1f a second)", name, build.seconds(), leases / build.seconds()));
        // Every lease ends, and every reminder falls due, in this one move of the clock.
        LifecycleRun.Phase storm = new LifecycleRun.Phase("lease end storm",
                Duration.ofDays(LifecycleRun.LEASE_DAYS).plusHours(1), Milestone.EXPIRED);
        DatabaseCounters.Snapshot from = counters.read();
        long observedBefore = subject.observerTransactions();
        progress(name + ": moving the clock past every lease end");
        long started = System.nanoTime();
        long expired = leases;
        try {
            LifecycleRun.Result result = LifecycleRun.run(subject, leases, load, List.of(storm));
            figures.put("agentSteps", result.agentSteps());
            figures.put("agentErrors", result.agentErrors());
        } catch (IllegalStateException notAllInTime) { // keep what was measured, and say so
            expired = subject.milestones().get(Milestone.EXPIRED); // a fresh subject: all of them this storm's
            figures.put("notFinished", notAllInTime.getMessage());
            figures.put("agentErrors", 0L);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        DatabaseCounters.Snapshot to = counters.read();
        double settled = (to.nanoTime() - from.nanoTime()) / 1e9;
        double commits = to.commits() - from.commits() - (subject.observerTransactions() - observedBefore)
                - idleCommitsPerSecond * settled;
        figures.put("expired", expired);
        figures.put("stormSeconds", seconds);
        figures.put("expiriesPerSecond", expired / seconds);
        figures.put("commitsPerExpiry", commits / expired);
        if (counters.statementsAvailable()) {
            double expiries = expired;
            List<DatabaseCounters.Calls> ran = DatabaseCounters.statementsBetween(from, to).stream()
                    .filter(calls -> !calls.query().contains(LifecycleReport.BENCH_TAG)
                            && !LifecycleReport.isTransactionControl(calls.query()))
                    .toList();
            figures.put("statementsPerExpiry", ran.stream().mapToLong(DatabaseCounters.Calls::calls).sum() / expiries);
            figures.put("statements", ran.stream().limit(15)
                    .map(calls -> Map.of("perExpiry", calls.calls() / expiries, "query", calls.query())).toList());
        }
        progress(String.format("%s: %d of %d leases expired in %.1f s (%.0f/s)", name, expired, leases, seconds,
                expired / seconds));
        return figures;
    }

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> f, String command) {
        double s8 = (double) ((Map<String, Object>) f.get("baseline")).get("s8Tps");
        Map<String, Object> ours = (Map<String, Object>) f.get("quartermaster");
        Map<String, Object> raw = (Map<String, Object>) f.get("rawFlowable");
        double seconds = (double) ours.get("stormSeconds");
        int leases = (int) f.get("leases");
        Map<String, Long> after = (Map<String, Long>) ours.get("afterStorm");
        return "## Lease expiry storm\n\n" + Environment.reproduce(command, f) + String.format("""


                %,d machines built through the server (%d request threads ordering %d machines a request through \
                the API, %d agent workers of zero latency, one host each, reporting %s; %.0f s, %.1f machines a \
                second), then the \
                clock moved %d days and an hour at once: every lease end (and every lease reminder) is due in the \
                same instant. Each expiry is the engine's timer job, the power-off host step answered by the agent, \
                and the transition to Expired with its destruction warning's timer (the tombstone end's is armed \
                after it). The engine's job threads: %s. Then the same on raw Flowable, set up like the server's \
                engine, running copies of the server's processes with empty steps (the lifecycle benchmark's \
                baseline), as many instances started the same way and driven by as many workers: what the engine \
                alone does on this machine.

                | subject | leases | expired | seconds | expiries/s | ÷ S8 (%.0f TPS) | commits per expiry | statements per expiry | target |
                |---|---:|---:|---:|---:|---:|---:|---:|---|
                %s
                %s

                The server runs at **%.2f** of raw Flowable's expiries per second. After the server's storm: %d \
                failed jobs, %d dead letters, %d Expired machines not powered off or without the timer that leads \
                to their destruction, %d of %d power-offs still open, %d reminders sent.
                """, leases, (int) f.get("threads"), (int) f.get("perRequest"), (int) f.get("agents"),
                f.get("resultBatch") instanceof Number batch && batch.intValue() > 1
                        ? "up to " + batch + " results in one call's transaction" : "each result in its own transaction",
                (double) ours.get("buildSeconds"), leases / (double) ours.get("buildSeconds"),
                LifecycleRun.LEASE_DAYS, f.get("jobThreads"), s8,
                row("Quartermaster", ours, leases, s8, seconds <= TARGET_SECONDS && (long) ours.get("expired") == leases
                        ? "≤ 60 s: met" : "≤ 60 s: **missed**"),
                row("raw Flowable", raw, leases, s8, "(baseline)"),
                (double) ours.get("expiriesPerSecond") / (double) raw.get("expiriesPerSecond"),
                after.get("failed_jobs"), after.get("dead_letters"), after.get("expired_incomplete"),
                after.get("open_power_offs"), after.get("power_offs"), after.get("reminders_sent"))
                + notFinished("the server", ours) + notFinished("raw Flowable", raw);
    }

    private static String row(String subject, Map<String, Object> m, int leases, double s8, String target) {
        double rate = (double) m.get("expiriesPerSecond");
        return String.format("| %s | %,d | %,d | %.1f s | %.0f | %.4f | %.1f | %s | %s |", subject, leases,
                (long) m.get("expired"), (double) m.get("stormSeconds"), rate, rate / s8, (double) m.get("commitsPerExpiry"),
                m.get("statementsPerExpiry") instanceof Double statements ? String.format("%.1f", statements) : "–", target);
    }

    private static String notFinished(String subject, Map<String, Object> m) {
        return m.get("notFinished") != null ? "\nNot every lease of " + subject + " expired in time: " + m.get("notFinished") + "\n" : "";
    }

    private static final long STARTED = System.nanoTime();

    private static void progress(String what) {
        System.out.printf("[%6.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9, what);
    }
}
