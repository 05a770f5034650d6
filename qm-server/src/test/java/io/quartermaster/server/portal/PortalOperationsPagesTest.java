package io.quartermaster.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.portal.PortalSession.Page;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.WorkflowFiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The administration pages for running the service — workflows (versions, diagrams, deploying), the audit
 * log and the agents — and the workflow section of a machine's page, read without a browser. Each reads
 * and acts through the API's services, so each person gets what the API would give them.
 */
class PortalOperationsPagesTest extends PortalTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    PortalSession as(String username) {
        return new PortalSession(port).signIn(username, username);
    }

    PortalSession admin() {
        return new PortalSession(port).signIn("admin", "test-admin-password");
    }

    @Test
    void tenantAdministratorsReadTheWorkflowsWithTheirVersionsAndDiagramsButCannotDeploy() {
        PortalSession tina = as("tina");
        Document list = tina.get("/admin/workflows").doc();

        assertThat(list.select("tr.workflow-row").eachAttr("data-key"))
                .contains("machine-lifecycle", "machine-build", "machine-dispose", "lease-extension");
        assertThat(list.select("nav.subnav a[aria-current=page]").text()).isEqualTo("Workflows");
        assertThat(list.select("#deploy-form")).as("deploying is for system administrators").isEmpty();

        Document lifecycle = tina.get("/admin/workflows/machine-lifecycle").doc();
        assertThat(lifecycle.select("tr.version-row")).isNotEmpty();
        assertThat(lifecycle.select("a[download]").attr("download")).isEqualTo("machine-lifecycle.bpmn20.xml");
        Element figure = lifecycle.selectFirst("figure.bpmn-figure");
        assertThat(figure).isNotNull();
        String bpmn = figure.attr("data-bpmn-url");
        assertThat(bpmn).startsWith("/admin/workflows/machine-lifecycle/versions/");
        List<String> scripts = lifecycle.select("script[src]").eachAttr("src");
        assertThat(scripts).contains("/assets/workflow-diagram.js");
        assertThat(scripts).anyMatch(src -> src.matches("/webjars/bpmn-js/[0-9.]+/dist/bpmn-viewer.production.min.js"));
        Page xml = tina.get(bpmn);
        assertThat(xml.status()).isEqualTo(200);
        assertThat(xml.body()).contains("<process id=\"machine-lifecycle\"", "bpmndi:BPMNDiagram",
                "bpmnElement=\"approve\"");
        assertThat(tina.get("/webjars/bpmn-js/dist/bpmn-viewer.production.min.js").status()).isEqualTo(200);
        assertThat(tina.get("/webjars/bpmn-js/dist/assets/diagram-js.css").status()).isEqualTo(200);
        assertThat(tina.get("/admin/workflows/machine-lifecycle?version=999").status()).isEqualTo(404);
        assertThat(tina.get("/admin/workflows/no-such-workflow").status()).isEqualTo(404);
    }

    @Test
    void theShippedWorkflowsCarryADiagramForEveryElement() {
        PortalSession tina = as("tina");
        for (String key : List.of("machine-lifecycle", "machine-build", "machine-dispose", "lease-extension")) {
            String xml = tina.get("/admin/workflows/" + key + "/versions/" + latest(tina, key) + "/bpmn").body();
            org.jsoup.nodes.Document parsed = org.jsoup.Jsoup.parse(xml, "", org.jsoup.parser.Parser.xmlParser());
            List<String> drawn = parsed.select("bpmndi|BPMNShape, bpmndi|BPMNEdge").eachAttr("bpmnElement");
            List<String> elements = parsed.select("process *[id]").stream()
                    .filter(e -> !e.tagName().endsWith("EventDefinition")).map(e -> e.id()).toList();
            assertThat(drawn).as("elements of %s with a shape or an edge", key).containsAll(elements);
        }
    }

    @Test
    void whoeverMayNotReadWorkflowsGetsTheApisRefusal() {
        for (String username : List.of("gary", "uma")) {
            Page refused = as(username).get("/admin/workflows");
            assertThat(refused.status()).as(username).isEqualTo(403);
            assertThat(refused.doc().select(".reason").text()).isEqualTo("Forbidden");
            assertThat(as(username).get("/admin/workflows/machine-lifecycle/versions/1/bpmn").status()).isEqualTo(403);
        }
        assertThat(as("otto").get("/admin/workflows").status()).as("another tenant's administrator reads them too")
                .isEqualTo(200);
    }

    @Test
    void aSystemAdministratorDeploysANewVersionFromAFileAndARefusedFileShowsTheServersReason() {
        PortalSession admin = admin();
        assertThat(admin.get("/admin/workflows").doc().select("#deploy-form[enctype=multipart/form-data]")).hasSize(1);

        Page refused = admin.postFile("/admin/workflows", "file", "script.bpmn20.xml",
                WorkflowFiles.bpmn("script-task.bpmn20.xml", "portal-refused"), Map.of());
        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.location()).hasValueSatisfying(to -> assertThat(to).endsWith("/admin/workflows"));
        Element notice = admin.get("/admin/workflows").doc().selectFirst(".notice.refused");
        assertThat(notice).isNotNull();
        assertThat(notice.text()).contains("scriptTask 'runScript'");
        Page empty = admin.postFile("/admin/workflows", "file", "empty.xml", new byte[0], Map.of());
        assertThat(admin.get(empty.location().orElseThrow()).doc().select(".notice.refused").text())
                .contains("InvalidWorkflow");

        String key = "portal-review-" + UUID.randomUUID().toString().substring(0, 8);
        Page deployed = admin.postFile("/admin/workflows", "file", key + ".bpmn20.xml",
                WorkflowFiles.bpmn("review.bpmn20.xml", key), Map.of("name", "from the portal"));
        assertThat(deployed.location()).hasValueSatisfying(to -> assertThat(to).endsWith("/admin/workflows/" + key
                + "?version=1"));
        Document page = admin.get(deployed.location().orElseThrow()).doc();
        assertThat(page.select(".notice").text()).isEqualTo("Deployed version 1 of " + key + ".");
        assertThat(page.select("tr.version-row").eachAttr("data-version")).containsExactly("1");
        assertThat(page.text()).contains("from the portal");
        var audited = api().get(Auth.basic("admin", "test-admin-password"), "/api/v1/audit?action=workflow.deploy&outcome=Success")
                .json().path("items");
        assertThat(audited.valueStream().map(e -> e.path("targetId").asString())).contains(key);

        Page tenantAdmin = as("tina").postFile("/admin/workflows", "file", "x.bpmn20.xml",
                WorkflowFiles.bpmn("review.bpmn20.xml", key), Map.of());
        assertThat(tenantAdmin.status()).isEqualTo(302);
        assertThat(as("tina").get("/admin/workflows/" + key).doc().select("tr.version-row")).hasSize(1);
    }

    @Test
    void aMachinesPageDrawsTheWorkflowItRunsWithWhereItWaitsAndOnlyForThoseWhoMaySeeTheMachine() {
        PortalSession uma = as("uma");
        Page ordered = uma.post("/order", Map.of("templateId", templateId("uma", OMNI).toString(), "groupId",
                groupId("uma", QA).toString(), "count", "1", "reason", "diagram test"));
        String location = ordered.location().orElseThrow();
        assertThat(location).as("ordered, not refused: %s", location).matches(".*/machines/[0-9a-f-]{36}$");
        UUID machine = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        try {
            machinePageChecks(uma, machine);
        } finally {
            rejectRequestOf(this, machine);
        }
    }

    private void machinePageChecks(PortalSession uma, UUID machine) {

        Document page = uma.get("/machines/" + machine).doc();
        Element section = page.selectFirst("section#machine-workflow");
        assertThat(section).isNotNull();
        assertThat(section.attr("data-source")).isEqualTo("/machines/" + machine + "/workflow");
        assertThat(page.selectFirst("#live").select("#machine-workflow")).as("outside the part htmx replaces").isEmpty();

        JsonNode diagrams = JSON.readTree(uma.getJson("/machines/" + machine + "/workflow").body()).path("diagrams");
        assertThat(diagrams.size()).isEqualTo(1);
        JsonNode lifecycle = diagrams.get(0);
        assertThat(lifecycle.path("key").asString()).isEqualTo("machine-lifecycle");
        assertThat(lifecycle.path("activeActivityIds").valueStream().map(JsonNode::asString)).contains("approve");
        String bpmnUrl = lifecycle.path("bpmnUrl").asString();
        Page xml = uma.get(bpmnUrl);
        assertThat(xml.status()).isEqualTo(200);
        assertThat(new String(xml.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .contains("id=\"approve\"", "bpmndi:BPMNDiagram");
        assertThat(uma.get("/machines/" + machine + "/workflow/machine-build/versions/1/bpmn").status())
                .as("a workflow the machine does not run").isEqualTo(404);

        PortalSession otto = as("otto");
        assertThat(otto.getJson("/machines/" + machine + "/workflow").status()).isEqualTo(404);
        assertThat(otto.get(bpmnUrl).status()).isEqualTo(404);
        assertThat(as("tina").getJson("/machines/" + machine + "/workflow").status())
                .as("the tenant administrator sees it as the machine page").isEqualTo(200);
    }

    @Test
    void theAuditLogShowsRefusalsNewestFirstWithFiltersPagingAndRequestIds() {
        PortalSession uma = as("uma");
        uma.post("/order", Map.of("templateId", templateId("uma", SMALL).toString(), "groupId",
                groupId("uma", RND_LAB).toString(), "count", "4"));

        Document log = as("tina").get("/admin/audit?actor=uma&outcome=QuotaExceeded").doc();
        Element row = log.selectFirst("tr.audit-row");
        assertThat(row).isNotNull();
        assertThat(row.select("td[data-label=Actor]").text()).startsWith("uma");
        assertThat(row.select("td[data-label=Action]").text()).isEqualTo("request.create");
        assertThat(row.select("td[data-label=Outcome]").text()).isEqualTo("QuotaExceeded");
        assertThat(row.select("td[data-label=Reason]").text()).isNotBlank();
        assertThat(row.select(".request-id").text()).isNotBlank().isNotEqualTo("—");
        assertThat(log.select("input[name=actor]").val()).isEqualTo("uma");
        assertThat(log.select("tr.audit-row").eachAttr("data-outcome")).containsOnly("QuotaExceeded");

        Document all = as("tina").get("/admin/audit").doc();
        List<String> times = all.select("tr.audit-row time").eachAttr("datetime");
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        if (all.select("nav.pager a").size() > 0) {
            assertThat(all.select("nav.pager a").attr("href")).contains("page=1");
        }
        Document filteredPager = as("tina").get("/admin/audit?actor=uma&since=2000-01-01T00:00").doc();
        assertThat(filteredPager.select("input[name=since]").val()).isEqualTo("2000-01-01T00:00");
        assertThat(as("tina").get("/admin/audit?until=2000-01-01T00:00").doc().select("tr.audit-row")).isEmpty();
        assertThat(as("tina").get("/admin/audit?since=yesterday").doc().select(".reason").text())
                .isEqualTo("ValidationFailed");

        assertThat(as("gary").get("/admin/audit").status()).as("group administrators read their groups'").isEqualTo(200);
        assertThat(as("uma").get("/admin/audit").status()).isEqualTo(403);
    }

    @Test
    void tenantAdministratorsSeeTheirAgentsCreateABootstrapTokenShownOnceAndRevokeAnAgentAfterConfirming() {
        PortalSession tina = as("tina");
        Document agents = tina.get("/admin/agents").doc();
        // Other tests may add hosts (and so dev agents) to Acme: look for a demo host's agent among them.
        Element devAgent = agents.select("tr.agent-row").stream()
                .filter(row -> row.select("td[data-label=Hosts]").text().contains("sim-host-")).findFirst().orElse(null);
        assertThat(devAgent).as("the dev agents of Acme").isNotNull();
        assertThat(devAgent.select("td[data-label=Hosts]").text()).contains("primary");
        assertThat(devAgent.select("td[data-label=Status]").text()).isIn("Connected", "Disconnected");
        assertThat(agents.select("#token-form input[name=hostIds]")).isNotEmpty();

        Page none = tina.post("/admin/agents/tokens", Map.of("validHours", "2"));
        assertThat(none.location()).hasValueSatisfying(to -> assertThat(to).endsWith("/admin/agents"));
        assertThat(tina.get("/admin/agents").doc().select(".notice.refused").text()).contains("hostIds");

        String host = agents.select("#token-form input[name=hostIds]").first().val();
        Page made = tina.post("/admin/agents/tokens", Map.of("hostIds", host, "validHours", "2"));
        assertThat(made.status()).isEqualTo(200);
        String token = made.doc().select("#bootstrap-token").val();
        assertThat(token).startsWith("qmb_");

        String name = "portal-agent-" + UUID.randomUUID().toString().substring(0, 8);
        var registered = api().post(Auth.none(), "/agent/v1/register", Map.of("bootstrapToken", token, "agentName", name,
                "version", "test"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Element row = agentRow(tina.get("/admin/agents").doc(), name);
        assertThat(row.select("td[data-label=Hosts]").text()).contains("backup");
        String id = row.id().substring("agent-".length());

        Document confirm = tina.get("/admin/agents/" + id + "/revoke").doc();
        assertThat(confirm.select("h1").text()).isEqualTo("Revoke " + name + "?");
        assertThat(as("gary").get("/admin/agents/" + id + "/revoke").status()).isIn(403, 404);
        as("otto").post("/admin/agents/" + id + "/revoke", Map.of());
        assertThat(agentRow(tina.get("/admin/agents").doc(), name).attr("data-revoked")).as("refused to another tenant")
                .isEqualTo("false");
        Page revoked = tina.post("/admin/agents/" + id + "/revoke", Map.of());
        assertThat(revoked.location()).hasValueSatisfying(to -> assertThat(to).endsWith("/admin/agents"));
        Document after = tina.get("/admin/agents").doc();
        assertThat(after.select(".notice").text()).contains(name, "revoked");
        assertThat(agentRow(after, name).attr("data-revoked")).isEqualTo("true");
        assertThat(tina.postWithoutToken("/admin/agents/" + id + "/revoke", Map.of()).status()).isEqualTo(403);
    }

    /** Frees the requester's headroom again: the tenant administrator rejects the request. */
    static void rejectRequestOf(PortalTestBase test, UUID machine) {
        String request = test.machine("uma", machine).path("requestId").asString();
        for (JsonNode approval : test.api().get(demo("tina"), "/api/v1/approvals").json().path("items")) {
            if (approval.path("requestId").asString().equals(request)) {
                test.api().post(demo("tina"), "/api/v1/approvals/" + approval.path("id").asString() + "/reject",
                        Map.of("reason", "test done"));
            }
        }
    }

    private static Element agentRow(Document page, String name) {
        return page.select("tr.agent-row").stream().filter(r -> r.select("td[data-label=Name]").text().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no agent " + name));
    }

    private static String latest(PortalSession session, String key) {
        return session.get("/admin/workflows").doc().select("tr.workflow-row[data-key=" + key + "] .latest").text();
    }
}
