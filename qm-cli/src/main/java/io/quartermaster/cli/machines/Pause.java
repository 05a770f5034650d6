package io.quartermaster.cli.machines;

import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ExitCodes;
import java.time.Duration;

/** The pause between two looks at the server while waiting for work it does in the background. */
final class Pause {

    private Pause() {}

    static void of(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "Interrupted", "Stopped waiting.");
        }
    }
}
