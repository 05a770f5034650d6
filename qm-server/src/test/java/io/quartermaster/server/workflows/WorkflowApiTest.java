package io.quartermaster.server.workflows;

import static io.quartermaster.server.support.ProblemAssertions.assertProblem;
import static io.quartermaster.server.support.WorkflowFiles.bpmn;
import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Response;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import io.quartermaster.server.support.WorkflowFiles;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The versioned-workflows API against the running server and engine: deploying (valid, invalid,
 * duplicate), listing, downloading, which machines run which version, and migrating them. Each test
 * deploys workflows under keys of its own, since test classes share the engine.
 */
@QmServerTest
class WorkflowApiTest {

    @LocalServerPort
    int port;

    @Autowired
    RuntimeService runtime;

    Api api;
    Fixtures fixtures;
    WorkflowFiles files;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        files = new WorkflowFiles(api);
    }

    @Test
    void aNewFileIsDeployedAsVersionOneAndListed() {
        String key = fixtures.unique("first");

        Response deployed = files.deploy(Fixtures.ADMIN, bpmn("review.bpmn20.xml", key), "first try");

        assertThat(deployed.status()).as(deployed.toString()).isEqualTo(201);
        assertThat(deployed.json().path("duplicate").asBoolean()).isFalse();
        JsonNode version = deployed.json().path("versions").get(0);
        assertThat(version.path("key").asString()).isEqualTo(key);
        assertThat(version.path("version").asInt()).isEqualTo(1);
        assertThat(version.path("deploymentName").asString()).isEqualTo("first try");
        assertThat(version.path("resourceName").asString()).isEqualTo(key + ".bpmn20.xml");
        assertThat(version.path("deployedAt").asString()).isNotBlank();
        assertThat(workflow(key)).isNotNull();
        assertThat(workflow(key).path("latestVersion").asInt()).isEqualTo(1);
        assertThat(workflow(key).path("name").asString()).isEqualTo("Review");
        JsonNode versions = api.get(Fixtures.ADMIN, "/api/v1/workflows/" + key + "/versions").json();
        assertThat(versions.path("total").asLong()).isOne();
        assertThat(versions.path("items").get(0).path("processDefinitionId").asString())
                .isEqualTo(version.path("processDefinitionId").asString());
    }

    @Test
    void theSameFileDeployedAgainCreatesNoVersionWhateverItsNameAndSaysSo() {
        String key = fixtures.unique("twice");
        byte[] xml = bpmn("review.bpmn20.xml", key);
        files.deploy(Fixtures.ADMIN, xml);

        Response again = files.deploy(Fixtures.ADMIN, xml, "another name");

        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(again.json().path("versions").get(0).path("version").asInt()).isEqualTo(1);
        assertThat(workflow(key).path("versions").asLong()).isOne();
    }

    @Test
    void eachVersionsBpmnIsDownloadedAsItWasDeployed() {
        String key = fixtures.unique("download");
        byte[] first = bpmn("review.bpmn20.xml", key);
        files.deploy(Fixtures.ADMIN, first);
        files.deploy(Fixtures.ADMIN, bpmn("review-then-approve.bpmn20.xml", key));

        Response v1 = api.get(Fixtures.ADMIN, "/api/v1/workflows/" + key + "/versions/1/bpmn");

        assertThat(v1.status()).isEqualTo(200);
        assertThat(v1.contentType()).startsWith("application/xml");
        assertThat(v1.body()).isEqualTo(new String(first, StandardCharsets.UTF_8));
        assertThat(api.get(Fixtures.ADMIN, "/api/v1/workflows/" + key + "/versions/2/bpmn").body()).contains("approve");
        assertProblem(api.get(Fixtures.ADMIN, "/api/v1/workflows/" + key + "/versions/3/bpmn"), 404, "NotFound");
        assertProblem(api.get(Fixtures.ADMIN, "/api/v1/workflows/no-such-workflow/versions/1/bpmn"), 404, "NotFound");
    }

    @Test
    void malformedXmlIsRefusedWithItsLineAndNothingIsDeployed() {
        String key = fixtures.unique("broken");

        Response refused = files.deploy(Fixtures.ADMIN, bpmn("not-closed.bpmn20.xml", key));

        assertProblem(refused, 400, "InvalidWorkflow");
        assertThat(refused.json().path("detail").asString()).contains("line 7");
        assertProblem(api.get(Fixtures.ADMIN, "/api/v1/workflows/" + key + "/versions"), 404, "NotFound");
    }

    @Test
    void aProcessTheEnginesValidatorRejectsIsRefusedWithItsMessage() {
        String key = fixtures.unique("empty-task");

        Response refused = files.deploy(Fixtures.ADMIN, bpmn("no-implementation.bpmn20.xml", key));

        assertProblem(refused, 400, "InvalidWorkflow");
        assertThat(refused.json().path("detail").asString()).contains("element 'doNothing' (line 9)");
        assertProblem(api.get(Fixtures.ADMIN, "/api/v1/workflows/" + key + "/versions"), 404, "NotFound");
    }

    @Test
    void javaClassesAndScriptsAreRefusedNamingTheElement() {
        Map<String, List<String>> expected = Map.of(
                "java-class.bpmn20.xml", List.of("serviceTask 'runJava'", "activiti:class"),
                "listener-class.bpmn20.xml", List.of("userTask 'wait', its executionListener", "class"),
                "script-task.bpmn20.xml", List.of("scriptTask 'runScript'", "script"));
        expected.forEach((file, mentions) -> {
            String key = fixtures.unique("unsafe");
            Response refused = files.deploy(Fixtures.ADMIN, bpmn(file, key));
            assertProblem(refused, 400, "InvalidWorkflow");
            assertThat(refused.json().path("detail").asString()).as(file).contains(mentions);
            assertProblem(api.get(Fixtures.ADMIN, "/api/v1/workflows/" + key + "/versions"), 404, "NotFound");
        });
    }

    @Test
    void theBodyMustBeXml() {
        Response json = api.send(Fixtures.ADMIN, "POST", "/api/v1/workflows",
                HttpRequest.BodyPublishers.ofString("{}"), "application/json");

        assertProblem(json, 415, "UnsupportedMediaType");
        assertThat(json.json().path("detail").asString()).contains("application/xml or text/xml");
    }

    @Test
    void aRunningInstanceKeepsItsVersionWhileNewInstancesGetTheNewest() {
        String key = fixtures.unique("versions");
        files.deploy(Fixtures.ADMIN, bpmn("review.bpmn20.xml", key));
        String early = runtime.startProcessInstanceByKey(key, "machine-early").getId();

        files.deploy(Fixtures.ADMIN, bpmn("review-then-approve.bpmn20.xml", key));
        runtime.startProcessInstanceByKey(key, "machine-late");

        assertThat(instances(key, "")).containsExactly("machine-early@1", "machine-late@2");
        assertThat(instances(key, "?version=1")).containsExactly("machine-early@1");
        JsonNode first = api.get(Fixtures.ADMIN, "/api/v1/workflows/" + key + "/instances?version=1").json()
                .path("items").get(0);
        assertThat(first.path("processInstanceId").asString()).isEqualTo(early);
        assertThat(first.path("currentActivities").valueStream().map(JsonNode::asString)).containsExactly("review");
        assertThat(first.path("startedAt").asString()).isNotBlank();
        assertThat(workflow(key).path("latestVersion").asInt()).isEqualTo(2);
        assertThat(workflow(key).path("runningInstances").asLong()).isEqualTo(2);
        assertThat(api.get(Fixtures.ADMIN, "/api/v1/workflows/" + key + "/versions").json().path("items").valueStream()
                .map(v -> v.path("version").asInt() + ":" + v.path("runningInstances").asLong()))
                .containsExactly("2:1", "1:1");
        assertProblem(api.get(Fixtures.ADMIN, "/api/v1/workflows/" + key + "/instances?version=3"), 404, "NotFound");
    }

    @Test
    void migratingMovesTheChosenMachinesOnlyAndIsAudited() {
        String key = fixtures.unique("migrate");
        files.deploy(Fixtures.ADMIN, bpmn("review.bpmn20.xml", key));
        List.of("m1", "m2", "m3").forEach(machine -> runtime.startProcessInstanceByKey(key, machine));
        files.deploy(Fixtures.ADMIN, bpmn("review-then-approve.bpmn20.xml", key));

        Response some = migrate(key, Map.of("toVersion", 2, "machineIds", List.of("m1", "m2")));

        assertThat(some.status()).as(some.toString()).isEqualTo(200);
        assertThat(some.json().path("migrated").asLong()).isEqualTo(2);
        assertThat(some.json().path("from").get(0).path("version").asInt()).isEqualTo(1);
        assertThat(some.json().path("from").get(0).path("instances").asLong()).isEqualTo(2);
        assertThat(instances(key, "")).containsExactlyInAnyOrder("m1@2", "m2@2", "m3@1");

        Response rest = migrate(key, Map.of("toVersion", 2, "fromVersion", 1));
        assertThat(rest.json().path("migrated").asLong()).as(rest.toString()).isOne();
        assertThat(instances(key, "")).containsExactlyInAnyOrder("m1@2", "m2@2", "m3@2");

        JsonNode events = audit("workflow.migrate", key);
        assertThat(events.valueStream().map(e -> e.path("outcome").asString())).containsExactly("Success", "Success");
        assertThat(events.get(1).path("details").asString()).contains("migrated 2 instance(s) to version 2");
        assertThat(events.get(1).path("actor").asString()).isEqualTo("admin");
    }

    @Test
    void aMigrationTheEngineFindsInvalidMovesNothingAndSaysWhy() {
        String key = fixtures.unique("stuck");
        files.deploy(Fixtures.ADMIN, bpmn("review.bpmn20.xml", key));
        runtime.startProcessInstanceByKey(key, "machine-in-review");
        files.deploy(Fixtures.ADMIN, bpmn("inspect-only.bpmn20.xml", key));

        Response refused = migrate(key, Map.of("toVersion", 2));
        Response unknownMachine = migrate(key, Map.of("toVersion", 2, "machineIds", List.of("machine-nowhere")));

        assertProblem(refused, 409, "MigrationInvalid");
        assertThat(refused.json().path("detail").asString()).contains("machine-in-review", "review");
        assertProblem(unknownMachine, 409, "MigrationInvalid");
        assertThat(unknownMachine.json().path("detail").asString()).contains("machine-nowhere runs no instance");
        assertThat(instances(key, "")).containsExactly("machine-in-review@1");
        assertThat(audit("workflow.migrate", key).isEmpty()).isTrue();
        String requestId = refused.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(api.get(Fixtures.ADMIN, "/api/v1/audit?requestId=" + requestId).json().path("items").get(0)
                .path("outcome").asString()).isEqualTo("MigrationInvalid");
        assertProblem(migrate(key, Map.of("toVersion", 9)), 404, "NotFound");
        assertProblem(migrate(key, Map.of()), 400, "ValidationFailed");
    }

    @Test
    void deploymentsAreAuditedAndRefusedOnesOnlyAsFailures() {
        String key = fixtures.unique("audited");
        byte[] xml = bpmn("review.bpmn20.xml", key);
        files.deploy(Fixtures.ADMIN, xml);
        files.deploy(Fixtures.ADMIN, xml);
        Response refused = files.deploy(Fixtures.ADMIN, bpmn("script-task.bpmn20.xml", key));

        JsonNode events = audit("workflow.deploy", key);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).path("details").asString()).contains("nothing deployed");
        assertThat(events.get(1).path("details").asString()).contains("'" + key + "' version 1");
        String requestId = refused.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(api.get(Fixtures.ADMIN, "/api/v1/audit?requestId=" + requestId).json().path("items").get(0)
                .path("outcome").asString()).isEqualTo("InvalidWorkflow");
    }

    @Test
    void tenantAdministratorsSeeTheWorkflowsButOnlyTheirOwnTenantsMachines() {
        var tenantA = fixtures.tenant("wf-a");
        var tenantB = fixtures.tenant("wf-b");
        var adminA = fixtures.user(tenantA, "wf-admin-a", true);
        String key = fixtures.unique("tenancy");
        files.deploy(Fixtures.ADMIN, bpmn("review.bpmn20.xml", key));
        runtime.startProcessInstanceByKey(key, "machine-of-a", Map.of(WorkflowAccess.TENANT_VARIABLE, tenantA.toString()));
        runtime.startProcessInstanceByKey(key, "machine-of-b", Map.of(WorkflowAccess.TENANT_VARIABLE, tenantB.toString()));
        runtime.startProcessInstanceByKey(key, "machine-of-nobody");

        JsonNode seenByA = api.get(adminA, "/api/v1/workflows/" + key + "/instances").json();

        assertThat(seenByA.path("items").valueStream().map(i -> i.path("machineId").asString()))
                .containsExactly("machine-of-a");
        assertThat(seenByA.path("total").asLong()).isOne();
        assertThat(api.get(adminA, "/api/v1/workflows/" + key + "/versions").json().path("items").get(0)
                .path("runningInstances").asLong()).isOne();
        assertThat(instances(key, "")).hasSize(3);
        assertProblem(files.deploy(adminA, bpmn("review.bpmn20.xml", fixtures.unique("by-tenant-admin"))), 403,
                "Forbidden");
    }

    private JsonNode workflow(String key) {
        return api.get(Fixtures.ADMIN, "/api/v1/workflows?size=500").json().path("items").valueStream()
                .filter(item -> key.equals(item.path("key").asString())).findFirst().orElse(null);
    }

    /** The instances of a workflow as machine@version, as the system administrator sees them. */
    private List<String> instances(String key, String query) {
        return api.get(Fixtures.ADMIN, "/api/v1/workflows/" + key + "/instances" + query).json().path("items")
                .valueStream().map(i -> i.path("machineId").asString() + "@" + i.path("version").asInt()).toList();
    }

    private Response migrate(String key, Map<String, Object> body) {
        return api.post(Fixtures.ADMIN, "/api/v1/workflows/" + key + "/migrations", body);
    }

    /** The successful audit events of an action on a workflow, newest first. */
    private JsonNode audit(String action, String key) {
        return api.get(Fixtures.ADMIN, "/api/v1/audit?action=" + action + "&targetId=" + key).json().path("items");
    }
}
