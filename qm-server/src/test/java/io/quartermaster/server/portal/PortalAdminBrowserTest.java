package io.quartermaster.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The administration pages in a real Chromium: a tenant administrator looks at the dashboard, adds a host,
 * reserves part of it for a group and makes a template for that group; a person of the group sees the new
 * template, a person of another group sees neither it nor the first group's machines. The admin pages fit a
 * narrow window, and nothing leaves an error in the browser console.
 */
class PortalAdminBrowserTest extends BrowserTestBase {

    @Test
    void anAdministratorAddsAHostAReservationAndATemplateThatOnlyTheEntitledGroupSees() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String hostName = "rack-" + suffix;
        String templateName = "Lab box " + suffix;
        String outsider = "qa-only-" + suffix;
        addUserToGroup(outsider, QA);
        var builds = api().post(demo("gary"), "/api/v1/requests", Map.of("templateId", templateId("gary", BUILD_SERVER),
                "groupId", groupId("gary", RND_LAB), "count", 2, "reason", "for the dashboard"));
        assertThat(builds.status()).as(builds.body()).isEqualTo(201);

        browser.signIn("tina", "tina");
        browser.driver.findElement(By.linkText("Administration")).click();
        browser.until("the dashboard", d -> !browser.findAll("ul.chart, #hosts").isEmpty());
        assertThat(browser.findAll("ul.chart li")).as("machines by state").isNotEmpty();
        WebElement bar = browser.find("#hosts ~ ul .capacity svg.meter");
        assertThat(bar.getSize().getWidth()).as("a bar drawn wide enough to see").isGreaterThan(50);
        assertThat(bar.getSize().getHeight()).as("a bar drawn high enough to see").isGreaterThan(5);
        browser.screenshot("20-dashboard");

        browser.driver.findElement(By.cssSelector("nav.subnav")).findElement(By.linkText("Hosts")).click();
        browser.field("name").sendKeys(hostName);
        browser.field("hypervisorType").sendKeys("simulator");
        browser.field("totalCpu").sendKeys("16");
        browser.field("totalMemoryMiB").sendKeys("32768");
        browser.field("totalDiskGiB").sendKeys("500");
        browser.find("#add-host ~ form button[type=submit]").click();
        browser.until("the new host's page", d -> browser.find("h1").getText().startsWith(hostName));

        new Select(browser.find("#res-group")).selectByVisibleText(RND_LAB);
        browser.find("#res-name").sendKeys("R&D on " + hostName);
        Map.of("cpu", "8", "memoryMiB", "16384", "diskGiB", "200", "maxMachines", "4")
                .forEach((field, value) -> browser.find("#add-reservation ~ form input[name=" + field + "]").sendKeys(value));
        browser.find("#add-reservation ~ form button[type=submit]").click();
        browser.until("the reservation on the host", d -> browser.find(".notice").getText()
                .equals("Reservation R&D on " + hostName + " added."));
        assertThat(browser.find("#reservations ~ ul .capacity h3").getText()).contains("R&D on " + hostName);
        browser.screenshot("21-host");

        browser.open("/admin/templates/new");
        browser.field("name").sendKeys(templateName);
        browser.field("cpu").sendKeys("2");
        browser.field("memoryMiB").sendKeys("2048");
        browser.field("hypervisorType").sendKeys("simulator");
        browser.field("imageRef").sendKeys("debian-12");
        browser.field("namingPrefix").sendKeys("lab");
        browser.field("disk.0.role").clear();
        browser.field("disk.0.role").sendKeys("system");
        browser.field("disk.0.sizeGiB").sendKeys("20");
        browser.field("leaseDays").sendKeys("5");
        browser.field("property.0.name").sendKeys("Purpose");
        browser.field("property.0.value").sendKeys("testing");
        browser.field("property.0.userEditable").click();
        browser.field("entitled." + groupId("uma", RND_LAB)).click();
        browser.screenshot("22-template");
        browser.find("form.template-form button[type=submit]").click();
        browser.until("the template created", d -> browser.find(".notice").getText()
                .equals("Template " + templateName + " created."));

        browser.open("/admin/machines");
        assertThat(browser.findAll("tr.report-row")).hasSizeGreaterThanOrEqualTo(2);
        browser.screenshot("23-machine-report");
        browser.signOut();

        browser.signIn("uma", "uma");
        browser.open("/order");
        assertThat(templatesIn(RND_LAB)).contains(templateName);
        assertThat(templatesIn(QA)).doesNotContain(templateName);
        browser.signOut();

        browser.signIn(outsider, "a-long-password");
        assertThat(browser.findAll("header nav a").stream().map(WebElement::getText).toList())
                .doesNotContain("Administration");
        browser.open("/order");
        assertThat(browser.findAll("section.group-section h2").stream().map(WebElement::getText).toList())
                .containsExactly(QA);
        assertThat(templatesIn(QA)).doesNotContain(templateName);
        browser.open("/machines");
        assertThat(browser.findAll("tr.machine-row")).as("no machine of another group, nor of others").isEmpty();
        browser.signOut();
    }

    @Test
    void theAdministrationPagesFitANarrowWindow() {
        browser.resize(390, 844);
        browser.signIn("tina", "tina");
        for (String page : List.of("/admin", "/admin/hosts", "/admin/reservations", "/admin/templates",
                "/admin/groups", "/admin/machines")) {
            browser.open(page);
            assertThat((Boolean) browser.script(
                    "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                    .as("%s fits a narrow window", page).isTrue();
        }
        browser.open("/admin");
        browser.screenshot("24-narrow-dashboard");
    }

    private List<String> templatesIn(String group) {
        return browser.findAll("section.group-section").stream()
                .filter(section -> section.findElement(By.tagName("h2")).getText().equals(group))
                .flatMap(section -> section.findElements(By.cssSelector("li.template-card")).stream())
                .map(card -> card.getAttribute("data-template")).toList();
    }

    private void addUserToGroup(String username, String group) {
        var user = api().post(demo("tina"), "/api/v1/users", Map.of("username", username,
                "password", "a-long-password", "email", username + "@acme.example"));
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        var member = api().post(demo("tina"), "/api/v1/groups/" + groupId("uma", group) + "/members",
                Map.of("username", username, "role", "USER"));
        assertThat(member.status()).as(member.body()).isIn(200, 201);
    }
}
