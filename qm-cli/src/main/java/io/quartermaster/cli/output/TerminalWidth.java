package io.quartermaster.cli.output;

import io.quartermaster.cli.CliEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * How wide tables may be: {@code COLUMNS} when set, else the terminal's width when a person is at one
 * (asked with {@code stty size}), else {@value #DEFAULT} characters.
 */
public final class TerminalWidth {

    public static final int DEFAULT = 120;
    private static final int SMALLEST = 40;

    private TerminalWidth() {}

    public static int of(CliEnvironment environment) {
        var columns = environment.variable("COLUMNS");
        if (columns.isPresent()) {
            try {
                return Math.max(SMALLEST, Integer.parseInt(columns.get()));
            } catch (NumberFormatException ignored) {
                // fall through to the terminal's own width
            }
        }
        if (environment.interactive()) {
            int terminal = askTerminal();
            if (terminal > 0) {
                return Math.max(SMALLEST, terminal);
            }
        }
        return DEFAULT;
    }

    /** The terminal's width from {@code stty size} (rows and columns), or 0 when it cannot tell. */
    private static int askTerminal() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return 0;
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!stty.waitFor(1, TimeUnit.SECONDS)) {
                stty.destroyForcibly();
                return 0;
            }
            String[] size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip().split("\\s+");
            return size.length == 2 ? Integer.parseInt(size[1]) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
