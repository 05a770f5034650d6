package io.quartermaster.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.QmServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** Dev mode's demo data is there, its logins work, and loading it again changes nothing. */
@QmServerTest
@TestPropertySource(properties = "qm.demo-data=true")
class DemoDataTest {

    @LocalServerPort
    int port;

    @Autowired
    DemoData demoData;

    @Test
    void everyDemoLoginWorks() {
        Api api = new Api(port);
        for (DemoData.Login login : DemoData.LOGINS) {
            if (!"admin".equals(login.username())) { // the test profile gives admin another password
                assertThat(api.get(Auth.basic(login.username(), login.password()), "/api/v1/users/me").status())
                        .as(login.username()).isEqualTo(200);
            }
        }
    }

    @Test
    void theDemoUserBelongsToBothGroupsIncludingTheVirtualLab() {
        JsonNode me = new Api(port).get(Auth.basic("uma", "uma"), "/api/v1/users/me").json();

        assertThat(me.path("tenantName").asString()).isEqualTo("Acme Corporation");
        assertThat(me.path("memberships").valueStream().map(m -> m.path("groupName").asString()))
                .containsExactlyInAnyOrder(DemoData.RND_LAB, DemoData.QA);
    }

    @Test
    void theDemoUserCanOrderFromTemplatesOnSimulatorHosts() {
        Api api = new Api(port);
        Auth uma = Auth.basic("uma", "uma");
        JsonNode templates = api.get(uma, "/api/v1/templates").json().path("items");
        JsonNode omni = templates.valueStream().filter(t -> t.path("name").asString().equals(DemoData.OMNI))
                .findFirst().orElseThrow();
        JsonNode small = templates.valueStream().filter(t -> t.path("name").asString().equals(DemoData.SMALL))
                .findFirst().orElseThrow();

        assertThat(omni.path("approval").path("mode").asString()).isEqualTo("ALWAYS");
        assertThat(small.path("leaseDays").asInt()).isOne();
        JsonNode estimate = api.get(uma, "/api/v1/templates/" + small.path("id").asString() + "/estimate?groupId="
                + omni.path("entitledGroupIds").get(0).asString()).json();
        assertThat(estimate.path("allowed").asBoolean()).isTrue();
        assertThat(estimate.path("capacityHeadroom").asInt()).isPositive();
        assertThat(api.get(Auth.basic("tina", "tina"), "/api/v1/hosts").json().path("items").valueStream()
                .map(h -> h.path("hypervisorType").asString())).containsOnly("simulator").hasSize(3);
        assertThat(api.get(Auth.basic("gary", "gary"), "/api/v1/reservations").json().path("total").asInt())
                .isEqualTo(2);
    }

    @Test
    void loadingItAgainChangesNothing() throws Exception {
        Api api = new Api(port);
        Auth tina = Auth.basic("tina", "tina");
        long groupsBefore = api.get(tina, "/api/v1/groups").json().path("total").asLong();
        long usersBefore = api.get(tina, "/api/v1/users").json().path("total").asLong();

        demoData.run(null);

        assertThat(api.get(tina, "/api/v1/groups").json().path("total").asLong()).isEqualTo(groupsBefore);
        assertThat(api.get(tina, "/api/v1/users").json().path("total").asLong()).isEqualTo(usersBefore);
    }
}
