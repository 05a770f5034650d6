package io.quartermaster.agent.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quartermaster.api.agent.AgentTaskView;
import io.quartermaster.api.agent.InventoryAck;
import io.quartermaster.api.agent.InventoryReport;
import io.quartermaster.api.agent.RegisterRequest;
import io.quartermaster.api.agent.Registration;
import io.quartermaster.api.agent.TaskBatch;
import io.quartermaster.api.agent.TaskCompletion;
import io.quartermaster.api.agent.TaskCompletions;
import io.quartermaster.api.agent.TaskCompletionsAnswer;
import io.quartermaster.api.agent.TaskFailure;
import io.quartermaster.api.agent.TaskLease;
import io.quartermaster.api.agent.TaskLeaseExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server side of {@code /agent/v1} as far as agent tests need it, on the JDK's HTTP server: tasks put in
 * {@link #queued} are leased to the next long poll; answers and inventory reports are recorded in queues the
 * test waits on. Lease extensions are recorded too, and answered with {@link #extendTo} (refused for
 * {@link #staleTasks}, like answers).
 */
public final class FakeAgentServer implements AutoCloseable {

    private static final Pattern ANSWER = Pattern.compile("/agent/v1/tasks/([0-9a-f-]{36})/(complete|fail|extend)");

    private static final Pattern IMAGE = Pattern.compile("/agent/v1/images/([^/]+)/content");
    private static final Pattern INVENTORY = Pattern.compile("/agent/v1/hosts/([0-9a-f-]{36})/inventory");

    /** A task's result as the agent reported it: exactly one of completion and failure is set. */
    public record Answer(UUID taskId, TaskCompletion completion, TaskFailure failure) {}

    public record Report(UUID hostId, InventoryReport report) {}

    public record Extension(UUID taskId, TaskLeaseExtension extension) {}

    public final String bootstrapToken = "bootstrap-" + UUID.randomUUID();
    public final Registration registration;
    public final BlockingQueue<AgentTaskView> queued = new LinkedBlockingQueue<>();
    /** Handed over in the answer to a completion that asks for tasks ({@code takeNext}), as the server does. */
    public final BlockingQueue<AgentTaskView> handedOnCompletion = new LinkedBlockingQueue<>();
    public final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    public final BlockingQueue<Report> reports = new LinkedBlockingQueue<>();
    public final BlockingQueue<Extension> extensions = new LinkedBlockingQueue<>();
    public final BlockingQueue<RegisterRequest> registrations = new LinkedBlockingQueue<>();
    public final Set<UUID> staleTasks = ConcurrentHashMap.newKeySet();
    /** Answered {@code Busy} in a batch of completions, once each. */
    public final Set<UUID> busyTasks = ConcurrentHashMap.newKeySet();
    /** False: the server predates {@code POST /agent/v1/tasks/completions} and answers it 404. */
    public volatile boolean completionsKnown = true;
    /** The size of each batch of completions ({@code POST /agent/v1/tasks/completions}) received. */
    public final BlockingQueue<Integer> completionBatches = new LinkedBlockingQueue<>();
    /** A single completion's answer waits for this after it is recorded (open unless a test holds it closed). */
    public volatile CountDownLatch completionGate = new CountDownLatch(0);
    public final AtomicInteger polls = new AtomicInteger();
    /** How many of the next lease extensions are answered 503, as by a proxy whose server is away. */
    public final AtomicInteger extensionOutages = new AtomicInteger();
    /** What each inventory report is answered with; by default: primary, epoch 1, no corrections. */
    public volatile Function<Report, InventoryAck> ack = report -> new InventoryAck(true, 1, List.of());
    /** Where an extended lease ends; by default the server's five-minute lock from now. */
    /** Image bytes by image id, served at {@code /agent/v1/images/{id}/content}. */
    public final Map<String, byte[]> images = new ConcurrentHashMap<>();
    public volatile Function<Extension, Instant> extendTo = extension -> Instant.now().plus(Duration.ofMinutes(5));

    private final JsonMapper json = AgentJson.mapper();
    private final HttpServer server;

    public FakeAgentServer(Registration.HostRef... hosts) throws IOException {
        registration = new Registration(UUID.randomUUID(), "credential-" + UUID.randomUUID(), List.of(hosts));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor()); // a long poll must not hold up answers
        server.createContext("/agent/v1/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next answer to arrive, waiting for it up to ten seconds. */
    public Answer nextAnswer() throws InterruptedException {
        Answer answer = answers.poll(10, TimeUnit.SECONDS);
        if (answer == null) {
            throw new AssertionError("No task answer arrived within 10 s");
        }
        return answer;
    }

    /** The next lease extension to arrive, waiting for it up to ten seconds. */
    public Extension nextExtension() throws InterruptedException {
        Extension extension = extensions.poll(10, TimeUnit.SECONDS);
        if (extension == null) {
            throw new AssertionError("No lease extension arrived within 10 s");
        }
        return extension;
    }

    /** The next inventory report to arrive, waiting for it up to ten seconds. */
    public Report nextReport() throws InterruptedException {
        Report report = reports.poll(10, TimeUnit.SECONDS);
        if (report == null) {
            throw new AssertionError("No inventory report arrived within 10 s");
        }
        return report;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/agent/v1/register")) {
                register(exchange);
                return;
            }
            if (!("Bearer " + registration.credential()).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                problem(exchange, 401, "InvalidCredential", "Unknown agent credential.");
                return;
            }
            Matcher answer = ANSWER.matcher(path);
            Matcher inventory = INVENTORY.matcher(path);
            Matcher image = IMAGE.matcher(path);
            if (path.equals("/agent/v1/tasks")) {
                poll(exchange);
            } else if (image.matches() && images.containsKey(image.group(1))) {
                byte[] bytes = images.get(image.group(1));
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            } else if (path.equals("/agent/v1/tasks/completions") && completionsKnown) {
                completions(exchange);
            } else if (answer.matches()) {
                answer(exchange, UUID.fromString(answer.group(1)), answer.group(2));
            } else if (inventory.matches()) {
                Report report = new Report(UUID.fromString(inventory.group(1)), read(exchange, InventoryReport.class));
                reports.add(report);
                respond(exchange, 200, ack.apply(report));
            } else {
                problem(exchange, 404, "NotFound", "No such endpoint " + path);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void register(HttpExchange exchange) throws IOException {
        RegisterRequest request = read(exchange, RegisterRequest.class);
        registrations.add(request);
        if (!bootstrapToken.equals(request.bootstrapToken())) {
            problem(exchange, 401, "InvalidCredential", "Unknown or used bootstrap token.");
            return;
        }
        respond(exchange, 201, registration);
    }

    private void poll(HttpExchange exchange) throws IOException, InterruptedException {
        polls.incrementAndGet();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Duration wait = Duration.parse(query.get("wait"));
        int max = Integer.parseInt(query.get("max"));
        List<AgentTaskView> tasks = new ArrayList<>();
        AgentTaskView first = queued.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (first != null) {
            tasks.add(first);
            queued.drainTo(tasks, max - 1);
        }
        respond(exchange, 200, new TaskBatch(tasks, 0));
    }

    private void answer(HttpExchange exchange, UUID taskId, String kind) throws IOException, InterruptedException {
        if (kind.equals("extend")) {
            extend(exchange, new Extension(taskId, read(exchange, TaskLeaseExtension.class)));
            return;
        }
        Answer answer = kind.equals("complete")
                ? new Answer(taskId, read(exchange, TaskCompletion.class), null)
                : new Answer(taskId, null, read(exchange, TaskFailure.class));
        answers.add(answer);
        if (answer.completion() != null) {
            completionGate.await(); // recorded, not answered yet: the call is on its way
        }
        if (staleTasks.contains(taskId)) {
            problem(exchange, 409, "StaleTask", "Task " + taskId + " is no longer yours to answer.");
            return;
        }
        if (answer.completion() != null && answer.completion().takeNextOrNone() > 0) {
            List<AgentTaskView> next = new ArrayList<>();
            handedOnCompletion.drainTo(next, answer.completion().takeNextOrNone());
            respond(exchange, 200, new TaskBatch(next, 0));
            return;
        }
        exchange.sendResponseHeaders(204, -1);
    }

    /**
     * Several completions in one call: each recorded as an {@link Answer}, refused for {@link #staleTasks} and
     * answered {@code Busy} for {@link #busyTasks} (once each); the batch's size goes to {@link #completionBatches}.
     */
    private void completions(HttpExchange exchange) throws IOException, InterruptedException {
        TaskCompletions batch = read(exchange, TaskCompletions.class);
        completionBatches.add(batch.completed().size());
        List<TaskCompletionsAnswer.Outcome> outcomes = new ArrayList<>();
        boolean anyRecorded = false;
        for (TaskCompletions.Completed done : batch.completed()) {
            answers.add(new Answer(done.taskId(), new TaskCompletion(done.attempt(), done.epoch(), done.result()), null));
            if (staleTasks.contains(done.taskId())) {
                outcomes.add(new TaskCompletionsAnswer.Outcome(done.taskId(), 409, "StaleTask", "Task " + done.taskId()
                        + " is no longer yours to answer."));
            } else if (busyTasks.remove(done.taskId())) {
                outcomes.add(new TaskCompletionsAnswer.Outcome(done.taskId(), 503, "Busy", "Send it again."));
            } else {
                outcomes.add(TaskCompletionsAnswer.Outcome.recorded(done.taskId()));
                anyRecorded = true;
            }
        }
        List<AgentTaskView> next = new ArrayList<>();
        if (anyRecorded && batch.takeNextOrNone() > 0) {
            handedOnCompletion.drainTo(next, batch.takeNextOrNone());
        }
        respond(exchange, 200, new TaskCompletionsAnswer(outcomes, next));
    }

    private void extend(HttpExchange exchange, Extension extension) throws IOException {
        extensions.add(extension);
        if (extensionOutages.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            exchange.sendResponseHeaders(503, -1);
            return;
        }
        if (staleTasks.contains(extension.taskId())) {
            problem(exchange, 409, "StaleTask", "Task " + extension.taskId() + " is no longer yours to extend.");
            return;
        }
        respond(exchange, 200, new TaskLease(extendTo.apply(extension)));
    }

    private <T> T read(HttpExchange exchange, Class<T> type) throws IOException {
        return json.readValue(exchange.getRequestBody().readAllBytes(), type);
    }

    private void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void problem(HttpExchange exchange, int status, String reason, String detail) throws IOException {
        byte[] bytes = json.writeValueAsBytes(Map.of("type", "about:blank", "status", status, "reason", reason, "detail", detail));
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new ConcurrentHashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return query;
    }
}
