package io.parley.bridge;

import io.parley.audio.EndpointSettings;
import io.parley.audio.Endpointer;
import io.parley.audio.LevelMeter;
import io.parley.audio.Resampler;
import io.parley.audio.VoiceActivityDetector;
import io.parley.event.EngineFault;
import io.parley.event.EventBus;
import io.parley.media.FrameQueue;
import io.parley.speech.Pcm;
import io.parley.speech.RecognitionStream;
import io.parley.speech.SpeechException;
import io.parley.speech.SpeechRecognizer;
import io.parley.speech.Synthesizer;
import io.parley.speech.TranscriptFormatter;
import io.parley.speech.Translator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One direction of a translation bridge: the speaker's voice in, the listener's translations out.
 * Endpointing and recognition run on one thread, fed frame by frame while the speaker talks;
 * translation and synthesis of finished utterances run on a second, so that a slow engine never
 * makes recognition fall behind. Finished translations go to the listener's {@link Playout}.
 *
 * <p>The echo guard: while a translation plays to the speaker (and for its tail), the speaker's
 * microphone may carry it back, so their frames are not recognised; with barge-in on, a voice
 * clearly louder than that playback stops it instead.
 *
 * <p>Threading contract: {@link #offer} is called by the speaker's media thread (never blocks:
 * a full inbox drops the frame and counts it); everything else happens on the lane's threads.
 */
