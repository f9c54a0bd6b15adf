package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.event.BridgeState;
import io.parley.event.CallEvent;
import io.parley.event.UtteranceEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Call records from bus events, without a database: what the tracker writes, row by row. */
class CallTrackerTest {
    private static final long T0 = 1_800_000_000_000L;

    private final List<Write> writes = new ArrayList<>();
    private final List<String> heard = new ArrayList<>();
    private final CallTracker tracker =
            new CallTracker("node-a", List.of(CallEvents.CONFIG), writes::add, new CallListener() {
                @Override
                public void started(String bridge, String callId, long at) {
                    heard.add("started " + bridge + " " + at);
                }

                @Override
                public void ended(String bridge, String callId, long at) {
                    heard.add("ended " + bridge + " " + at);
                }
            });
    private final CallEvents events = new CallEvents(tracker::apply);

    /** The latest version of every row written, by key. */
    private Map<String, Write> rows() {
        Map<String, Write> latest = new LinkedHashMap<>();
        for (Write w : writes) {
            String key = switch (w) {
                case CallRow c -> "call " + c.id();
                case LegRow l -> "leg " + l.callId() + " " + l.extension();
                case UtteranceRow u -> "utt " + u.callId() + " " + u.utteranceId();
                case FaultRow f -> "fault " + f.callId() + " " + f.at();
                case RecordingRow r -> "rec " + r.callId() + r.extension() + r.kind();
                case Purge p -> "purge";
            };
            latest.put(key, w);
        }
        return latest;
    }

    private List<CallRow> calls() {
        return rows().values().stream()
                .filter(CallRow.class::isInstance)
                .map(CallRow.class::cast)
                .toList();
    }

    private LegRow leg(String callId, String extension) {
        return (LegRow) rows().get("leg " + callId + " " + extension);
    }

    @Test
    void aCallWithoutSignallingLastsFromTheFirstPacketToTheLastAndCountsOnlyItsOwnMedia() {
        events.rtpOnlyCall(T0);

        List<CallRow> calls = calls();
        assertThat(calls).hasSize(1);
        CallRow call = calls.getFirst();
        assertThat(call.node()).isEqualTo("node-a");
        assertThat(call.mode()).isEqualTo("translate");
        assertThat(call.startedAt()).isEqualTo(T0);
        assertThat(call.answeredAt()).isEqualTo(T0 + 1000);
        // The bridge went idle 10 s after the media stopped; the call ended with the media.
        assertThat(call.endedAt()).isEqualTo(T0 + 10_000);
        assertThat(call.durationMillis()).isEqualTo(10_000);
        assertThat(call.endedBy()).isEqualTo("3333");
        assertThat(call.endReason()).isEqualTo("media stopped");

        LegRow a = leg(call.id(), "3333");
        assertThat(a.packetsIn()).isEqualTo(510);
        assertThat(a.lost()).isEqualTo(5);
        assertThat(a.concealed()).isEqualTo(10);
        assertThat(a.malformed()).containsEntry("too_short", 2L);
        assertThat(a.maxJitterMillis()).isEqualTo(4.0);
        assertThat(a.language()).isEqualTo("en");
        assertThat(a.codec()).isEqualTo("ulaw");
        assertThat(a.remote()).isEqualTo("127.0.0.1:43333");
        assertThat(a.leftAt()).isEqualTo(T0 + 10_000);
        LegRow b = leg(call.id(), "4444");
        assertThat(b.packetsIn()).isEqualTo(460);
        assertThat(b.joinedAt()).isEqualTo(T0 + 1000);

        List<UtteranceRow> utterances = rows().values().stream()
                .filter(UtteranceRow.class::isInstance)
                .map(UtteranceRow.class::cast)
                .toList();
        assertThat(utterances).extracting(UtteranceRow::outcome).containsExactly("played", "played");
        assertThat(utterances.getFirst().speaker()).isEqualTo("3333");
        assertThat(utterances.getFirst().listener()).isEqualTo("4444");
        assertThat(utterances.getFirst().translation()).isEqualTo("Bonjour, vous m'entendez ?");
        assertThat(utterances.getFirst().times().playoutStart()).isEqualTo(T0 + 2000 + 1540);
        assertThat(rows().values()).filteredOn(FaultRow.class::isInstance).hasSize(1);
        assertThat(writes)
                .noneMatch(w -> w instanceof UtteranceRow u && u.outcome().equals("partial"));
        assertThat(heard).containsExactly("started 3333-4444 " + T0, "ended 3333-4444 " + (T0 + 10_000));
    }

