package io.quartermaster.server.tenancy;

import static io.quartermaster.server.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Each person's SSH public keys: replaced whole, checked one by one, each refusal naming the bad key. */
@QmServerTest
class SshKeysTest {

    @LocalServerPort
    int port;

    Api api;
    Auth user;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        Fixtures fixtures = new Fixtures(api);
        user = fixtures.user(fixtures.tenant("ssh"), "ssh-user", false);
    }

    @Test
    void aPersonSetsAndReadsTheirKeysNormalizedAndWithoutDuplicates() {
        String ed25519 = key("ssh-ed25519", 32) + "  alice@laptop ";
        String rsa = key("ssh-rsa", 270);
        String ecdsa = key("ecdsa-sha2-nistp256", 104) + " work key";

        var put = api.sendJson(user, "PUT", "/api/v1/users/me/ssh-keys", Map.of("keys", List.of(ed25519, rsa, ecdsa,
                ed25519)));

        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        var keys = api.get(user, "/api/v1/users/me/ssh-keys").json().path("keys");
        assertThat(keys.valueStream().map(k -> k.asString())).containsExactly(
                ed25519.strip().replace("  ", " "), rsa, ecdsa);
        assertThat(api.sendJson(user, "PUT", "/api/v1/users/me/ssh-keys", Map.of("keys", List.of())).status())
                .isEqualTo(200);
        assertThat(api.get(user, "/api/v1/users/me/ssh-keys").json().path("keys").size()).isZero();
    }

    @Test
    void aBadKeyIsRefusedNamingWhichOneAndNothingChanges() {
        String good = key("ssh-ed25519", 32);
        assertThat(api.sendJson(user, "PUT", "/api/v1/users/me/ssh-keys", Map.of("keys", List.of(good))).status())
                .isEqualTo(200);

        assertInvalid(List.of(good, "ssh-dss AAAAB3NzaC1kc3MAAACBAP"), "Key 2 of 2");
        assertInvalid(List.of("ssh-ed25519 not*base64"), "base64");
        assertInvalid(List.of("ssh-rsa " + key("ssh-ed25519", 32).split(" ")[1]), "says it is ssh-rsa");
        assertInvalid(List.of("from=\"10.0.0.1\" " + good), "Key 1 of 1");
        assertInvalid(List.of("ssh-ed25519"), "no key");
        assertInvalid(List.of(good + "\n" + good), "several lines");
        assertThat(api.get(user, "/api/v1/users/me/ssh-keys").json().path("keys").get(0).asString()).isEqualTo(good);
    }

    private void assertInvalid(List<String> keys, String named) {
        var refused = api.sendJson(user, "PUT", "/api/v1/users/me/ssh-keys", Map.of("keys", keys));
        assertProblem(refused, 400, "InvalidSshKey");
        assertThat(refused.json().path("detail").asString()).contains(named);
    }

    static String key(String type, int bytes) {
        return SshKeysTestKeys.key(type, bytes);
    }
}
