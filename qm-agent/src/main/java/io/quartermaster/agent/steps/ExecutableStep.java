package io.quartermaster.agent.steps;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An operator's executable standing in for a step ({@code <steps.dir>/<Step-Name>}). It gets the task as JSON
 * on standard input — {@code {"id", "step", "machineId", "undo", "parameters"}} — and the same in the
 * environment variables {@code QM_TASK_ID}, {@code QM_STEP} and {@code QM_MACHINE_ID}, and runs in the steps
 * folder. Exit code 0 is success, with a JSON object on standard output as the step's result (nothing at
 * all is an empty result). Any other exit code is a failure with standard error as its message; 75
 * ({@code EX_TEMPFAIL} of sysexits.h) says a retry may help, every other code says it will not. A failing
 * executable may name the reason by printing {@code {"reason": "ImageNotFound"}} on standard output (else
 * {@code StepScriptFailed}). One that runs longer than the timeout is killed, with its children, and the
 * step fails with {@code StepTimedOut} (retryable).
 */
final class ExecutableStep implements StepHandler {

    static final int EX_TEMPFAIL = 75;
    private static final int MAX_OUTPUT_BYTES = 1 << 20;
    private static final int MAX_MESSAGE_CHARS = 2000;
    private static final Pattern REASON = Pattern.compile("[A-Z][A-Za-z0-9]{0,99}");

    private final Path executable;
    private final Duration timeout;
    private final JsonMapper json;

    ExecutableStep(Path executable, Duration timeout, JsonMapper json) {
        this.executable = executable;
        this.timeout = timeout;
        this.json = json;
    }

    @Override
    public Map<String, Object> run(StepTask task) {
        Process process = start(task);
        var stdout = Collector.of(process.getInputStream());
        var stderr = Collector.of(process.getErrorStream());
        feed(process.getOutputStream(), json.writeValueAsBytes(input(task)));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new StepFailure("StepTimedOut", executable + " did not finish within " + timeout + ".", true);
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw StepFailure.agentStopping();
        }
        int exit = process.exitValue();
        if (exit == 0) {
            return result(stdout.text());
        }
        throw new StepFailure(reason(stdout.text()), message(stderr.text(), exit), exit == EX_TEMPFAIL);
    }

    private Process start(StepTask task) {
        var builder = new ProcessBuilder(executable.toString()).directory(executable.getParent().toFile());
        builder.environment().put("QM_TASK_ID", String.valueOf(task.taskId()));
        builder.environment().put("QM_STEP", task.step());
        builder.environment().put("QM_MACHINE_ID", String.valueOf(task.machineId()));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new StepFailure("StepScriptFailed", "Could not run " + executable + ": " + e.getMessage(), false);
        }
    }

    private static Map<String, Object> input(StepTask task) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", task.taskId());
        input.put("step", task.step());
        input.put("machineId", task.machineId());
        input.put("undo", task.undo());
        input.put("parameters", task.parameters());
        return input;
    }

    /** On its own thread: an executable that never reads its input must not block the agent. */
    private static void feed(OutputStream stdin, byte[] input) {
        Thread.ofVirtual().start(() -> {
            try (stdin) {
                stdin.write(input);
            } catch (IOException ignored) {
                // The executable closed its input without reading it all, which it may.
            }
        });
    }

    private Map<String, Object> result(String stdout) {
        if (stdout.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(stdout, json.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
        } catch (JacksonException e) {
            throw new StepFailure("InvalidStepOutput", executable + " succeeded but its output is not a JSON object: "
                    + abbreviate(stdout, 200), false);
        }
    }

    private String reason(String stdout) {
        try {
            String reason = json.readTree(stdout).path("reason").asString("");
            if (REASON.matcher(reason).matches()) {
                return reason;
            }
        } catch (JacksonException notJson) {
            // Output that is not JSON names no reason.
        }
        return "StepScriptFailed";
    }

    private String message(String stderr, int exit) {
        String text = stderr.strip();
        String message = text.isEmpty() ? executable + " exited with " + exit + "." : text;
        return message.length() > MAX_MESSAGE_CHARS ? message.substring(message.length() - MAX_MESSAGE_CHARS) : message;
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String abbreviate(String text, int max) {
        String stripped = text.strip();
        return stripped.length() <= max ? stripped : stripped.substring(0, max) + "…";
    }

    /** Reads a stream to its end on a virtual thread, keeping at most {@value #MAX_OUTPUT_BYTES} bytes. */
    private record Collector(Thread reader, ByteArrayOutputStream bytes) {

        static Collector of(InputStream stream) {
            var bytes = new ByteArrayOutputStream();
            Thread reader = Thread.ofVirtual().start(() -> {
                byte[] buffer = new byte[8192];
                try (stream) {
                    for (int n; (n = stream.read(buffer)) >= 0; ) {
                        synchronized (bytes) {
                            bytes.write(buffer, 0, Math.max(0, Math.min(n, MAX_OUTPUT_BYTES - bytes.size())));
                        }
                    }
                } catch (IOException closed) {
                    // The process is gone; what was read is what there is.
                }
            });
            return new Collector(reader, bytes);
        }

        /** The output; a grandchild that keeps the stream open is not waited for beyond a moment. */
        String text() {
            try {
                reader.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
