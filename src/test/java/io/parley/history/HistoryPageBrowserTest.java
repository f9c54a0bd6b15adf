package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.config.HistorySettings;
import io.parley.monitor.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The History page in a real headless Chromium, on a real history (SQLite) of two calls: a
 * translated one from a bridge's events, and a cross-patched one that really carried audio and was
 * recorded. The list filters by what was said; one call shows its legs' figures, its transcript on
 * a timeline, its faults, and plays its recordings.
 */
class HistoryPageBrowserTest {
    @TempDir
    Path dir;

    @Test
    void theHistoryPageListsSearchesAndShowsACallWithItsTranscriptTimelineAndRecordings() throws Exception {
        HistorySettings settings = new HistorySettings(
                true, dir, Optional.empty(), 90, "node-a", new HistorySettings.Recordings(List.of(CallRig.BRIDGE), 30));
        try (CallRig rig = new CallRig(settings, 1000, List.of(CallEvents.CONFIG));
                HeadlessChromium chromium = new HeadlessChromium()) {
            new CallEvents(rig.bus::publish).rtpOnlyCall(System.currentTimeMillis() - 120_000);
            rig.startCall(10);
            rig.talkFor(3);
            // Without signalling the bridge ends the call some seconds after the media stopped.
            await().atMost(Duration.ofSeconds(40))
                    .until(() -> rig.history.archive().search(CallQuery.all()).stream()
                                    .filter(c -> c.endedAt() != null)
                                    .count()
                            == 2);
            String recorded = rig.history.archive().search(CallQuery.all()).stream()
                    .filter(c -> c.bridge().equals(CallRig.BRIDGE))
                    .findFirst()
                    .orElseThrow()
                    .id();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> rig.history.archive().find(recorded).orElseThrow().recordings().stream()
                            .allMatch(r -> r.durationMillis() > 2000));

            WebDriver driver = chromium.driver();
            chromium.clearLogs();
            driver.get("http://" + rig.origin() + "/history");
            await().atMost(Duration.ofSeconds(10)).until(() -> rows(driver).size() == 2);

            // Search by a word said in French, accents folded.
            driver.findElement(By.id("f-q")).sendKeys("etes");
            driver.findElement(By.id("f-search")).click();
            await().atMost(Duration.ofSeconds(10))
                    .ignoreException(StaleElementReferenceException.class)
                    .until(() -> rows(driver).size() == 1
                            && rows(driver).getFirst().getText().contains(CallEvents.BRIDGE));
            rows(driver).getFirst().click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> driver.findElement(By.id("detail")).isDisplayed());
            List<WebElement> utterances = driver.findElements(By.cssSelector("#d-transcript .utt"));
            assertThat(utterances).hasSize(2);
            assertThat(utterances.getFirst().getText())
                    .contains("Hello, can you hear me?")
                    .contains("Bonjour, vous m'entendez ?")
                    .contains("played");
            assertThat(utterances.get(1).findElements(By.cssSelector(".timing .seg")))
                    .hasSize(4);
            assertThat(driver.findElements(By.cssSelector("#d-timeline .lane"))).hasSize(2);
            assertThat(driver.findElements(By.cssSelector("#d-timeline .block.said")))
                    .hasSize(2);
            assertThat(driver.findElements(By.cssSelector("#d-timeline .block.played")))
                    .hasSize(2);
            assertThat(driver.findElement(By.cssSelector("#d-legs tr[data-leg='3333'] td[data-field='packets']"))
                            .getText())
                    .isEqualTo("510 / 510");
            assertThat(driver.findElement(By.cssSelector("#d-legs tr[data-leg='3333'] td[data-field='malformed']"))
                            .getText())
                    .isEqualTo("too_short 2");
            assertThat(driver.findElement(By.id("d-faults")).getText()).contains("decoder hung; restarted");
            chromium.screenshot("history-translated-call.png");

            // The recorded call: clear the search, open it, and play what each caller said and heard.
            driver.findElement(By.id("f-q")).clear();
            driver.findElement(By.id("f-search")).click();
            await().atMost(Duration.ofSeconds(10))
                    .ignoreException(StaleElementReferenceException.class)
                    .until(() -> rows(driver).size() == 2);
            driver.findElement(By.cssSelector("#calls tbody tr[data-call='" + recorded + "']"))
                    .click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            recorded.equals(driver.findElement(By.id("detail")).getDomAttribute("data-call")));
            assertThat(driver.findElement(By.id("d-transcript")).getText()).contains("cross-patches audio");
            List<WebElement> players = driver.findElements(By.cssSelector("#d-recordings audio"));
            assertThat(players).hasSize(4);
            JavascriptExecutor js = (JavascriptExecutor) driver;
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> (Boolean)
                            js.executeScript("return Array.from(document.querySelectorAll('#d-recordings audio'))"
                                    + ".every(a => a.readyState >= 1 && a.duration > 2);"));
            // Cut at the end of the call's media, not at the moment the bridge noticed it (10 s later).
            assertThat(((Number) js.executeScript("return Math.max(...Array.from("
                                    + "document.querySelectorAll('#d-recordings audio')).map(a => a.duration));"))
                            .doubleValue())
                    .isLessThan(5.0);
            assertThat(driver.findElement(By.id("d-timeline")).isDisplayed())
                    .as("no timeline without speech")
                    .isFalse();
            Object played = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "const a = document.querySelector('#d-recordings audio[data-kind=heard]');"
                    + "a.muted = true; a.play().then(() => setTimeout(() => done(a.currentTime), 500),"
                    + " e => done('refused: ' + e));");
            assertThat(played).isInstanceOf(Number.class);
            assertThat(((Number) played).doubleValue()).as("seconds played").isPositive();
            chromium.screenshot("history-recorded-call.png");

            chromium.assertNoConsoleErrors();
            // data: URLs are the browser's own icons (the date and audio controls): they never leave it.
            assertThat(chromium.requestedUrls())
                    .filteredOn(u -> !u.startsWith("data:"))
                    .isNotEmpty()
                    .anyMatch(u -> u.contains("/recordings/5101/said.wav"))
                    .allSatisfy(u -> assertThat(u).startsWith("http://" + rig.origin() + "/"));
        }
    }

    private static List<WebElement> rows(WebDriver driver) {
        return driver.findElements(By.cssSelector("#calls tbody tr"));
    }
}
