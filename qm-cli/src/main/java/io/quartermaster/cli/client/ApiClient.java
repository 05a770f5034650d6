package io.quartermaster.cli.client;

import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ExitCodes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API {@code /api/v1} over the JDK's HttpClient. Every call returns the server's JSON or throws:
 * an {@link ApiProblem} when the server answered with an error (its reason and detail), a
 * {@link CliException} with {@link ExitCodes#UNAVAILABLE} when it could not be reached.
 */
public final class ApiClient {

    /** The largest page the server gives; listings are fetched in pages of this size at most. */
    public static final int MAX_PAGE_SIZE = 500;

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final String authorization;
    private final HttpClient http;
    private final JsonMapper json = Json.json();

    private ApiClient(URI server, String authorization) {
        String url = server.toString();
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A client that signs every call with a personal API token. */
    public static ApiClient withToken(URI server, String token) {
        return new ApiClient(server, "Bearer " + token);
    }

    /** A client that signs every call with a username and password (only to create a token at login). */
    public static ApiClient withPassword(URI server, String username, String password) {
        String pair = username + ":" + password;
        return new ApiClient(server, "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    public URI server() {
        return base;
    }

    public JsonNode get(String path, Query query) {
        return send(request(path + query.encoded()).GET().build());
    }

    public JsonNode get(String path) {
        return get(path, Query.of());
    }

    public JsonNode post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build());
    }

    /** Posts a file as it is (a BPMN workflow as {@code application/xml}). */
    public JsonNode postFile(String path, Query query, byte[] content, String contentType) {
        return send(request(path + query.encoded()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build());
    }

    public JsonNode patch(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build());
    }

    public void delete(String path) {
        send(request(path).DELETE().build());
    }

    /**
     * The items of a paged listing ({@code {items, page, size, total}}), page after page until
     * {@code limit} items or the last page.
     */
    public Listing list(String path, Query query, int limit) {
        List<JsonNode> items = new ArrayList<>();
        int size = Math.min(limit, MAX_PAGE_SIZE);
        long total;
        int page = 0;
        do {
            JsonNode answer = get(path, query.copy().with("page", page).with("size", size));
            answer.path("items").forEach(items::add);
            total = answer.path("total").asLong(items.size());
            page++;
            if (answer.path("items").isEmpty()) {
                break;
            }
        } while (items.size() < limit && items.size() < total);
        return new Listing(items.size() > limit ? items.subList(0, limit) : items, total);
    }

    private HttpRequest.Builder request(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return HttpRequest.newBuilder(base.resolve(relative))
                .timeout(CALL_TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", "qm")
                .header("Authorization", authorization);
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "ServerUnreachable",
                    "Cannot reach " + base + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNAVAILABLE, "Interrupted", "Interrupted while calling " + base);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response.body().length == 0 ? json.nullNode() : readJson(request, response);
        }
        throw problem(request, response);
    }

    private JsonNode readJson(HttpRequest request, HttpResponse<byte[]> response) {
        try {
            return json.readTree(response.body());
        } catch (JacksonException notJson) {
            throw new CliException(ExitCodes.UNAVAILABLE, "UnexpectedAnswer", request.method() + " " + request.uri()
                    + " answered " + response.statusCode() + " with something other than JSON: is " + base
                    + " a Quartermaster server?");
        }
    }

    private ApiProblem problem(HttpRequest request, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String requestId = response.headers().firstValue("X-Request-Id").orElse(null);
        try {
            JsonNode body = json.readTree(response.body());
            String reason = body.path("reason").asString("");
            if (!reason.isEmpty()) {
                return new ApiProblem(status, reason, detail(body), body.path("requestId").asString(requestId));
            }
        } catch (JacksonException notJson) {
            // Not a problem document: a proxy, or a server that is not Quartermaster, answered.
        }
        return new ApiProblem(status, "Http" + status, request.method() + " " + request.uri().getPath() + " answered "
                + status + " without a problem document", requestId);
    }

    /** The problem's detail, with the invalid fields it names. */
    private static String detail(JsonNode problem) {
        StringBuilder detail = new StringBuilder(problem.path("detail").asString(""));
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asString("?") + ": "
                + error.path("message").asString("")));
        if (!fields.isEmpty() && fields.stream().noneMatch(field -> detail.toString().contains(field))) {
            detail.append(detail.isEmpty() ? "" : " ").append("(").append(String.join("; ", fields)).append(")");
        }
        return detail.toString();
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + CALL_TIMEOUT.toSeconds() + " s";
        }
        Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
