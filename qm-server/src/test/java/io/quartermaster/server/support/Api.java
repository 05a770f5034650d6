package io.quartermaster.server.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of the running test server: what curl would do, nothing mocked. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    /** {@code http://localhost:<port>}: where a separately started agent finds the server. */
    public String baseUrl() {
        return base;
    }

    /** How a request authenticates: HTTP Basic, a bearer token, or not at all. */
    public record Auth(String name, String header) {
        public static Auth basic(String username, String password) {
            return new Auth(username, "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        public static Auth bearer(String name, String token) {
            return new Auth(name, "Bearer " + token);
        }

        public static Auth none() {
            return new Auth("anonymous", null);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public record Response(int status, String body, HttpHeaders headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String reason() {
            return body.isEmpty() ? null : json().path("reason").asString(null);
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Response get(Auth auth, String path) {
        return send(auth, "GET", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    public Response delete(Auth auth, String path) {
        return send(auth, "DELETE", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    public Response post(Auth auth, String path, Object body) {
        return sendJson(auth, "POST", path, body);
    }

    public Response patch(Auth auth, String path, Object body) {
        return sendJson(auth, "PATCH", path, body);
    }

    public Response sendJson(Auth auth, String method, String path, Object body) {
        String json = body instanceof String text ? text : JSON.writeValueAsString(body);
        return send(auth, method, path, HttpRequest.BodyPublishers.ofString(json), "application/json");
    }

    public Response send(Auth auth, String method, String path, HttpRequest.BodyPublisher body, String contentType,
            String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body);
        if (auth != null && auth.header() != null) {
            request.header("Authorization", auth.header());
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient client() {
        return http;
    }

    public String base() {
        return base;
    }
}
