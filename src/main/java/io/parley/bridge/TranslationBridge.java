package io.parley.bridge;

import io.parley.audio.EndpointSettings;
import io.parley.config.BridgeConfig;
import io.parley.config.LegConfig;
import io.parley.event.EngineStatus;
import io.parley.event.EventBus;
import io.parley.media.MediaClock;
import io.parley.speech.Availability;
import io.parley.speech.SpeechRecognizer;
import io.parley.speech.SpeechServices;
import io.parley.speech.Synthesizer;
import io.parley.speech.Translator;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's {@code STTTTSserver.js}: each caller hears the other translated into their own
 * language. Per direction, a {@link SpeechLane} recognises, translates and synthesises the
 * speaker; the listener's {@link Playout} mixes the translations with the speaker's own voice,
 * and a clock task sends the result every 20 ms, aligned to the speaker's audio.
 *
 * <p>When the speaker's language has no recogniser (or the pair no translator, or the listener's
 * language no synthesiser), that direction cannot be translated: the speaker's voice reaches the
 * listener as it is, and an {@link EngineStatus} says why and how to enable translation.
 */
public final class TranslationBridge implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TranslationBridge.class);
    private final BridgeConfig config;
    private final List<Route> routes = new ArrayList<>();

    /** One direction: speaker to listener. */
    private static final class Route implements AutoCloseable {
        final LegSide speaker;
        final LegSide listener;
        final Playout playout;
        final SpeechLane lane;
        final short[] out = new short[Frames.SAMPLES];
        StreamClock output;
        volatile boolean speakerIdle = true;
        int emptyTicks;

        Route(LegSide speaker, LegSide listener, Playout playout, SpeechLane lane) {
            this.speaker = speaker;
            this.listener = listener;
            this.playout = playout;
            this.lane = lane;
        }

        void tick(long deadline) {
            if (playout.next(deadline, out)) {
                listener.send(out, deadline);
                short[] speech = playout.speechFrame();
                if (speech != null) {
                    listener.sendTranslated(speech);
                }
            } else {
                listener.silent();
            }
            if (playout.hadOriginal()) {
                emptyTicks = 0;
            } else if (++emptyTicks >= 2) {
                speakerIdle = true;
            }
        }

        FrameListener fromSpeaker() {
            return new FrameListener() {
                @Override
                public void onFrame(short[] frame, long originNanos) {
                    if (lane != null) {
                        lane.offer(frame, originNanos);
                    }
                    playout.offerOriginal(frame, originNanos);
                    if (speakerIdle) {
                        speakerIdle = false;
                        output.streamActive(System.nanoTime());
                    }
                }
            };
        }

        boolean busy() {
            return lane != null && lane.busy() || playout.busy();
        }

        @Override
        public void close() {
            if (output != null) {
                output.close();
            }
            if (lane != null) {
                lane.close();
            }
        }
    }

    public TranslationBridge(BridgeConfig config, LegSide a, LegSide b, SpeechServices speech,
                             EndpointSettings endpointing, MediaClock clock,
                             EventBus bus) {
        this.config = config;
        Playout toA = playout(config, b, speech);
        Playout toB = playout(config, a, speech);
        routes.add(route(config, a, b, toB, toA, speech, endpointing, bus));
        routes.add(route(config, b, a, toA, toB, speech, endpointing, bus));
        for (Route r : routes) {
            r.output = new StreamClock(clock, config.name() + " to " + r.listener.config().extension(), r::tick);
        }
    }

    /** What the listener hears of {@code speaker}: their voice passes whole when it cannot be translated. */
    private static Playout playout(BridgeConfig config, LegSide speaker, SpeechServices speech) {
        return new Playout(config.translation(), !translatable(config, speaker.config(), speech));
    }

    private static boolean translatable(BridgeConfig config, LegConfig speaker, SpeechServices speech) {
        LegConfig listener = config.partnerOf(speaker);
        return speech.recognizer(speaker.language()) instanceof Availability.Available<?>
                && speech.translator(speaker.language(), listener.language()) instanceof Availability.Available<?>
                && speech.synthesizer(listener.language()) instanceof Availability.Available<?>;
    }

    private static Route route(BridgeConfig config, LegSide speaker, LegSide listener, Playout toListener,
                               Playout toSpeaker, SpeechServices speech, EndpointSettings endpointing,
                               EventBus bus) {
        String from = speaker.config().language();
        String to = listener.config().language();
        Availability<SpeechRecognizer> stt = speech.recognizer(from);
        Availability<Translator> mt = speech.translator(from, to);
        Availability<Synthesizer> tts = speech.synthesizer(to);
        status(bus, config, from, "stt", stt);
        status(bus, config, from + "->" + to, "mt", mt);
        status(bus, config, to, "tts", tts);
        SpeechLane lane = null;
        if (stt instanceof Availability.Available<SpeechRecognizer>(var recognizer)
                && mt instanceof Availability.Available<Translator>(var translator)
                && tts instanceof Availability.Available<Synthesizer>(var synthesizer)) {
            Utterance.Direction direction = new Utterance.Direction(config.name(), speaker.config().extension(),
                    listener.config().extension(), from, to);
            lane = new SpeechLane(direction, recognizer, translator, synthesizer,
                    toListener, toSpeaker, config.translation().bargeIn(), endpointing, bus);
        }
        return new Route(speaker, listener, toListener, lane);
    }

    private static void status(EventBus bus, BridgeConfig config, String language, String stage,
                               Availability<?> engine) {
        if (engine instanceof Availability.Available<?>) {
            LOG.info("event=engine bridge={} stage={} language={} engine=\"{}\"", config.name(), stage, language,
                    SpeechServices.describe(engine));
        } else {
            LOG.warn("event=engine_unavailable bridge={} stage={} language={} reason=\"{}\"", config.name(), stage,
                    language, SpeechServices.reason(engine));
        }
        bus.publish(new EngineStatus(System.currentTimeMillis(), config.name(), language, stage,
                SpeechServices.describe(engine), engine instanceof Availability.Available<?>,
                SpeechServices.reason(engine)));
    }

    public void start() {
        for (Route r : routes) {
            if (r.lane != null) {
                r.lane.start();
            }
            r.speaker.start(r.fromSpeaker());
        }
    }

    /** Whether speech is being recognised, translated, synthesised or played right now. */
    public boolean translating() {
        return routes.stream().anyMatch(Route::busy);
    }

    public BridgeConfig config() {
        return config;
    }

    @Override
    public void close() {
        routes.forEach(Route::close);
    }
}
