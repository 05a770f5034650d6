package io.quartermaster.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.portal.PortalSession.Page;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The administration pages as the server renders them: who gets which page, the dashboard's pictures, and
 * each form changing what the API would change, refused where the API refuses, with the reason shown and
 * what was typed kept.
 */
class PortalAdminPagesTest extends PortalTestBase {

    PortalSession as(String username) {
        return new PortalSession(port).signIn(username, username);
    }

    @Test
    void theAdministrationPagesFollowTheRolesAndAUserGetsNone() {
        assertThat(subnav(as("gary"))).containsExactly("Dashboard", "Machine report", "Reservations", "Templates",
                "Groups", "Audit log");
        assertThat(subnav(as("tina"))).containsExactly("Dashboard", "Machine report", "Hosts", "Reservations",
                "Templates", "Groups", "Workflows", "Agents", "Audit log");

        PortalSession uma = as("uma");
        assertThat(uma.get("/admin").status()).isEqualTo(403);
        assertThat(uma.get("/admin/machines").status()).isEqualTo(403);
        assertThat(uma.get("/admin/hosts").doc().select(".reason").text()).isEqualTo("Forbidden");
        assertThat(as("gary").get("/admin/hosts").status()).isEqualTo(403);
    }

    @Test
    void theDashboardDrawsMachinesByStateLeasesEndingAndCapacity() {
        order("gary", SMALL, RND_LAB);
        Document dashboard = as("tina").get("/admin").doc();

        assertThat(dashboard.select("#by-state ~ ul.chart li").eachText()).anySatisfy(
                line -> assertThat(line).matches("(Active|Provisioning|Requested) \\d+"));
        assertThat(dashboard.select("ul.chart svg.meter rect.fill")).isNotEmpty();
        assertThat(dashboard.select(".big-number .number")).hasSize(2);
        assertThat(dashboard.select("#hosts ~ ul .capacity h3 a").eachText()).contains("sim-host-01", "sim-host-02");
        Element host = dashboard.select("#hosts ~ ul .capacity").first();
        assertThat(host.select("svg.meter")).hasSize(3);
        assertThat(host.select("svg.meter").attr("aria-label")).startsWith("CPU: reserved ");
        assertThat(dashboard.select("#reservations ~ ul .capacity svg.meter")).isNotEmpty();

        Document gary = as("gary").get("/admin").doc();
        assertThat(gary.select("#hosts")).as("no hosts for a group administrator").isEmpty();
        assertThat(gary.select("#reservations ~ ul .capacity")).isNotEmpty();
    }

