package io.quartermaster.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.QuartermasterServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real server as an operating-system process of its own (what {@code java -jar qm-server.jar
 * start-dev} runs), so a test can kill it as a crash would: no shutdown hook, no graceful stop, the
 * database left as the last commit left it. It runs this build's classes with the test JVM's java; each
 * start gets a free port and a log file of its own in the working directory.
 */
public final class ServerProcess implements AutoCloseable {

    /** Exit status of a process ended by SIGKILL (128 + 9). */
    public static final int KILLED = 137;
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    private final Path workingDirectory;
    private final List<String> settings;
    private Process process;
    private Api api;
    private Path log;
    private int starts;
    private Thread reaper;

    /** {@code settings} are {@code --name=value} arguments after {@code start-dev --port=…}. */
    public ServerProcess(Path workingDirectory, List<String> settings) {
        this.workingDirectory = workingDirectory;
        this.settings = List.copyOf(settings);
    }

    /** Launches the server and returns once it answers as ready, or fails with the end of its log. */
    public ServerProcess start() {
        assertThat(process == null || !process.isAlive()).as("the server is already running").isTrue();
        int port = freePort();
        log = workingDirectory.resolve("server-" + (++starts) + ".log");
        // A test's server lives for a minute: the quick compiler alone makes it start sooner.
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx768m", "-XX:TieredStopAtLevel=1",
                "-cp", serverClasspath(), QuartermasterServer.class.getName(), "start-dev", "--port=" + port));
        command.addAll(settings);
        try {
            process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (reaper == null) { // a test JVM that ends abruptly must not leave a server behind
            reaper = new Thread(this::close, "server-process-reaper");
            Runtime.getRuntime().addShutdownHook(reaper);
        }
        api = new Api(port);
        awaitReady();
        return this;
    }

    /** Polls the readiness probe of the live process (it is ready once its start-up work is done). */
    private void awaitReady() {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("The server exited with " + process.exitValue() + " during start-up:\n"
                        + logTail());
            }
            try {
                if (api.get(Api.Auth.none(), "/actuator/health/readiness").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // the port opens a while after the process starts
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The server was not ready within " + READY_WITHIN + ":\n" + logTail());
            }
            pause(Duration.ofMillis(200));
        }
    }

    /** Ends the process with SIGKILL, as a crash or {@code kill -9} would, and checks that it was that. */
    public void kill() {
        process.destroyForcibly();
        assertThat(waitForExit()).as("exit status of the killed server").isEqualTo(KILLED);
    }

    /** Asks the process to stop (SIGTERM: a graceful shutdown) and waits until it has. */
    public void stop() {
        process.destroy();
        waitForExit();
    }

    private int waitForExit() {
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the server process ended").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    public Api api() {
        return api;
    }

    /** What the current process wrote so far (standard output and error). */
    public List<String> logLines() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines the current process wrote, for failure messages. */
    public String logTail() {
        List<String> lines = logLines();
        return "--- " + log + " (last lines) ---\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The java that runs the tests. */
    static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The test JVM's classpath without the test classes: those hold test-only beans (a hand-moved clock)
     * that component scanning would otherwise pick up. The server runs the main classes only.
     */
    static String serverClasspath() {
        return String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path")
                        .split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith(Path.of("target", "test-classes")))
                .toList());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Between polls of a live process; never to let time pass. */
    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
