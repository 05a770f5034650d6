package io.quartermaster.bench.suite;

import io.quartermaster.bench.Environment;
import io.quartermaster.bench.Report;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** pgbench's simple-update TPS with 1 and 8 clients (S1, S8): the database's own speed in this run. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "pgbench -N with 1 and 8 clients on the benchmark database (S1, S8).")
public class BaselineBenchmark implements Callable<Integer> {

    @Mixin
    public BenchDatabase database;

    @Option(names = "--seconds", defaultValue = "10", description = "Length of each pgbench run (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--smoke", description = "Two seconds per run (for tests).")
    boolean smoke;

    @Option(names = "--report", defaultValue = "BENCHMARKS.md", description = "Markdown report to update.")
    Path report;

    @Option(names = "--json", defaultValue = "bench-results/baseline.json", description = "Raw figures.")
    Path json;

    @Override
    public Integer call() throws Exception {
        String unreachable = database.unreachable();
        if (unreachable != null) {
            System.err.println("qm-bench: " + unreachable);
            return 2;
        }
        PgBench.Baseline baseline = PgBench.recentOrMeasure(database.url(), database.user, database.password,
                smoke ? 2 : seconds);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("when", Instant.now().toString());
        figures.put("machine", Environment.describe());
        figures.putAll(baseline.figures());
        String md = "## Baselines\n\n" + Environment.reproduce("./quartermaster bench baseline" + (smoke ? " --smoke" : ""),
                figures) + "\n\n| baseline | figure |\n|---|---:|\n"
                + String.format("| S1: `pgbench -N`, 1 client | %.0f TPS (%.3f ms a transaction) |%n", baseline.s1(),
                        baseline.s1Millis())
                + String.format("| S8: `pgbench -N`, 8 clients, 2 threads | %.0f TPS |%n", baseline.s8())
                + "\nSimple-update transactions (`-N`: an `UPDATE` of `pgbench_accounts`, a `SELECT`, an `INSERT` into "
                + "`pgbench_history`) at scale 1, in the schema `" + PgBench.SCHEMA + "` of the benchmark database, "
                + baseline.seconds() + " s each, " + baseline.pgbench() + ". Every benchmark of a run compares its "
                + "figures with the baseline measured at its start (again when the last one is over 15 minutes old).\n";
        new Report(report, json).write("baseline", figures, md);
        return 0;
    }
}
