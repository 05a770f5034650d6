package io.quartermaster.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code qm} takes from the world it runs in: environment variables, the home folder, the standard
 * streams, the clock and whether a person is at a terminal. Tests pass their own, so the CLI runs
 * in-process with its own config file and captured output.
 */
public record CliEnvironment(
        Map<String, String> variables,
        Path home,
        InputStream in,
        PrintWriter out,
        PrintWriter err,
        Clock clock,
        boolean interactive) {

    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Path.of(System.getProperty("user.home")), System.in,
                new PrintWriter(System.out, true, stdoutCharset()), new PrintWriter(System.err, true, stdoutCharset()),
                Clock.systemUTC(), atTerminal());
    }

    /**
     * Whether a person is at a terminal. Since Java 22 {@code System.console()} may exist with redirected
     * streams, so its {@code isTerminal()} decides where there is one (called reflectively: qm targets 21).
     */
    static boolean atTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJava) {
            return true;
        }
    }

    /** The variable's value, absent when unset or blank. */
    public Optional<String> variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static java.nio.charset.Charset stdoutCharset() {
        String name = System.getProperty("stdout.encoding");
        try {
            return name == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(name);
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }
}
