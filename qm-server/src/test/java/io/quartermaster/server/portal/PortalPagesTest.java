package io.quartermaster.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.portal.PortalSession.Page;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The portal's pages as the server renders them, read without a browser: sign-in, navigation by role,
 * the catalog by group, ordering through the API's own service (and its refusals), the approvals queue,
 * and what another tenant's person sees. The browser journeys are in {@link PortalBrowserTest}.
 */
class PortalPagesTest extends PortalTestBase {

    PortalSession as(String username) {
        return new PortalSession(port).signIn(username, username);
    }

    @Test
    void aSignedOutBrowserIsSentToTheStyledSignInPageWhoseAssetsArePublic() {
        PortalSession anonymous = new PortalSession(port);

        Page machines = anonymous.get("/machines");
        assertThat(machines.status()).isEqualTo(302);
        assertThat(machines.location()).hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
        Document login = anonymous.get("/login").doc();
        assertThat(login.select("form[action=/login] input[name=_csrf]")).hasSize(1);
        assertThat(login.select("label[for=username]")).hasSize(1);
        assertThat(login.select("link[rel=stylesheet]").attr("href")).isEqualTo("/assets/portal.css");
        assertThat(anonymous.get("/assets/portal.css").status()).isEqualTo(200);
        assertThat(anonymous.get(login.select("script").attr("src")).status()).isEqualTo(200);
        assertThat(anonymous.get("/login?error").text()).contains("The username or password is wrong.");
    }

    @Test
    void theNavigationFollowsEachPersonsRoles() {
        assertThat(navigation("uma")).containsExactly("Request a machine", "My machines");
        assertThat(header("uma")).contains("Member of " + RND_LAB, "Member of " + QA);

        assertThat(navigation("gary")).containsExactly("Request a machine", "Machines", "Approvals", "Administration");
        assertThat(header("gary")).contains("Group administrator of " + RND_LAB);

        assertThat(navigation("tina")).containsExactly("Request a machine", "Machines", "Approvals", "Administration",
                "API");
        assertThat(header("tina")).contains("Tenant administrator of Acme Corporation");

        PortalSession admin = new PortalSession(port).signIn("admin", "test-admin-password");
        Document page = admin.get("/machines").doc();
        assertThat(page.select("header nav a").eachText()).containsExactly("Machines", "Approvals", "Administration", "API");
        assertThat(page.select(".who-roles").text()).isEqualTo("System administrator");
    }

    @Test
    void signingOutEndsTheSession() {
        PortalSession uma = as("uma");
        Page out = uma.post("/logout", Map.of());
        assertThat(out.location()).hasValueSatisfying(location -> assertThat(location).endsWith("/login?logout"));
        assertThat(uma.get("/login?logout").text()).contains("You signed out.");
        assertThat(uma.get("/machines").status()).isEqualTo(302);
    }

