package io.quartermaster.cli.support;

import io.quartermaster.cli.CliEnvironment;
import io.quartermaster.cli.Qm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs qm in this JVM as a person at one computer would: its own home and config folder, its own
 * environment variables, standard input as given, standard output and error captured.
 */
public final class QmRunner {

    private final Path home;
    private final Map<String, String> variables;
    private final String input;

    private QmRunner(Path home, Map<String, String> variables, String input) {
        this.home = home;
        this.variables = Map.copyOf(variables);
        this.input = input;
    }

    /** A runner with a fresh home folder under {@code parent}, its config under {@code XDG_CONFIG_HOME} there. */
    public static QmRunner in(Path parent) {
        try {
            Path home = Files.createTempDirectory(parent, "home-");
            return new QmRunner(home, Map.of("XDG_CONFIG_HOME", home.resolve(".config").toString(), "COLUMNS", "250"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A runner logged in to the test server as this demo user (whose password is the username). */
    public static QmRunner loggedIn(Path parent, String username) {
        QmRunner runner = in(parent);
        QmResult login = runner.withInput(username + "\n").run("login", TestServer.get().url(), "--username", username,
                "--password-stdin", "--name", "test");
        if (login.exitCode() != 0) {
            throw new IllegalStateException("login as " + username + " failed: " + login);
        }
        return runner;
    }

    public QmRunner withInput(String text) {
        return new QmRunner(home, variables, text);
    }

    public QmRunner withVariable(String name, String value) {
        Map<String, String> changed = new HashMap<>(variables);
        changed.put(name, value);
        return new QmRunner(home, changed, input);
    }

    public Path configFile() {
        return Path.of(variables.get("XDG_CONFIG_HOME")).resolve("qm").resolve("config.yaml");
    }

    public QmResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(variables, home,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
                new PrintWriter(err, true), Clock.systemUTC(), false);
        int code = Qm.commandLine(environment).execute(args);
        return new QmResult(code, out.toString(), err.toString());
    }
}
