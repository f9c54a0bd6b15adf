package io.parley.monitor;

import io.parley.event.AriState;
import io.parley.event.BridgeState;
import io.parley.event.CallEvent;
import io.parley.event.EngineStatus;
import io.parley.event.EventBus;
import io.parley.event.LegStats;
import io.parley.event.UtteranceEvent;
import io.parley.event.UtteranceEvent.Stage;
import io.parley.event.UtteranceEvent.Times;
import java.util.Map;

/**
 * Publishes what a bridge would publish during a call, as the media and speech code will:
 * cumulative leg statistics with moving levels, and utterances advancing stage by stage under
 * the same id. Times are synthetic but consistent (each milestone after the previous).
 */
final class CallScript {
    private final EventBus bus;
    private final String bridge;
    private long packets;
    private int tick;

    CallScript(EventBus bus, String bridge) {
        this.bus = bus;
        this.bridge = bridge;
    }

    void connectCall(String legA, String legB) {
        long now = System.currentTimeMillis();
        bus.publish(AriState.of(AriState.State.CONNECTED, "http://127.0.0.1:8088", "app parley"));
        bus.publish(new CallEvent(now, bridge, legA, CallEvent.Kind.STARTED, "chan-" + legA, "caller " + legA));
        bus.publish(new CallEvent(now, bridge, legB, CallEvent.Kind.STARTED, "chan-" + legB, "caller " + legB));
        bus.publish(new BridgeState(now, bridge, "translate", BridgeState.State.CONNECTED, "both callers connected"));
        bus.publish(new EngineStatus(now, bridge, "en", "stt", "pocketsphinx(en-us)", true, ""));
        bus.publish(new EngineStatus(
                now,
                bridge,
                "fr",
                "stt",
                "none",
                false,
                "none configured — set engines.stt.fr (vosk, whisper or remote) to enable"));
        bus.publish(new EngineStatus(now, bridge, "en", "mt", "apertium(en->fr)", true, ""));
        bus.publish(new EngineStatus(now, bridge, "fr", "tts", "espeak-ng(fr)", true, ""));
    }

    /** One statistics sample of a leg; the level follows a slow wave so that meters visibly move. */
    LegStats legStats(String leg) {
        tick++;
        packets += 10;
        double levelIn = -30 + 18 * Math.sin(tick / 3.0);
        double levelOut = -40 + 12 * Math.cos(tick / 4.0);
        LegStats s = new LegStats(
                System.currentTimeMillis(),
                bridge,
                leg,
                "ulaw",
                "127.0.0.1:40" + leg.charAt(0) + "0",
                new LegStats.Flow(packets, packets * 172, levelIn),
                new LegStats.Flow(packets - 3, (packets - 3) * 172, levelOut),
                new LegStats.Network(packets / 100, 1, 2, 2.5 + (tick % 5)),
                new LegStats.Playout(3, 4, 5, 40 + 20 * (int) (tick % 2), 60),
                Map.of("too_short", 2L, "wrong_payload_type", 1L));
        bus.publish(s);
        return s;
    }

    /** Publishes an utterance from partial to played; returns its id. */
    long speak(long id, String from, String to, String fromLang, String toLang, String text, String translation) {
        long t0 = System.currentTimeMillis() - 3000;
        String direction = from + "->" + to;
        publish(
                id,
                direction,
                fromLang,
                toLang,
                Stage.PARTIAL,
                text.split(" ")[0],
                "",
                "",
                new Times(t0, 0, 0, 0, 0, 0, 0));
        Times recognised = new Times(t0, t0 + 1200, t0 + 1450, 0, 0, 0, 0);
        publish(id, direction, fromLang, toLang, Stage.RECOGNISED, "", text, "", recognised);
        Times translated = new Times(t0, t0 + 1200, t0 + 1450, t0 + 1460, 0, 0, 0);
        publish(id, direction, fromLang, toLang, Stage.TRANSLATED, "", text, translation, translated);
        Times synthesised = new Times(t0, t0 + 1200, t0 + 1450, t0 + 1460, t0 + 1500, 0, 0);
        publish(id, direction, fromLang, toLang, Stage.SYNTHESISED, "", text, translation, synthesised);
        Times playing = new Times(t0, t0 + 1200, t0 + 1450, t0 + 1460, t0 + 1500, t0 + 1540, 0);
        publish(id, direction, fromLang, toLang, Stage.PLAYING, "", text, translation, playing);
        Times played = new Times(t0, t0 + 1200, t0 + 1450, t0 + 1460, t0 + 1500, t0 + 1540, t0 + 2900);
        publish(id, direction, fromLang, toLang, Stage.PLAYED, "", text, translation, played);
        return id;
    }

    void publish(
            long id,
            String direction,
            String fromLang,
            String toLang,
            Stage stage,
            String partial,
            String text,
            String translation,
            Times times) {
        bus.publish(new UtteranceEvent(
                System.currentTimeMillis(),
                bridge,
                id,
                direction,
                fromLang,
                toLang,
                stage,
                partial,
                text,
                translation,
                times,
                ""));
    }
}
