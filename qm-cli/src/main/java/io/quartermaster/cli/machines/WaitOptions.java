package io.quartermaster.cli.machines;

import io.quartermaster.cli.TimeArguments;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --wait} and how long, for commands whose work goes on after the server answered. */
public class WaitOptions {

    @Option(names = {"-w", "--wait"}, description = "Wait until the work is done, showing progress on standard error.")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m",
            description = "With --wait: give up after this long, e.g. 90s, 30m, 2h (default: ${DEFAULT-VALUE}); exit code 1.")
    String timeout;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "1s", hidden = true,
            description = "With --wait: how often to ask the server (default: ${DEFAULT-VALUE}).")
    String pollInterval;

    /** Checks the durations before anything is ordered or changed, so a typo costs nothing. */
    public void check() {
        timeout();
        pollInterval();
    }

    public boolean enabled() {
        return wait;
    }

    public Duration timeout() {
        return TimeArguments.duration("--timeout", timeout);
    }

    public Duration pollInterval() {
        return TimeArguments.duration("--poll-interval", pollInterval);
    }
}
