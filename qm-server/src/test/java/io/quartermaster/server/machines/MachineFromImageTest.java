package io.quartermaster.server.machines;

import static io.quartermaster.server.support.TestAgent.awaitUpTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.agents.AgentTask;
import io.quartermaster.server.agents.AgentTaskService;
import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.CatalogFixtures;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import io.quartermaster.server.support.TestImages;
import io.quartermaster.server.support.TestAgent;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A machine built from a registered image: every host step carries the contract the agent builds it from
 * (image, disk mode, hostname, owner, keys, user-data) as it was when requested, and the address
 * Wait-Running reports is how its owner reaches it, until it is disposed.
 */
@QmServerTest
class MachineFromImageTest {

    private static final Duration ENGINE = Duration.ofSeconds(30);
    private static final String USER_DATA = "#cloud-config\npackages: [htop]\n";

    @LocalServerPort
    int port;

    @Autowired
    AgentTaskService agentTasks;

    Api api;
    Fixtures fixtures;
    TestAgent agent;
    Auth owner;
    UUID group;
    UUID host;
    UUID template;
    JsonNode image;
    String sshKey;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        CatalogFixtures catalog = new CatalogFixtures(api, fixtures);
        agent = new TestAgent(agentTasks);
        UUID tenant = fixtures.tenant("imaged");
        group = fixtures.group(tenant, "imaged lab");
        owner = fixtures.user(tenant, "imaged-owner", false);
        fixtures.member(group, owner, "USER");
        host = catalog.host(tenant, fixtures.unique("imaged-host"), 16, 65536, 1000);
        catalog.reservation(host, group, "imaged", 8, 16384, 500, 10, 1);
        byte[] bytes = TestImages.qcow2(4096, 7);
        var uploaded = api.send(Fixtures.ADMIN, "POST", "/api/v1/images?name=" + fixtures.unique("tiny")
                + "&version=1&format=qcow2&tenantId=" + tenant, HttpRequest.BodyPublishers.ofByteArray(bytes),
                "application/octet-stream");
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        image = uploaded.json();
        sshKey = io.quartermaster.server.tenancy.SshKeysTestKeys.ed25519("owner@laptop");
        assertThat(api.sendJson(owner, "PUT", "/api/v1/users/me/ssh-keys", Map.of("keys", List.of(sshKey))).status())
                .isEqualTo(200);
        template = catalog.template(tenant, fixtures.unique("imaged-template"), 1024, List.of(group), Map.of(
                "imageId", image.path("id").asString(), "diskMode", "FULL_COPY", "userData", USER_DATA));
    }

    @Test
    void everyHostStepCarriesTheImageAndTheCustomizationAsRequested() {
        UUID machine = request();
        // Changes after the request reach new machines only.
        assertThat(api.patch(Fixtures.ADMIN, "/api/v1/templates/" + template, Map.of("diskMode", "LINKED_CLONE",
                "userData", "#cloud-config\n{}\n")).status()).isEqualTo(200);
        assertThat(api.sendJson(owner, "PUT", "/api/v1/users/me/ssh-keys", Map.of("keys", List.of())).status())
                .isEqualTo(200);

        List<AgentTask> steps = build(machine, "192.168.122.45");

        assertThat(steps).extracting(AgentTask::step).containsExactly("Create-Volume", "Create-Machine",
                "Customize-Machine", "Start-Machine", "Wait-Running");
        String name = machineOf(machine).path("name").asString();
        for (AgentTask step : steps) {
            Map<String, Object> p = step.parameters();
            assertThat(p).containsEntry("diskMode", "FULL_COPY").containsEntry("hostname", name)
                    .containsEntry("ownerUsername", owner.name()).containsEntry("sshKeys", List.of(sshKey))
                    .containsEntry("userData", USER_DATA);
            @SuppressWarnings("unchecked")
            Map<String, Object> imageParameters = (Map<String, Object>) p.get("image");
            assertThat(imageParameters).containsOnlyKeys("id", "name", "version", "format", "sizeBytes", "sha256",
                    "contentPath");
            assertThat(imageParameters).containsEntry("id", image.path("id").asString())
                    .containsEntry("format", "qcow2").containsEntry("sha256", image.path("sha256").asString())
                    .containsEntry("contentPath", "/agent/v1/images/" + image.path("id").asString() + "/content");
            assertThat(((Number) imageParameters.get("sizeBytes")).longValue()).isEqualTo(4096);
        }
    }

    @Test
    void theAddressWaitRunningReportsIsShownUntilTheMachineIsDisposed() {
        UUID machine = request();

        build(machine, "192.168.122.77");

        JsonNode active = machineOf(machine);
        assertThat(active.path("state").asString()).isEqualTo("Active");
        JsonNode connection = active.path("connection");
        assertThat(connection.path("address").asString()).isEqualTo("192.168.122.77");
        assertThat(connection.path("console").asString()).isEqualTo("virsh console " + machine);
        assertThat(connection.path("ssh").asString()).isEqualTo("ssh " + owner.name() + "@192.168.122.77");

        var disposing = api.post(owner, "/api/v1/machines/" + machine + "/actions/dispose", Map.of());
        assertThat(disposing.status()).as(disposing.toString()).isEqualTo(200);
        awaitUpTo(ENGINE, "the Destroy-Machine step", () -> !agent.take(machine).stream()
                .peek(task -> agentTasks.complete(task.id(), task.attempt(), Map.of())).toList().isEmpty());
        awaitUpTo(ENGINE, "disposal", () -> machineOf(machine).path("state").asString().equals("Disposed"));
        assertThat(machineOf(machine).path("connection").path("address").isNull()).isTrue();
        assertThat(machineOf(machine).path("connection").path("ssh").isNull()).isTrue();
    }

    @Test
    void anAddressTheInventoryReportsBecomesTheConnection() {
        UUID machine = request();
        build(machine, null);
        assertThat(machineOf(machine).path("connection").path("address").isNull()).isTrue();
        var token = api.post(Fixtures.ADMIN, "/api/v1/agents/bootstrap-tokens", Map.of("hostIds", List.of(host)));
        var registered = api.post(Auth.none(), "/agent/v1/register", Map.of("bootstrapToken",
                token.json().path("token").asString(), "agentName", fixtures.unique("inventory-agent")));
        Auth hostAgent = Auth.bearer("agent", registered.json().path("credential").asString());

        var report = api.post(hostAgent, "/agent/v1/hosts/" + host + "/inventory", Map.of("epoch", 0, "machines",
                List.of(Map.of("id", machine, "name", machineOf(machine).path("name").asString(), "powerState", "On",
                        "cpu", 1, "memoryMiB", 1024, "address", "10.20.30.40"))));

        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        assertThat(machineOf(machine).path("connection").path("ssh").asString())
                .isEqualTo("ssh " + owner.name() + "@10.20.30.40");
    }

    @Test
    void anImageALiveMachineWasBuiltFromIsKeptEvenWhenNoTemplateNamesItAnyMore() {
        request();
        var second = api.send(Fixtures.ADMIN, "POST", "/api/v1/images?name=" + fixtures.unique("second")
                + "&version=1&format=raw&tenantId=" + image.path("tenantId").asString(),
                HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3}), "application/octet-stream");
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(api.patch(Fixtures.ADMIN, "/api/v1/templates/" + template, Map.of("imageId",
                second.json().path("id").asString())).status()).isEqualTo(200);

        var refused = api.delete(Fixtures.ADMIN, "/api/v1/images/" + image.path("id").asString());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.reason()).isEqualTo("ImageInUse");
        assertThat(refused.json().path("detail").asString()).contains("1 machine(s) not yet disposed")
                .doesNotContain("template '");
    }

    private UUID request() {
        var created = api.post(owner, "/api/v1/requests", Map.of("templateId", template, "groupId", group));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().path("machines").get(0).path("id").asString());
    }

    /** Answers the build steps as an agent would; Wait-Running with the address and a console hint. */
    private List<AgentTask> build(UUID machine, String address) {
        List<AgentTask> done = new ArrayList<>();
        awaitUpTo(ENGINE, "the build", () -> {
            for (AgentTask task : agent.take(machine)) {
                Map<String, Object> result = new HashMap<>();
                if (task.step().equals("Wait-Running")) {
                    result.put("power", "On");
                    result.put("address", address);
                    result.put("console", "virsh console " + machine);
                }
                agentTasks.complete(task.id(), task.attempt(), result);
                done.add(task);
            }
            return machineOf(machine).path("state").asString().equals("Active");
        });
        return done;
    }

    private JsonNode machineOf(UUID machine) {
        var response = api.get(owner, "/api/v1/machines/" + machine);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
