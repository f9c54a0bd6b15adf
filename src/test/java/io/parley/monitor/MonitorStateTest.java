package io.parley.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.event.AriState;
import io.parley.event.BridgeState;
import io.parley.event.CallEvent;
import io.parley.event.EngineFault;
import io.parley.event.LegStats;
import io.parley.event.ParleyEvent;
import io.parley.event.TranscriptState;
import io.parley.event.UtteranceEvent;
import io.parley.event.UtteranceEvent.Stage;
import io.parley.event.UtteranceEvent.Times;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state model alone: events in, status document out. */
class MonitorStateTest {
    private static final long T = 1_700_000_000_000L;
    private final SelfCounters counters = new SelfCounters(() -> 7);
    private final MonitorState state = new MonitorState(MonitorPlans.defaultPlan(), T, counters);
    private final UtteranceProgress progress = new UtteranceProgress(64);

    private void apply(ParleyEvent e) {
        state.apply(e, e instanceof UtteranceEvent u ? progress.advance(u) : UtteranceProgress.Step.NOTHING);
    }

    private static LegStats stats(String leg, long packetsIn, long lost, double levelIn) {
        return new LegStats(
                T,
                "3333-4444",
                leg,
                "ULAW",
                "127.0.0.1:4020",
                new LegStats.Flow(packetsIn, 0, levelIn),
                new LegStats.Flow(packetsIn, 0, Double.NEGATIVE_INFINITY),
                new LegStats.Network(lost, 0, 0, Double.NaN),
                new LegStats.Playout(0, 0, 0, 40, 60),
                Map.of());
    }

    @Test
    void beforeAnyEventEveryPlannedBridgeIsIdleWithItsLegs() {
        StatusDocument doc = state.snapshot();

        assertThat(doc.bridges())
                .extracting(StatusDocument.Bridge::name)
                .containsExactly("3333-4444", "5555-6666", "7777-8888");
        assertThat(doc.bridges()).allSatisfy(b -> assertThat(b.state()).isEqualTo("idle"));
        StatusDocument.Leg leg = doc.bridges().get(2).legs().getFirst();
        assertThat(leg.extension()).isEqualTo("7777");
        assertThat(leg.codec()).isEqualTo("slin16");
        assertThat(leg.ports()).containsExactly(7000, 7001);
        assertThat(leg.stats()).isNull();
        assertThat(doc.ari().state()).isEqualTo("unknown");
        assertThat(doc.monitor().eventsDropped()).isEqualTo(7);
        assertThat(doc.startedAt()).isEqualTo(T);
    }

    @Test
    void legStatisticsKeepTheLatestAndAHistoryOfLevelsWithSilenceClamped() {
        apply(stats("3333", 100, 0, -20));
        apply(stats("3333", 200, 50, Double.NEGATIVE_INFINITY));

        StatusDocument.Leg leg = state.snapshot().bridges().getFirst().legs().getFirst();
        assertThat(leg.stats().packetsIn()).isEqualTo(200);
        assertThat(leg.stats().lossRatio()).isEqualTo(0.2);
        assertThat(leg.stats().codec()).isEqualTo("ulaw");
        assertThat(leg.stats().jitterMillis()).isZero();
        assertThat(leg.stats().levelInDbfs()).isEqualTo(StatusDocument.Stats.FLOOR_DBFS);
        assertThat(leg.stats().levelOutDbfs()).isEqualTo(StatusDocument.Stats.FLOOR_DBFS);
        assertThat(leg.levelHistory().in()).containsExactly(-20.0, -100.0);
    }

    @Test
    void theLevelHistoryIsBounded() {
        for (int i = 0; i < LegTrack.HISTORY + 30; i++) {
            apply(stats("4444", i, 0, -i % 60));
        }
        StatusDocument.Leg leg = state.snapshot().bridges().getFirst().legs().get(1);
        assertThat(leg.levelHistory().in()).hasSize(LegTrack.HISTORY);
        assertThat(leg.levelHistory().in().getLast()).isEqualTo((double) (-(LegTrack.HISTORY + 29) % 60));
    }

    @Test
    void callsBridgeStatesAriAndFaultsAreTracked() {
        apply(new CallEvent(T, "3333-4444", "3333", CallEvent.Kind.STARTED, "chan-1", "from 3333"));
        apply(new BridgeState(T + 1, "3333-4444", "translate", BridgeState.State.WAITING, "waiting for 4444"));
        apply(new AriState(T + 2, "", AriState.State.DISCONNECTED, "http://127.0.0.1:8088", "refused"));
        apply(new EngineFault(T + 3, "3333-4444", "mt", "apertium", "pipeline hung", true));
        apply(new CallEvent(T + 4, "3333-4444", "4444", CallEvent.Kind.REFUSED, "chan-2", "busy"));

        StatusDocument doc = state.snapshot();
        StatusDocument.Bridge b = doc.bridges().getFirst();
        assertThat(b.state()).isEqualTo("waiting");
        assertThat(b.stateDetail()).isEqualTo("waiting for 4444");
        assertThat(b.legs().getFirst().call()).isEqualTo(new StatusDocument.Call(true, "chan-1", T, "from 3333"));
        assertThat(b.legs().get(1).call().active()).isFalse();
        assertThat(b.calls()).isEqualTo(new StatusDocument.Calls(1, 0, 1));
        assertThat(b.faults()).extracting(StatusDocument.Fault::message).containsExactly("pipeline hung");
        assertThat(doc.ari())
                .isEqualTo(new StatusDocument.Ari("disconnected", "http://127.0.0.1:8088", "refused", T + 2));
    }

