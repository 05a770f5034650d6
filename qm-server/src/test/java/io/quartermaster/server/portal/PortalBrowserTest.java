package io.quartermaster.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The portal in a real Chromium: a user orders a machine that needs approval, the group administrator
 * approves it in the queue, the user watches it become Active (the in-process dev agents build it), asks
 * for a longer lease (which the administrator approves too), turns it off and disposes of it; a refused order shows the server's reason; a narrow window needs no sideways scrolling
 * and the navigation is reachable from the keyboard. No step may leave an error in the browser console.
 */
class PortalBrowserTest extends BrowserTestBase {

    private static final Duration BUILD = Duration.ofSeconds(60);

    @Test
    void aUserOrdersAMachineThatNeedsApprovalTheGroupAdminApprovesItAndTheUserSeesItActiveTurnsItOffAndDisposesOfIt() {
        String reason = "browser journey " + System.nanoTime();
        browser.signIn("uma", "uma");
        browser.driver.findElement(By.linkText("Request a machine")).click();
        WebElement omni = templateCard(RND_LAB, OMNI);
        assertThat(omni.findElements(By.cssSelector("h3 svg.padlock"))).hasSize(1);
        assertThat(omni.findElement(By.cssSelector(".headroom")).getText()).matches("You can order \\d+ more\\.");
        browser.screenshot("01-request-a-machine");
        omni.findElement(By.cssSelector("a.button")).click();

        browser.until("the confirmation page", d -> d.getCurrentUrl().contains("/order/"));
        assertThat(browser.findAll("input[name='property.AdministratorName']")).isEmpty();
        WebElement buildType = browser.field("property.BuildType");
        buildType.clear();
        buildType.sendKeys("Nightly");
        WebElement count = browser.field("count");
        count.clear();
        count.sendKeys("2");
        browser.until("the estimate for two", d -> browser.find("#estimate").getText().contains("for 2 machines"));
        count.clear();
        count.sendKeys("1");
        browser.until("the estimate for one", d -> browser.find("#estimate").getText().contains("for 1 machine,"));
        browser.field("reason").sendKeys(reason);
        browser.screenshot("02-confirm-the-request");
        browser.find("#order-form button[type=submit]").click();

        browser.until("the new machine's page", d -> d.getCurrentUrl().matches(".*/machines/[0-9a-f-]{36}$"));
        String machinePage = browser.path();
        assertThat(browser.find("#live").getAttribute("data-state")).isEqualTo("PendingApproval");
        assertThat(browser.find(".notice").getText()).contains("waits for a group administrator's approval");
        browser.signOut();

        browser.signIn("gary", "gary");
        browser.driver.findElement(By.partialLinkText("Approvals")).click();
        WebElement card = approvalCard(reason);
        assertThat(card.findElement(By.cssSelector(".requester")).getText()).isEqualTo("uma");
        assertThat(card.getText()).contains(OMNI, "BuildType", "Nightly", "EUR 28.50");
        browser.screenshot("03-approvals");
        card.findElement(By.cssSelector("button[data-decision=approve]")).click();
        browser.until("the approval decided in place",
                d -> "Approved".equals(approvalCard(reason).getAttribute("data-state")));
        assertThat(approvalCard(reason).getText()).contains("Approved", "by gary");
        browser.signOut();

        browser.signIn("uma", "uma");
        String machineId = machinePage.substring("/machines/".length());
        browser.until("the list to follow the build without reloading", BUILD,
                d -> "Active".equals(browser.find("tr#machine-" + machineId).getAttribute("data-state")));
        browser.screenshot("04-my-machines");
        browser.find("tr#machine-" + machineId + " a.machine-link").click();

        browser.until("the machine's page", d -> d.getCurrentUrl().endsWith(machinePage));
        assertThat(browser.find("#live").getAttribute("data-state")).isEqualTo("Active");
        assertThat(browser.find(".timeline").getText()).contains("Wait-Running", "Approved by gary");
        browser.screenshot("05-machine-active");

        // A longer lease than the template allows waits for the group administrator, who approves it.
        Instant leaseBefore = Instant.parse(machine("uma", UUID.fromString(machineId))
                .path("leaseExpiresAt").asString());
        WebElement days = browser.find("form:has(button[data-action=extend-lease]) input[name=days]");
        days.sendKeys("7");
        browser.find("button[data-action=extend-lease]").click();
        browser.until("the extension asked for", d -> browser.find(".notice").getText()
                .contains("waits for a group administrator's approval"));
        browser.signOut();
        browser.signIn("gary", "gary");
        browser.open("/approvals");
        WebElement extension = browser.until("the longer lease in the queue", d -> d.findElements(
                By.cssSelector("article.approval-card[data-state=Pending]")).stream()
                .filter(c -> c.getText().contains("longer lease: 7 days") && c.getText().contains("uma"))
                .findFirst().orElse(null));
        String extensionId = extension.getAttribute("id");
        extension.findElement(By.cssSelector("button[data-decision=approve]")).click();
        browser.until("the extension approved in place",
                d -> "Approved".equals(browser.find("#" + extensionId).getAttribute("data-state")));
        browser.signOut();
        browser.signIn("uma", "uma");
        browser.open(machinePage);
        browser.until("the lease seven days longer", BUILD, d -> Instant.parse(
                machine("uma", UUID.fromString(machineId)).path("leaseExpiresAt").asString())
                .equals(leaseBefore.plus(Duration.ofDays(7))));

        browser.open(machinePage);
        browser.find("button[data-action=power-off]").click();
        browser.until("the request to turn off", d -> browser.find(".notice").getText().startsWith("Turning"));
        browser.until("the page to follow the machine until it is off", BUILD,
                d -> "Off".equals(browser.find("#live").getAttribute("data-power")) && browser.findAll("#live .busy").isEmpty());
        assertThat(browser.findAll("button[data-action=power-on]")).hasSize(1);

        browser.find("a[data-action=dispose]").click();
        browser.until("the confirmation", d -> browser.find("h1").getText().startsWith("Dispose of"));
        browser.find("button[data-action=dispose]").click();
        browser.until("the machine to be disposed of", BUILD,
                d -> "Disposed".equals(browser.find("#live").getAttribute("data-state")));
        assertThat(browser.find(".timeline").getText()).contains("Destroy-Machine");
    }

