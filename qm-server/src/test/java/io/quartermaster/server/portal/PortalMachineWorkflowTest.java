package io.quartermaster.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.portal.PortalSession.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A machine whose build waits for a host step shows both workflows on its page: the lifecycle waiting in
 * its call activity, and the called build waiting in the host step. No agent serves the hosts here, so
 * the build stays at its first host step and the test reads it without racing the agents.
 */
@TestPropertySource(properties = "qm.dev-agent.enabled=false")
class PortalMachineWorkflowTest extends PortalTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aMachineBeingBuiltShowsTheLifecycleInItsBuildAndTheBuildAtTheHostStepItWaitsFor() throws Exception {
        PortalSession uma = new PortalSession(port).signIn("uma", "uma");
        Page ordered = uma.post("/order", Map.of("templateId", templateId("uma", SMALL).toString(), "groupId",
                groupId("uma", RND_LAB).toString(), "count", "1"));
        String location = ordered.location().orElseThrow();
        assertThat(location).as("ordered: %s", location).matches(".*/machines/[0-9a-f-]{36}$");
        UUID machine = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        JsonNode diagrams = waitForBuild(uma, machine);
        assertThat(diagrams.get(0).path("key").asString()).isEqualTo("machine-lifecycle");
        assertThat(ids(diagrams.get(0))).contains("build");
        assertThat(diagrams.get(1).path("key").asString()).isEqualTo("machine-build");
        assertThat(diagrams.get(1).path("calledBy").asString()).isEqualTo("machine-lifecycle");
        assertThat(ids(diagrams.get(1))).contains("createVolume");
        assertThat(uma.get(diagrams.get(1).path("bpmnUrl").asString()).body()).contains("id=\"createVolume\"",
                "bpmnElement=\"createVolume\"");
        // Only versions the machine runs or ran: not the disposal it has not started, not for someone else.
        assertThat(uma.get("/machines/" + machine + "/workflow/machine-dispose/versions/1/bpmn").status()).isEqualTo(404);
        PortalSession otto = new PortalSession(port).signIn("otto", "otto");
        assertThat(otto.get(diagrams.get(1).path("bpmnUrl").asString()).status()).isEqualTo(404);
    }

    private JsonNode waitForBuild(PortalSession session, UUID machine) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode diagrams = null;
        while (Instant.now().isBefore(until)) {
            diagrams = JSON.readTree(session.getJson("/machines/" + machine + "/workflow").body()).path("diagrams");
            if (diagrams.size() == 2 && ids(diagrams.get(1)).contains("createVolume")) {
                return diagrams;
            }
            Thread.sleep(100); // polling the page's own endpoint until the engine reaches the host step
        }
        throw new AssertionError("the build did not reach its host step: " + diagrams);
    }

    private static List<String> ids(JsonNode diagram) {
        return diagram.path("activeActivityIds").valueStream().map(JsonNode::asString).toList();
    }
}
