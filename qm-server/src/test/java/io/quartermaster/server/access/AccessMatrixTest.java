package io.quartermaster.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.Api.Response;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of the API against every kind of caller, each cell asserted. Callers: nobody, a user
 * of group A1, the admin of group A1, the admin of tenant A, the admin of another tenant B, and the
 * system administrator. Tenant A also has a group A2 the user and group admin are not in.
 *
 * <p>Mutations aim at targets that make an allowed call fail later in a known way where success would
 * destroy the fixture (deleting a group that still has members gives 409): so 409 reads "authorized".
 */
@QmServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {

    static final List<String> CALLERS = List.of("anonymous", "user", "groupAdmin", "tenantAdmin", "otherTenant",
            "system");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    Api api;
    Fixtures fixtures;
    Map<String, Auth> callers;
    UUID tenantA;
    UUID tenantB;
    UUID groupA1;
    UUID groupA2;
    UUID groupB1;
    UUID userA1Id;
    UUID userB1Id;
    Auth extraA;
    UUID hostA;
    UUID reservationA1;
    UUID templateA1;
    UUID templateA2;
    UUID claimA1;
    UUID requestA1;
    UUID machineA1;
    UUID pendingApproval;
    UUID decidedApproval;
    String workflow;
    io.quartermaster.server.support.CatalogFixtures catalog;
    io.quartermaster.server.support.WorkflowFiles workflows;
    final List<Row> rows = new ArrayList<>();

    record Row(String endpoint, String description, Function<String, Response> call, int... expected) {}

    @BeforeAll
    void fixtures() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        tenantA = fixtures.tenant("tenant-a");
        tenantB = fixtures.tenant("tenant-b");
        groupA1 = fixtures.group(tenantA, "A1");
        groupA2 = fixtures.group(tenantA, "A2");
        groupB1 = fixtures.group(tenantB, "B1");
        Auth user = fixtures.user(tenantA, "user-a1", false);
        Auth groupAdmin = fixtures.user(tenantA, "gadmin-a1", false);
        Auth tenantAdmin = fixtures.user(tenantA, "tadmin-a", true);
        Auth otherTenant = fixtures.user(tenantB, "tadmin-b", true);
        Auth userB1 = fixtures.user(tenantB, "user-b1", false);
        extraA = fixtures.user(tenantA, "extra-a", false);
        fixtures.member(groupA1, user, "USER");
        fixtures.member(groupA1, groupAdmin, "GROUP_ADMIN");
        fixtures.member(groupA2, extraA, "USER");
        fixtures.member(groupB1, userB1, "USER");
        userA1Id = fixtures.userId(user);
        userB1Id = fixtures.userId(userB1);
        catalog = new io.quartermaster.server.support.CatalogFixtures(api, fixtures);
        hostA = catalog.host(tenantA, "host-a", 256, 1_048_576, 100_000);
        catalog.host(tenantB, "host-b", 16, 65536, 1000);
        reservationA1 = catalog.reservation(hostA, groupA1, "res-a1", 100, 102_400, 10_000, 100, 10);
        templateA1 = catalog.template(tenantA, "template-a1", 512, List.of(groupA1), Map.of());
        templateA2 = catalog.template(tenantA, "template-a2", 512, List.of(groupA2), Map.of());
        claimA1 = UUID.fromString(catalog.claim(Fixtures.ADMIN, groupA1, templateA1).json().path("id").asString());
        var ordered = api.post(user, "/api/v1/requests", Map.of("templateId", templateA1, "groupId", groupA1));
        assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
        requestA1 = UUID.fromString(ordered.json().path("id").asString());
        machineA1 = UUID.fromString(ordered.json().path("machines").get(0).path("id").asString());
        UUID approvalTemplate = catalog.template(tenantA, "template-a1-approval", 512, List.of(groupA1),
                Map.of("approval", Map.of("mode", "ALWAYS")));
        pendingApproval = approvalOf(api.post(user, "/api/v1/requests", Map.of("templateId", approvalTemplate,
                "groupId", groupA1)));
        decidedApproval = approvalOf(api.post(user, "/api/v1/requests", Map.of("templateId", approvalTemplate,
                "groupId", groupA1)));
        assertThat(api.post(Fixtures.ADMIN, "/api/v1/approvals/" + decidedApproval + "/reject",
                Map.of("reason", "fixture")).status()).isEqualTo(200);
        workflows = new io.quartermaster.server.support.WorkflowFiles(api);
        workflow = fixtures.unique("matrix-workflow");
        assertThat(workflows.deploy(Fixtures.ADMIN, io.quartermaster.server.support.WorkflowFiles.bpmn("review.bpmn20.xml",
                workflow)).status()).isEqualTo(201);
        callers = Map.of("anonymous", Auth.none(), "user", user, "groupAdmin", groupAdmin, "tenantAdmin", tenantAdmin,
                "otherTenant", otherTenant, "system", Fixtures.ADMIN);
        defineRows();
        defineLifecycleRows();
    }

    //            endpoint, what                                                anon user gAdm tAdm othr sys
    void defineRows() {
        get("GET /api/v1/tenants", "list tenants", "/api/v1/tenants", 401, 200, 200, 200, 200, 200);
        get("GET /api/v1/tenants/{id}", "read own tenant A", "/api/v1/tenants/" + tenantA, 401, 200, 200, 200, 404, 200);
        get("GET /api/v1/tenants/{id}", "read tenant B", "/api/v1/tenants/" + tenantB, 401, 404, 404, 404, 200, 200);
        row("POST /api/v1/tenants", "create a tenant",
                c -> api.post(auth(c), "/api/v1/tenants", Map.of("name", fixtures.unique("t-" + c.toLowerCase()))),
                401, 403, 403, 403, 403, 201);
        row("PATCH /api/v1/tenants/{id}", "rename tenant A",
                c -> api.patch(auth(c), "/api/v1/tenants/" + tenantA, Map.of("displayName", "Tenant A by " + c)),
                401, 403, 403, 200, 404, 200);
        row("DELETE /api/v1/tenants/{id}", "delete tenant A (still has groups: 409 when allowed)",
                c -> api.delete(auth(c), "/api/v1/tenants/" + tenantA), 401, 403, 403, 403, 404, 409);

        get("GET /api/v1/groups", "list groups", "/api/v1/groups", 401, 200, 200, 200, 200, 200);
        get("GET /api/v1/groups/{id}", "read group A1", "/api/v1/groups/" + groupA1, 401, 200, 200, 200, 404, 200);
        get("GET /api/v1/groups/{id}", "read group A2 (not theirs)", "/api/v1/groups/" + groupA2,
                401, 404, 404, 200, 404, 200);
        get("GET /api/v1/groups/{id}", "read group B1", "/api/v1/groups/" + groupB1, 401, 404, 404, 404, 200, 200);
        row("POST /api/v1/groups", "create a group in tenant A",
                c -> api.post(auth(c), "/api/v1/groups", Map.of("tenantId", tenantA, "name", "new group by " + c)),
                401, 403, 403, 201, 404, 201);
        row("PATCH /api/v1/groups/{id}", "change group A1",
                c -> api.patch(auth(c), "/api/v1/groups/" + groupA1, Map.of("description", "changed by " + c)),
                401, 403, 200, 200, 404, 200);
        row("PATCH /api/v1/groups/{id}", "change group A2",
                c -> api.patch(auth(c), "/api/v1/groups/" + groupA2, Map.of("description", "changed by " + c)),
                401, 404, 404, 200, 404, 200);
        row("DELETE /api/v1/groups/{id}", "delete group A1 (has members: 409 when allowed)",
                c -> api.delete(auth(c), "/api/v1/groups/" + groupA1), 401, 403, 403, 409, 404, 409);
        row("DELETE /api/v1/groups/{id}", "delete an empty group of tenant A",
                c -> api.delete(auth(c), "/api/v1/groups/" + fixtures.group(tenantA, "doomed by " + c)),
                401, 404, 404, 204, 404, 204);

        get("GET /api/v1/groups/{id}/members", "list members of A1", "/api/v1/groups/" + groupA1 + "/members",
                401, 200, 200, 200, 404, 200);
        get("GET /api/v1/groups/{id}/members", "list members of A2", "/api/v1/groups/" + groupA2 + "/members",
                401, 404, 404, 200, 404, 200);
        row("POST /api/v1/groups/{id}/members", "add a member to A1",
                c -> api.post(auth(c), "/api/v1/groups/" + groupA1 + "/members",
                        Map.of("username", extraA.name(), "role", "USER")),
                401, 403, 201, 200, 404, 200);
        row("DELETE /api/v1/groups/{id}/members/{user}", "remove a member of A1 (re-added for each caller)",
                c -> {
                    fixtures.member(groupA1, extraA, "USER");
                    return api.delete(auth(c), "/api/v1/groups/" + groupA1 + "/members/" + extraA.name());
                },
                401, 403, 204, 204, 404, 204);

        get("GET /api/v1/users/me", "who am I", "/api/v1/users/me", 401, 200, 200, 200, 200, 200);
        get("GET /api/v1/users", "list users", "/api/v1/users", 401, 403, 403, 200, 200, 200);
        get("GET /api/v1/users/{id}", "read the A1 user", "/api/v1/users/" + userA1Id, 401, 200, 403, 200, 404, 200);
        get("GET /api/v1/users/{id}", "read a user of tenant B", "/api/v1/users/" + userB1Id,
                401, 404, 404, 404, 200, 200);
        row("POST /api/v1/users", "create a user in tenant A",
                c -> api.post(auth(c), "/api/v1/users", Map.of("tenantId", tenantA,
                        "username", fixtures.unique("new-" + c.toLowerCase()), "password", Fixtures.PASSWORD)),
                401, 403, 403, 201, 404, 201);
        row("POST /api/v1/users", "create a tenant admin of tenant A",
                c -> api.post(auth(c), "/api/v1/users", Map.of("tenantId", tenantA, "tenantAdmin", true,
                        "username", fixtures.unique("ta-" + c.toLowerCase()), "password", Fixtures.PASSWORD)),
                401, 403, 403, 201, 404, 201);
        row("POST /api/v1/users", "create a system administrator",
                c -> api.post(auth(c), "/api/v1/users", Map.of("systemAdmin", true,
                        "username", fixtures.unique("sa-" + c.toLowerCase()), "password", Fixtures.PASSWORD)),
                401, 403, 403, 403, 403, 201);
        row("PATCH /api/v1/users/{id}", "change the A1 user's name",
                c -> api.patch(auth(c), "/api/v1/users/" + userA1Id, Map.of("displayName", "Renamed by " + c)),
                401, 200, 403, 200, 404, 200);
        row("PATCH /api/v1/users/{id}", "change one's own e-mail",
                c -> api.patch(auth(c), "/api/v1/users/" + selfId(c), Map.of("email", "me@example.org")),
                401, 200, 200, 200, 200, 200);
        row("PATCH /api/v1/users/{id}", "disable the A1 user's colleague",
                c -> api.patch(auth(c), "/api/v1/users/" + fixtures.userId(extraA), Map.of("enabled", true)),
                401, 403, 403, 200, 404, 200);
        row("DELETE /api/v1/users/{id}", "delete a fresh user of tenant A",
                c -> api.delete(auth(c), "/api/v1/users/" + fixtures.userId(fixtures.user(tenantA,
                        "gone-" + c.toLowerCase(), false))),
                401, 403, 403, 204, 404, 204);

        get("GET /api/v1/audit", "read the audit trail", "/api/v1/audit", 401, 403, 200, 200, 200, 200);
        get("GET /api/v1/tokens", "list own tokens", "/api/v1/tokens", 401, 200, 200, 200, 200, 200);
        row("POST /api/v1/tokens", "create an own token",
                c -> api.post(auth(c), "/api/v1/tokens", Map.of("name", "token of " + c)), 401, 201, 201, 201, 201, 201);
        row("DELETE /api/v1/tokens/{id}", "revoke the A1 user's token",
                c -> api.delete(auth(c), "/api/v1/tokens/" + tokenOfUser()), 401, 204, 404, 404, 404, 404);
        get("GET /api/v1/users/me/notification-preferences", "read own notification preferences",
                "/api/v1/users/me/notification-preferences", 401, 200, 200, 200, 200, 200);
        row("PUT /api/v1/users/me/notification-preferences", "set own notification preferences",
                c -> api.sendJson(auth(c), "PUT", "/api/v1/users/me/notification-preferences",
                        Map.of("leaseReminders", true, "approvalRequests", true)),
                401, 200, 200, 200, 200, 200);
        get("GET /api/v1/notifications", "list the e-mail outbox", "/api/v1/notifications", 401, 403, 403, 403, 403, 200);
        get("GET /api/v1/users/me/ssh-keys", "read own SSH keys", "/api/v1/users/me/ssh-keys", 401, 200, 200, 200, 200, 200);
        row("PUT /api/v1/users/me/ssh-keys", "set own SSH keys",
                c -> api.sendJson(auth(c), "PUT", "/api/v1/users/me/ssh-keys", Map.of("keys", List.of())),
                401, 200, 200, 200, 200, 200);
        defineCatalogAndCapacityRows();
        defineImageRows();
        defineWorkflowRows();
        defineAgentRows();
        get("GET /actuator/prometheus", "scrape metrics", "/actuator/prometheus", 401, 403, 403, 403, 403, 200);
    }

    //            endpoint, what                                                anon user gAdm tAdm othr sys
    void defineCatalogAndCapacityRows() {
        String host = "/api/v1/hosts/" + hostA;
        get("GET /api/v1/hosts", "list hosts", "/api/v1/hosts", 401, 403, 403, 200, 200, 200);
        get("GET /api/v1/hosts/{id}", "read host A", host, 401, 403, 403, 200, 404, 200);
        row("POST /api/v1/hosts", "register a host in tenant A",
                c -> api.post(auth(c), "/api/v1/hosts", Map.of("tenantId", tenantA, "name", "new host by " + c,
                        "hypervisorType", "kvm", "totalCpu", 8, "totalMemoryMiB", 8192, "totalDiskGiB", 100)),
                401, 403, 403, 201, 404, 201);
        row("PATCH /api/v1/hosts/{id}", "change host A", c -> api.patch(auth(c), host, Map.of("site", "site of " + c)),
                401, 403, 403, 200, 404, 200);
        row("PUT /api/v1/hosts/{id}/state", "enable host A",
                c -> api.sendJson(auth(c), "PUT", host + "/state", Map.of("state", "ENABLED")), 401, 403, 403, 200, 404, 200);
        row("DELETE /api/v1/hosts/{id}", "delete host A (has reservations: 409 when allowed)",
                c -> api.delete(auth(c), host), 401, 403, 403, 409, 404, 409);
        row("DELETE /api/v1/hosts/{id}", "delete an empty host of tenant A",
                c -> api.delete(auth(c), "/api/v1/hosts/" + catalog.host(tenantA, "doomed host " + c, 1, 1, 1)),
                401, 403, 403, 204, 404, 204);
        get("GET /api/v1/hosts/{id}/reservations", "list host A's reservations", host + "/reservations",
                401, 403, 403, 200, 404, 200);
        row("POST /api/v1/hosts/{id}/reservations", "reserve part of host A for a new group",
                c -> api.post(auth(c), host + "/reservations", Map.of("groupId", fixtures.group(tenantA, "for " + c),
                        "name", fixtures.unique("reservation by " + c), "cpu", 1, "memoryMiB", 1024, "diskGiB", 10,
                        "maxMachines", 1)),
                401, 403, 403, 201, 404, 201);

        String reservation = "/api/v1/reservations/" + reservationA1;
        get("GET /api/v1/reservations", "list reservations", "/api/v1/reservations", 401, 403, 200, 200, 200, 200);
        get("GET /api/v1/reservations/{id}", "read A1's reservation", reservation, 401, 403, 200, 200, 404, 200);
        get("GET /api/v1/reservations/{id}/usage", "read A1's reservation usage", reservation + "/usage",
                401, 403, 200, 200, 404, 200);
        row("PATCH /api/v1/reservations/{id}", "change A1's reservation",
                c -> api.patch(auth(c), reservation, Map.of("priority", 10)), 401, 403, 403, 200, 404, 200);
        row("DELETE /api/v1/reservations/{id}", "delete A1's reservation (held: 409 when allowed)",
                c -> api.delete(auth(c), reservation), 401, 403, 403, 409, 404, 409);

        String template = "/api/v1/templates/" + templateA1;
        get("GET /api/v1/templates", "list templates", "/api/v1/templates", 401, 200, 200, 200, 200, 200);
        get("GET /api/v1/templates/{id}", "read A1's template", template, 401, 200, 200, 200, 404, 200);
        get("GET /api/v1/templates/{id}", "read A2's template", "/api/v1/templates/" + templateA2,
                401, 404, 404, 200, 404, 200);
        row("POST /api/v1/templates", "create a template for A1",
                c -> api.post(auth(c), "/api/v1/templates", newTemplate("A1 template by " + c, List.of(groupA1))),
                401, 403, 201, 201, 404, 201);
        row("POST /api/v1/templates", "create a template for A1 and A2",
                c -> api.post(auth(c), "/api/v1/templates", newTemplate("A1+A2 template by " + c,
                        List.of(groupA1, groupA2))),
                401, 403, 403, 201, 404, 201);
        row("PATCH /api/v1/templates/{id}", "change A1's template",
                c -> api.patch(auth(c), template, Map.of("description", "by " + c)), 401, 403, 200, 200, 404, 200);
        row("PATCH /api/v1/templates/{id}", "change A2's template",
                c -> api.patch(auth(c), "/api/v1/templates/" + templateA2, Map.of("description", "by " + c)),
                401, 404, 404, 200, 404, 200);
        row("DELETE /api/v1/templates/{id}", "delete a fresh template of A1",
                c -> api.delete(auth(c), "/api/v1/templates/" + catalog.template(tenantA, "doomed template " + c, 512,
                        List.of(groupA1), Map.of())),
                401, 403, 204, 204, 404, 204);
        get("GET /api/v1/templates/{id}/estimate", "estimate A1's template", template + "/estimate?groupId=" + groupA1,
                401, 200, 200, 200, 404, 200);
        get("GET /api/v1/groups/{id}/headroom", "A1's headroom", "/api/v1/groups/" + groupA1 + "/headroom",
                401, 200, 200, 200, 404, 200);
        get("GET /api/v1/groups/{id}/headroom", "A2's headroom", "/api/v1/groups/" + groupA2 + "/headroom",
                401, 404, 404, 200, 404, 200);

        String claim = "/api/v1/claims/" + claimA1;
        row("POST /api/v1/claims", "hold capacity for A1",
                c -> catalog.claim(auth(c), groupA1, templateA1), 401, 403, 201, 201, 404, 201);
        get("GET /api/v1/claims", "list A1's claims", "/api/v1/claims?groupId=" + groupA1, 401, 403, 200, 200, 404, 200);
        get("GET /api/v1/claims/{id}", "read a claim of A1", claim, 401, 403, 200, 200, 404, 200);
        row("POST /api/v1/claims/{id}/release-compute", "give back a claim's compute",
                c -> api.post(auth(c), claim + "/release-compute", Map.of()), 401, 403, 200, 200, 404, 200);
        row("POST /api/v1/claims/{id}/reclaim-compute", "take a claim's compute again",
                c -> api.post(auth(c), claim + "/reclaim-compute", Map.of()), 401, 403, 200, 200, 404, 200);
        row("DELETE /api/v1/claims/{id}", "release a fresh claim of A1",
                c -> api.delete(auth(c), "/api/v1/claims/" + catalog.claim(Fixtures.ADMIN, groupA1, templateA1).json()
                        .path("id").asString()),
                401, 403, 204, 204, 404, 204);
    }

    //            endpoint, what                                                anon user gAdm tAdm othr sys
    void defineWorkflowRows() {
        String versions = "/api/v1/workflows/" + workflow + "/versions";
        get("GET /api/v1/workflows", "list workflows", "/api/v1/workflows", 401, 403, 403, 200, 200, 200);
        get("GET /api/v1/workflows/{key}/versions", "list a workflow's versions", versions, 401, 403, 403, 200, 200, 200);
        get("GET /api/v1/workflows/{key}/versions/{version}/bpmn", "download a version's BPMN", versions + "/1/bpmn",
                401, 403, 403, 200, 200, 200);
        get("GET /api/v1/workflows/{key}/instances", "which machines run a workflow",
                "/api/v1/workflows/" + workflow + "/instances", 401, 403, 403, 200, 200, 200);
        row("POST /api/v1/workflows", "deploy a new workflow",
                c -> workflows.deploy(auth(c), io.quartermaster.server.support.WorkflowFiles.bpmn("review.bpmn20.xml",
                        fixtures.unique("deployed-by-" + c.toLowerCase()))),
                401, 403, 403, 403, 403, 201);
        row("POST /api/v1/workflows/{key}/migrations", "migrate a workflow's machines to version 1",
                c -> api.post(auth(c), "/api/v1/workflows/" + workflow + "/migrations", Map.of("toVersion", 1)),
                401, 403, 403, 403, 403, 200);
    }

    //            endpoint, what                                                anon user gAdm tAdm othr sys
    void defineImageRows() {
        String imageA = imageOf(Fixtures.ADMIN, "tenantId=" + tenantA);
        String shared = imageOf(Fixtures.ADMIN, "");
        get("GET /api/v1/images", "list images", "/api/v1/images", 401, 200, 200, 200, 200, 200);
        get("GET /api/v1/images/{id}", "read tenant A's image", "/api/v1/images/" + imageA, 401, 200, 200, 200, 404, 200);
        get("GET /api/v1/images/{id}", "read a shared image", "/api/v1/images/" + shared, 401, 200, 200, 200, 200, 200);
        row("POST /api/v1/images", "register an image for tenant A",
                c -> uploadImage(auth(c), "tenantId=" + tenantA), 401, 403, 403, 201, 404, 201);
        row("DELETE /api/v1/images/{id}", "delete a fresh image of tenant A",
                c -> api.delete(auth(c), "/api/v1/images/" + imageOf(Fixtures.ADMIN, "tenantId=" + tenantA)),
                401, 403, 403, 204, 404, 204);
        row("DELETE /api/v1/images/{id}", "delete a fresh shared image",
                c -> api.delete(auth(c), "/api/v1/images/" + imageOf(Fixtures.ADMIN, "")), 401, 403, 403, 403, 403, 204);
    }

    /** Registers a small raw image (the query adds e.g. the tenant); returns its id. */
    private String imageOf(Auth auth, String query) {
        Response created = uploadImage(auth, query);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private Response uploadImage(Auth auth, String query) {
        return api.send(auth, "POST", "/api/v1/images?name=" + fixtures.unique("matrix") + "&version="
                + UUID.randomUUID() + "&format=raw&" + query, java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                        new byte[] {1, 2, 3}), "application/octet-stream");
    }

    void defineAgentRows() {
        String host = "/api/v1/hosts/" + hostA;
        row("POST /api/v1/agents/bootstrap-tokens", "make a bootstrap token for host A",
                c -> api.post(auth(c), "/api/v1/agents/bootstrap-tokens", Map.of("hostIds", List.of(hostA))),
                401, 403, 403, 201, 404, 201);
        get("GET /api/v1/agents", "list agents", "/api/v1/agents", 401, 403, 403, 200, 200, 200);
        get("GET /api/v1/agents/{id}", "read host A's agent", "/api/v1/agents/" + agentOfHostA(),
                401, 403, 403, 200, 404, 200);
        row("POST /api/v1/agents/{id}/revoke", "revoke a fresh agent of host A",
                c -> api.post(auth(c), "/api/v1/agents/" + agentOfHostA() + "/revoke", Map.of()),
                401, 403, 403, 200, 404, 200);
        get("GET /api/v1/hosts/{id}/agent", "host A's agent status", host + "/agent", 401, 403, 403, 200, 404, 200);
    }

    /** Registers a new agent for host A through the agent API; returns its id. */
    private UUID agentOfHostA() {
        var token = api.post(Fixtures.ADMIN, "/api/v1/agents/bootstrap-tokens", Map.of("hostIds", List.of(hostA)));
        var registered = api.post(Auth.none(), "/agent/v1/register", Map.of("bootstrapToken",
                token.json().path("token").asString(), "agentName", "matrix-agent-" + UUID.randomUUID()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return UUID.fromString(registered.json().path("agentId").asString());
    }

    private Map<String, Object> newTemplate(String name, List<UUID> groups) {
        return Map.of("tenantId", tenantA, "name", name, "cpu", 1, "memoryMiB", 512,
                "disks", List.of(Map.of("sizeGiB", 5, "role", "system")), "imageRef", "img", "hypervisorType", "simulator",
                "leaseDays", 3, "entitledGroupIds", groups);
    }

    @TestFactory
    Stream<DynamicTest> everyCellHasItsExpectedOutcome() {
        return rows.stream().flatMap(row -> CALLERS.stream().map(caller -> {
            int expected = row.expected()[CALLERS.indexOf(caller)];
            return dynamicTest(row.description() + " [" + row.endpoint() + "] as " + caller + " -> " + expected, () -> {
                Response response = row.call().apply(caller);
                assertThat(response.status()).as("%s as %s: %s", row.endpoint(), caller, response).isEqualTo(expected);
                assertAudited(row.endpoint(), caller, response);
                if (expected >= 400) {
                    assertThat(response.contentType()).startsWith("application/problem+json");
                    assertThat(response.reason()).isEqualTo(switch (expected) {
                        case 401 -> "Unauthenticated";
                        case 403 -> "Forbidden";
                        case 404 -> "NotFound";
                        default -> response.reason();
                    });
                }
            });
        }));
    }

    /**
     * Every mutating call by a signed-in caller leaves exactly one audit event under its request id:
     * Success when it changed something, the problem's reason when it did not.
     */
    private void assertAudited(String endpoint, String caller, Response response) {
        if (endpoint.startsWith("GET ") || "anonymous".equals(caller) || endpoint.contains("/actuator/")) {
            return;
        }
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        var events = api.get(Fixtures.ADMIN, "/api/v1/audit?requestId=" + requestId).json().path("items");
        assertThat(events).as("audit events of %s as %s", endpoint, caller).hasSize(1);
        String outcome = events.get(0).path("outcome").asString();
        assertThat(outcome).isEqualTo(response.status() < 300 ? "Success" : response.reason());
        assertThat(events.get(0).path("actor").asString()).isEqualTo(auth(caller).name().equals("admin") ? "admin"
                : auth(caller).name());
    }

    private UUID approvalOf(Response request) {
        assertThat(request.status()).as(request.toString()).isEqualTo(201);
        return UUID.fromString(api.get(Fixtures.ADMIN, "/api/v1/approvals?groupId=" + groupA1 + "&size=500").json()
                .path("items").valueStream()
                .filter(a -> a.path("requestId").asString().equals(request.json().path("id").asString()))
                .findFirst().orElseThrow().path("id").asString());
    }

    //            endpoint, what                                                anon user gAdm tAdm othr sys
    void defineLifecycleRows() {
        row("POST /api/v1/requests", "order more machines than fit in group A1 (409 when allowed)",
                c -> api.post(auth(c), "/api/v1/requests", Map.of("templateId", templateA1, "groupId", groupA1,
                        "count", 100)), 401, 409, 409, 409, 404, 409);
        get("GET /api/v1/requests", "list own requests", "/api/v1/requests", 401, 200, 200, 200, 200, 200);
        get("GET /api/v1/requests", "list group A1's requests", "/api/v1/requests?groupId=" + groupA1,
                401, 403, 200, 200, 404, 200);
        get("GET /api/v1/requests/{id}", "read the user's request", "/api/v1/requests/" + requestA1,
                401, 200, 200, 200, 404, 200);
        get("GET /api/v1/approvals", "list approvals", "/api/v1/approvals", 401, 200, 200, 200, 200, 200);
        get("GET /api/v1/approvals/{id}", "read the user's pending approval", "/api/v1/approvals/" + pendingApproval,
                401, 200, 200, 200, 404, 200);
        row("POST /api/v1/approvals/{id}/approve", "approve a decided approval (409 when allowed)",
                c -> api.post(auth(c), "/api/v1/approvals/" + decidedApproval + "/approve", Map.of()),
                401, 403, 409, 409, 404, 409);
        row("POST /api/v1/approvals/{id}/reject", "reject without a reason (400 when allowed)",
                c -> api.post(auth(c), "/api/v1/approvals/" + pendingApproval + "/reject", Map.of()),
                401, 403, 400, 400, 404, 400);
        get("GET /api/v1/machines", "list machines", "/api/v1/machines", 401, 200, 200, 200, 200, 200);
        get("GET /api/v1/machines/summary", "the summary report over the machines the caller may see",
                "/api/v1/machines/summary", 401, 200, 200, 200, 200, 200);
        get("GET /api/v1/machines/{id}", "read the user's machine", "/api/v1/machines/" + machineA1,
                401, 200, 200, 200, 404, 200);
        get("GET /api/v1/machines/{id}/history", "read the user's machine's timeline",
                "/api/v1/machines/" + machineA1 + "/history", 401, 200, 200, 200, 404, 200);
        row("POST /api/v1/machines/{id}/actions/{action}", "power off a machine still being built (409 when allowed)",
                c -> api.post(auth(c), "/api/v1/machines/" + machineA1 + "/actions/power-off", Map.of()),
                401, 409, 409, 409, 404, 409);
        row("POST /api/v1/machines/{id}/actions/{action}", "change the owner of the user's machine (admins only)",
                c -> api.post(auth(c), "/api/v1/machines/" + machineA1 + "/actions/change-owner",
                        Map.of("ownerId", userA1Id)), 401, 403, 200, 200, 404, 200);
    }

    @Test
    void theMatrixCoversEveryEndpointOfTheApi() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> info.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/v1/"))
                .forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(verb -> endpoints.add(verb.name() + " " + pattern))));
        Set<String> covered = new TreeSet<>();
        rows.forEach(row -> covered.add(row.endpoint()));

        assertThat(covered).containsAll(endpoints);
    }

    @Test
    void aCrossTenantNotFoundReadsExactlyLikeAMissingObject() {
        Auth otherTenant = callers.get("otherTenant");
        Response hidden = api.get(otherTenant, "/api/v1/groups/" + groupA1);
        UUID missing = UUID.randomUUID();
        Response absent = api.get(otherTenant, "/api/v1/groups/" + missing);

        assertThat(hidden.json().path("detail").asString().replace(groupA1.toString(), "ID"))
                .isEqualTo(absent.json().path("detail").asString().replace(missing.toString(), "ID"));
    }

    @Test
    void listingsShowOnlyWhatTheCallerMaySee() {
        assertThat(groupIds(callers.get("user"))).contains(groupA1).doesNotContain(groupA2, groupB1);
        assertThat(groupIds(callers.get("tenantAdmin"))).contains(groupA1, groupA2).doesNotContain(groupB1);
        assertThat(groupIds(callers.get("otherTenant"))).contains(groupB1).doesNotContain(groupA1, groupA2);
        assertThat(api.get(callers.get("otherTenant"), "/api/v1/users").json().path("items").valueStream()
                .map(user -> user.path("tenantId").asString())).containsOnly(tenantB.toString());
        assertThat(api.get(callers.get("user"), "/api/v1/tenants").json().path("items").valueStream()
                .map(tenant -> tenant.path("id").asString())).containsExactly(tenantA.toString());
        for (String caller : List.of("user", "tenantAdmin", "otherTenant")) {
            Auth auth = callers.get(caller);
            long notDisposed = total(auth, "/api/v1/machines") - total(auth, "/api/v1/machines?state=Disposed");
            long summed = api.get(auth, "/api/v1/machines/summary").json().path("byState").valueStream()
                    .mapToLong(JsonNode::asLong).sum();
            assertThat(summed).as("machines in %s's summary report", caller).isEqualTo(notDisposed);
        }
        assertThat(total(callers.get("user"), "/api/v1/machines")).isPositive();
    }

    private long total(Auth auth, String path) {
        return api.get(auth, path).json().path("total").asLong();
    }

    private List<UUID> groupIds(Auth auth) {
        return api.get(auth, "/api/v1/groups?size=500").json().path("items").valueStream()
                .map(group -> UUID.fromString(group.path("id").asString())).toList();
    }

    private String tokenOfUser() {
        return api.post(callers.get("user"), "/api/v1/tokens", Map.of("name", "to revoke")).json()
                .path("token").path("id").asString();
    }

    private Object selfId(String caller) {
        return "anonymous".equals(caller) ? userA1Id : fixtures.userId(auth(caller));
    }

    private Auth auth(String caller) {
        return callers.get(caller);
    }

    private void get(String endpoint, String description, String path, int... expected) {
        row(endpoint, description, caller -> api.get(auth(caller), path), expected);
    }

    private void row(String endpoint, String description, Function<String, Response> call, int... expected) {
        assertThat(expected).hasSize(CALLERS.size());
        rows.add(new Row(endpoint, description, call, expected));
    }
}
