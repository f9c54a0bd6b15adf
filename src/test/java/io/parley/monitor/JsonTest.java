package io.parley.monitor;

import io.parley.event.AriState;
import io.parley.event.BridgeState;
import io.parley.event.CallEvent;
import io.parley.event.EngineFault;
import io.parley.event.EngineStatus;
import io.parley.event.LegStats;
import io.parley.event.ParleyEvent;
import io.parley.event.UtteranceEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The feed's event lines: one line each, a type first, lower-case enums, no non-finite numbers. */
class JsonTest {
    private static final long T = 1_700_000_000_000L;

    @Test
    void everyKindOfEventHasItsTypeAndStaysOnOneLine() {
        List<ParleyEvent> events = List.of(
                new LegStats(T, "b", "3333", "ulaw", "", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, Map.of("too_short", 1L), 1.5, 20,
                        40, Double.NEGATIVE_INFINITY, Double.NaN),
                new BridgeState(T, "b", "translate", BridgeState.State.TRANSLATING, "line one\nline two"),
                new UtteranceEvent(T, "b", 1, "3333->4444", "en", "fr", UtteranceEvent.Stage.PLAYED, "", "Hi.", "Salut.",
                        UtteranceEvent.Times.NONE, ""),
                new EngineStatus(T, "b", "fr", "stt", "none", false, "set engines.stt.fr"),
                new EngineFault(T, "b", "tts", "espeak-ng", "exit 1", true),
                new CallEvent(T, "b", "3333", CallEvent.Kind.ENDED, "chan", "hung up"),
                new AriState(T, "", AriState.State.CONNECTING, "http://127.0.0.1:8088", ""));
        List<String> types = List.of("legStats", "bridgeState", "utterance", "engineStatus", "engineFault", "call", "ari");

        for (int i = 0; i < events.size(); i++) {
            String line = Json.eventLine(events.get(i));
            assertThat(line).startsWith("{\"type\":\"" + types.get(i) + "\",").doesNotContain("\n");
        }
        String stats = Json.eventLine(events.getFirst());
        assertThat(stats).contains("\"levelInDbfs\":null").contains("\"levelOutDbfs\":null")
                .contains("\"malformed\":{\"too_short\":1}");
        assertThat(Json.eventLine(events.get(1))).contains("\"state\":\"translating\"");
        assertThat(Json.eventLine(events.get(2))).contains("\"stage\":\"played\"")
                .contains("\"times\":{\"speechStart\":0,");
    }
}
