package io.parley.history;

import io.parley.config.BridgeConfig;
import io.parley.config.Codec;
import io.parley.config.JitterSettings;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.config.Mode;
import io.parley.config.Topology;
import io.parley.config.TranslationSettings;
import io.parley.event.BridgeState;
import io.parley.event.CallEvent;
import io.parley.event.EngineFault;
import io.parley.event.LegStats;
import io.parley.event.ParleyEvent;
import io.parley.event.UtteranceEvent;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The events a translation bridge publishes during a call, as the bridges publish them: cumulative
 * leg counters sampled five times a second, state changes, utterances stage by stage, faults.
 */
public final class CallEvents {
    public static final String BRIDGE = "3333-4444";
    public static final BridgeConfig CONFIG = new BridgeConfig(
            BRIDGE,
            Mode.TRANSLATE,
            Topology.EXTERNALMEDIA,
            List.of(
                    new LegConfig("3333", "en", Codec.ULAW, new LegPorts.ExternalMedia(7000, 7001)),
                    new LegConfig("4444", "fr", Codec.ULAW, new LegPorts.ExternalMedia(7002, 7003))),
            OptionalInt.empty(),
            OptionalInt.empty(),
            JitterSettings.DEFAULT,
            TranslationSettings.DEFAULT);

    private final Consumer<ParleyEvent> out;

    public CallEvents(Consumer<ParleyEvent> out) {
        this.out = out;
    }

    void stats(long at, String leg, long packetsIn, double jitter) {
        out.accept(new LegStats(
                at,
                BRIDGE,
                leg,
                "ulaw",
                "127.0.0.1:4" + leg,
                new LegStats.Flow(packetsIn, packetsIn * 172, -20),
                new LegStats.Flow(packetsIn, packetsIn * 172, -30),
                new LegStats.Network(packetsIn / 100, 0, 0, jitter),
                new LegStats.Playout(0, packetsIn / 50, 1, 40, 40),
                Map.of("too_short", packetsIn / 200)));
    }

    void state(long at, BridgeState.State state) {
        out.accept(new BridgeState(at, BRIDGE, "translate", state, ""));
    }

    void call(long at, String leg, CallEvent.Kind kind, String detail) {
        out.accept(new CallEvent(at, BRIDGE, leg, kind, "chan-" + leg, detail));
    }

    void fault(long at, String message) {
        out.accept(new EngineFault(at, BRIDGE, "stt", "pocketsphinx", message, true));
    }

    /** An utterance from recognised to played, spoken at {@code at}. */
    void speak(
            long id, long at, String from, String to, String fromLang, String toLang, String text, String translation) {
        String direction = from + "->" + to;
        utterance(
                id,
                at,
                direction,
                fromLang,
                toLang,
                UtteranceEvent.Stage.PARTIAL,
                "",
                "",
                new UtteranceEvent.Times(at, 0, 0, 0, 0, 0, 0));
        utterance(
                id,
                at + 1500,
                direction,
                fromLang,
                toLang,
                UtteranceEvent.Stage.RECOGNISED,
                text,
                "",
                new UtteranceEvent.Times(at, at + 1200, at + 1450, 0, 0, 0, 0));
        utterance(
                id,
                at + 1500,
                direction,
                fromLang,
                toLang,
                UtteranceEvent.Stage.TRANSLATED,
                text,
                translation,
                new UtteranceEvent.Times(at, at + 1200, at + 1450, at + 1460, 0, 0, 0));
        utterance(
                id,
                at + 3000,
                direction,
                fromLang,
                toLang,
                UtteranceEvent.Stage.PLAYED,
                text,
                translation,
                new UtteranceEvent.Times(at, at + 1200, at + 1450, at + 1460, at + 1500, at + 1540, at + 2900));
    }

    void utterance(
            long id,
            long at,
            String direction,
            String fromLang,
            String toLang,
            UtteranceEvent.Stage stage,
            String text,
            String translation,
            UtteranceEvent.Times times) {
        out.accept(new UtteranceEvent(
                at, BRIDGE, id, direction, fromLang, toLang, stage, "", text, translation, times, ""));
    }

    /**
     * A whole call without signalling, from {@code t0}: 3333 arrives, 4444 a second later, each says
     * one sentence, the media stops at {@code t0 + 10 s} and the bridge goes idle 10 s after that.
     */
    public void rtpOnlyCall(long t0) {
        stats(t0 - 400, "3333", 0, 0);
        stats(t0 - 200, "3333", 0, 0);
        stats(t0 - 400, "4444", 0, 0);
        stats(t0 - 200, "4444", 0, 0);
        stats(t0, "3333", 10, 1);
        state(t0, BridgeState.State.WAITING);
        for (int i = 1; i <= 50; i++) {
            long at = t0 + i * 200L;
            stats(at, "3333", 10 + i * 10L, 2 + i % 3);
            stats(at, "4444", i >= 5 ? (i - 4) * 10L : 0, 1);
            if (i == 5) {
                state(at, BridgeState.State.CONNECTED);
            }
        }
        speak(1, t0 + 2000, "3333", "4444", "en", "fr", "Hello, can you hear me?", "Bonjour, vous m'entendez ?");
        fault(t0 + 4000, "decoder hung; restarted");
        speak(2, t0 + 5000, "4444", "3333", "fr", "en", "Oui, vous êtes très clair.", "Yes, you are very clear.");
        for (int i = 51; i <= 100; i++) {
            stats(t0 + i * 200L, "3333", 510, 1);
            stats(t0 + i * 200L, "4444", 460, 1);
        }
        state(t0 + 20_000, BridgeState.State.IDLE);
    }
}
