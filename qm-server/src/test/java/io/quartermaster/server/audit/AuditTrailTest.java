package io.quartermaster.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quartermaster.server.access.Scope;
import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.Api.Response;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@QmServerTest
class AuditTrailTest {

    @LocalServerPort
    int port;

    @Autowired
    AuditService audit;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Fixtures fixtures;
    UUID tenant;
    UUID group;
    Auth tenantAdmin;
    Auth groupAdmin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        tenant = fixtures.tenant("audited");
        group = fixtures.group(tenant, "audited group");
        tenantAdmin = fixtures.user(tenant, "audit-tadmin", true);
        groupAdmin = fixtures.user(tenant, "audit-gadmin", false);
        fixtures.member(group, groupAdmin, "GROUP_ADMIN");
    }

    @Test
    void aChangeIsAuditedWithActorRoleActionTargetOutcomeAndRequestId() {
        Response change = api.patch(groupAdmin, "/api/v1/groups/" + group, Map.of("description", "audited change"));
        assertThat(change.status()).isEqualTo(200);

        JsonNode event = events(tenantAdmin, "action=group.update&targetId=" + group).get(0);

        assertThat(event.path("actor").asString()).isEqualTo(groupAdmin.name());
        assertThat(event.path("role").asString()).isEqualTo("GROUP_ADMIN");
        assertThat(event.path("targetType").asString()).isEqualTo("group");
        assertThat(event.path("outcome").asString()).isEqualTo("Success");
        assertThat(event.path("tenantId").asString()).isEqualTo(tenant.toString());
        assertThat(event.path("groupId").asString()).isEqualTo(group.toString());
        assertThat(event.path("requestId").asString()).isEqualTo(change.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(event.path("details").asString()).contains("description");
        assertThat(event.path("at").asString()).endsWith("Z");
    }

    @Test
    void aRefusedChangeLeavesNoSuccessButAnEventWithTheReason() {
        Auth user = fixtures.user(tenant, "audit-user", false);
        fixtures.member(group, user, "USER");

        Response denied = api.patch(user, "/api/v1/groups/" + group, Map.of("description", "not allowed"));
        assertThat(denied.status()).isEqualTo(403);

        JsonNode events = api.get(tenantAdmin, "/api/v1/audit?actor=" + user.name()).json().path("items");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("action").asString()).isEqualTo("group.update");
        assertThat(events.get(0).path("outcome").asString()).isEqualTo("Forbidden");
        assertThat(api.get(tenantAdmin, "/api/v1/groups/" + group).json().path("description").asString())
                .isNotEqualTo("not allowed");
    }

    @Test
    void theEventIsWrittenInTheChangesTransactionAndRollsBackWithIt() {
        String action = "test.rollback-" + UUID.randomUUID();

        transactions.executeWithoutResult(status -> {
            audit.system(action, Scope.tenant(tenant), "test", "rolled-back", null);
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> audit.system(action, Scope.tenant(tenant), "test", "kept", null));

        assertThat(jdbc.sql("SELECT target_id FROM audit_events WHERE action = ?").param(action)
                .query(String.class).list()).containsExactly("kept");
        assertThatThrownBy(() -> audit.system(action, Scope.tenant(tenant), "test", "outside", null))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void filtersAndPagesNewestFirst() {
        for (int i = 0; i < 3; i++) {
            api.patch(tenantAdmin, "/api/v1/groups/" + group, Map.of("description", "change " + i));
        }

        JsonNode page = api.get(tenantAdmin, "/api/v1/audit?action=group.update&targetId=" + group + "&size=2")
                .json();

        assertThat(page.path("total").asInt()).isEqualTo(3);
        assertThat(page.path("items")).hasSize(2);
        long newest = page.path("items").get(0).path("id").asLong();
        long older = page.path("items").get(1).path("id").asLong();
        assertThat(newest).isGreaterThan(older);
        assertThat(api.get(tenantAdmin, "/api/v1/audit?action=group.update&targetId=" + group + "&size=2&page=1")
                .json().path("items")).hasSize(1);
    }

    @Test
    void eachAdministratorSeesOnlyTheirOwnPartOfTheTrail() {
        UUID otherGroup = fixtures.group(tenant, "other audited group");
        api.patch(tenantAdmin, "/api/v1/groups/" + otherGroup, Map.of("description", "elsewhere"));
        UUID otherTenant = fixtures.tenant("audited-elsewhere");
        Auth otherAdmin = fixtures.user(otherTenant, "audit-other", true);

        assertThat(events(groupAdmin, "targetId=" + otherGroup)).isEmpty();
        assertThat(events(tenantAdmin, "targetId=" + otherGroup)).isNotEmpty();
        assertThat(events(otherAdmin, "tenantId=" + tenant)).isEmpty();
        assertThat(events(Fixtures.ADMIN, "tenantId=" + tenant)).isNotEmpty();
    }

    private JsonNode events(Auth auth, String query) {
        Response response = api.get(auth, "/api/v1/audit?" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("items");
    }
}