    @Test
    void aTenantAdministratorAddsAHostPutsItInMaintenanceAndReservesPartOfItForAGroup() {
        PortalSession tina = as("tina");
        String name = "portal-host-" + suffix();
        Map<String, String> form = Map.of("name", name, "hypervisorType", "simulator", "site", "lab 2",
                "tags", "ssd, fast", "totalCpu", "0", "totalMemoryMiB", "65536", "totalDiskGiB", "2000");

        Document refused = follow(tina, tina.post("/admin/hosts", form));
        assertThat(refused.select(".notice.refused").text()).contains("totalCpu", "ValidationFailed");
        assertThat(refused.select("#host-name").val()).as("what was typed is kept").isEqualTo(name);

        Map<String, String> fixed = new LinkedHashMap<>(form);
        fixed.put("totalCpu", "32");
        Page added = tina.post("/admin/hosts", fixed);
        assertThat(added.location()).hasValueSatisfying(l -> assertThat(l).contains("/admin/hosts/"));
        Document host = follow(tina, added);
        assertThat(host.select("h1").text()).contains(name, "ENABLED");
        assertThat(host.select(".notice").text()).isEqualTo("Host " + name + " added.");
        JsonNode viaApi = hostNamed("tina", name);
        assertThat(viaApi.path("tags").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("ssd", "fast");
        String hostPath = "/admin/hosts/" + viaApi.path("id").asString();

        Document maintenance = follow(tina, tina.post(hostPath + "/state",
                Map.of("state", "MAINTENANCE", "reason", "firmware")));
        assertThat(maintenance.select("h1 .tag").text()).isEqualTo("MAINTENANCE");
        assertThat(maintenance.select(".facts").text()).contains("firmware");

        String group = groupId("uma", QA).toString();
        Document tooBig = follow(tina, tina.post(hostPath + "/reservations", Map.of("groupId", group, "name", "QA big",
                "cpu", "64", "memoryMiB", "1024", "diskGiB", "10", "maxMachines", "2")));
        assertThat(tooBig.select(".notice.refused").text()).contains("cpu");
        Document reserved = follow(tina, tina.post(hostPath + "/reservations", Map.of("groupId", group,
                "name", "QA on " + name, "cpu", "8", "memoryMiB", "8192", "diskGiB", "100", "maxMachines", "4",
                "warningPercent", "70")));
        assertThat(reserved.select(".notice").text()).isEqualTo("Reservation QA on " + name + " added.");
        assertThat(reserved.select("#reservations ~ ul .capacity h3").text()).contains("QA on " + name, "0% used");
        assertThat(as("tina").get("/admin/reservations?by=group").doc().select("section h2").eachText()).contains(QA);
    }

    @Test
    void anAdministratorCreatesAndEditsATemplateWithPropertiesEntitlementsAndCost() {
        PortalSession tina = as("tina");
        String name = "Portal template " + suffix();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("cpu", "2");
        form.put("memoryMiB", "2048");
        form.put("hypervisorType", "simulator");
        form.put("imageRef", "debian-12");
        form.put("diskMode", "FULL_COPY");
        form.put("userData", "#cloud-config\npackages: [htop]\n");
        form.put("namingPrefix", "pt");
        form.put("disk.0.role", "system");
        form.put("disk.0.sizeGiB", "20");
        form.put("disk.1.role", "data");
        form.put("disk.1.sizeGiB", "50");
        form.put("leaseDays", "10");
        form.put("tombstoneDays", "3");
        form.put("approval.mode", "WHEN_EXCEEDS");
        form.put("approval.maxCountWithoutApproval", "2");
        form.put("property.0.name", "Owner.Team");
        form.put("property.0.value", "qa");
        form.put("property.0.userEditable", "true");
        form.put("property.1.name", "");
        form.put("entitled." + groupId("uma", QA), "true");
        form.put("cost.currency", "EUR");
        form.put("cost.perCpuDay", "0.5");
        form.put("cost.perMachineDay", "1");

        var image = api().send(demo("tina"), "POST", "/api/v1/images?name=tiny-" + suffix() + "&version=1&format=raw",
                HttpRequest.BodyPublishers.ofByteArray(new byte[4096]), "application/octet-stream");
        assertThat(image.status()).as(image.body()).isEqualTo(201);
        String imageId = image.json().path("id").asString();
        assertThat(tina.get("/admin/templates/new").doc().select("select[name=imageId] option").eachAttr("value"))
                .contains(imageId);
        form.put("imageId", imageId);

        Map<String, String> badPrefix = new LinkedHashMap<>(form);
        badPrefix.put("namingPrefix", "Bad Prefix");
        Document refused = follow(tina, tina.post("/admin/templates", badPrefix));
        assertThat(refused.select(".notice.refused").text()).contains("namingPrefix", "ValidationFailed");
        assertThat(refused.select("input[name=property.0.name]").val()).isEqualTo("Owner.Team");

        Document list = follow(tina, tina.post("/admin/templates", form));
        assertThat(list.select(".notice").text()).isEqualTo("Template " + name + " created.");
        Element row = list.select("tr.template-row").stream().filter(r -> r.text().contains(name)).findFirst().orElseThrow();
        assertThat(row.text()).contains("2 vCPU", "70 GiB", "10 days", "WHEN_EXCEEDS", QA);
        JsonNode created = templateNamed("tina", name);
        assertThat(created.path("customProperties").get(0).path("userEditable").asBoolean()).isTrue();
        assertThat(created.path("approval").path("maxCountWithoutApproval").asInt()).isEqualTo(2);
        assertThat(created.path("cost").path("perCpuDay").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(created.path("diskMode").asString()).isEqualTo("FULL_COPY");
        assertThat(created.path("imageId").asString()).isEqualTo(imageId);
        assertThat(created.path("userData").asString()).contains("packages: [htop]");

        String edit = "/admin/templates/" + created.path("id").asString();
        Document page = tina.get(edit).doc();
        assertThat(page.select("input[name=disk.1.sizeGiB]").val()).isEqualTo("50");
        assertThat(page.select("input[name=entitled." + groupId("uma", QA) + "]").hasAttr("checked")).isTrue();
        Map<String, String> changed = new LinkedHashMap<>(form);
        changed.put("version", page.select("input[name=version]").val());
        changed.put("cpu", "4");
        changed.put("entitled." + groupId("uma", RND_LAB), "true");
        Document saved = follow(tina, tina.post(edit, changed));
        assertThat(saved.select(".notice").text()).isEqualTo("Template " + name + " saved.");
        assertThat(templateNamed("tina", name).path("cpu").asInt()).isEqualTo(4);
        assertThat(templateNamed("tina", name).path("entitledGroupIds")).hasSize(2);

        Document stale = follow(tina, tina.post(edit, changed));
        assertThat(stale.select(".notice.refused").text()).contains("Conflict");
    }

    @Test
    void aGroupAdministratorManagesMembersAndTheGroupsPolicy() {
        PortalSession tina = as("tina");
        String name = "Portal group " + suffix();
        Page created = tina.post("/admin/groups", Map.of("name", name, "placementPolicy", "PACK"));
        Document group = follow(tina, created);
        assertThat(group.select("h1").text()).isEqualTo(name);
        String path = created.location().orElseThrow().replaceAll("^https?://[^/]+", "");

        Document added = follow(tina, tina.post(path + "/members", Map.of("username", "uma", "role", "USER")));
        assertThat(added.select(".notice").text()).isEqualTo("uma added as member.");
        assertThat(added.select("tr.member-row").eachAttr("data-username")).contains("uma");
        Document unknown = follow(tina, tina.post(path + "/members", Map.of("username", "nobody-" + suffix(),
                "role", "USER")));
        assertThat(unknown.select(".notice.refused")).isNotEmpty();
        assertThat(unknown.select("#new-member").val()).startsWith("nobody-");

        Document policy = follow(tina, tina.post(path, Map.of("name", name, "placementPolicy", "SPREAD",
                "version", group.select("input[name=version]").val(), "forbid.reboot", "true")));
        assertThat(policy.select(".notice").text()).isEqualTo("Group " + name + " saved.");
        assertThat(policy.select("input[name=forbid.reboot]").hasAttr("checked")).isTrue();

        Document removed = follow(tina, tina.post(path + "/members/uma/remove", Map.of()));
        assertThat(removed.select("tr.member-row").eachAttr("data-username")).doesNotContain("uma");
    }

    @Test
    void theMachineReportFiltersAndTurnsOffASelectionAfterAConfirmation() {
        UUID machine = order("gary", SMALL, RND_LAB);
        awaitState(machine, "Active");
        PortalSession gary = as("gary");

        Document report = gary.get("/admin/machines?state=Active&group=" + groupId("uma", RND_LAB)).doc();
        assertThat(report.select("tr.report-row").eachAttr("data-state")).containsOnly("Active");
        assertThat(report.select("input[name=machine][value=" + machine + "]")).hasSize(1);

        Page confirm = gary.post("/admin/machines/bulk", Map.of("action", "power-off", "machine", machine.toString()));
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.doc().select("h1").text()).isEqualTo("Turn off 1 machines?");
        assertThat(machine("gary", machine).path("powerState").asString()).as("nothing done before confirming")
                .isEqualTo("On");

        Document done = follow(gary, gary.post("/admin/machines/bulk/confirmed",
                Map.of("action", "power-off", "machine", machine.toString())));
        assertThat(done.select(".notice").text()).isEqualTo("Turning off 1 machine.");
        Document again = follow(gary, gary.post("/admin/machines/bulk/confirmed",
                Map.of("action", "power-off", "machine", machine.toString())));
        assertThat(again.select(".notice.refused").text()).contains("Refused", "ActionNotAllowed");

        Document none = follow(gary, gary.post("/admin/machines/bulk", Map.of("action", "dispose")));
        assertThat(none.select(".notice.refused").text()).contains("choose at least one machine");
    }

    @Test
    void aGroupAdministratorGivesAMachineToAnotherMemberOfItsGroup() {
        UUID machine = order("gary", BUILD_SERVER, RND_LAB);
        awaitState(machine, "Active");
        PortalSession gary = as("gary");
        Document page = gary.get("/machines/" + machine).doc();
        assertThat(page.select("#connect .address").text()).as("the address the agent reported").matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(page.select("#connect .ssh").text()).isEqualTo("ssh gary@" + page.select("#connect .address").text());
        assertThat(gary.get("/machines").doc().select("#machine-" + machine + " a[data-action=connect]")).hasSize(1);

        Document confirm = gary.get("/machines/" + machine + "/confirm/change-owner").doc();
        assertThat(confirm.select("h1").text()).startsWith("Give ");
        assertThat(confirm.select("#owner option").eachText()).anySatisfy(o -> assertThat(o).contains("(uma)"))
                .noneSatisfy(o -> assertThat(o).contains("(gary)"));
        String uma = confirm.select("#owner option").stream().filter(o -> o.text().contains("(uma)")).findFirst()
                .orElseThrow().val();

        Document changed = follow(gary, gary.post("/machines/" + machine + "/actions/change-owner",
                Map.of("ownerId", uma, "reason", "she runs the builds now")));
        assertThat(changed.select(".notice").text()).endsWith("changed.");
        assertThat(machine("uma", machine).path("owner").asString()).isEqualTo("uma");
        assertThat(api().post(demo("uma"), "/api/v1/machines/" + machine + "/actions/dispose", Map.of()).status())
                .isEqualTo(200);
    }

    @Test
    void anotherTenantsAdministratorSeesNoneOfAcmesHostsTemplatesOrGroups() {
        PortalSession otto = as("otto");
        String acmeHost = hostNamed("tina", "sim-host-01").path("id").asString();
        assertThat(otto.get("/admin/hosts/" + acmeHost).status()).isEqualTo(404);
        assertThat(otto.get("/admin/hosts").doc().select("tbody tr").text()).doesNotContain("sim-host-01");
        assertThat(otto.get("/admin/templates/" + templateId("uma", OMNI)).status()).isEqualTo(404);
        assertThat(otto.get("/admin/groups/" + groupId("uma", QA)).status()).isEqualTo(404);
        assertThat(otto.get("/admin/groups").doc().text()).doesNotContain(QA);
        assertThat(otto.get("/admin/machines").doc().select("tr.report-row td[data-label=Group]").eachText())
                .doesNotContain(RND_LAB, QA);
    }

    private List<String> subnav(PortalSession session) {
        return session.get("/admin").doc().select("nav.subnav a").eachText();
    }

    /** After a form: the page it sends the browser to (its one-time notice shown). */
    private static Document follow(PortalSession session, Page answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        String location = answer.location().orElseThrow().replaceAll("^https?://[^/]+", "").replaceAll("#.*$", "");
        return session.get(location).doc();
    }

    private UUID order(String username, String template, String group) {
        var request = api().post(demo(username), "/api/v1/requests", Map.of("templateId", templateId(username, template),
                "groupId", groupId(username, group), "count", 1));
        assertThat(request.status()).as(request.body()).isEqualTo(201);
        return UUID.fromString(request.json().path("machines").get(0).path("id").asString());
    }

    /** The in-process dev agents build machines in real time: poll until it is there. */
    private void awaitState(UUID machine, String state) {
        long until = System.nanoTime() + 30_000_000_000L;
        while (!machine("gary", machine).path("state").asString().equals(state)) {
            assertThat(System.nanoTime()).as("machine " + machine + " reaching " + state).isLessThan(until);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private JsonNode hostNamed(String username, String name) {
        for (JsonNode host : api().get(demo(username), "/api/v1/hosts?size=500").json().path("items")) {
            if (host.path("name").asString().equals(name)) {
                return host;
            }
        }
        throw new AssertionError("no host " + name);
    }

    private JsonNode templateNamed(String username, String name) {
        for (JsonNode template : api().get(demo(username), "/api/v1/templates?size=500").json().path("items")) {
            if (template.path("name").asString().equals(name)) {
                return template;
            }
        }
        throw new AssertionError("no template " + name);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
