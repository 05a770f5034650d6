package io.quartermaster.bench.fleet;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fleet of lightweight simulated agents in a process of its own, one virtual thread each (plus one for
 * its inventory reports), speaking the real agent protocol over HTTP as qm-agent does: register with a
 * bootstrap token, report inventory at once, and long-poll for tasks, answering each at once with success and
 * running at once the tasks the server hands over in the answer (the machine's next host step). The machines
 * it was told to create are listed in its reports with the power state the last task gave them. As qm-agent's
 * primaries, they report again when their machines changed (looking every {@code inventoryInterval}) and
 * otherwise as seldom as the report's answer allows ({@code reportWithinMillis}, less a random quarter), or
 * every {@code inventoryInterval} when it does not say.
 *
 * <p>A fleet in its steady state: each agent's first long poll waits a random part of the poll wait, and its
 * first report after registering comes after a random part of its cadence, so the fleet's polls and reports
 * are spread over time as those of agents started at different times would be (agents started together
 * would otherwise poll and report in step, and an idle window would see all or none of them).
 *
 * <p>Arguments: server URL, a file of {@code hostId bootstrapToken} (or {@code hostId credential}) lines, the poll wait (ISO-8601),
 * the inventory interval (ISO-8601). Writes to stdout {@code READY n} once every agent has registered,
 * reported and started polling, {@code TASK <taskId> <epoch micros>} the moment a task arrives, and
 * {@code STATS polls reports errors started firstError} when asked by a line {@code stats} on stdin.
 */
public final class FleetAgents {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PrintStream OUT = System.out;
    /**
     * Tasks a completion's answer may hand over ({@code takeNext}); environment {@code QM_FLEET_TAKE_NEXT=0}
     * makes the agents poll for every task, as agents that predate it do.
     */
    private static final int TAKE_NEXT = Integer.parseInt(System.getenv().getOrDefault("QM_FLEET_TAKE_NEXT", "20"));

    private final String base;
    private final Duration pollWait;
    private final Duration inventoryInterval;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong reports = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private volatile String firstError;

    private FleetAgents(String base, Duration pollWait, Duration inventoryInterval) {
        this.base = base;
        this.pollWait = pollWait;
        this.inventoryInterval = inventoryInterval;
    }

    public static void main(String[] args) throws Exception {
        FleetAgents fleet = new FleetAgents(args[0], Duration.parse(args[2]), Duration.parse(args[3]));
        List<String[]> agents = Files.readAllLines(Path.of(args[1])).stream().filter(line -> !line.isBlank())
                .map(line -> line.strip().split(" ")).toList();
        CountDownLatch started = new CountDownLatch(agents.size());
        Semaphore registering = new Semaphore(16); // as agents starting over minutes would, not all in one instant
        for (String[] agent : agents) {
            Thread.ofVirtual().start(() -> fleet.live(agent[0], agent[1], registering, started));
        }
        started.await();
        synchronized (OUT) {
            OUT.println("READY " + agents.size() + " " + fleet.errors.get() + " " + fleet.firstError);
            OUT.flush();
        }
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.strip().equals("stats")) {
                synchronized (OUT) {
                    OUT.println("STATS " + fleet.polls.get() + " " + fleet.reports.get() + " " + fleet.errors.get()
                            + " " + fleet.started.get() + " " + fleet.firstError);
                    OUT.flush();
                }
            }
        }
        System.exit(0); // stdin closed: the benchmark is done with us
    }

    /** One agent's whole life. */
    private void live(String hostId, String bootstrapToken, Semaphore registering, CountDownLatch started) {
        String credential;
        long[] epoch = {0};
        long[] quietMillis = {0};
        Map<String, String> machines = new ConcurrentHashMap<>();
        AtomicBoolean changed = new AtomicBoolean();
        try {
            registering.acquire();
            try {
                // A credential (qma_…) is an agent registered already; a bootstrap token registers first.
                credential = bootstrapToken.startsWith("qma_") ? bootstrapToken : call("POST", "/agent/v1/register", null,
                        "{\"bootstrapToken\":\"" + bootstrapToken + "\",\"agentName\":\"fleet-" + hostId
                                + "\",\"version\":\"bench\"}").path("credential").asString();
                JsonNode ack = report(hostId, credential, epoch[0], machines, true);
                epoch[0] = ack.path("epoch").asLong();
                quietMillis[0] = ack.path("reportWithinMillis").asLong(0);
            } finally {
                registering.release();
            }
        } catch (Exception e) {
            error(e);
            started.countDown();
            return;
        }
        String agentCredential = credential;
        Thread.ofVirtual().start(() -> reportEvery(hostId, agentCredential, epoch, quietMillis, machines, changed));
        this.started.incrementAndGet();
        started.countDown();
        Duration wait = Duration.ofMillis(1000 + ThreadLocalRandom.current().nextLong(Math.max(1, pollWait.toMillis() - 1000)));
        while (true) {
            try {
                JsonNode batch = call("GET", "/agent/v1/tasks?wait=" + wait + "&max=20", agentCredential, null);
                wait = pollWait;
                polls.incrementAndGet();
                java.util.Deque<JsonNode> tasks = new java.util.ArrayDeque<>();
                batch.path("tasks").forEach(tasks::add);
                while (!tasks.isEmpty()) {
                    JsonNode task = tasks.poll();
                    received(task);
                    // As qm-agent: the answer to a result hands over the machine's next step, so no poll fetches it.
                    JsonNode handed = answer(agentCredential, task, machines);
                    changed.set(true);
                    handed.path("tasks").forEach(next -> {
                        received(next);
                        tasks.add(next);
                    });
                }
            } catch (Exception e) {
                error(e);
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private static void received(JsonNode task) {
        Instant now = Instant.now();
        synchronized (OUT) {
            OUT.println("TASK " + task.path("id").asString() + " " + (now.getEpochSecond() * 1_000_000 + now.getNano() / 1000));
        }
    }

    /** Reports the task done, asking for the next one; returns the answer (its {@code tasks}, if any). */
    private JsonNode answer(String credential, JsonNode task, Map<String, String> machines) throws Exception {
        String machine = task.path("machineId").asString();
        switch (task.path("step").asString()) {
            case "Create-Machine" -> machines.put(machine, "Off");
            case "Start-Machine", "Wait-Running" -> machines.put(machine, "On");
            case "Stop-Machine" -> machines.put(machine, "Off");
            case "Destroy-Machine" -> machines.remove(machine);
            default -> { }
        }
        return call("POST", "/agent/v1/tasks/" + task.path("id").asString() + "/complete", credential,
                "{\"attempt\":" + task.path("attempt").asInt() + ",\"epoch\":" + task.path("epoch").asLong()
                        + ",\"result\":{},\"takeNext\":" + TAKE_NEXT + "}");
    }

    private void reportEvery(String hostId, String credential, long[] epoch, long[] quietMillis, Map<String, String> machines,
            AtomicBoolean changed) {
        Duration cadence = quietMillis[0] > 0 ? Duration.ofMillis(quietMillis[0]) : inventoryInterval;
        Instant due = Instant.now().plusMillis(ThreadLocalRandom.current().nextLong(Math.max(1, cadence.toMillis())));
        while (true) {
            Duration left = Duration.between(Instant.now(), due);
            sleep(left.isNegative() ? Duration.ZERO : left.compareTo(inventoryInterval) < 0 ? left : inventoryInterval); // a look every interval
            if (!changed.getAndSet(false) && Instant.now().isBefore(due)) {
                continue;
            }
            try {
                JsonNode ack = report(hostId, credential, epoch[0], machines, false);
                epoch[0] = ack.path("epoch").asLong();
                long within = ack.path("reportWithinMillis").asLong(0);
                due = Instant.now().plus(within <= 0 ? inventoryInterval
                        : Duration.ofMillis(within - ThreadLocalRandom.current().nextLong(within / 4 + 1)));
            } catch (Exception e) {
                error(e);
                due = Instant.now().plus(inventoryInterval);
            }
        }
    }

    /** Returns the server's answer. */
    private JsonNode report(String hostId, String credential, long epoch, Map<String, String> machines, boolean first)
            throws Exception {
        StringBuilder seen = new StringBuilder();
        machines.forEach((id, power) -> seen.append(seen.isEmpty() ? "" : ",").append("{\"id\":\"").append(id)
                .append("\",\"name\":\"").append(id).append("\",\"powerState\":\"").append(power)
                .append("\",\"cpu\":1,\"memoryMiB\":512}"));
        String facts = first ? "{\"cpuCount\":64,\"memoryMiB\":262144,\"hypervisor\":\"simulator\","
                + "\"hypervisorVersion\":\"1\",\"driver\":\"simulator\",\"agentVersion\":\"bench\"}" : "null";
        JsonNode ack = call("POST", "/agent/v1/hosts/" + hostId + "/inventory", credential,
                "{\"epoch\":" + epoch + ",\"facts\":" + facts + ",\"machines\":[" + seen + "]}");
        reports.incrementAndGet();
        return ack;
    }

    private JsonNode call(String method, String path, String credential, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(pollWait.plusSeconds(60)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (credential != null) {
            request.header("Authorization", "Bearer " + credential);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private void error(Exception e) {
        errors.incrementAndGet();
        if (firstError == null) {
            firstError = e.toString().replace('\n', ' ');
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
