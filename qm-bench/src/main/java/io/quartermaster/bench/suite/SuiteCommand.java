package io.quartermaster.bench.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The whole suite in one run: the pgbench baseline first, then every benchmark, each comparing its
 * figures with the baseline (and its own subject-specific baseline) measured in this run. Each
 * benchmark writes its section of the report and its JSON; a benchmark that fails does not stop the
 * others, but makes the run fail.
 */
@Command(name = "all", mixinStandardHelpOptions = true,
        description = "Every benchmark in turn (what `./quartermaster bench` runs without an argument).")
public class SuiteCommand implements Callable<Integer> {

    /** In the order they run: the baseline first, the longest-running last. */
    public static final List<String> BENCHMARKS = List.of("baseline", "placement", "fleet", "read", "storm", "lifecycle");

    @Mixin
    BenchDatabase database;

    @Option(names = "--smoke", description = "Every benchmark's smoke mode (for tests).")
    boolean smoke;

    @Option(names = "--only", split = ",", description = "Only these benchmarks, in the suite's order.")
    List<String> only;

    @Option(names = "--report", defaultValue = "BENCHMARKS.md", description = "Markdown report to update.")
    Path report;

    @Option(names = "--results", defaultValue = "bench-results", description = "Directory of the raw figures (JSON).")
    Path results;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        for (String name : BENCHMARKS) {
            if (only != null && !only.contains(name)) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of(name, "--report", report.toString(),
                    "--json", results.resolve(name + ".json").toString()));
            if (smoke) {
                args.add("--smoke");
            }
            if (!(smoke && name.equals("placement"))) { // placement's smoke mode runs on H2
                args.addAll(List.of("--database-url", database.url(), "--database-user", database.user,
                        "--database-password", database.password));
            }
            System.out.println("=== " + name);
            int code = spec.parent().commandLine().execute(args.toArray(String[]::new));
            outcomes.put(name, code);
        }
        System.out.println("=== " + outcomes);
        return outcomes.values().stream().allMatch(code -> code == 0) ? 0 : 1;
    }
}