    @Test
    void utterancesKeepTheirLatestVersionAndFeedTheHistograms() {
        Times recognised = new Times(T, T + 1000, T + 1200, 0, 0, 0, 0);
        Times played = new Times(T, T + 1000, T + 1200, T + 1210, T + 1300, T + 1700, T + 3000);
        apply(new UtteranceEvent(
                T, "3333-4444", 9, "3333->4444", "en", "fr", Stage.RECOGNISED, "", "Hello.", "", recognised, ""));
        apply(new UtteranceEvent(
                T, "3333-4444", 9, "3333->4444", "en", "fr", Stage.PLAYED, "", "Hello.", "Bonjour.", played, ""));

        StatusDocument.Bridge b = state.snapshot().bridges().getFirst();
        assertThat(b.utterances()).hasSize(1);
        StatusDocument.Utterance u = b.utterances().getFirst();
        assertThat(u.stage()).isEqualTo("played");
        assertThat(u.translation()).isEqualTo("Bonjour.");
        assertThat(u.durations()).isEqualTo(new StatusDocument.Durations(200L, 10L, 90L, 400L, 700L));
        assertThat(b.latency().stages().get("stt").count()).isEqualTo(1);
        assertThat(b.latency().stages().get("total").counts().get(3)).isEqualTo(1); // 700 ms: (500, 750]
    }

    @Test
    void aBridgeOutsideThePlanIsShownRatherThanDropped() {
        apply(new LegStats(
                T,
                "9999-0000",
                "9999",
                "alaw",
                "",
                new LegStats.Flow(1, 1, -30),
                new LegStats.Flow(1, 1, -30),
                LegStats.Network.NONE,
                LegStats.Playout.NONE,
                Map.of()));

        assertThat(state.knows("9999-0000")).isTrue();
        StatusDocument.Bridge b =
                state.snapshot(n -> n.equals("9999-0000")).bridges().getFirst();
        assertThat(b.mode()).isEmpty();
        assertThat(b.legs()).extracting(StatusDocument.Leg::extension).containsExactly("9999");
    }

    @Test
    void aPerBridgeEventWithoutABridgeIsCountedButNotShown() {
        apply(new CallEvent(T, "", "3333", CallEvent.Kind.STARTED, "chan", ""));

        StatusDocument doc = state.snapshot();
        assertThat(doc.monitor().eventsReceived()).isEqualTo(1);
        assertThat(doc.bridges()).hasSize(3);
    }

    @Test
    void aTranscriptLogThatCannotBeWrittenIsShownUntilItRecovers() {
        StatusDocument.Transcript before = state.snapshot().bridges().getFirst().transcript();
        assertThat(before.state()).isEqualTo("ok");
        assertThat(before.file()).endsWith("3333-4444.jsonl");

        apply(new TranscriptState(T, "3333-4444", "t/3333-4444.jsonl", false, "the disk is full", 1, 0));
        apply(new TranscriptState(T + 5000, "3333-4444", "t/3333-4444.jsonl", false, "the disk is full", 2, 0));
        StatusDocument.Transcript failing =
                state.snapshot().bridges().getFirst().transcript();
        assertThat(failing)
                .isEqualTo(new StatusDocument.Transcript("t/3333-4444.jsonl", "failing", "the disk is full", T, 2, 0));
        assertThat(StatusSchema.violations(Json.write(state.snapshot()))).isEmpty();

        apply(new TranscriptState(T + 9000, "3333-4444", "t/3333-4444.jsonl", true, "", 0, 0));
        assertThat(state.snapshot().bridges().getFirst().transcript().state()).isEqualTo("ok");
        assertThat(state.snapshot().bridges().getFirst().transcript().since()).isEqualTo(T + 9000);
    }

    @Test
    void theDocumentConformsToThePublishedSchemaWithNullsAndNonFiniteLevels() {
        apply(stats("3333", 10, 0, Double.NaN));
        apply(new UtteranceEvent(
                T, "3333-4444", 1, "3333->4444", "en", "fr", Stage.PARTIAL, "Hel", "", "", null, null));
        String json = Json.write(state.snapshot());
        assertThat(StatusSchema.violations(json)).isEmpty();
        assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
    }
}
