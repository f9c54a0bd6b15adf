package io.parley.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.testing.LowPriority;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's Chromium driven headless through /usr/bin/chromedriver (so Selenium Manager never
 * downloads anything), with a fresh profile, the flags that keep it off the network, and the
 * browser and DevTools logs on. Screenshots go to {@code target/screenshots/}.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path SCREENSHOTS = Path.of(System.getProperty("parley.repo", "."), "target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChromeDriverService service;
    private final WebDriver driver;
    private final Path profile;

    public HeadlessChromium() throws IOException {
        profile = Files.createTempDirectory("parley-chromium-");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(
                        atItsStartingPriority("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(atItsStartingPriority("/usr/bin/chromium").toString());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,1100",
                "--user-data-dir=" + profile.resolve("data"));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
        // The browser (and its driver) at the lowest priority: it watches the calls under test and must
        // not take the cores from them (a demo beside it dropped a sentence 4 s late on two busy cores).
        try {
            driver = LowPriority.call(() -> new ChromeDriver(service, options));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while Chromium started", e);
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(15));
        Files.createDirectories(SCREENSHOTS);
    }

    /**
     * A launcher for {@code program} that keeps it at the priority it started with. Run as root,
     * Chromium and its driver raise their own threads to nice -8, above everything the tests run;
     * without the right to (CAP_SYS_NICE, dropped here) they stay at the lowest priority they
     * inherit from {@link LowPriority}.
     */
    private Path atItsStartingPriority(String program) throws IOException {
        Path launcher = profile.resolve(Path.of(program).getFileName());
        Files.writeString(launcher, """
                #!/bin/sh
                if [ "$(id -u)" = 0 ]; then
                    exec setpriv --bounding-set=-sys_nice %1$s "$@"
                fi
                exec %1$s "$@"
                """.formatted(program));
        if (!launcher.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + launcher + " executable");
        }
        return launcher;
    }

    public WebDriver driver() {
        return driver;
    }

    /** Forgets the logs so far, so that the next checks see only the next page's. */
    public void clearLogs() {
        driver.manage().logs().get(LogType.BROWSER);
        driver.manage().logs().get(LogType.PERFORMANCE);
    }

    public void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name), png);
    }

    public void assertNoConsoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                errors.add(e.getLevel() + " " + e.getMessage());
            }
        }
        assertThat(errors).as("browser console warnings and errors").isEmpty();
    }

    /** Every URL the pages requested since the logs were last read (DevTools network events). */
    public List<String> requestedUrls() throws IOException {
        List<String> urls = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(e.getMessage()).path("message");
            if (message.path("method").asText().equals("Network.requestWillBeSent")) {
                urls.add(message.path("params").path("request").path("url").asText());
            }
        }
        return urls;
    }

    /** Every request the page made, from the DevTools network events in the performance log, stayed on its origin. */
    public void assertOnlySameOriginRequests(String hostPort) throws IOException {
        List<String> urls = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(e.getMessage()).path("message");
            String method = message.path("method").asText();
            JsonNode params = message.path("params");
            switch (method) {
                case "Network.requestWillBeSent" ->
                    urls.add(params.path("request").path("url").asText());
                case "Network.webSocketCreated" -> urls.add(params.path("url").asText());
                default -> {}
            }
        }
        assertThat(urls)
                .as("requests made by the page")
                .isNotEmpty()
                .anyMatch(u -> u.startsWith("ws://" + hostPort + "/ws"))
                .anyMatch(u -> u.endsWith("/assets/common.js"))
                .allSatisfy(u -> assertThat(u).matches("(http|ws)://" + Pattern.quote(hostPort) + "/.*"));
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        service.stop();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
