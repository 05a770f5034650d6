package io.quartermaster.server.tenancy;

import static io.quartermaster.server.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What people may change about themselves, and what it takes. */
@QmServerTest
class UserSelfServiceTest {

    @LocalServerPort
    int port;

    Api api;
    Fixtures fixtures;
    UUID tenant;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        tenant = fixtures.tenant("self-service");
    }

    @Test
    void changingOnesOwnPasswordNeedsTheCurrentOne() {
        Auth user = fixtures.user(tenant, "changer", false);
        UUID id = fixtures.userId(user);

        var without = api.patch(user, "/api/v1/users/" + id, Map.of("password", "a-brand-new-password"));
        var wrong = api.patch(user, "/api/v1/users/" + id, Map.of("password", "a-brand-new-password",
                "currentPassword", "not-my-password"));
        var right = api.patch(user, "/api/v1/users/" + id, Map.of("password", "a-brand-new-password",
                "currentPassword", Fixtures.PASSWORD));

        assertProblem(without, 400, "ValidationFailed");
        assertThat(without.json().path("errors").get(0).path("field").asString()).isEqualTo("currentPassword");
        assertProblem(wrong, 400, "ValidationFailed");
        assertThat(right.status()).isEqualTo(200);
        assertThat(api.get(Auth.basic(user.name(), "a-brand-new-password"), "/api/v1/users/me").status()).isEqualTo(200);
        assertThat(api.get(user, "/api/v1/users/me").status()).isEqualTo(401);
    }

    @Test
    void anAdministratorResetsSomeoneElsesPasswordWithoutKnowingIt() {
        Auth user = fixtures.user(tenant, "forgetful", false);
        Auth admin = fixtures.user(tenant, "resetter", true);

        var reset = api.patch(admin, "/api/v1/users/" + fixtures.userId(user), Map.of("password", "reset-by-admin-1"));

        assertThat(reset.status()).isEqualTo(200);
        assertThat(api.get(Auth.basic(user.name(), "reset-by-admin-1"), "/api/v1/users/me").status()).isEqualTo(200);
    }

    @Test
    void nobodyDisablesThemselves() {
        Auth admin = fixtures.user(tenant, "self-disabler", true);

        assertProblem(api.patch(admin, "/api/v1/users/" + fixtures.userId(admin), Map.of("enabled", false)), 409,
                "Conflict");
    }
}
