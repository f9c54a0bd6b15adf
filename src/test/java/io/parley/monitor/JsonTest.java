package io.parley.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.event.AriState;
import io.parley.event.BridgeState;
import io.parley.event.CallEvent;
import io.parley.event.EngineFault;
import io.parley.event.EngineStatus;
import io.parley.event.LegStats;
import io.parley.event.ParleyEvent;
import io.parley.event.UtteranceEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The feed's event lines: one line each, a type first, lower-case enums, no non-finite numbers. */
class JsonTest {
    private static final long T = 1_700_000_000_000L;

    @Test
    void everyKindOfEventHasItsTypeAndStaysOnOneLine() {
        List<ParleyEvent> events = List.of(
                new LegStats(
                        T,
                        "b",
                        "3333",
                        "ulaw",
                        "",
                        new LegStats.Flow(1, 3, Double.NEGATIVE_INFINITY),
                        new LegStats.Flow(2, 4, Double.NaN),
                        new LegStats.Network(5, 6, 7, 1.5),
                        new LegStats.Playout(8, 9, 10, 20, 40),
                        Map.of("too_short", 1L)),
                new BridgeState(T, "b", "translate", BridgeState.State.TRANSLATING, "line one\nline two"),
                new UtteranceEvent(
                        T,
                        "b",
                        1,
                        "3333->4444",
                        "en",
                        "fr",
                        UtteranceEvent.Stage.PLAYED,
                        "",
                        "Hi.",
                        "Salut.",
                        UtteranceEvent.Times.NONE,
                        ""),
                new EngineStatus(T, "b", "fr", "stt", "none", false, "set engines.stt.fr"),
                new EngineFault(T, "b", "tts", "espeak-ng", "exit 1", true),
                new CallEvent(T, "b", "3333", CallEvent.Kind.ENDED, "chan", "hung up"),
                new AriState(T, "", AriState.State.CONNECTING, "http://127.0.0.1:8088", ""));
        List<String> types =
                List.of("legStats", "bridgeState", "utterance", "engineStatus", "engineFault", "call", "ari");

        for (int i = 0; i < events.size(); i++) {
            String line = Json.eventLine(events.get(i));
            assertThat(line).startsWith("{\"type\":\"" + types.get(i) + "\",").doesNotContain("\n");
        }
        String stats = Json.eventLine(events.getFirst());
        assertThat(stats)
                .contains("\"levelInDbfs\":null")
                .contains("\"levelOutDbfs\":null")
                .contains("\"malformed\":{\"too_short\":1}");
        assertThat(stats)
                .as("the feed's leg statistics stay one flat object")
                .isEqualTo("{\"type\":\"legStats\",\"at\":" + T
                        + ",\"bridge\":\"b\",\"leg\":\"3333\",\"codec\":\"ulaw\",\"remote\":\"\",\"packetsIn\":1,\"packetsOut\":2,"
                        + "\"bytesIn\":3,\"bytesOut\":4,\"lost\":5,\"duplicates\":6,\"reordered\":7,\"late\":8,\"concealed\":9,"
                        + "\"discarded\":10,\"malformed\":{\"too_short\":1},\"jitterMillis\":1.5,\"bufferDepthMillis\":20,"
                        + "\"bufferTargetMillis\":40,\"levelInDbfs\":null,\"levelOutDbfs\":null}");
        assertThat(Json.eventLine(events.get(1))).contains("\"state\":\"translating\"");
        assertThat(Json.eventLine(events.get(2)))
                .contains("\"stage\":\"played\"")
                .contains("\"times\":{\"speechStart\":0,");
    }
}