    @Test
    void aRefusedOrderShowsTheServersReason() {
        browser.signIn("uma", "uma");
        browser.open("/order");
        templateCard(QA, SMALL).findElement(By.cssSelector("a.button")).click();
        browser.until("the confirmation page", d -> d.getCurrentUrl().contains("/order/"));
        WebElement count = browser.field("count");
        count.clear();
        count.sendKeys("4");
        browser.find("#order-form button[type=submit]").click();

        WebElement refusal = browser.until("the refusal", d -> browser.find("#refusal"));
        assertThat(refusal.findElement(By.cssSelector(".reason")).getText()).isEqualTo("QuotaExceeded");
        assertThat(refusal.getText()).contains("may have at most 3");
        browser.screenshot("06-refused-order");
    }

    @Test
    void aNarrowWindowNeedsNoSidewaysScrollingAndTheNavigationIsReachableByKeyboard() {
        browser.resize(390, 844);
        browser.signIn("gary", "gary");
        for (String page : List.of("/order", "/machines", "/approvals")) {
            browser.open(page);
            assertThat((Boolean) browser.script(
                    "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                    .as("%s fits a narrow window", page).isTrue();
        }
        browser.screenshot("07-narrow-approvals");

        browser.open("/machines");
        browser.find("body").sendKeys(Keys.TAB);
        assertThat(active().getText()).isEqualTo("Skip to content");
        for (int i = 0; i < 6 && !active().getText().startsWith("Approvals"); i++) {
            active().sendKeys(Keys.TAB);
        }
        assertThat(active().getText()).startsWith("Approvals");
        active().sendKeys(Keys.ENTER);
        browser.until("the approvals page", d -> d.getCurrentUrl().endsWith("/approvals"));
    }

    private WebElement active() {
        return browser.driver.switchTo().activeElement();
    }

    private static WebElement templateCard(String group, String template) {
        return browser.until(template + " in " + group, d -> d.findElements(By.cssSelector("section.group-section")).stream()
                .filter(section -> section.findElement(By.tagName("h2")).getText().equals(group))
                .flatMap(section -> section.findElements(By.cssSelector("li.template-card")).stream())
                .filter(card -> template.equals(card.getAttribute("data-template")))
                .findFirst().orElse(null));
    }

    private static WebElement approvalCard(String reason) {
        return browser.until("the approval for '" + reason + "'", d -> d.findElements(By.cssSelector("article.approval-card"))
                .stream().filter(card -> card.getText().contains(reason)).findFirst().orElse(null));
    }
}
