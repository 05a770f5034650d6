package io.quartermaster.bench;

import io.quartermaster.bench.lifecycle.LifecycleBenchmark;
import io.quartermaster.bench.suite.BaselineBenchmark;
import io.quartermaster.bench.suite.SuiteCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Benchmarks run on demand: {@code ./quartermaster bench} runs them all ({@code all}), {@code
 * ./quartermaster bench <name>} one of them. See BENCHMARKS.md.
 */
@Command(name = "qm-bench", mixinStandardHelpOptions = true, description = "Quartermaster benchmarks.",
        subcommands = {SuiteCommand.class, BaselineBenchmark.class, PlacementBenchmark.class, io.quartermaster.bench.fleet.FleetBenchmark.class,
                io.quartermaster.bench.read.ReadBenchmark.class, io.quartermaster.bench.lifecycle.StormBenchmark.class,
                LifecycleBenchmark.class})
public class Bench implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Without arguments, the whole suite. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args.length == 0 ? new String[] {"all"} : args));
    }
}
