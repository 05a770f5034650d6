package io.quartermaster.bench.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link FleetAgents} process started by the benchmark, and what it says on its stdout. */
final class FleetProcess implements AutoCloseable {

    /** Counts the fleet keeps: long-polls answered, inventory reports sent, errors, the first error. */
    record Stats(long polls, long reports, long errors, long started, String firstError) {}

    private final Process process;
    private final Writer stdin;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final BlockingQueue<Stats> stats = new LinkedBlockingQueue<>();
    private final Map<UUID, Long> receivedMicros;
    private volatile String readyLine;

    /**
     * @param agents         host id and bootstrap token of each agent
     * @param receivedMicros where to note when each task reached its agent (shared by the fleets)
     */
    FleetProcess(String baseUrl, Map<UUID, String> agents, Duration pollWait, Duration inventoryInterval,
            Map<UUID, Long> receivedMicros) throws IOException {
        this.receivedMicros = receivedMicros;
        Path tokens = Files.createTempFile("qm-bench-fleet", ".txt");
        StringBuilder lines = new StringBuilder();
        agents.forEach((host, token) -> lines.append(host).append(' ').append(token).append('\n'));
        Files.writeString(tokens, lines);
        tokens.toFile().deleteOnExit();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx1g", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                FleetAgents.class.getName(), baseUrl, tokens.toString(), pollWait.toString(), inventoryInterval.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("fleet-stdout").start(this::read);
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] words = line.split(" ", 6);
                switch (words[0]) {
                    case "TASK" -> receivedMicros.putIfAbsent(UUID.fromString(words[1]), Long.parseLong(words[2]));
                    case "READY" -> {
                        readyLine = line;
                        ready.countDown();
                    }
                    case "STATS" -> stats.add(new Stats(Long.parseLong(words[1]), Long.parseLong(words[2]),
                            Long.parseLong(words[3]), Long.parseLong(words[4]), words.length > 5 ? words[5] : ""));
                    default -> System.out.println("fleet: " + line);
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("fleet: " + e);
        }
    }

    /**
     * Waits until every agent registered, reported and polls; returns the READY line, or null when
     * {@code limit} passed first (the agents that have started go on).
     */
    String awaitReady(Duration limit) throws InterruptedException {
        return ready.await(limit.toMillis(), TimeUnit.MILLISECONDS) ? readyLine : null;
    }

    Stats stats() throws IOException, InterruptedException {
        stdin.write("stats\n");
        stdin.flush();
        Stats answer = stats.poll(30, TimeUnit.SECONDS);
        if (answer == null) {
            throw new IllegalStateException("The fleet did not answer");
        }
        return answer;
    }

    static Map<UUID, Long> sharedReceipts() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public void close() {
        try {
            stdin.close(); // the fleet exits when its stdin closes
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }

}
