package io.parley.translation;

import io.parley.audio.EndpointSettings;
import io.parley.config.BridgeConfig;
import io.parley.event.EngineStatus;
import io.parley.event.EventBus;
import io.parley.leg.FrameListener;
import io.parley.leg.Frames;
import io.parley.leg.LegSide;
import io.parley.leg.StreamClock;
import io.parley.log.KeyValueLine;
import io.parley.media.MediaClock;
import io.parley.media.TimeSource;
import io.parley.speech.Availability;
import io.parley.speech.SpeechRecognizer;
import io.parley.speech.SpeechServices;
import io.parley.speech.Synthesizer;
import io.parley.speech.Translator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A translation bridge: each caller hears the other translated into their own language. Per direction, a {@link SpeechLane} recognises, translates and synthesises the
 * speaker; the listener's {@link Playout} mixes the translations with the speaker's own voice,
 * and a clock task sends the result every 20 ms, aligned to the speaker's audio.
 *
 * <p>A speaker is recognised only while their listener is on the line (nothing is translated for
 * nobody). When either caller leaves, each direction is sealed: the open sentence is closed
 * (translated if its listener is still there, else dropped and logged as dropped), and what waits
 * to be played to a listener who left is dropped, so nothing of one call reaches the next.
 *
 * <p>Audio flows from the start: the speech engines (models to load, a translator's processes to
 * start) come up in the background, and until a direction's engines are ready its speaker's voice
 * reaches the listener as it is. A direction whose speaker's language has no recogniser (or the
 * pair no translator, or the listener's language no synthesiser) stays that way, and an
 * {@link EngineStatus} says why and how to enable translation.
 */
