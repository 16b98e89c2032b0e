package dev.reveal.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven by its chromedriver; the tests skip when either is not installed. */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "install chromium and chromium-driver with apt-get to run the browser tests "
                        + "(looked for " + CHROMIUM + " and " + CHROMEDRIVER + ")");
    }

    static Browser open(int width, int height) {
        assumeInstalled();
        try {
            Path profile = Files.createTempDirectory("reveal-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--autoplay-policy=no-user-gesture-required", "--mute-audio",
                    "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
            org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
            logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(width, height));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void get(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Waits for a CSS selector to match, up to {@code seconds}. */
    WebElement await(String css, int seconds) {
        return until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null), seconds,
                "waiting for " + css);
    }

    <T> T until(Function<WebDriver, T> condition, int seconds, String message) {
        // the pages re-render parts of themselves: an element read a moment ago may have been replaced
        return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(200))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .withMessage(message).until(condition);
    }

    /** The text of the first element matching {@code css} once it matches, read fresh. */
    String text(String css, int seconds) {
        return until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().map(WebElement::getText).orElse(null),
                seconds, "waiting for " + css);
    }

    /** The attribute of the first element matching {@code css}, read fresh. */
    String attribute(String css, String name) {
        return until(d -> d.findElements(By.cssSelector(css)).stream().findFirst()
                .map(e -> String.valueOf(e.getAttribute(name))).orElse(null), 10, "waiting for " + css);
    }

    /** Clicks the first element matching {@code css}, retrying when it was replaced between finding and clicking. */
    void click(String css, int seconds) {
        until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        }, seconds, "clicking " + css);
    }

    /** Runs {@code script} in every page this browser opens from now on, before the page's own scripts. */
    void beforeEveryPage(String script) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
    }

    /**
     * Audits the page as it is now with axe-core (its WCAG 2.0–2.2 A/AA rules and best practices) and returns the
     * critical and serious violations, one line each with the elements they were found on.
     */
    @SuppressWarnings("unchecked")
    List<String> seriousAccessibilityViolations() {
        if (!Boolean.TRUE.equals(js("return typeof window.axe === 'object'"))) {
            js(axeSource());
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return (List<String>) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then((r) => done(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
                    .map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 5)
                      .map((n) => n.target.join(' ') + ' ' + (n.failureSummary || '')).join(' | '))))
                  .catch((e) => done(['axe failed: ' + e]));""");
    }

    private static volatile String axe;

    /** axe-core's browser build, from npm (axe-core 4.14.1, MPL-2.0), kept under src/test/resources/axe. */
    private static String axeSource() {
        if (axe == null) {
            try (InputStream in = Browser.class.getResourceAsStream("/axe/axe.min.js")) {
                axe = new String(Objects.requireNonNull(in, "axe/axe.min.js on the test classpath").readAllBytes(),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axe;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    double number(String script, Object... args) {
        Object value = js(script, args);
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    /** Saves a screenshot under target/screenshots and returns its path. */
    Path screenshot(String name) {
        try {
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves a screenshot of the first element matching {@code css} under target/screenshots. */
    Path screenshot(String name, String css) {
        try {
            File shot = find(css).getScreenshotAs(OutputType.FILE);
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the page logged to its console, for failure messages. */
    String consoleLog() {
        try {
            return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                    .map(Object::toString).collect(java.util.stream.Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return "(no browser log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp profile left behind is harmless
            }
        }
    }
}
