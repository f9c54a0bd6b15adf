package io.parley.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.config.MonitorSettings;
import io.parley.event.BridgeState;
import io.parley.event.EventBus;
import io.parley.event.TranscriptState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The dashboards in a real headless Chromium (Debian's chromium and chromium-driver, driven
 * through /usr/bin/chromedriver, so Selenium Manager never downloads anything): pages load with
 * no console error and no request outside the dashboard's origin; with a call's events flowing,
 * the level meters move and transcripts with translations appear. Screenshots are left in
 * {@code target/screenshots/}.
 */
class DashboardBrowserTest {
    private static EventBus bus;
    private static Monitor monitor;
    private static HeadlessChromium chromium;
    private static WebDriver driver;
    private static ScheduledExecutorService callers;
    private static String origin;

    @BeforeAll
    static void start() throws IOException {
        bus = new EventBus();
        monitor = Monitor.start(MonitorPlans.defaultPlan(), bus);
        origin = "127.0.0.1:" + monitor.dashboardPort(MonitorPlans.TRANSLATED).orElseThrow();
        chromium = new HeadlessChromium();
        driver = chromium.driver();
        startCallers();
    }

    /** Events as the bridges would publish them during two calls: statistics five times a second, speech now and then. */
    private static void startCallers() {
        CallScript translated = new CallScript(bus, MonitorPlans.TRANSLATED);
        CallScript crosspatch = new CallScript(bus, MonitorPlans.CROSSPATCH);
        translated.connectCall("3333", "4444");
        bus.publish(new BridgeState(
                System.currentTimeMillis(),
                MonitorPlans.CROSSPATCH,
                "crosspatch",
                BridgeState.State.CONNECTED,
                "both callers connected"));
        AtomicLong ticks = new AtomicLong();
        callers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().factory());
        callers.scheduleAtFixedRate(
                () -> {
                    long t = ticks.incrementAndGet();
                    translated.legStats("3333");
                    translated.legStats("4444");
                    crosspatch.legStats("5555");
                    crosspatch.legStats("6666");
                    if (t % 10 == 0) {
                        long id = t / 10;
                        if (id % 2 == 1) {
                            translated.speak(
                                    id,
                                    "3333",
                                    "4444",
                                    "en",
                                    "fr",
                                    "Hello, can you hear me?",
                                    "Bonjour, vous m'entendez ?");
                        } else {
                            translated.speak(
                                    id,
                                    "4444",
                                    "3333",
                                    "fr",
                                    "en",
                                    "Oui, je vous entends bien.",
                                    "Yes, I hear you well.");
                        }
                    }
                },
                0,
                200,
                TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stop() throws IOException {
        if (callers != null) {
            callers.shutdownNow();
        }
        if (chromium != null) {
            chromium.close();
        }
        if (monitor != null) {
            monitor.close();
        }
    }

    /** Each test reads only the logs of its own pages. */
    @BeforeEach
    void cleanLogs() {
        driver.get("about:blank");
        chromium.clearLogs();
    }

    @Test
    void theBridgePageShowsMovingLevelsAndTranscriptsWithTranslations() throws Exception {
        driver.get("http://" + origin + "/monitoring-dashboard.html");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !driver.findElements(By.cssSelector(".leg[data-leg='3333'] .meter.in"))
                        .isEmpty());
        WebElement meter = driver.findElement(By.cssSelector(".leg[data-leg='3333'] .meter.in"));
        String first = meter.getDomAttribute("data-dbfs");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !meter.getDomAttribute("data-dbfs").equals(first));
        assertThat(Double.parseDouble(meter.getDomAttribute("data-dbfs"))).isBetween(-100.0, 0.0);
        // The leg's counters, the packets its jitter buffer discarded among them (the script reports 5).
        await().atMost(Duration.ofSeconds(5))
                .ignoreException(StaleElementReferenceException.class)
                .until(
                        () -> driver.findElement(By.cssSelector(".leg[data-leg='3333'] dd[data-field='discarded']"))
                                .getText(),
                        "5"::equals);

