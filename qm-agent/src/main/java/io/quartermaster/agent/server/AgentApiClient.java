package io.quartermaster.agent.server;

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
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's side of {@code /agent/v1}. Every call either returns the server's answer or throws a
 * {@link ServerProblem} (the server said no, with a reason) or a {@link ServerUnreachable} (try again later).
 * Thread-safe; one instance serves the whole agent.
 */
public final class AgentApiClient {

    /** Long polls are answered after their wait; a reply this much later means the connection is gone. */
    private static final Duration POLL_MARGIN = Duration.ofSeconds(15);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** Until the headers of an image download arrive; the body then streams as long as it takes. */
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(2);
    private static final Set<Integer> GATEWAY_ERRORS = Set.of(502, 503, 504);

    private final URI base;
    private final HttpClient http;
    private final JsonMapper json;
    private final String userAgent;
    private volatile String credential;

    public AgentApiClient(URI serverUrl, JsonMapper json, String agentVersion) {
        String url = serverUrl.toString();
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        // HTTP/1.1: a long poll holds its own connection, and plain-HTTP servers see no upgrade attempts.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        this.json = json;
        this.userAgent = "qm-agent/" + agentVersion;
    }

    /** The credential to send from now on ({@code Authorization: Bearer …}). */
    public void useCredential(String credential) {
        this.credential = credential;
    }

    public Registration register(RegisterRequest request) {
        return call(post("agent/v1/register", request, CALL_TIMEOUT, false), Registration.class);
    }

    /** Waits up to {@code wait} for tasks of this agent's hosts; an empty batch when none came. */
    public TaskBatch tasks(Duration wait, int max) {
        var request = builder("agent/v1/tasks?wait=" + wait + "&max=" + max, wait.plus(POLL_MARGIN), true).GET().build();
        return call(request, TaskBatch.class);
    }

    /**
     * Reports a task done. The answer holds the tasks the server handed over with it when the completion
     * asked for some ({@code takeNext}); empty otherwise.
     */
    public TaskBatch complete(UUID taskId, TaskCompletion completion) {
        TaskBatch next = call(post("agent/v1/tasks/" + taskId + "/complete", completion, CALL_TIMEOUT, true),
                TaskBatch.class);
        return next == null || next.tasks() == null ? new TaskBatch(java.util.List.of(), 0) : next;
    }

    /**
     * Reports several tasks done in one call: the answer says for each what became of it, and holds the tasks
     * handed over with them ({@code takeNext}).
     */
    public TaskCompletionsAnswer completeAll(TaskCompletions completions) {
        return call(post("agent/v1/tasks/completions", completions, CALL_TIMEOUT, true), TaskCompletionsAnswer.class);
    }

    public void fail(UUID taskId, TaskFailure failure) {
        call(post("agent/v1/tasks/" + taskId + "/fail", failure, CALL_TIMEOUT, true), Void.class);
    }

    /** Asks for more time for a delivery still running; the answer says when the lease ends now. */
    public TaskLease extend(UUID taskId, TaskLeaseExtension extension) {
        return call(post("agent/v1/tasks/" + taskId + "/extend", extension, CALL_TIMEOUT, true), TaskLease.class);
    }

    public InventoryAck inventory(UUID hostId, InventoryReport report) {
        return call(post("agent/v1/hosts/" + hostId + "/inventory", report, CALL_TIMEOUT, true), InventoryAck.class);
    }

    /**
     * Opens the bytes at a server path such as {@code /agent/v1/images/{id}/content} (relative to the server URL,
     * a leading slash or not), sent with the agent's credential. The caller closes the stream.
     *
     * @throws IOException when the server cannot be reached or does not answer 200
     */
    public InputStream download(String path) throws IOException {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        var request = builder(relative, DOWNLOAD_TIMEOUT, true).header("Accept", "application/octet-stream").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while downloading " + request.uri(), e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("GET " + request.uri() + " answered " + response.statusCode());
        }
        return response.body();
    }

    private HttpRequest post(String path, Object body, Duration timeout, boolean authenticated) {
        return builder(path, timeout, authenticated)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
    }

    private HttpRequest.Builder builder(String path, Duration timeout, boolean authenticated) {
        var builder = HttpRequest.newBuilder(base.resolve(path))
                .timeout(timeout)
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", userAgent);
        if (authenticated) {
            String current = credential;
            if (current == null) {
                throw new IllegalStateException("The agent has no credential yet: register first.");
            }
            builder.header("Authorization", "Bearer " + current);
        }
        return builder;
    }

    private <T> T call(HttpRequest request, Class<T> answer) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ServerUnreachable(request.method() + " " + request.uri() + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachable("Interrupted while calling " + request.uri(), e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return answer == Void.class || response.body().length == 0 ? null : json.readValue(response.body(), answer);
        }
        throw problem(request, response);
    }

    private RuntimeException problem(HttpRequest request, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        try {
            JsonNode body = json.readTree(response.body());
            String reason = body.path("reason").asString("");
            if (!reason.isEmpty()) {
                return new ServerProblem(status, reason, body.path("detail").asString(""));
            }
        } catch (JacksonException notJson) {
            // Not a problem document: a proxy or a server that is not Quartermaster answered.
        }
        if (GATEWAY_ERRORS.contains(status)) {
            return new ServerUnreachable(request.method() + " " + request.uri() + " answered " + status, null);
        }
        return new ServerProblem(status, "Http" + status, request.method() + " " + request.uri() + " answered " + status
                + " without a problem document");
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
