package io.quartermaster.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.agent.QmAgent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real host agent as an operating-system process of its own ({@code qm-agent -c agent.properties}),
 * so a test can kill it as a crash would. Its folder holds the properties file and, once it registered, its
 * credential file: a second {@link #start()} is the same agent starting again. Each start logs to a file
 * of its own in that folder.
 */
public final class AgentProcess implements AutoCloseable {

    /** Exit status of a process ended by SIGKILL (128 + 9). */
    public static final int KILLED = 137;

    private final Path folder;
    private Process process;
    private Path log;
    private int starts;

    private AgentProcess(Path folder) {
        this.folder = folder;
    }

    /** Writes {@code folder/agent.properties} from {@code properties} (in the order given). */
    public static AgentProcess configure(Path folder, Map<String, String> properties) {
        StringBuilder text = new StringBuilder();
        properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("agent.properties"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AgentProcess(folder);
    }

    /** Launches the agent; it registers (or reads its credential file) and starts polling on its own. */
    public AgentProcess start() {
        assertThat(process == null || !process.isAlive()).as("the agent is already running").isTrue();
        log = folder.resolve("agent-" + (++starts) + ".log");
        List<String> command = List.of(ServerProcess.javaCommand(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
                ServerProcess.serverClasspath(),
                QmAgent.class.getName(), "-c", folder.resolve("agent.properties").toString());
        try {
            process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Ends the process with SIGKILL, as a crash or {@code kill -9} would, and returns its exit status. */
    public int kill() {
        process.destroyForcibly();
        return waitForExit();
    }

    /** Asks the process to stop (SIGTERM: its shutdown hook closes the agent) and returns its exit status. */
    public int stop() {
        process.destroy();
        return waitForExit();
    }

    private int waitForExit() {
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the agent process ended").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** The last lines the current process wrote, for failure messages. */
    public String logTail() {
        if (log == null) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(log);
            return "--- " + log + " (last lines) ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "--- " + log + ": " + e;
        }
    }

    @Override
    public void close() {
        if (isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }



    /** For the folder's other files (the state files of simulated hosts, say). */
    public Path folder() {
        return folder;
    }
}
