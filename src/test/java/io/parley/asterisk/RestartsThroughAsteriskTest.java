package io.parley.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.config.ParleyConfig;
import io.parley.event.AriState;
import io.parley.event.CallEvent;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Asterisk 22 or parley restarted in the middle of a call: parley reconnects and reconciles,
 * nothing of parley's stays in Asterisk, and the next calls work.
 */
class RestartsThroughAsteriskTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static RealAsterisk asterisk;
    private static ParleyConfig config;
    private static String tone;
    private ParleyOnAsterisk parley;

    @BeforeAll
    static void start() throws Exception {
        asterisk = RealAsterisk.start();
        config = FreePlan.only(
                FreePlan.defaultBridges(asterisk, "parley", Files.createTempDirectory("parley-transcripts")),
                "5555-6666");
        tone = asterisk.sound("tone1000", DefaultBridgesThroughAsteriskTest.tone(1000, 1.5));
    }

    @AfterEach
    void stopParley() {
        if (parley != null) {
            parley.close();
        }
    }

    @AfterAll
    static void stop() {
        if (asterisk != null) {
            asterisk.close();
        }
    }

    /** Both legs in a call (neither caller says anything). */
    private void callInProgress() {
        asterisk.silent("5555", 60);
        asterisk.silent("6666", 60);
        await().atMost(WAIT)
                .until(() -> parley.calls(CallEvent.Kind.STARTED, "5555").size() == 1
                        && parley.calls(CallEvent.Kind.STARTED, "6666").size() == 1);
    }

    /**
     * A new call on both legs: the listener hears the talker's tone, which plays once parley has both
     * legs connected (however long that takes after a restart); the listener stays until the talker is done.
     */
    private void aNewCallWorks() {
        RealAsterisk.Call listener = asterisk.listen("6666", 20);
        RealAsterisk.Call talker = asterisk.talkOnCue("5555", tone, 1.5, 0.5);
        parley.awaitConnected(listener, talker);
        talker.cue();
        talker.heard(WAIT);
        listener.hangUp();
        Heard heard = Heard.of(listener.heard(WAIT));
        assertThat(heard.framesWith(1000))
                .as("the new call is heard\n" + heard.picture())
                .isGreaterThanOrEqualTo(70);
    }

    private static boolean parleysLeftovers(List<JsonNode> resources) {
        return resources.stream().anyMatch(r -> r.path("id").asText().startsWith("parley-"));
    }

    @Test
    void asteriskRestartedDuringACallParleyReconnectsEndsTheLostCallsAndTakesNewOnes() throws Exception {
        parley = ParleyOnAsterisk.start(config, asterisk);
        callInProgress();

        asterisk.restart();
        await().atMost(WAIT)
                .alias("parley reconnected to the restarted Asterisk")
                .until(() -> {
                    List<AriState> states = parley.all(AriState.class);
                    int down = states.stream().map(AriState::state).toList().lastIndexOf(AriState.State.DISCONNECTED);
                    return down >= 0
                            && states.subList(down, states.size()).stream()
                                    .anyMatch(s -> s.state() == AriState.State.CONNECTED);
                });
        await().atMost(WAIT)
                .until(() -> parley.calls(CallEvent.Kind.ENDED, "5555").size() == 1
                        && parley.calls(CallEvent.Kind.ENDED, "6666").size() == 1);
        assertThat(parleysLeftovers(asterisk.channels())).isFalse();
        assertThat(parleysLeftovers(asterisk.bridges())).isFalse();
        aNewCallWorks();
    }

    @Test
    void parleyRestartedDuringACallRemovesWhatItsEarlierRunLeftAtStart() throws Exception {
        parley = ParleyOnAsterisk.start(config, asterisk);
        callInProgress();
        parley.close(); // calls in progress are left to Asterisk
        assertThat(parleysLeftovers(asterisk.bridges()))
                .as("the earlier run's bridges are still there")
                .isTrue();
        assertThat(parleysLeftovers(asterisk.channels())).isTrue();

        parley = ParleyOnAsterisk.start(config, asterisk);
        await().atMost(WAIT)
                .alias("leftovers removed")
                .until(() -> asterisk.channels().isEmpty() && asterisk.bridges().isEmpty());
        aNewCallWorks();
    }
}
