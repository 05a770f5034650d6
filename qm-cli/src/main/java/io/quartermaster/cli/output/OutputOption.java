package io.quartermaster.cli.output;

import picocli.CommandLine.Option;

/** {@code -o table|json|yaml}, mixed into every command that prints objects. */
public class OutputOption {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). JSON and YAML are the server's objects as they are.")
    OutputFormat format = OutputFormat.table;

    public OutputFormat format() {
        return format;
    }
}
