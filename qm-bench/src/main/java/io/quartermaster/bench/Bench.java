package io.quartermaster.bench;

import io.quartermaster.bench.lifecycle.LifecycleBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Benchmarks run on demand: {@code ./quartermaster bench placement|lifecycle}. See BENCHMARKS.md. */
@Command(name = "qm-bench", mixinStandardHelpOptions = true, description = "Quartermaster benchmarks.",
        subcommands = {PlacementBenchmark.class, LifecycleBenchmark.class})
public class Bench implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }
}
