package io.quartermaster.cli.output;

import io.quartermaster.cli.CliException;
import picocli.CommandLine.Option;

/** {@code -o} and {@code --limit}, mixed into every listing. */
public class ListingOptions extends OutputOption {

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "Show at most N items (default: ${DEFAULT-VALUE}); the newest or first ones, as the server orders them.")
    int limit = 100;

    public int limit() {
        if (limit < 1) {
            throw CliException.usage("InvalidOption", "--limit must be at least 1.");
        }
        return limit;
    }
}
