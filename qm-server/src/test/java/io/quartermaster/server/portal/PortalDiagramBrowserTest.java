package io.quartermaster.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Workflow diagrams and the operations pages in a real Chromium: the bpmn-js viewer draws a workflow
 * version on the workflows page, and a machine's page draws the workflow it runs with the step it waits
 * in highlighted; the audit log and agents pages fit a narrow window. No step may leave an error in the
 * browser console.
 */
class PortalDiagramBrowserTest extends BrowserTestBase {

    @Test
    void theWorkflowsPageDrawsAVersionsDiagramFromItsBpmnFile() {
        browser.signIn("tina", "tina");
        browser.open("/admin/workflows");
        browser.until("the workflows page", d -> !browser.findAll("tr.workflow-row").isEmpty());
        browser.screenshot("10-workflows");
        browser.find("tr.workflow-row[data-key='machine-build'] a").click();

        browser.until("the diagram drawn", d -> "true".equals(browser.find("figure.bpmn-figure").getAttribute("data-rendered")));
        assertThat(browser.findAll(".bpmn-canvas svg g.djs-element[data-element-id='createVolume']")).hasSize(1);
        assertThat(browser.findAll(".bpmn-canvas svg g.djs-element[data-element-id='undoAfterFailure']")).hasSize(1);
        browser.screenshot("11-workflow-diagram");
    }

    @Test
    void aMachinesPageHighlightsWhereItsWorkflowWaitsAndKeepsUpdatingLive() {
        browser.signIn("uma", "uma");
        browser.open("/order");
        browser.until("the catalog", d -> !browser.findAll("li.template-card").isEmpty());
        WebElement omni = browser.findAll("section.group-section").stream()
                .filter(section -> section.findElement(By.tagName("h2")).getText().equals(QA))
                .flatMap(section -> section.findElements(By.cssSelector("li.template-card")).stream())
                .filter(card -> OMNI.equals(card.getAttribute("data-template"))).findFirst().orElseThrow();
        omni.findElement(By.cssSelector("a.button")).click();
        browser.until("the confirmation page", d -> d.getCurrentUrl().contains("/order/"));
        browser.field("reason").sendKeys("diagram journey");
        browser.find("#order-form button[type=submit]").click();
        browser.until("the machine's page", d -> d.getCurrentUrl().matches(".*/machines/[0-9a-f-]{36}$"));
        String path = browser.path();
        try {
            followTheHighlight();
        } finally {
            PortalOperationsPagesTest.rejectRequestOf(this, java.util.UUID.fromString(path.substring(path.lastIndexOf('/') + 1)));
        }
    }

    private void followTheHighlight() {

        WebElement approve = browser.until("the waiting step highlighted", d -> browser.findAll(
                "#machine-workflow .bpmn-canvas svg g.djs-element.qm-active[data-element-id='approve']").stream()
                .findFirst().orElse(null));
        assertThat(approve.isDisplayed()).isTrue();
        assertThat(browser.find("#machine-workflow .bpmn-status").getText()).isEqualTo("Now at: Approve the request.");
        // The live part keeps polling (every 5 s while an approval is awaited) without breaking the diagram.
        String polls = browser.find("#live").getAttribute("hx-trigger");
        assertThat(polls).isEqualTo("every 5s");
        browser.until("a live update", d -> Boolean.TRUE.equals(browser.script(
                "return window.qmSettled = window.qmSettled || (document.body.addEventListener('htmx:afterSettle',"
                        + " function () { window.qmSettledOnce = true; }), true), window.qmSettledOnce === true")));
        assertThat(browser.findAll("#machine-workflow g.qm-active[data-element-id='approve']")).hasSize(1);
        browser.script("document.getElementById('machine-workflow').scrollIntoView()");
        browser.screenshot("12-machine-workflow");

        browser.resize(390, 844);
        browser.open(browser.path());
        browser.until("the diagram drawn in a narrow window", d -> !browser.findAll(
                "#machine-workflow g.qm-active[data-element-id='approve']").isEmpty());
        assertThat((Boolean) browser.script(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                .as("the machine's page with its diagram fits a narrow window").isTrue();
    }

    @Test
    void theAuditLogAndAgentsPagesFitANarrowWindow() {
        browser.resize(390, 844);
        browser.signIn("tina", "tina");
        for (String page : List.of("/admin/workflows", "/admin/workflows/machine-lifecycle", "/admin/audit",
                "/admin/agents")) {
            browser.open(page);
            assertThat((Boolean) browser.script(
                    "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                    .as("%s fits a narrow window", page).isTrue();
        }
        browser.open("/admin/audit");
        browser.screenshot("13-narrow-audit-log");
        browser.open("/admin/agents");
        browser.screenshot("14-narrow-agents");
        browser.resize(1280, 900);
        browser.open("/admin/audit");
        browser.screenshot("15-audit-log");
        browser.open("/admin/agents");
        browser.screenshot("16-agents");
    }
}
