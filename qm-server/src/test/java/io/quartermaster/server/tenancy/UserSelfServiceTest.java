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
    void aTenantAdministratorCannotSeeOrChangeASystemAdministratorOfTheirTenant() {
        Auth tenantAdmin = fixtures.user(tenant, "not-the-boss", true);
        var created = api.post(Fixtures.ADMIN, "/api/v1/users", Map.of("tenantId", tenant, "systemAdmin", true,
                "username", fixtures.unique("boss"), "password", Fixtures.PASSWORD));
        assertThat(created.status()).isEqualTo(201);
        String boss = created.json().path("id").asString();

        assertProblem(api.get(tenantAdmin, "/api/v1/users/" + boss), 404, "NotFound");
        assertProblem(api.patch(tenantAdmin, "/api/v1/users/" + boss, Map.of("password", "taken-over-now")), 404,
                "NotFound");
        assertProblem(api.delete(tenantAdmin, "/api/v1/users/" + boss), 404, "NotFound");
        assertThat(api.get(tenantAdmin, "/api/v1/users").json().path("items").valueStream()
                .map(u -> u.path("id").asString())).doesNotContain(boss);
        assertThat(api.get(Auth.basic(fixtures.unique("boss"), Fixtures.PASSWORD), "/api/v1/users/me").status())
                .isEqualTo(200);
    }

    @Test
    void aWrongPasswordDoesNotTellWhetherTheAccountIsDisabled() {
        Auth user = fixtures.user(tenant, "dormant", false);
        api.patch(Fixtures.ADMIN, "/api/v1/users/" + fixtures.userId(user), Map.of("enabled", false));

        assertThat(api.get(Auth.basic(user.name(), "wrong-password"), "/api/v1/users/me").reason())
                .isEqualTo("InvalidCredentials");
        assertThat(api.get(user, "/api/v1/users/me").reason()).isEqualTo("AccountDisabled");
    }

    @Test
    void aDisabledSystemAdministratorCanBeDeletedWhileAnEnabledOneRemains() {
        var created = api.post(Fixtures.ADMIN, "/api/v1/users", Map.of("systemAdmin", true,
                "username", fixtures.unique("retired-admin"), "password", Fixtures.PASSWORD));
        String retired = created.json().path("id").asString();
        api.patch(Fixtures.ADMIN, "/api/v1/users/" + retired, Map.of("enabled", false));

        assertThat(api.delete(Fixtures.ADMIN, "/api/v1/users/" + retired).status()).isEqualTo(204);
    }

    @Test
    void aBlankNameIsRefusedOnChangeAsOnCreation() {
        Auth user = fixtures.user(tenant, "named", false);

        var blank = api.patch(user, "/api/v1/users/" + fixtures.userId(user), Map.of("displayName", "   "));

        assertProblem(blank, 400, "ValidationFailed");
        assertThat(blank.json().path("errors").get(0).path("field").asString()).isEqualTo("displayName");
    }

    @Test
    void nobodyDisablesThemselves() {
        Auth admin = fixtures.user(tenant, "self-disabler", true);

        assertProblem(api.patch(admin, "/api/v1/users/" + fixtures.userId(admin), Map.of("enabled", false)), 409,
                "Conflict");
    }
}
