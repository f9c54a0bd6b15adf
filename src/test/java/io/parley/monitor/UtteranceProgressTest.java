package io.parley.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.event.UtteranceEvent;
import io.parley.event.UtteranceEvent.Stage;
import io.parley.event.UtteranceEvent.Times;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An utterance published again and again is measured once per stage and ends once. */
class UtteranceProgressTest {
    private static final long T = 1_700_000_000_000L;

    private static UtteranceEvent u(String bridge, long id, Stage stage, Times times) {
        return new UtteranceEvent(T, bridge, id, "3333->4444", "en", "fr", stage, "", "", "", times, "");
    }

    @Test
    void eachStageIsMeasuredWhenBothItsMilestonesFirstAppear() {
        UtteranceProgress p = new UtteranceProgress(16);

        assertThat(p.advance(u("b", 1, Stage.PARTIAL, new Times(T, 0, 0, 0, 0, 0, 0))))
                .isEqualTo(UtteranceProgress.Step.NOTHING);
        assertThat(p.advance(u("b", 1, Stage.RECOGNISED, new Times(T, T + 1000, T + 1300, 0, 0, 0, 0)))
                        .measured())
                .containsExactly(Map.entry(LatencyStage.STT, 300L));
        // Published again unchanged: nothing new.
        assertThat(p.advance(u("b", 1, Stage.RECOGNISED, new Times(T, T + 1000, T + 1300, 0, 0, 0, 0))))
                .isEqualTo(UtteranceProgress.Step.NOTHING);
        assertThat(p.advance(u("b", 1, Stage.TRANSLATED, new Times(T, T + 1000, T + 1300, T + 1305, 0, 0, 0)))
                        .measured())
                .containsExactly(Map.entry(LatencyStage.MT, 5L));
        UtteranceProgress.Step playing =
                p.advance(u("b", 1, Stage.PLAYING, new Times(T, T + 1000, T + 1300, T + 1305, T + 1340, T + 1400, 0)));
        assertThat(playing.measured())
                .containsExactly(
                        Map.entry(LatencyStage.TTS, 35L),
                        Map.entry(LatencyStage.QUEUE, 60L),
                        Map.entry(LatencyStage.TOTAL, 400L));
        assertThat(playing.ended()).isFalse();
        UtteranceProgress.Step played = p.advance(
                u("b", 1, Stage.PLAYED, new Times(T, T + 1000, T + 1300, T + 1305, T + 1340, T + 1400, T + 2500)));
        assertThat(played.ended()).isTrue();
        assertThat(played.measured()).isEmpty();
        assertThat(p.advance(u(
                                "b",
                                1,
                                Stage.PLAYED,
                                new Times(T, T + 1000, T + 1300, T + 1305, T + 1340, T + 1400, T + 2500)))
                        .ended())
                .isFalse();
    }

    @Test
    void theSameIdOnAnotherBridgeIsAnotherUtterance() {
        UtteranceProgress p = new UtteranceProgress(16);
        Times t = new Times(T, T + 1000, T + 1300, 0, 0, 0, 0);
        assertThat(p.advance(u("a", 1, Stage.RECOGNISED, t)).measured()).hasSize(1);
        assertThat(p.advance(u("b", 1, Stage.RECOGNISED, t)).measured()).hasSize(1);
    }

    @Test
    void aDroppedUtteranceEndsWithoutTimings() {
        UtteranceProgress p = new UtteranceProgress(16);
        UtteranceProgress.Step step = p.advance(u("b", 3, Stage.DROPPED, Times.NONE));
        assertThat(step.ended()).isTrue();
        assertThat(step.measured()).isEmpty();
    }

    @Test
    void aMilestoneBeforeItsPredecessorCountsAsZero() {
        UtteranceProgress p = new UtteranceProgress(16);
        assertThat(p.advance(u("b", 1, Stage.RECOGNISED, new Times(T, T + 1000, T + 900, 0, 0, 0, 0)))
                        .measured())
                .containsExactly(Map.entry(LatencyStage.STT, 0L));
    }

    @Test
    void onlyTheMostRecentUtterancesAreRemembered() {
        UtteranceProgress p = new UtteranceProgress(2);
        Times t = new Times(T, T + 1000, T + 1300, 0, 0, 0, 0);
        p.advance(u("b", 1, Stage.RECOGNISED, t));
        p.advance(u("b", 2, Stage.RECOGNISED, t));
        p.advance(u("b", 3, Stage.RECOGNISED, t));
        assertThat(p.advance(u("b", 3, Stage.RECOGNISED, t))).isEqualTo(UtteranceProgress.Step.NOTHING);
        // Id 1 was forgotten, so it is measured again: the capacity bounds memory, at this price.
        assertThat(p.advance(u("b", 1, Stage.RECOGNISED, t)).measured()).hasSize(1);
    }
}