final class SpeechLane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpeechLane.class);
    private static final AtomicLong IDS = new AtomicLong();
    /** Barge-in needs the speaker this much louder than the translation they are hearing. */
    private static final double BARGE_IN_MARGIN_DB = 3;
    private static final int BARGE_IN_FRAMES = 5;
    /** The longest the recognition thread sleeps without frames (it is woken when one arrives). */
    private static final long IDLE_PARK_NANOS = 20_000_000L;

    private final Utterance.Direction direction;
    private final SpeechRecognizer recognizer;
    private final Translator translator;
    private final Synthesizer synthesizer;
    private final Playout toListener;
    private final Playout toSpeaker;
    private final boolean bargeInAllowed;
    private final EventBus bus;
    private final FrameQueue inbox = new FrameQueue(64, Frames.SAMPLES);
    private final Endpointer endpointer;
    private final BlockingQueue<Utterance> rendering = new LinkedBlockingQueue<>();
    private final Thread recognition;
    private final Thread renderer;
    private volatile boolean running = true;
    /** The recognition thread is about to park for want of frames: the producer wakes it. */
    private volatile boolean waiting;
    private volatile boolean inUtterance;
    private volatile boolean renderingNow;
    private final AtomicLong faults = new AtomicLong();

    SpeechLane(Utterance.Direction direction, SpeechRecognizer recognizer, Translator translator,
               Synthesizer synthesizer, Playout toListener, Playout toSpeaker,
               boolean bargeIn, EndpointSettings endpointing, EventBus bus) {
        this.direction = direction;
        this.recognizer = recognizer;
        this.translator = translator;
        this.synthesizer = synthesizer;
        this.toListener = toListener;
        this.toSpeaker = toSpeaker;
        this.bargeInAllowed = bargeIn;
        this.bus = bus;
        this.endpointer = new Endpointer(new VoiceActivityDetector(Frames.RATE), Frames.RATE, Frames.SAMPLES, endpointing);
        String name = direction.bridge() + " " + direction.label();
        this.recognition = Thread.ofPlatform().name("recognise " + name).daemon().unstarted(this::recognise);
        this.renderer = Thread.ofPlatform().name("render " + name).daemon().unstarted(this::render);
    }

    void start() {
        recognition.start();
        renderer.start();
    }

    /** The speaker's next frame. Never blocks. */
    void offer(short[] frame, long originNanos) {
        inbox.offer(frame, 0, originNanos);
        if (waiting) {
            LockSupport.unpark(recognition);
        }
    }

    /** Whether an utterance is being recognised, translated or synthesised. */
    boolean busy() {
        return inUtterance || renderingNow || !rendering.isEmpty();
    }

    long faults() {
        return faults.get();
    }

    long framesDropped() {
        return inbox.overflows();
    }

    private void recognise() {
        short[] frame = new short[Frames.SAMPLES];
        short[] preRoll = new short[Frames.SAMPLES];
        long offered = 0;
        int loudOverPlayback = 0;
        Utterance utterance = null;
        RecognitionStream stream = null;
        while (running) {
            long origin = inbox.poll(frame, 0);
            if (origin == Long.MIN_VALUE) {
                waiting = true;
                if (inbox.size() == 0) {
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                }
                waiting = false;
                continue;
            }
            if (toSpeaker.echoGuardClosed(origin)) {
                if (bargeInAllowed && LevelMeter.rmsDbfs(frame, 0, Frames.SAMPLES)
                        > toSpeaker.playedLevelDbfs() + BARGE_IN_MARGIN_DB) {
                    if (++loudOverPlayback >= BARGE_IN_FRAMES) {
                        toSpeaker.bargeIn();
                        loudOverPlayback = 0;
                    }
                } else {
                    loudOverPlayback = 0;
                }
                if (stream != null) {
                    // The translation started while the speaker talked: what follows may be its echo.
                    stream.close();
                    stream = null;
                    utterance.dropped("cut short: a translation began playing to the speaker (echo guard)");
                    utterance = null;
                    inUtterance = false;
                }
                continue;
            }
            loudOverPlayback = 0;
            offered++;
            try {
                switch (endpointer.offer(frame, 0)) {
                    case SPEECH_START -> {
                        utterance = new Utterance(IDS.incrementAndGet(), direction, bus);
                        int pre = endpointer.preRollFrames();
                        utterance.speechStart = origin - (long) pre * Frames.MILLIS * 1_000_000L;
                        inUtterance = true;
                        Utterance u = utterance;
                        stream = recognizer.start(u::partial);
                        for (int i = 0; i < pre; i++) {
                            endpointer.copyPreRollFrame(i, preRoll, 0);
                            stream.feed(preRoll, 0, Frames.SAMPLES);
                        }
                        stream.feed(frame, 0, Frames.SAMPLES);
                    }
                    case SPEECH -> {
                        if (stream != null) {
                            stream.feed(frame, 0, Frames.SAMPLES);
                        }
                    }
                    case SPEECH_END -> {
                        if (stream != null) {
                            // The current frame ends the stream so far; the voice stopped that long before it.
                            long silenceMillis = offered * Frames.MILLIS - endpointer.utteranceEndMillis();
                            utterance.speechEnd = origin - silenceMillis * 1_000_000L;
                            long finishing = System.nanoTime();
                            String text = stream.finish();
                            LOG.debug("event=stt_final direction={} finish_ms={} backlog_frames={} lag_ms={}",
                                    direction.label(), (System.nanoTime() - finishing) / 1_000_000, inbox.size(),
                                    (finishing - origin) / 1_000_000);
                            utterance.recognised(TranscriptFormatter.format(text.strip(), direction.fromLanguage()), System.nanoTime());
                            stream.close();
                            stream = null;
                            if (utterance.text().isBlank()) {
                                utterance.dropped("no words recognised");
                            } else {
                                rendering.add(utterance);
                            }
                            utterance = null;
                            inUtterance = false;
                        }
                    }
                    case SILENCE -> {
                    }
                }
            } catch (SpeechException | RuntimeException e) {
                fault("stt", recognizer.describe(), e);
                if (utterance != null) {
                    utterance.failed("recognition failed: " + e.getMessage());
                }
                if (stream != null) {
                    stream.close();
                }
                stream = null;
                utterance = null;
                inUtterance = false;
            }
        }
        if (stream != null) {
            stream.close();
        }
    }

    private void render() {
        while (running) {
            Utterance u;
            try {
                u = rendering.take();
            } catch (InterruptedException e) {
                return;
            }
            renderingNow = true;
            try {
                String translated = translate(u);
                if (translated != null) {
                    synthesise(u, translated);
                }
            } finally {
                renderingNow = false;
            }
        }
    }

    private String translate(Utterance u) {
        try {
            String t = translator.translate(u.text(), direction.fromLanguage(), direction.toLanguage()).strip();
            u.translated(t, System.nanoTime());
            if (t.isEmpty()) {
                u.dropped("the translation is empty");
                return null;
            }
            return t;
        } catch (SpeechException | RuntimeException e) {
            fault("mt", translator.describe(), e);
            u.failed("translation failed: " + e.getMessage());
            return null;
        }
    }

    private void synthesise(Utterance u, String text) {
        try {
            Pcm pcm = synthesizer.synthesize(text, direction.toLanguage());
            short[] samples = pcm.samples();
            if (pcm.sampleRate() != Frames.RATE) {
                Resampler r = new Resampler(pcm.sampleRate(), Frames.RATE);
                short[] out = new short[r.maxOutputSamples(samples.length) + Frames.SAMPLES];
                int n = r.process(samples, 0, samples.length, out, 0);
                samples = java.util.Arrays.copyOf(out, n);
            }
            u.synthesised(samples, System.nanoTime());
            toListener.enqueue(u);
        } catch (SpeechException | RuntimeException e) {
            fault("tts", synthesizer.describe(), e);
            u.failed("speech synthesis failed: " + e.getMessage());
        }
    }

    private void fault(String stage, String engine, Exception e) {
        faults.incrementAndGet();
        LOG.warn("event=engine_fault bridge={} direction={} stage={} engine={} error=\"{}\"", direction.bridge(),
                direction.label(), stage, engine, e.getMessage());
        bus.publish(new EngineFault(System.currentTimeMillis(), direction.bridge(), stage, engine,
                String.valueOf(e.getMessage()), false));
    }

    @Override
    public void close() {
        running = false;
        recognition.interrupt();
        renderer.interrupt();
        try {
            // Daemon threads: a call to an engine in progress ends by the engine's own timeout.
            recognition.join(300);
            renderer.join(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
