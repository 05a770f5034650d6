package io.quartermaster.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The portal's way in: a session login with CSRF protection, as a browser would use it. */
@QmServerTest
class SessionLoginTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    HttpClient browser;

    @BeforeEach
    void newBrowser() {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Test
    void signsInWithASessionAndNeedsTheCsrfTokenForChanges() throws Exception {
        HttpResponse<String> login = signIn("admin", "test-admin-password");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .doesNotContain("error"));

        assertThat(send("GET", "/api/v1/users/me", null, null).statusCode()).isEqualTo(200);

        HttpResponse<String> forged = send("POST", "/api/v1/tokens", "{\"name\":\"from a session\"}", null);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("\"reason\":\"CsrfTokenInvalid\"");

        String token = csrfToken();
        HttpResponse<String> allowed = send("POST", "/api/v1/tokens", "{\"name\":\"from a session\"}", token);
        assertThat(allowed.statusCode()).isEqualTo(201);
    }

    @Test
    void disablingAUserEndsWhatTheirOpenSessionMayDo() throws Exception {
        var api = new io.quartermaster.server.support.Api(port);
        var fixtures = new Fixtures(api);
        var user = fixtures.user(fixtures.tenant("sessions"), "session-user", false);
        assertThat(signIn(user.name(), Fixtures.PASSWORD).statusCode()).isEqualTo(302);
        assertThat(send("GET", "/api/v1/users/me", null, null).statusCode()).isEqualTo(200);

        api.patch(Fixtures.ADMIN, "/api/v1/users/" + fixtures.userId(user), java.util.Map.of("enabled", false));

        HttpResponse<String> after = send("GET", "/api/v1/users/me", null, null);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.body()).contains("\"reason\":\"AccountDisabled\"");
    }

    @Test
    void aWrongPasswordSendsTheBrowserBackToTheLoginPage() throws Exception {
        HttpResponse<String> login = signIn("admin", "wrong");

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .contains("/login?error"));
        assertThat(send("GET", "/api/v1/users/me", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aLoginFormPostWithoutItsCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> login = post("/login", "username=admin&password=" + Fixtures.PASSWORD);

        assertThat(login.statusCode()).isIn(401, 403);
    }

    private HttpResponse<String> signIn(String username, String password) throws Exception {
        return post("/login", "username=" + username + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrfToken(), StandardCharsets.UTF_8));
    }

    private String csrfToken() throws Exception {
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as("login page has a CSRF token: %s", page.body()).isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String json, String csrf)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (csrf != null) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
