package io.quartermaster.server.catalog;

import static io.quartermaster.server.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.Api.Response;
import io.quartermaster.server.support.CatalogFixtures;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Templates through the API: what is refused and why, defaults, and the estimate before ordering. */
@QmServerTest
class TemplateApiTest {

    @LocalServerPort
    int port;

    Api api;
    Fixtures fixtures;
    CatalogFixtures catalog;
    UUID tenant;
    UUID group;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        catalog = new CatalogFixtures(api, fixtures);
        tenant = fixtures.tenant("templates");
        group = fixtures.group(tenant, "template group");
    }

    @Test
    void aTemplateWithoutAnImageOrDisksOrLeaseIsRefusedNamingTheField() {
        assertField(create(Map.of("imageRef", "")), "imageRef");
        assertField(create(Map.of("disks", List.of())), "disks");
        assertField(create(Map.of("disks", List.of(Map.of("sizeGiB", -1, "role", "system")))), "disks[0].sizeGiB");
        assertField(create(without("leaseDays")), "leaseDays");
        assertField(create(Map.of("permanent", true)), "leaseDays");
        assertField(create(Map.of("cpu", 0)), "cpu");
        assertField(create(Map.of("approval", Map.of("mode", "WHEN_EXCEEDS"))), "approval");
        assertField(create(Map.of("cost", Map.of("currency", "euro"))), "cost.currency");
        assertField(create(Map.of("entitledGroupIds", List.of(UUID.randomUUID()))), "entitledGroupIds");
        assertField(create(Map.of("customProperties", List.of(Map.of("name", "BuildType"), Map.of("name", "buildtype")))),
                "customProperties");
    }

    @Test
    void outlandishRatesAndOversizedPropertiesAreRefusedNamingTheField() {
        assertField(create(Map.of("cost", Map.of("currency", "EUR", "perCpuDay", new java.math.BigDecimal("1E+999999999")))),
                "cost.perCpuDay");
        List<Map<String, Object>> many = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(Map.of("name", "P" + i, "value", "v".repeat(1000)));
        }
        assertField(create(Map.of("customProperties", many)), "customProperties");
    }

    @Test
    void someoneOfAnotherTenantLearnsNothingFromCreatingATemplateThere() {
        UUID otherTenant = fixtures.tenant("templates-elsewhere");
        UUID otherGroup = fixtures.group(otherTenant, "their group");
        Auth outsider = fixtures.user(otherTenant, "outsider", false);
        fixtures.member(otherGroup, outsider, "GROUP_ADMIN");

        Map<String, Object> aimedAtOurTenant = new HashMap<>(base());
        aimedAtOurTenant.put("entitledGroupIds", List.of(otherGroup));
        Response withTheirGroup = api.post(outsider, "/api/v1/templates", aimedAtOurTenant);
        aimedAtOurTenant.put("entitledGroupIds", List.of(group));
        Response withOurGroup = api.post(outsider, "/api/v1/templates", aimedAtOurTenant);
        aimedAtOurTenant.put("entitledGroupIds", List.of(UUID.randomUUID()));
        Response withNoGroup = api.post(outsider, "/api/v1/templates", aimedAtOurTenant);

        for (Response response : List.of(withTheirGroup, withOurGroup, withNoGroup)) {
            assertProblem(response, 404, "NotFound");
        }
    }

    @Test
    void aUserSeesOnlyTheEntitledGroupsTheyBelongTo() {
        UUID otherGroup = fixtures.group(tenant, "hidden entitled group");
        UUID template = catalog.template(tenant, "shared", 512, List.of(group, otherGroup), Map.of());
        Auth user = fixtures.user(tenant, "sees-one-group", false);
        fixtures.member(group, user, "USER");

        assertThat(api.get(user, "/api/v1/templates/" + template).json().path("entitledGroupIds").valueStream()
                .map(g -> g.asString())).containsExactly(group.toString());
        assertThat(api.get(Fixtures.ADMIN, "/api/v1/templates/" + template).json().path("entitledGroupIds"))
                .hasSize(2);
    }

    @Test
    void defaultsAreFilledInAndAPermanentTemplateHasNoLease() {
        Map<String, Object> body = new HashMap<>(without("leaseDays"));
        body.put("permanent", true);
        body.put("name", "Omni 3.2 Server");

        JsonNode created = create(body).json();

        assertThat(created.path("permanent").asBoolean()).isTrue();
        assertThat(created.path("leaseDays").isNull()).isTrue();
        assertThat(created.path("tombstoneDays").asInt()).isEqualTo(7);
        assertThat(created.path("approval").path("mode").asString()).isEqualTo("NEVER");
        assertThat(created.path("namingPrefix").asString()).isEqualTo("omni-3-2-server");
        assertThat(created.path("diskGiB").asInt()).isEqualTo(10);
        assertThat(created.path("cost").path("currency").asString()).isEqualTo("EUR");
    }

    @Test
    void usersSeeOnlyTheTemplatesOfTheirGroups() {
        UUID otherGroup = fixtures.group(tenant, "other template group");
        UUID mine = catalog.template(tenant, "mine", 512, List.of(group), Map.of());
        UUID theirs = catalog.template(tenant, "theirs", 512, List.of(otherGroup), Map.of());
        Auth user = fixtures.user(tenant, "template-user", false);
        fixtures.member(group, user, "USER");

        List<String> visible = api.get(user, "/api/v1/templates").json().path("items").valueStream()
                .map(t -> t.path("id").asString()).toList();

        assertThat(visible).containsExactly(mine.toString());
        assertThat(api.get(user, "/api/v1/templates/" + theirs).status()).isEqualTo(404);
    }

    @Test
    void theEstimateGivesThePriceForTheLeaseAndWhetherItWouldGoThrough() {
        UUID host = catalog.host(tenant, "estimate-host", 16, 65536, 1000);
        catalog.reservation(host, group, "estimate", 4, 8192, 200, 10, 10);
        UUID template = catalog.template(tenant, "priced", 2048, List.of(group), Map.of(
                "leaseDays", 10, "maxMachinesPerUser", 2,
                "approval", Map.of("mode", "WHEN_EXCEEDS", "maxCountWithoutApproval", 1),
                "cost", Map.of("currency", "EUR", "perCpuDay", 1, "perGiBMemoryDay", 0.5, "perGiBDiskDay", 0.1)));
        Auth user = fixtures.user(tenant, "estimating-user", false);
        fixtures.member(group, user, "USER");

        JsonNode one = api.get(user, "/api/v1/templates/" + template + "/estimate").json();
        JsonNode three = api.get(user, "/api/v1/templates/" + template + "/estimate?count=3").json();
        JsonNode five = api.get(user, "/api/v1/templates/" + template + "/estimate?count=5&leaseDays=20").json();

        // 1 cpu × 1 + 2 GiB × 0.5 + 10 GiB × 0.1 = 3 per day; 10 days.
        assertThat(one.path("pricePerMachinePerDay").decimalValue()).isEqualByComparingTo("3");
        assertThat(one.path("totalPrice").decimalValue()).isEqualByComparingTo("30");
        assertThat(one.path("approvalRequired").asBoolean()).isFalse();
        assertThat(one.path("capacityHeadroom").asInt()).isEqualTo(4);
        assertThat(one.path("allowed").asBoolean()).isTrue();
        assertThat(three.path("approvalRequired").asBoolean()).isTrue();
        assertThat(three.path("approvalReason").asString()).contains("More than 1");
        assertThat(three.path("problems").valueStream().map(p -> p.path("reason").asString()))
                .containsExactly("QuotaExceeded");
        assertThat(five.path("totalPrice").decimalValue()).isEqualByComparingTo("300");
        assertThat(five.path("approvalReason").asString()).contains("longer than the template's 10 days");
        assertThat(five.path("problems").valueStream().map(p -> p.path("reason").asString()))
                .containsExactlyInAnyOrder("QuotaExceeded", "CapacityUnavailable");
    }

    @Test
    void headroomSaysHowManyMoreCanBeOrderedAndShrinksWithEachClaim() {
        UUID host = catalog.host(tenant, "headroom-host", 16, 65536, 1000);
        catalog.reservation(host, group, "headroom", 4, 4096, 200, 10, 10);
        UUID template = catalog.template(tenant, "counted", 1024, List.of(group), Map.of());

        assertThat(headroom(template)).isEqualTo(4);
        catalog.claim(Fixtures.ADMIN, group, template);
        assertThat(headroom(template)).isEqualTo(3);
    }

    @Test
    void anEstimateForAGroupTheTemplateIsNotEntitledToIsRefused() {
        UUID otherGroup = fixtures.group(tenant, "not entitled");
        UUID template = catalog.template(tenant, "entitled elsewhere", 512, List.of(group), Map.of());

        Response response = api.get(Fixtures.ADMIN, "/api/v1/templates/" + template + "/estimate?groupId=" + otherGroup);

        assertField(response, "groupId");
    }

    private int headroom(UUID template) {
        return api.get(Fixtures.ADMIN, "/api/v1/groups/" + group + "/headroom").json().valueStream()
                .filter(h -> h.path("templateId").asString().equals(template.toString()))
                .findFirst().orElseThrow().path("capacity").asInt();
    }

    private Response create(Map<String, Object> overrides) {
        Map<String, Object> body = new HashMap<>(base());
        body.putAll(overrides);
        body.values().removeIf(value -> value == REMOVED);
        return api.post(Fixtures.ADMIN, "/api/v1/templates", body);
    }

    private static final Object REMOVED = new Object();

    private Map<String, Object> without(String field) {
        Map<String, Object> body = new HashMap<>();
        body.put(field, REMOVED);
        return body;
    }

    private Map<String, Object> base() {
        return Map.of("tenantId", tenant, "name", fixtures.unique("t") + UUID.randomUUID(), "cpu", 1, "memoryMiB", 512,
                "disks", List.of(Map.of("sizeGiB", 10, "role", "system")), "imageRef", "img",
                "hypervisorType", "simulator", "leaseDays", 7, "entitledGroupIds", List.of(group));
    }

    private static void assertField(Response response, String field) {
        assertProblem(response, 400, "ValidationFailed");
        assertThat(response.json().path("errors").valueStream().map(e -> e.path("field").asString())).contains(field);
    }
}