        await().atMost(Duration.ofSeconds(10))
                .ignoreException(StaleElementReferenceException.class)
                .until(() -> driver.findElements(By.cssSelector(".utt .translation")).stream()
                        .anyMatch(e -> e.getText().contains("Bonjour, vous m'entendez")));
        WebElement utterance = driver.findElements(By.cssSelector(".utt")).stream()
                .filter(e -> e.getText().contains("Hello, can you hear me?"))
                .findFirst()
                .orElseThrow();
        assertThat(utterance.findElement(By.cssSelector(".translation")).getText())
                .isEqualTo("Bonjour, vous m'entendez ?");
        assertThat(utterance.findElements(By.cssSelector(".timing .seg"))).hasSize(4);
        assertThat(driver.findElement(By.id("state")).getText()).isEqualTo("connected");
        assertThat(driver.findElement(By.id("ari")).getText()).isEqualTo("ARI connected");
        assertThat(driver.findElement(By.id("engines")).getText())
                .contains("French STT:")
                .contains("none configured — set engines.stt.fr");
        assertThat(driver.findElement(By.cssSelector(".leg[data-leg='4444'] [data-field='packetsIn']"))
                        .getText())
                .isNotEqualTo("–");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> driver.findElements(By.cssSelector("#histogram .bar")).stream()
                        .anyMatch(b -> !"0".equals(b.getDomAttribute("data-count"))));
        assertThat(driver.findElement(By.id("conn")).getText()).isEqualTo("live");

        screenshot("bridge-3333-4444.png");
        assertNoConsoleErrors();
        assertOnlySameOriginRequests(origin);
    }

    @Test
    void theOverviewShowsEveryBridgeIncludingTheCrossPatchedOne() throws Exception {
        driver.get("http://" + origin + "/overview");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> driver.findElements(By.cssSelector(".bridge-card")).size() == 3);
        WebElement crosspatch = driver.findElement(By.cssSelector(".bridge-card[data-bridge='5555-6666']"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> crosspatch
                        .findElement(By.cssSelector(".badge.state"))
                        .getText()
                        .equals("connected"));
        assertThat(crosspatch.findElement(By.cssSelector(".badge.mode")).getText())
                .isEqualTo("crosspatch");
        WebElement meter = crosspatch.findElement(By.cssSelector("tr[data-leg='5555'] .meter.in"));
        String first = meter.getDomAttribute("data-dbfs");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !meter.getDomAttribute("data-dbfs").equals(first));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> driver.findElement(By.cssSelector(".bridge-card[data-bridge='3333-4444'] .last-utt"))
                        .getText()
                        .contains("→"));

        screenshot("overview.png");
        assertNoConsoleErrors();
        assertOnlySameOriginRequests(origin);
    }

    @Test
    void theCrossPatchedBridgePageHasNoTranslationPanels() throws Exception {
        driver.get("http://" + origin + "/bridges/5555-6666");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> driver.findElement(By.id("crosspatch-note")).isDisplayed());
        assertThat(driver.findElement(By.id("translation")).isDisplayed()).isFalse();
        assertThat(driver.findElements(By.cssSelector(".leg"))).hasSize(2);
        screenshot("bridge-5555-6666.png");
        assertNoConsoleErrors();
    }

    @Test
    void theExternalMediaBridgeHasItsOwnDashboardPort() throws Exception {
        String external =
                "127.0.0.1:" + monitor.dashboardPort(MonitorPlans.EXTERNAL).orElseThrow();
        driver.get("http://" + external + "/");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> driver.findElement(By.id("conn")).getText().equals("live"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("7777-8888");
        assertThat(driver.findElements(By.cssSelector(".leg"))).hasSize(2);
        assertNoConsoleErrors();
        assertOnlySameOriginRequests(external);
    }

    /** Issue 10: a full or read-only disk under the transcript log is said on the page, until it recovers. */
    @Test
    void aTranscriptLogThatCannotBeWrittenIsShownOnTheBridgePage() throws Exception {
        String external =
                "127.0.0.1:" + monitor.dashboardPort(MonitorPlans.EXTERNAL).orElseThrow();
        driver.get("http://" + external + "/");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> driver.findElement(By.id("conn")).getText().equals("live"));
        assertThat(driver.findElement(By.id("transcript-alert")).isDisplayed()).isFalse();

        bus.publish(new TranscriptState(
                System.currentTimeMillis(),
                MonitorPlans.EXTERNAL,
                "transcripts/7777-8888.jsonl",
                false,
                "the disk is full (No space left on device)",
                3,
                0));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> driver.findElement(By.id("transcript-alert")).isDisplayed());
        assertThat(driver.findElement(By.id("transcript-alert")).getText())
                .contains(
                        "Transcripts are not being saved to transcripts/7777-8888.jsonl",
                        "the disk is full",
                        "3 waiting",
                        "Calls are not affected");
        screenshot("bridge-transcript-failing.png");

        bus.publish(new TranscriptState(
                System.currentTimeMillis(), MonitorPlans.EXTERNAL, "transcripts/7777-8888.jsonl", true, "", 0, 0));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !driver.findElement(By.id("transcript-alert")).isDisplayed());
        assertNoConsoleErrors();
    }

    @Test
    void aPageReconnectsByItselfWhenTheMonitorComesBack() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        var config = MonitorPlans.plan(
                "127.0.0.1", MonitorSettings.DEFAULT, OptionalInt.of(port), OptionalInt.empty(), OptionalInt.empty());
        EventBus own = new EventBus();
        try {
            try (Monitor first = Monitor.start(config, own)) {
                driver.get("http://127.0.0.1:" + port + "/");
                await().atMost(Duration.ofSeconds(10)).until(() -> connection().equals("live"));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !connection().equals("live"));
            try (Monitor second = Monitor.start(config, own)) {
                new CallScript(own, MonitorPlans.TRANSLATED).legStats("3333");
                await().atMost(Duration.ofSeconds(15)).until(() -> connection().equals("live"));
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> !driver.findElement(
                                        By.cssSelector(".leg[data-leg='3333'] [data-field='packetsIn']"))
                                .getText()
                                .equals("–"));
            }
        } finally {
            driver.get("about:blank"); // stop its retries before the next test reads the console
        }
    }

    @Test
    void aTokenInThePageAddressIsKeptForItsWebSocketAndLinks() throws Exception {
        try (Monitor guarded = Monitor.start(MonitorPlans.withToken("s3cret"), new EventBus())) {
            String at = "127.0.0.1:"
                    + guarded.dashboardPort(MonitorPlans.TRANSLATED).orElseThrow();
            driver.get("http://" + at + "/?token=s3cret");

            await().atMost(Duration.ofSeconds(10)).until(() -> connection().equals("live"));
            assertThat(driver.findElement(By.id("overview-link")).getDomAttribute("href"))
                    .isEqualTo("/overview?token=s3cret");
            assertNoConsoleErrors();
        } finally {
            driver.get("about:blank");
        }
    }

    private static String connection() {
        return driver.findElement(By.id("conn")).getDomAttribute("data-conn");
    }

    private static void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }

    private static void assertNoConsoleErrors() {
        chromium.assertNoConsoleErrors();
    }

    private static void assertOnlySameOriginRequests(String hostPort) throws IOException {
        chromium.assertOnlySameOriginRequests(hostPort);
    }
}
