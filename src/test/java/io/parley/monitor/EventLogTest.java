package io.parley.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.event.CallEvent;
import io.parley.event.UtteranceEvent;
import io.parley.event.UtteranceEvent.Stage;
import io.parley.event.UtteranceEvent.Times;
import org.junit.jupiter.api.Test;

/** The structured log lines, as a log shipper would parse them. */
class EventLogTest {
    private static final long T = 1_700_000_000_000L;

    @Test
    void aCallLineNamesBridgeLegAndChannel() {
        assertThat(EventLog.line(new CallEvent(T, "3333-4444", "3333", CallEvent.Kind.STARTED, "1700.42", "from 3333")))
                .isEqualTo("event=call_started bridge=3333-4444 leg=3333 channel=1700.42 detail=\"from 3333\"");
        assertThat(EventLog.line(new CallEvent(T, "3333-4444", "4444", CallEvent.Kind.ENDED, "1700.43", "")))
                .isEqualTo("event=call_ended bridge=3333-4444 leg=4444 channel=1700.43 detail=\"\"");
    }

    @Test
    void anUtteranceLineCarriesItsOutcomeTimingsAndTexts() {
        UtteranceEvent played = new UtteranceEvent(
                T,
                "3333-4444",
                12,
                "3333->4444",
                "en",
                "fr",
                Stage.PLAYED,
                "",
                "How are you?",
                "Comment allez-vous ?",
                new Times(T, T + 1000, T + 1250, T + 1260, T + 1300, T + 1340, T + 2000),
                "");
        assertThat(EventLog.line(played))
                .isEqualTo("event=utterance bridge=3333-4444 id=12 direction=3333->4444"
                        + " from=en to=fr outcome=played stt_ms=250 mt_ms=10 tts_ms=40 queue_ms=40 total_ms=340"
                        + " text=\"How are you?\" translation=\"Comment allez-vous ?\"");
    }

    @Test
    void aDroppedUtteranceSaysWhyAndHasNoTimingsItNeverReached() {
        UtteranceEvent dropped = new UtteranceEvent(
                T,
                "3333-4444",
                13,
                "4444->3333",
                "fr",
                "en",
                Stage.DROPPED,
                "",
                "",
                "",
                new Times(T, T + 900, 0, 0, 0, 0, 0),
                "no French STT configured");
        assertThat(EventLog.line(dropped))
                .isEqualTo(
                        "event=utterance bridge=3333-4444 id=13 direction=4444->3333"
                                + " from=fr to=en outcome=dropped text=\"\" translation=\"\" note=\"no French STT configured\"");
    }
}
