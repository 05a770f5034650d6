package io.quartermaster.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** A browser without a browser: a cookie-keeping HTTP client that signs in and posts forms with their CSRF token. */
final class PortalSession {

    /** A page as the server sent it; redirects are not followed, so {@code location} tells where they lead. */
    record Page(int status, String body, Optional<String> location) {
        Document doc() {
            return Jsoup.parse(body);
        }

        String text() {
            return doc().text();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private String csrf;

    PortalSession(int port) {
        this.base = "http://localhost:" + port;
    }

    PortalSession signIn(String username, String password) {
        Page login = get("/login");
        Page signedIn = send("POST", "/login", Map.of("username", username, "password", password, "_csrf",
                csrfOf(login)), Map.of());
        assertThat(signedIn.status()).as("sign-in of %s", username).isEqualTo(302);
        assertThat(signedIn.location()).as("sign-in of %s", username).hasValueSatisfying(location ->
                assertThat(location).doesNotContain("error"));
        csrf = csrfOf(get("/machines"));
        return this;
    }

    Page get(String path) {
        return send("GET", path, null, Map.of());
    }

    /** What a page's script asks for: JSON. */
    Page getJson(String path) {
        return send("GET", path, null, Map.of("Accept", "application/json"));
    }

    /** A plain form post, with the session's CSRF token as the form carries it. */
    Page post(String path, Map<String, String> form) {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.put("_csrf", csrf);
        return send("POST", path, withToken, Map.of());
    }

    /** A file upload as a browser sends it (multipart/form-data), with the form's CSRF token. */
    Page postFile(String path, String fileField, String fileName, byte[] content, Map<String, String> form) {
        String boundary = "----qm" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        Map<String, String> fields = new LinkedHashMap<>(form);
        fields.put("_csrf", csrf);
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/xml\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.body(), response.headers().firstValue("Location"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A form post without the CSRF token, as another site would forge it. */
    Page postWithoutToken(String path, Map<String, String> form) {
        return send("POST", path, form, Map.of());
    }

    /** What htmx sends: the token in the header its page's {@code hx-headers} names. */
    Page htmxPost(String path, Map<String, String> form) {
        return send("POST", path, form, Map.of("HX-Request", "true", "X-CSRF-TOKEN", csrf));
    }

    Page htmxGet(String path) {
        return send("GET", path, null, Map.of("HX-Request", "true"));
    }

    static String csrfOf(Page page) {
        String token = page.doc().select("input[name=_csrf]").attr("value");
        assertThat(token).as("a CSRF token in %s", page.body()).isNotBlank();
        return token;
    }

    private Page send(String method, String path, Map<String, String> form, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .header("Accept", headers.getOrDefault("Accept", "text/html,application/xhtml+xml"));
        headers.forEach((name, value) -> {
            if (!"Accept".equals(name)) {
                request.header(name, value);
            }
        });
        if (form == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded").method(method,
                    HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                            .collect(Collectors.joining("&"))));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.body(), response.headers().firstValue("Location"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
