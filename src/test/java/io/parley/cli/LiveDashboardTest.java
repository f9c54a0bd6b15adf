package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.audio.AudioClip;
import io.parley.audio.LevelMeter;
import io.parley.audio.WavFile;
import io.parley.config.ConfigLoader;
import io.parley.monitor.HeadlessChromium;
import io.parley.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The main job, {@code parley demo}, with its dashboard watched in a real headless Chromium: the
 * simulated callers' levels move on the page, their transcript appears with its translation, the
 * demo prints each utterance and writes what each caller heard.
 */
class LiveDashboardTest {

    @Test
    void theDemoTranslatesAndItsDashboardShowsIt(@TempDir Path recordings, @TempDir Path dir) throws Exception {
        // The default plan on free ports, its transcripts and history in the test's directory.
        // The dashboard is under test here, not the pipeline's speed (TranslationBridgeTest and the calls
        // through the real Asterisk hold that): on two cores shared with other tests the sentence can take
        // seconds to recognise, and its translation must still play rather than be dropped as too late.
        String defaultPlan = ConfigLoader.defaultText();
        assertThat(defaultPlan).contains("maxLagMs: 4000");
        String yaml = FreePorts.yaml(defaultPlan.replace("maxLagMs: 4000", "maxLagMs: 30000"), dir);
        Path config = dir.resolve("parley.yaml");
        Files.writeString(config, yaml);
        String origin = "127.0.0.1:"
                + new ConfigLoader(Map.of())
                        .parse(yaml, "free")
                        .bridge("3333-4444")
                        .orElseThrow()
                        .dashboard()
                        .orElseThrow();
        // The browser starts first: on a fresh machine its first start can take longer than the demo lasts.
        CompletableFuture<Cli> demo;
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            WebDriver driver = chromium.driver();
            demo = CompletableFuture.supplyAsync(() -> Cli.run(
                    "demo",
                    "--config",
                    config.toString(),
                    "--lines",
                    "1",
                    "--linger",
                    "0",
                    "--out",
                    recordings.toString()));
            Exception[] lastFailure = {null};
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (demo.isDone()) {
                            throw new AssertionError("the demo ended before its dashboard was seen (last page error: "
                                    + lastFailure[0] + "):\n" + demo.get().out()
                                    + demo.get().err());
                        }
                        try {
                            // Load until the bridge's page is served (before the port answers, Chromium shows its
                            // own error page, which has no #conn), then wait for its WebSocket without reloading:
                            // reloading on every poll would never give a slow machine's socket time to open.
                            if (!driver.getCurrentUrl().startsWith("http://" + origin + "/")
                                    || driver.findElements(By.id("conn")).isEmpty()) {
                                driver.get("http://" + origin + "/monitoring-dashboard.html");
                            }
                            return driver.findElement(By.id("conn")).getText().equals("live");
                        } catch (RuntimeException e) {
                            lastFailure[0] = e;
                            return false;
                        }
                    });
            chromium.clearLogs();
            driver.navigate().refresh();
            // The English caller speaks a few seconds after the calls start: its meter must rise to speech level.
            double[] loudest = {-200};
            Set<String> readings = new HashSet<>();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> {
                        String dbfs = driver.findElement(By.cssSelector(".leg[data-leg='3333'] .meter.in"))
                                .getDomAttribute("data-dbfs");
                        readings.add(dbfs);
                        loudest[0] = Math.max(loudest[0], Double.parseDouble(dbfs));
                        return loudest[0] > -40
                                && readings.size() > 2
                                && driver.findElements(By.cssSelector(".utt .translation")).stream()
                                        .anyMatch(e -> !e.getText().isBlank());
                    });
            // The French recogniser is missing: the page names the one command that installs it. The list is
            // redrawn with each pushed status, so an element found may be gone when its text is read: read again.
            await().atMost(Duration.ofSeconds(5))
                    .ignoreExceptions()
                    .untilAsserted(
                            () -> assertThat(driver.findElements(By.cssSelector("#engines li.unavailable .reason")))
                                    .anyMatch(e -> e.getText().contains("parley models install vosk-fr")));
            chromium.screenshot("live-3333-4444.png");
            chromium.assertNoConsoleErrors();
            chromium.assertOnlySameOriginRequests(origin);
        }

        Cli result = demo.get(120, TimeUnit.SECONDS);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("3333 (en) said:")
                .contains("4444 (fr) hears:")
                .contains("7777 (en) said:")
                .contains("8888 (fr) hears:")
                .contains("first audio to the caller")
                .contains("no French recogniser configured")
                .contains("parley models install vosk-fr")
                .contains("passes untranslated");
        Path heard = recordings.resolve("3333-4444-4444-heard.wav");
        AudioClip clip = WavFile.read(heard);
        assertThat(clip.durationMillis()).isGreaterThan(5_000);
        assertThat(LevelMeter.rmsDbfs(clip.samples(), 0, clip.samples().length)).isGreaterThan(-50);
        assertThat(Files.list(recordings)
                        .filter(p -> p.toString().endsWith(".wav"))
                        .count())
                .isEqualTo(6);
    }
}
