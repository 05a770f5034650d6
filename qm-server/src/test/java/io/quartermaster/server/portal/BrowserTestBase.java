package io.quartermaster.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the browser tests share: one Chromium per test class, a fresh signed-out window of desktop size
 * before each test, and no error in the browser console after it.
 */
@ExtendWith(Browser.Availability.class)
abstract class BrowserTestBase extends PortalTestBase {

    static Browser browser;

    @BeforeEach
    void freshWindow() {
        if (browser == null) {
            browser = Browser.start(port);
        }
        browser.driver.manage().deleteAllCookies();
        browser.resize(1280, 900);
        browser.consoleErrors();
    }

    @AfterEach
    void nothingInTheConsole() {
        if (browser != null) {
            assertThat(browser.consoleErrors()).as("errors in the browser console").isEmpty();
        }
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
