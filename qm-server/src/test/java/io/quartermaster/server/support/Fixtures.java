package io.quartermaster.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Api.Auth;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds tenants, groups and users through the API as the bootstrap system administrator. Names get a
 * unique suffix because test classes share a database.
 */
public final class Fixtures {

    public static final Auth ADMIN = Auth.basic("admin", "test-admin-password");
    public static final String PASSWORD = "a-long-test-password";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Api api;
    private final String suffix;

    public Fixtures(Api api) {
        this.api = api;
        this.suffix = Integer.toString(SEQUENCE.incrementAndGet(), 36) + UUID.randomUUID().toString().substring(0, 6);
    }

    /** A name unique to this fixture set: {@code base-<suffix>}. */
    public String unique(String base) {
        return base + "-" + suffix;
    }

    public UUID tenant(String name) {
        var response = api.post(ADMIN, "/api/v1/tenants", Map.of("name", unique(name), "displayName", name));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.json().path("id").asString());
    }

    public UUID group(UUID tenantId, String name) {
        var response = api.post(ADMIN, "/api/v1/groups", Map.of("tenantId", tenantId, "name", name));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.json().path("id").asString());
    }

    /** Creates a user and returns how to sign in as them. */
    public Auth user(UUID tenantId, String username, boolean tenantAdmin) {
        var response = api.post(ADMIN, "/api/v1/users", Map.of("tenantId", tenantId, "username", unique(username),
                "password", PASSWORD, "tenantAdmin", tenantAdmin));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return Auth.basic(unique(username), PASSWORD);
    }

    public UUID userId(Auth auth) {
        return UUID.fromString(api.get(auth, "/api/v1/users/me").json().path("user").path("id").asString());
    }

    public void member(UUID groupId, Auth user, String role) {
        var response = api.post(ADMIN, "/api/v1/groups/" + groupId + "/members",
                Map.of("username", user.name(), "role", role));
        assertThat(response.status()).as(response.toString()).isIn(200, 201);
    }
}