    @Test
    void aBrowserWhoseSessionEndedIsSentToSignInAgainRatherThanAskedForBasicCredentials() {
        PortalSession ended = new PortalSession(port);

        Page form = ended.postWithoutToken("/order", Map.of("count", "1"));
        assertThat(form.status()).isEqualTo(302);
        assertThat(form.location()).hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
        Page poll = ended.htmxGet("/machines/" + UUID.randomUUID() + "/live");
        assertThat(poll.status()).isEqualTo(302);
        assertThat(poll.location()).hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
        // The API still answers with a problem document and its challenge.
        var api = api().get(io.quartermaster.server.support.Api.Auth.none(), "/api/v1/users/me");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.headers().allValues("WWW-Authenticate")).isNotEmpty();
    }

    @Test
    void theCatalogShowsEachOfThePersonsGroupsWithItsTemplatesPricesAndHeadroom() {
        Document catalog = as("uma").get("/order").doc();

        assertThat(catalog.select("section.group-section h2").eachText()).containsExactlyInAnyOrder(RND_LAB, QA);
        Element lab = section(catalog, RND_LAB);
        Element qa = section(catalog, QA);
        assertThat(templateNames(lab)).containsExactly(BUILD_SERVER, OMNI, SMALL);
        assertThat(templateNames(qa)).containsExactly(OMNI, SMALL);
        Element omni = card(lab, OMNI);
        assertThat(omni.select("h3 svg.padlock")).hasSize(1);
        assertThat(card(lab, SMALL).select("svg.padlock")).isEmpty();
        assertThat(card(lab, BUILD_SERVER).select("svg.padlock")).isEmpty();
        assertThat(card(lab, BUILD_SERVER).text()).contains("Approval needed for more than 2 at once or leases over 14 days.");
        assertThat(omni.select(".price").text()).isEqualTo("EUR 28.50");
        assertThat(omni.text()).contains("for the 30-day lease");
        assertThat(card(lab, SMALL).select(".headroom").text()).matches("You can order [0-3] more\\.");
    }

    @Test
    void theConfirmationPageLetsPeopleSetOnlyThePropertiesTheTemplateAllowsAndOrdersThroughTheRequestService() {
        PortalSession uma = as("uma");
        UUID template = templateId("uma", OMNI);
        UUID group = groupId("uma", QA);
        Document confirm = uma.get("/order/" + template + "?group=" + group).doc();
        assertThat(confirm.select("input[name=property.BuildType]").val()).isEqualTo("Standard");
        assertThat(confirm.select("input[name=property.AdministratorName]")).isEmpty();
        assertThat(confirm.select(".fixed-value").text()).contains("Gary Group-Admin");
        assertThat(confirm.select("#estimate .price").text()).isEqualTo("EUR 28.50");
        assertThat(confirm.select("#count").attr("hx-get")).isEqualTo("/order/" + template + "/estimate?group=" + group);

        Page ordered = uma.post("/order", Map.of("templateId", template.toString(), "groupId", group.toString(),
                "count", "1", "property.BuildType", "Nightly", "reason", "pages test"));

        assertThat(ordered.status()).isEqualTo(302);
        String location = ordered.location().orElseThrow();
        UUID machine = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        assertThat(machine("uma", machine).path("state").asString()).isEqualTo("PendingApproval");
        assertThat(machine("uma", machine).path("properties").path("BuildType").asString()).isEqualTo("Nightly");
        Document page = uma.get("/machines/" + machine).doc();
        assertThat(page.select(".notice").text()).contains("waits for a group administrator's approval");
        assertThat(page.select("#live").attr("hx-trigger")).isEqualTo("every 5s");
    }

    @Test
    void theEstimateFollowsTheCountAndSaysWhenItIsTooMany() {
        PortalSession uma = as("uma");
        String estimate = "/order/" + templateId("uma", SMALL) + "/estimate?group=" + groupId("uma", RND_LAB);

        assertThat(uma.htmxGet(estimate + "&count=2").doc().select(".price").text()).isEqualTo("EUR 0.50");
        assertThat(uma.htmxGet(estimate + "&count=4").text()).contains("You may have 3 machine(s) of this template");
        assertThat(uma.htmxGet(estimate + "&count=lots").text()).contains("must be a whole number from 1 to 100");
    }

    @Test
    void aRefusedOrderGoesBackToTheFilledInFormWithTheServersReasonAndAFormWithoutItsTokenIsRefused() {
        PortalSession uma = as("uma");
        Map<String, String> tooMany = Map.of("templateId", templateId("uma", SMALL).toString(),
                "groupId", groupId("uma", RND_LAB).toString(), "count", "4");

        Document refused = refusal(uma, uma.post("/order", tooMany));
        assertThat(refused.select("#refusal .reason").text()).isEqualTo("QuotaExceeded");
        assertThat(refused.select("#refusal").text()).contains("may have at most 3");
        assertThat(refused.select("#count").val()).isEqualTo("4");

        Document notEditable = refusal(uma, uma.post("/order", Map.of("templateId", templateId("uma", OMNI).toString(),
                "groupId", groupId("uma", RND_LAB).toString(), "count", "1", "property.AdministratorName", "me",
                "reason", "my own admin")));
        assertThat(notEditable.select("#refusal .reason").text()).isEqualTo("PropertyNotEditable");
        assertThat(notEditable.select("#reason").text()).isEqualTo("my own admin");

        Document notANumber = refusal(uma, uma.post("/order", Map.of("templateId", templateId("uma", OMNI).toString(),
                "groupId", groupId("uma", RND_LAB).toString(), "count", "two")));
        assertThat(notANumber.select("#refusal").text()).contains("ValidationFailed", "count: must be a whole number");

        assertThat(uma.postWithoutToken("/order", tooMany).status()).isEqualTo(403);
        // Refused like an API call, and audited like one.
        var audited = api().get(demo("tina"), "/api/v1/audit?actor=uma&outcome=QuotaExceeded").json().path("items");
        assertThat(audited.valueStream().map(event -> event.path("action").asString())).contains("request.create");
    }

    @Test
    void theGroupAdministratorSeesTheRequestInTheQueueAndARejectionNeedsAReason() {
        PortalSession uma = as("uma");
        UUID machine = order(uma, OMNI, RND_LAB, "for the queue test");
        String approval = approvalId(machine);
        PortalSession gary = as("gary");

        Element card = gary.get("/approvals").doc().getElementById("approval-" + approval);
        assertThat(card).as("the request in gary's queue").isNotNull();
        assertThat(card.select(".requester").text()).isEqualTo("uma");
        assertThat(card.select(".reason-text").text()).isEqualTo("for the queue test");
        assertThat(card.text()).contains(OMNI, "EUR 28.50", "for 30 days", "1 vCPU", "BuildType", "Standard", RND_LAB);

        Page withoutReason = gary.htmxPost("/approvals/" + approval + "/reject", Map.of("reason", ""));
        assertThat(withoutReason.status()).isEqualTo(200);
        assertThat(withoutReason.doc().select(".refusal .reason").text()).isEqualTo("ReasonRequired");
        assertThat(machine("uma", machine).path("state").asString()).isEqualTo("PendingApproval");

        Page rejected = gary.htmxPost("/approvals/" + approval + "/reject", Map.of("reason", "not this week"));
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.doc().select("article").attr("data-state")).isEqualTo("Rejected");
        assertThat(rejected.text()).contains("Rejected", "by gary", "not this week");
        assertThat(machine("uma", machine).path("state").asString()).isEqualTo("Rejected");
        assertThat(uma.get("/machines/" + machine).doc().select("#live").hasAttr("hx-trigger")).isFalse();
    }

    @Test
    void aPersonOfAnotherTenantIsToldNothingExists() {
        UUID machine = order(as("uma"), SMALL, QA, "");
        PortalSession otto = as("otto");

        Page page = otto.get("/machines/" + machine);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.doc().select(".reason").text()).isEqualTo("NotFound");
        assertThat(otto.get("/order/" + templateId("uma", SMALL) + "?group=" + groupId("uma", QA)).status())
                .isEqualTo(404);
        assertThat(otto.get("/machines").doc().select("tr.machine-row").eachAttr("id"))
                .doesNotContain("machine-" + machine);
        assertThat(otto.post("/machines/" + machine + "/actions/power-off", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void hostsShowOnlyToThoseWhoManageCapacityAndAdministratorsSeeOwners() {
        PortalSession uma = as("uma");
        UUID machine = order(uma, SMALL, RND_LAB, "");

        Document mine = uma.get("/machines").doc();
        assertThat(mine.select("table.machines th").eachText()).doesNotContain("Host", "Owner");
        assertThat(mine.select("tr#machine-" + machine)).hasSize(1);
        Element row = as("gary").get("/machines").doc().selectFirst("tr#machine-" + machine);
        assertThat(row).isNotNull();
        assertThat(row.select("td[data-label=Host]").text()).startsWith("sim-host-");
        assertThat(row.select("td[data-label=Owner]").text()).isEqualTo("uma");
        // The row a list polls for has the same columns (a bare <tr>, read as text: HTML parsers drop it).
        assertThat(as("gary").htmxGet("/machines/" + machine + "/row").body()).contains("data-label=\"Host\"",
                "data-label=\"Owner\"");
    }

    @Test
    void anActionTheMachineDoesNotAllowNowIsRefusedWithTheServersReason() {
        PortalSession uma = as("uma");
        UUID machine = order(uma, OMNI, QA, "");

        Page refused = uma.post("/machines/" + machine + "/actions/power-on", Map.of("back", "list"));
        assertThat(refused.location()).hasValueSatisfying(location -> assertThat(location).endsWith("/machines"));
        assertThat(uma.get("/machines").doc().select(".notice.refused").text())
                .contains("Cannot power-on machine", "ActionNotAllowed");
        Page invalid = uma.post("/machines/" + machine + "/actions/set-reminder", Map.of("reminderDaysBefore", "soon"));
        assertThat(invalid.status()).isEqualTo(302);
        assertThat(uma.get("/machines/" + machine).doc().select(".notice.refused").text())
                .contains("reminderDaysBefore: must be a whole number");
    }

    private UUID order(PortalSession session, String template, String group, String reason) {
        Page ordered = session.post("/order", Map.of("templateId", templateId("uma", template).toString(),
                "groupId", groupId("uma", group).toString(), "count", "1", "reason", reason));
        assertThat(ordered.status()).as(ordered.body()).isEqualTo(302);
        String location = ordered.location().orElseThrow();
        session.get(location); // as a browser does, which also shows (and so uses up) the page's one-time notice
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    /** A refused order redirects back to its confirmation page, which shows the refusal once. */
    private static Document refusal(PortalSession session, Page refused) {
        assertThat(refused.status()).as(refused.body()).isEqualTo(302);
        assertThat(refused.location()).hasValueSatisfying(location -> assertThat(location).contains("/order/"));
        Document page = session.get(refused.location().orElseThrow()).doc();
        assertThat(session.get(refused.location().orElseThrow()).doc().select("#refusal")).as("shown once").isEmpty();
        return page;
    }

    private String approvalId(UUID machine) {
        String request = machine("uma", machine).path("requestId").asString();
        for (var approval : api().get(demo("gary"), "/api/v1/approvals").json().path("items")) {
            if (approval.path("requestId").asString().equals(request)) {
                return approval.path("id").asString();
            }
        }
        throw new AssertionError("no approval for " + machine);
    }

    private List<String> navigation(String username) {
        return as(username).get("/machines").doc().select("header nav a").eachText().stream()
                .map(text -> text.replaceAll(",? ?waiting: ?\\d+|\\s*\\d+$", "").strip()).toList();
    }

    private String header(String username) {
        return as(username).get("/machines").doc().select("header .who").text();
    }

    private static Element section(Document page, String group) {
        return page.select("section.group-section").stream().filter(s -> s.select("h2").text().equals(group))
                .findFirst().orElseThrow();
    }

    private static List<String> templateNames(Element section) {
        return section.select("li.template-card").eachAttr("data-template");
    }

    private static Element card(Element section, String template) {
        return section.select("li.template-card").stream().filter(c -> c.attr("data-template").equals(template))
                .findFirst().orElseThrow();
    }
}
