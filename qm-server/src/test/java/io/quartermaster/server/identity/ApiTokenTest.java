package io.quartermaster.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.Api.Response;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import io.quartermaster.server.support.TestClock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@QmServerTest
class ApiTokenTest {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiTokenCache tokenCache;

    Api api;
    Fixtures fixtures;
    Auth user;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        user = fixtures.user(fixtures.tenant("tokens"), "token-user", false);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aTokenAuthenticatesItsOwnerAndIsShownOnlyOnce() {
        JsonNode created = create("laptop", 30);
        String secret = created.path("secret").asString();

        assertThat(secret).startsWith("qmp_").hasSizeGreaterThan(40);
        Response me = api.get(Auth.bearer("token", secret), "/api/v1/users/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("user").path("username").asString()).isEqualTo(user.name());
        JsonNode listed = api.get(user, "/api/v1/tokens").json().get(0);
        assertThat(listed.path("name").asString()).isEqualTo("laptop");
        assertThat(listed.path("prefix").asString()).isEqualTo(secret.substring(0, 12));
        assertThat(api.get(user, "/api/v1/tokens").body()).doesNotContain(secret);
    }

    @Test
    void onlyAHashOfTheSecretIsStored() {
        String secret = create("stored", 30).path("secret").asString();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_tokens WHERE secret_hash = ? OR prefix = ?")
                .params(secret, secret).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_tokens WHERE secret_hash = ?")
                .param(ApiTokenService.hash(secret)).query(Long.class).single()).isOne();
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() {
        JsonNode created = create("revoke me", 30);
        Auth token = Auth.bearer("token", created.path("secret").asString());
        assertThat(api.get(token, "/api/v1/users/me").status()).isEqualTo(200);

        assertThat(api.delete(user, "/api/v1/tokens/" + created.path("token").path("id").asString()).status())
                .isEqualTo(204);

        Response refused = api.get(token, "/api/v1/users/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.reason()).isEqualTo("InvalidToken");
        assertThat(api.get(user, "/api/v1/tokens").json().get(0).path("revokedAt").isNull()).isFalse();
    }

    @Test
    void aTokenExpires() {
        Auth token = Auth.bearer("token", create("short-lived", 1).path("secret").asString());
        assertThat(api.get(token, "/api/v1/users/me").status()).isEqualTo(200);

        clock.advance(Duration.ofDays(1).plusSeconds(1));

        assertThat(api.get(token, "/api/v1/users/me").status()).isEqualTo(401);
    }

    @Test
    void aDisabledUsersTokenIsRefused() {
        Auth token = Auth.bearer("token", create("disabled", 30).path("secret").asString());
        UUID id = fixtures.userId(user);

        assertThat(api.get(token, "/api/v1/users/me").status()).as("checked, so remembered").isEqualTo(200);

        api.patch(Fixtures.ADMIN, "/api/v1/users/" + id, Map.of("enabled", false));

        Response refused = api.get(token, "/api/v1/users/me");
        assertThat(refused.status()).isEqualTo(401);
        // Refused when signing in: the node forgot the token when the change committed (a remembered token
        // would get as far as the call, whose own check of the account says AccountDisabled).
        assertThat(refused.reason()).isEqualTo("InvalidToken");
        assertThat(api.get(user, "/api/v1/users/me").reason()).isEqualTo("AccountDisabled");
    }

    @Test
    void aTokensLastUseIsRecordedAtMostOnceAMinute() {
        JsonNode created = create("busy script", 30);
        Auth token = Auth.bearer("token", created.path("secret").asString());
        String id = created.path("token").path("id").asString();
        assertThat(lastUsed(id).isNull()).as("never used yet").isTrue();

        assertThat(api.get(token, "/api/v1/users/me").status()).isEqualTo(200);
        String first = lastUsed(id).asString();
        clock.advance(Duration.ofSeconds(30));
        assertThat(api.get(token, "/api/v1/users/me").status()).isEqualTo(200);
        assertThat(lastUsed(id).asString()).as("used again within the minute").isEqualTo(first);

        clock.advance(Duration.ofSeconds(31));
        assertThat(api.get(token, "/api/v1/users/me").status()).isEqualTo(200);
        assertThat(lastUsed(id).asString()).as("used again a minute after").isNotEqualTo(first);
    }

    @Test
    void aTokenRevokedOnAnotherNodeIsRefusedHereAfterTheNextCheck() {
        JsonNode created = create("revoked elsewhere", 30);
        Auth token = Auth.bearer("token", created.path("secret").asString());
        assertThat(api.get(token, "/api/v1/users/me").status()).isEqualTo(200);

        // Another node's revocation: the row changes and this node is not told.
        jdbc.sql("UPDATE api_tokens SET revoked_at = CURRENT_TIMESTAMP WHERE id = ?")
                .param(UUID.fromString(created.path("token").path("id").asString())).update();
        assertThat(api.get(token, "/api/v1/users/me").status()).as("remembered, no look-up").isEqualTo(200);

        assertThat(tokenCache.forgetUnusable()).isEqualTo(1);
        Response refused = api.get(token, "/api/v1/users/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.reason()).isEqualTo("InvalidToken");
    }

    @Test
    void aUserDisabledOnAnotherNodeHasTheirTokenRefusedHereAfterTheNextCheck() {
        Auth token = Auth.bearer("token", create("disabled elsewhere", 30).path("secret").asString());
        assertThat(api.get(token, "/api/v1/users/me").status()).isEqualTo(200);

        jdbc.sql("UPDATE users SET enabled = FALSE WHERE id = ?").param(fixtures.userId(user)).update();
        // The token is still remembered, but every call reads its caller's account and refuses a disabled one.
        assertThat(api.get(token, "/api/v1/users/me").reason()).isEqualTo("AccountDisabled");

        assertThat(tokenCache.forgetUnusable()).isEqualTo(1);
        assertThat(api.get(token, "/api/v1/users/me").reason()).isEqualTo("InvalidToken");
    }

    @Test
    void aRememberedTokenStillExpiresOnTime() {
        Auth token = Auth.bearer("token", create("remembered", 1).path("secret").asString());
        assertThat(api.get(token, "/api/v1/users/me").status()).isEqualTo(200);
        clock.advance(Duration.ofDays(1).minusMinutes(1));
        assertThat(api.get(token, "/api/v1/users/me").status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));

        assertThat(api.get(token, "/api/v1/users/me").status()).isEqualTo(401);
    }

    @Test
    void aGarbageTokenIsRefusedClearly() {
        Response response = api.get(Auth.bearer("garbage", "qmp_not-a-real-token"), "/api/v1/users/me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.reason()).isEqualTo("InvalidToken");
    }

    @Test
    void anotherUsersTokenCannotBeRevoked() {
        String id = create("mine", 30).path("token").path("id").asString();
        Auth other = fixtures.user(fixtures.tenant("tokens-other"), "token-other", true);

        assertThat(api.delete(other, "/api/v1/tokens/" + id).status()).isEqualTo(404);
    }

    private JsonNode lastUsed(String tokenId) {
        for (JsonNode listed : api.get(user, "/api/v1/tokens").json()) {
            if (listed.path("id").asString().equals(tokenId)) {
                return listed.path("lastUsedAt");
            }
        }
        throw new AssertionError("token " + tokenId + " is not listed");
    }

    private JsonNode create(String name, int days) {
        Response response = api.post(user, "/api/v1/tokens", Map.of("name", name, "expiresInDays", days));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }
}
