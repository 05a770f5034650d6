package io.quartermaster.bench.lifecycle;

import io.quartermaster.bench.Latencies;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The lifecycle section of BENCHMARKS.md. */
final class LifecycleReport {

    /** Marks the benchmark's own SQL, so statement counts leave it out. */
    static final String BENCH_TAG = "/* qm-bench */ ";

    private static final int TOP_STATEMENTS = 12;

    private LifecycleReport() {}

    static boolean isTransactionControl(String query) {
        String q = query.strip().toUpperCase(Locale.ROOT);
        return q.startsWith("BEGIN") || q.startsWith("COMMIT") || q.startsWith("ROLLBACK") || q.startsWith("SAVEPOINT")
                || q.startsWith("RELEASE") || q.startsWith("SET ") || q.startsWith("SHOW ");
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> f, String command) {
        Map<String, Object> ours = (Map<String, Object>) f.get("quartermaster");
        Map<String, Object> raw = (Map<String, Object>) f.get("rawFlowable");
        boolean statements = (boolean) f.get("statementsCounted");
        StringBuilder md = new StringBuilder();
        describeRun(md, f, command);
        figures(md, ours, raw, statements);
        targets(md, (double) f.get("ratioToRawFlowable"), (double) ours.get("commitsPerTransition"));
        baselineAndBytes(md, f, ours, raw);
        howCommitsAreCounted(md, ours, raw, (Map<String, Object>) f.get("engine"));
        if (statements) {
            statements(md, ours, raw);
        } else {
            md.append("\nStatements are not counted: the pg_stat_statements extension is not available in this ")
                    .append("database (`scripts/ensure-postgres.sh` loads and installs it when it starts PostgreSQL).\n");
        }
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static void describeRun(StringBuilder md, Map<String, Object> f, String command) {
        Map<String, Object> machine = (Map<String, Object>) f.get("machine");
        md.append("## Lifecycle\n\n")
                .append("Reproduce with `").append(command).append("` (PostgreSQL from `scripts/ensure-postgres.sh`). ")
                .append("Measured ").append(f.get("when")).append(" on ").append(machine.get("cores")).append(" cores, ")
                .append(machine.get("java")).append("; ").append(f.get("database"))
                .append(String.format("; load average %.1f when it started", (double) machine.get("loadAverage")))
                .append(".\n\n")
                .append(f.get("machines")).append(" machines, each requested, built (five host steps), reminded of its ")
                .append("lease end, expired (powered off by a host step), warned before destruction and disposed ")
                .append("(destroyed by a host step): ").append(LifecycleRun.TRANSITIONS_PER_LIFE)
                .append(" transitions, ").append(LifecycleRun.AGENT_STEPS_PER_LIFE).append(" host steps and 4 timers per ")
                .append("life. ").append(f.get("threads")).append(" threads request machines while ")
                .append(f.get("threads")).append(" agent workers (one host each) answer every host step at once (")
                .append(resultBatch(f)).append("); ")
                .append("timers fire on the engine's job executor when the clock is moved past them. After a warm-up ")
                .append("round of ").append(f.get("warmupMachines")).append(" machines each, the two take turns in ")
                .append(f.get("rounds")).append(" measured rounds each, so that other work on the machine weighs on ")
                .append("both alike; both stay started throughout.\n\n");
    }

    /** How the server's agent workers reported results in this run (runs before batches said nothing). */
    private static String resultBatch(Map<String, Object> f) {
        Object batch = f.get("resultBatch");
        if (batch == null || ((Number) batch).intValue() <= 1) {
            return "the server's: each result in a transaction of its own, the next step taken in its answer; raw "
                    + "Flowable's: a trigger each";
        }
        return "the server's: the results of the tasks a look or an answer brought, up to " + batch + ", in one call's "
                + "transaction, each in a savepoint of its own, their next steps taken in its answer; raw Flowable's: "
                + "a trigger each, in a transaction of its own";
    }

    @SuppressWarnings("unchecked")
    private static void figures(StringBuilder md, Map<String, Object> ours, Map<String, Object> raw, boolean statements) {
        md.append("| | lifecycles/s | transitions/s | seconds | commits per transition | commits per lifecycle |")
                .append(statements ? " statements per transition |\n|---|---:|---:|---:|---:|---:|---:|\n"
                        : "\n|---|---:|---:|---:|---:|---:|\n")
                .append(row("Quartermaster: the server's workflows and steps, requests through the API, the agent task queue",
                        ours, statements))
                .append(row("raw Flowable: the same processes with empty steps, receive tasks for host steps", raw,
                        statements))
                .append("\n| phase, or one operation | Quartermaster | raw Flowable |\n|---|---:|---:|\n");
        Map<String, Double> ourPhases = (Map<String, Double>) ours.get("phaseSeconds");
        Map<String, Double> rawPhases = (Map<String, Double>) raw.get("phaseSeconds");
        ourPhases.forEach((phase, seconds) -> md.append(String.format("| %s | %.2f s | %.2f s |%n", phase, seconds,
                rawPhases.get(phase))));
        Latencies ourRequests = (Latencies) ours.get("requestLatency");
        Latencies rawRequests = (Latencies) raw.get("requestLatency");
        md.append(String.format("| a request (p50 / p99): server through the API, raw a process start | %.1f / %.1f ms "
                        + "| %.1f / %.1f ms |%n", ourRequests.p50Micros() / 1000, ourRequests.p99Micros() / 1000,
                rawRequests.p50Micros() / 1000, rawRequests.p99Micros() / 1000))
                .append(String.format("| a host step answered (mean): server lease and complete, raw a trigger | %.1f ms "
                        + "| %.1f ms |%n", (double) ours.get("agentStepMillis"), (double) raw.get("agentStepMillis")));
    }

    private static void targets(StringBuilder md, double ratio, double commitsPerTransition) {
        md.append("\nTargets: Quartermaster's lifecycles per second are **")
                .append(String.format("%.2f", ratio)).append("** of raw Flowable's (target ≥ ")
                .append(oneDecimal(LifecycleBenchmark.TARGET_RATIO)).append(", aim ")
                .append(oneDecimal(LifecycleBenchmark.AIM_RATIO)).append("): ")
                .append(verdict(ratio >= LifecycleBenchmark.TARGET_RATIO, ratio >= LifecycleBenchmark.AIM_RATIO))
                .append(". Commits per transition are **").append(String.format("%.2f", commitsPerTransition))
                .append("** (target ≤ ").append(oneDecimal(LifecycleBenchmark.TARGET_COMMITS_PER_TRANSITION))
                .append(", aim ").append(oneDecimal(LifecycleBenchmark.AIM_COMMITS_PER_TRANSITION)).append("): ")
                .append(verdict(commitsPerTransition <= LifecycleBenchmark.TARGET_COMMITS_PER_TRANSITION,
                        commitsPerTransition <= LifecycleBenchmark.AIM_COMMITS_PER_TRANSITION))
                .append(".\n\n");
    }

    @SuppressWarnings("unchecked")
    private static void baselineAndBytes(StringBuilder md, Map<String, Object> f, Map<String, Object> ours,
            Map<String, Object> raw) {
        Map<String, Object> baseline = (Map<String, Object>) f.get("baseline");
        double s8 = (double) baseline.get("s8Tps");
        double transitions = (double) ours.get("transitionsPerSecond");
        md.append(String.format("Against the database itself: %.1f transitions/s is **%.3f × S8** (pgbench -N with 8 "
                + "clients, %.0f TPS in this run; target ≥ 0.05, aim 0.10): %s. ", transitions, transitions / s8, s8,
                verdict(transitions / s8 >= 0.05, transitions / s8 >= 0.10)))
                .append(String.format("Database bytes per completed lifecycle, history included (what every table of the "
                        + "subject's schema, indexes too, grew by from its start, over every machine it ran, warm-up "
                        + "included): %.1f KiB on the "
                        + "server, %.1f KiB on raw Flowable.%n%n", (double) ours.get("databaseBytesPerLifecycle") / 1024,
                        (double) raw.get("databaseBytesPerLifecycle") / 1024));
    }

    private static void howCommitsAreCounted(StringBuilder md, Map<String, Object> ours, Map<String, Object> raw,
            Map<String, Object> engine) {
        md.append("Commits are PostgreSQL's `xact_commit` for the database, read between rounds after the counters ")
                .append("settled, less the benchmark's own progress checks and the other subject's idle background. ")
                .append("They include the subject's own background: its engine's job executor polling for due jobs and ")
                .append("timers (about ")
                .append(String.format("%.0f", (double) ours.get("idleCommitsPerSecond")))
                .append(" commits/s on the idle server, ")
                .append(String.format("%.0f", (double) raw.get("idleCommitsPerSecond")))
                .append(" on the idle raw engine) and, on the server only, the agent workers' looks that found ")
                .append("nothing (").append(ours.get("idleAgentPolls")).append(", one transaction each; the raw ")
                .append("engine's workers look in memory). Both engines run with history level `")
                .append(engine.get("historyLevel")).append("`, id generator ").append(engine.get("idGenerator"))
                .append(", ").append(engine.get("connectionPoolSize")).append(" connections; their jobs run on ")
                .append(engine.get("jobThreads")).append(". When idle, the server looks for due timers every ")
                .append(engine.get("timerJobAcquireWait")).append(" and for stray asynchronous jobs every ")
                .append(engine.get("asyncJobAcquireWait")).append("; the raw engine for both every ")
                .append(engine.get("rawAcquireWait")).append(" (without the server's capacity-aware timer ")
                .append("acquisition, the timer jobs its full queue turns away wait for its next look).\n");
    }

    @SuppressWarnings("unchecked")
    private static void statements(StringBuilder md, Map<String, Object> ours, Map<String, Object> raw) {
        List<Map<String, Object>> ourStatements = (List<Map<String, Object>>) ours.get("statements");
        Map<String, Double> rawCounts = new HashMap<>();
        ((List<Map<String, Object>>) raw.get("statements")).forEach(statement -> rawCounts.merge(
                normalized((String) statement.get("query")), (double) statement.get("perLifecycle"), Double::sum));
        md.append("\nStatements per lifecycle (pg_stat_statements; BEGIN, COMMIT, SET and savepoints are left out of ")
                .append("statements per transition). The server's most frequent, next to raw Flowable's count of ")
                .append("the same statement:\n\n");
        statementTable(md, ourStatements.stream().limit(TOP_STATEMENTS).toList(), rawCounts);
        md.append("\nWhat the server runs beyond raw Flowable, the largest differences first:\n\n");
        statementTable(md, ourStatements.stream()
                .filter(statement -> extra(statement, rawCounts) >= 0.5)
                .sorted(Comparator.comparingDouble((Map<String, Object> statement) -> extra(statement, rawCounts))
                        .reversed())
                .limit(TOP_STATEMENTS).toList(), rawCounts);
    }

    private static void statementTable(StringBuilder md, List<Map<String, Object>> statements,
            Map<String, Double> rawCounts) {
        md.append("| server | raw Flowable | statement |\n|---:|---:|---|\n");
        for (Map<String, Object> statement : statements) {
            Double rawCount = rawCounts.get(normalized((String) statement.get("query")));
            md.append(String.format("| %.1f | %s | `%s` |%n", (double) statement.get("perLifecycle"),
                    rawCount == null ? "–" : String.format("%.1f", rawCount), shorten((String) statement.get("query"))));
        }
    }

    private static double extra(Map<String, Object> statement, Map<String, Double> rawCounts) {
        return (double) statement.get("perLifecycle") - rawCounts.getOrDefault(normalized((String) statement.get("query")), 0.0);
    }

    /** The statement with the subject's schema name taken out, so both subjects' statements compare. */
    private static String normalized(String query) {
        return query.replaceAll("bench_(life|raw)_[0-9a-f]+", "<schema>").replaceAll("\\s+", " ").strip();
    }

    private static String row(String what, Map<String, Object> m, boolean statements) {
        return String.format("| %s | %.1f | %.1f | %.1f | %.2f | %.1f |%s%n", what, (double) m.get("lifecyclesPerSecond"),
                (double) m.get("transitionsPerSecond"), (double) m.get("seconds"), (double) m.get("commitsPerTransition"),
                (double) m.get("commitsPerLifecycle"),
                statements ? String.format(" %.1f |", (double) m.get("statementsPerTransition")) : "");
    }

    private static String oneDecimal(double value) {
        return String.format("%.1f", value);
    }

    private static String verdict(boolean target, boolean aim) {
        return aim ? "target and aim met" : target ? "target met, aim missed" : "**target missed**";
    }

    /** One line, at most 160 characters, with no backticks or pipes to break the table. */
    private static String shorten(String query) {
        String line = normalized(query).replace('`', '\'').replace("|", "\\|").strip();
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }
}