public final class TranslationBridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TranslationBridge.class);

    /**
     * A speaker's frames that wait for the recogniser: 5 s, enough to ride out a decoder being loaded
     * while other calls load theirs (each takes a core for about 0.4 s; several at once on two cores
     * take seconds), after which recognition, several times faster than real time, catches up. A
     * recogniser behind by more than this loses audio, and that is reported as an engine fault.
     */
    public static final int SPEAKER_QUEUE_FRAMES = 256;

    private final BridgeConfig config;
    private final SpeechServices speech;
    private final EndpointSettings endpointing;
    private final EventBus bus;
    /** The media clock's time: frames' origins, the ticks and the utterances' stage times share it. */
    private final TimeSource time;

    private final List<Route> routes = new ArrayList<>();
    private final CountDownLatch enginesResolved = new CountDownLatch(1);
    private volatile boolean closed;

    /** One direction: speaker to listener. */
    private static final class Route implements AutoCloseable {
        final LegSide speaker;
        final LegSide listener;
        final Playout playout;
        final short[] out = new short[Frames.SAMPLES];
        volatile SpeechLane lane;
        StreamClock output;
        volatile boolean speakerIdle = true;
        int emptyTicks;
        /** Who was on the line at the last tick (clock thread only). */
        boolean speakerWas;

        boolean listenerWas;

        final TimeSource time;

        Route(LegSide speaker, LegSide listener, Playout playout, TimeSource time) {
            this.speaker = speaker;
            this.listener = listener;
            this.playout = playout;
            this.time = time;
        }

        void tick(long deadline) {
            seal(deadline);
            if (playout.next(deadline, out)) {
                listener.send(out, deadline);
                short[] speechFrame = playout.speechFrame();
                if (speechFrame != null) {
                    listener.sendTranslated(speechFrame);
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

        /**
         * Keeps calls apart: when either caller leaves, the speaker's open sentence is closed (translated
         * if the listener is still there, else dropped), and what waits to be played to a listener who
         * left is dropped.
         */
        void seal(long now) {
            boolean speakerHere = speaker.present();
            boolean listenerHere = listener.present();
            boolean speakerLeft = speakerWas && !speakerHere;
            boolean listenerLeft = listenerWas && !listenerHere;
            speakerWas = speakerHere;
            listenerWas = listenerHere;
            if (listenerLeft) {
                playout.listenerLeft(now);
            }
            SpeechLane l = lane;
            if (l != null && (speakerLeft || listenerLeft)) {
                if (listenerLeft) {
                    l.seal(false, "its listener (" + listener.config().extension() + ") left the call");
                } else if (listenerHere) {
                    l.seal(true, "the speaker left the call");
                } else {
                    l.seal(false, "the speaker left the call and nobody listens");
                }
            }
        }

        FrameListener fromSpeaker() {
            return new FrameListener() {
                @Override
                public void onFrame(short[] frame, long originNanos) {
                    SpeechLane l = lane;
                    // Nothing is translated for nobody: a caller waiting alone is not recognised.
                    if (l != null && listener.present()) {
                        l.offer(frame, originNanos);
                    }
                    playout.offerOriginal(frame, originNanos);
                    if (speakerIdle) {
                        speakerIdle = false;
                        output.streamActive(time.nanoTime());
                    }
                }
            };
        }

        boolean busy() {
            SpeechLane l = lane;
            return l != null && l.busy() || playout.busy();
        }

        @Override
        public void close() {
            if (output != null) {
                output.close();
            }
            SpeechLane l = lane;
            if (l != null) {
                l.close();
            }
        }
    }

    public TranslationBridge(
            BridgeConfig config,
            LegSide a,
            LegSide b,
            SpeechServices speech,
            EndpointSettings endpointing,
            MediaClock clock,
            EventBus bus) {
        this.config = config;
        this.speech = speech;
        this.endpointing = endpointing;
        this.bus = bus;
        this.time = clock.time();
        routes.add(new Route(a, b, new Playout(config.translation()), time));
        routes.add(new Route(b, a, new Playout(config.translation()), time));
        for (Route r : routes) {
            r.output = new StreamClock(
                    clock, config.name() + " to " + r.listener.config().extension(), r::tick);
        }
    }

    /** Starts the audio at once and the speech engines in the background. */
    public void start() {
        for (Route r : routes) {
            r.speaker.start(r.fromSpeaker());
        }
        Thread.ofPlatform().name("engines " + config.name()).daemon().start(this::startEngines);
    }

    private void startEngines() {
        long started = time.nanoTime();
        try {
            Route ab = routes.get(0);
            Route ba = routes.get(1);
            // Each direction's lane echo-guards against what its speaker hears: the other direction's playout.
            attach(ab, ba.playout);
            attach(ba, ab.playout);
            LOG.info(new KeyValueLine()
                    .add("event", "engines_ready")
                    .add("bridge", config.name())
                    .add("ms", (time.nanoTime() - started) / 1_000_000)
                    .toString());
        } catch (RuntimeException e) {
            LOG.error(
                    new KeyValueLine()
                            .add("event", "engines_failed")
                            .add("bridge", config.name())
                            .add("error", e.getMessage())
                            .toString(),
                    e);
        } finally {
            enginesResolved.countDown();
        }
    }

    private void attach(Route route, Playout toSpeaker) {
        String from = route.speaker.config().language();
        String to = route.listener.config().language();
        Availability<SpeechRecognizer> stt = speech.recognizer(from);
        Availability<Translator> mt = speech.translator(from, to);
        Availability<Synthesizer> tts = speech.synthesizer(to);
        status(from, "stt", stt);
        status(from + "->" + to, "mt", mt);
        status(to, "tts", tts);
        if (closed) {
            return;
        }
        if (stt instanceof Availability.Available<SpeechRecognizer>(var recognizer)
                && mt instanceof Availability.Available<Translator>(var translator)
                && tts instanceof Availability.Available<Synthesizer>(var synthesizer)) {
            Utterance.Direction direction = new Utterance.Direction(
                    config.name(),
                    route.speaker.config().extension(),
                    route.listener.config().extension(),
                    from,
                    to);
            SpeechLane lane = new SpeechLane(
                    direction,
                    recognizer,
                    translator,
                    synthesizer,
                    route.playout,
                    toSpeaker,
                    config.translation().bargeIn(),
                    endpointing,
                    bus,
                    time);
            lane.start();
            route.lane = lane;
            route.playout.translating(true);
        }
    }

    private void status(String language, String stage, Availability<?> engine) {
        if (engine instanceof Availability.Available<?>) {
            LOG.info(new KeyValueLine()
                    .add("event", "engine")
                    .add("bridge", config.name())
                    .add("stage", stage)
                    .add("language", language)
                    .add("engine", SpeechServices.describe(engine))
                    .toString());
        } else {
            LOG.warn(new KeyValueLine()
                    .add("event", "engine_unavailable")
                    .add("bridge", config.name())
                    .add("stage", stage)
                    .add("language", language)
                    .add("reason", SpeechServices.reason(engine))
                    .toString());
        }
        bus.publish(new EngineStatus(
                System.currentTimeMillis(),
                config.name(),
                language,
                stage,
                SpeechServices.describe(engine),
                engine instanceof Availability.Available<?>,
                SpeechServices.reason(engine)));
    }

    /** Waits until every direction's engines are ready or known to be missing; false on timeout. */
    public boolean awaitEngines(Duration timeout) throws InterruptedException {
        return enginesResolved.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
        closed = true;
        routes.forEach(Route::close);
    }
}
