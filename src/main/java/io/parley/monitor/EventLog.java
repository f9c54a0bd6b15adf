package io.parley.monitor;

import io.parley.event.CallEvent;
import io.parley.event.EngineFault;
import io.parley.event.ParleyEvent;
import io.parley.event.UtteranceEvent;
import io.parley.log.KeyValueLine;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured log line ({@code key=value}) per call start, end or refusal, per utterance
 * that reached its end (played, dropped or failed), and per engine fault. Only the event pump
 * calls it.
 */
final class EventLog {
    private static final Logger CALLS = LoggerFactory.getLogger("io.parley.monitor.calls");
    private static final Logger UTTERANCES = LoggerFactory.getLogger("io.parley.monitor.utterances");

    void apply(ParleyEvent event, UtteranceProgress.Step step) {
        switch (event) {
            case CallEvent c -> CALLS.info(line(c));
            case UtteranceEvent u when step.ended() -> UTTERANCES.info(line(u));
            case EngineFault f ->
                UTTERANCES.warn(new KeyValueLine()
                        .add("event", "engine_fault")
                        .add("bridge", f.bridge())
                        .add("stage", f.stage())
                        .add("engine", f.engine())
                        .add("restarted", f.restarted())
                        .add("message", f.message())
                        .toString());
            default -> {}
        }
    }

    static String line(CallEvent c) {
        return new KeyValueLine()
                .add("event", "call_" + c.kind().name().toLowerCase(Locale.ROOT))
                .add("bridge", c.bridge())
                .add("leg", c.leg())
                .add("channel", c.channelId())
                .add("detail", c.detail())
                .toString();
    }

    static String line(UtteranceEvent u) {
        UtteranceEvent.Times t = u.times() == null ? UtteranceEvent.Times.NONE : u.times();
        KeyValueLine line = new KeyValueLine()
                .add("event", "utterance")
                .add("bridge", u.bridge())
                .add("id", u.id())
                .add("direction", u.direction())
                .add("from", u.fromLanguage())
                .add("to", u.toLanguage())
                .add("outcome", u.stage().name().toLowerCase(Locale.ROOT));
        for (LatencyStage s : LatencyStage.values()) {
            long ms = s.millis(t);
            if (ms >= 0) {
                line.add(s.key() + "_ms", ms);
            }
        }
        line.add("text", u.finalText()).add("translation", u.translation());
        if (u.note() != null && !u.note().isEmpty()) {
            line.add("note", u.note());
        }
        return line.toString();
    }
}
