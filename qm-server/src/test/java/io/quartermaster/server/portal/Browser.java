package io.quartermaster.server.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through WebDriver: Debian's {@code chromium} and {@code chromedriver}
 * (installed by {@code scripts/ensure-chromium.sh}), never a downloaded browser. Tests skip, saying why,
 * when they are missing, unless {@code qm.test.browser.required=true} (CI), where that is a failure.
 * Screenshots go to {@code target/portal-screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("qm.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("qm.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");

    final WebDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final String base;

    private Browser(String base) throws IOException {
        this.base = base;
        this.profile = Files.createTempDirectory("qm-portal-chromium");
        this.service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As root in a sandbox, without a display or GPU, and with no calls to the outside world.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--user-data-dir=" + profile, "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        this.driver = new ChromeDriver(service, options);
    }

    /** Null when Chromium and ChromeDriver are there; why the browser tests cannot run otherwise. */
    static String reasonToSkip() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return null;
        }
        String why = "no Chromium at " + CHROMIUM + " or no ChromeDriver at " + CHROMEDRIVER
                + " (run scripts/ensure-chromium.sh to include the browser tests)";
        if (Boolean.getBoolean("qm.test.browser.required")) {
            throw new IllegalStateException("Browser tests are required but there is " + why);
        }
        return why;
    }

    static Browser start(int port) {
        try {
            return new Browser("http://localhost:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open(String path) {
        driver.get(base + path);
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    void signIn(String username, String password) {
        open("/login");
        field("username").sendKeys(username);
        field("password").sendKeys(password);
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        until("signed in as " + username, d -> !d.findElements(By.cssSelector("header .who")).isEmpty());
    }

    void signOut() {
        driver.findElement(By.cssSelector("form.sign-out button")).click();
        until("signed out", d -> d.getCurrentUrl().endsWith("/login?logout"));
    }

    WebElement field(String name) {
        return driver.findElement(By.name(name));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits (polling the page, never sleeping a fixed time) until the condition holds. */
    <T> T until(String what, ExpectedCondition<T> condition) {
        return until(what, Duration.ofSeconds(20), condition);
    }

    <T> T until(String what, Duration limit, ExpectedCondition<T> condition) {
        // Parts of the page are replaced while it polls: an element read just before its swap is looked up again.
        return new WebDriverWait(driver, limit).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** The browser console's errors since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"),
                    ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skips the browser tests, saying why, when there is no Chromium (fails them instead when they are required). */
    static final class Availability implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String skip = reasonToSkip();
            if (skip == null) {
                return ConditionEvaluationResult.enabled("Chromium at " + CHROMIUM);
            }
            System.err.println("[qm] browser tests skipped: " + skip);
            return ConditionEvaluationResult.disabled(skip);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException | UncheckedIOException ignored) {
                // A temporary profile: the system cleans it up eventually.
            }
        }
    }
}