    @Test
    void aSignalledCallEndsWhenItsLastCallerHangsUpAndSaysWhoHungUpFirst() {
        events.stats(T0 - 200, "3333", 0, 0);
        events.stats(T0 - 200, "4444", 0, 0);
        events.call(T0, "3333", CallEvent.Kind.STARTED, "bridged");
        events.state(T0 + 150, BridgeState.State.WAITING);
        events.call(T0 + 2000, "4444", CallEvent.Kind.STARTED, "bridged");
        events.state(T0 + 2100, BridgeState.State.CONNECTED);
        events.stats(T0 + 3000, "3333", 100, 1);
        events.call(T0 + 30_000, "4444", CallEvent.Kind.ENDED, "caller hung up");
        assertThat(calls().getFirst().endedAt()).as("one caller is still on").isNull();
        events.call(T0 + 30_100, "3333", CallEvent.Kind.ENDED, "partner left");
        events.state(T0 + 30_200, BridgeState.State.IDLE);

        assertThat(calls()).hasSize(1);
        CallRow call = calls().getFirst();
        assertThat(call.startedAt()).isEqualTo(T0);
        assertThat(call.answeredAt()).isEqualTo(T0 + 2100);
        assertThat(call.endedAt()).isEqualTo(T0 + 30_100);
        assertThat(call.endedBy()).isEqualTo("4444");
        assertThat(call.endReason()).isEqualTo("caller hung up");
        LegRow b = leg(call.id(), "4444");
        assertThat(b.channelId()).isEqualTo("chan-4444");
        assertThat(b.joinedAt()).isEqualTo(T0 + 2000);
        assertThat(b.leftAt()).isEqualTo(T0 + 30_000);
        assertThat(b.leftReason()).isEqualTo("caller hung up");
        assertThat(leg(call.id(), "3333").packetsIn()).isEqualTo(100);
    }

    @Test
    void anUtteranceStillPlayingWhenTheCallEndsStaysWithItsCallAndALaterOneBelongsToNone() {
        events.rtpOnlyCall(T0);
        String id = calls().getFirst().id();
        long end = T0 + 20_000;
        events.utterance(
                3,
                end - 500,
                "3333->4444",
                "en",
                "fr",
                UtteranceEvent.Stage.RECOGNISED,
                "One more thing.",
                "",
                new UtteranceEvent.Times(end - 2000, end - 1000, end - 500, 0, 0, 0, 0));
        events.utterance(
                3,
                end + 2000,
                "3333->4444",
                "en",
                "fr",
                UtteranceEvent.Stage.DROPPED,
                "One more thing.",
                "",
                new UtteranceEvent.Times(end - 2000, end - 1000, end - 500, 0, 0, 0, 0));
        events.utterance(
                4,
                end + 120_000,
                "3333->4444",
                "en",
                "fr",
                UtteranceEvent.Stage.RECOGNISED,
                "Stray.",
                "",
                UtteranceEvent.Times.NONE);

        UtteranceRow late = (UtteranceRow) rows().get("utt " + id + " 3");
        assertThat(late.outcome()).isEqualTo("dropped");
        assertThat(rows().keySet()).noneMatch(k -> k.endsWith(" 4"));
    }

    @Test
    void theNextCallOnALegCountsOnlyItsOwnPackets() {
        events.rtpOnlyCall(T0);
        long t1 = T0 + 60_000;
        events.stats(t1, "3333", 530, 1);
        events.state(t1, BridgeState.State.WAITING);
        events.stats(t1 + 200, "3333", 600, 1);
        events.state(t1 + 12_000, BridgeState.State.IDLE);

        assertThat(calls()).hasSize(2);
        CallRow second = calls().get(1);
        assertThat(second.startedAt()).isEqualTo(t1);
        assertThat(second.answeredAt()).isNull();
        assertThat(leg(second.id(), "3333").packetsIn())
                .as("600 less the 510 of the first call")
                .isEqualTo(90);
    }

    @Test
    void openCallsAreRewrittenEverySecondAndEndedWhenParleyStops() {
        events.stats(T0, "3333", 10, 1);
        events.state(T0, BridgeState.State.WAITING);
        int before = writes.size();
        for (long t = T0; t <= T0 + 3_000; t += 200) {
            tracker.tick(t);
        }
        // Rewritten three or four times in three seconds, at the call's own phase.
        List<CallRow> heartbeats = writes.subList(before, writes.size()).stream()
                .filter(CallRow.class::isInstance)
                .map(CallRow.class::cast)
                .toList();
        assertThat(heartbeats).hasSizeBetween(3, 4);
        for (int i = 1; i < heartbeats.size(); i++) {
            assertThat(heartbeats.get(i).updatedAt() - heartbeats.get(i - 1).updatedAt())
                    .isBetween(1_000L, 1_200L);
        }
        CallRow heartbeat = heartbeats.getLast();
        assertThat(heartbeat.updatedAt()).isGreaterThan(T0 + 1_800);
        assertThat(heartbeat.endedAt()).isNull();

        tracker.endAll(T0 + 5_000, "parley stopped");
        CallRow last = calls().getFirst();
        assertThat(last.endedAt()).isNotNull();
        assertThat(last.endedBy()).isEqualTo("parley");
        assertThat(last.endReason()).isEqualTo("parley stopped");
    }
}
