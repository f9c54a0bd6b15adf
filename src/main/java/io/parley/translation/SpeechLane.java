package io.parley.translation;

import io.parley.audio.AudioClip;
import io.parley.audio.EndpointSettings;
import io.parley.audio.Endpointer;
import io.parley.audio.LevelMeter;
import io.parley.audio.Resampler;
import io.parley.audio.VoiceActivityDetector;
import io.parley.event.EngineFault;
import io.parley.event.EventBus;
import io.parley.leg.Frames;
import io.parley.log.KeyValueLine;
import io.parley.media.FrameQueue;
import io.parley.media.TimeSource;
import io.parley.speech.RecognitionStream;
import io.parley.speech.SpeechException;
import io.parley.speech.SpeechRecognizer;
import io.parley.speech.Synthesizer;
import io.parley.speech.TranscriptFormatter;
import io.parley.speech.Translator;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * <p>Silence is also the absence of frames: when the speaker's audio stops (Asterisk sends no RTP
 * while a caller is silent), the lane goes on as if silent frames came, so an utterance ends
 * {@code endOfSpeechMs} after the last voice whether quiet packets follow or nothing does.
 *
 * <p>A call's end seals the lane ({@link #seal}): the open utterance is finished and recognised, and
 * translated if its listener is still there, or dropped (and logged as dropped); the next call
 * starts afresh, so nothing of one call reaches another.
 *
 * <p>Threading contract: {@link #offer} is called by the speaker's media thread (never blocks:
 * a full inbox drops the frame and counts it); {@link #seal} by the bridge's clock; everything else
 * happens on the lane's threads.
 */
final class SpeechLane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpeechLane.class);
    private static final AtomicLong IDS = new AtomicLong();
    /** Barge-in needs the speaker this much louder than the translation they are hearing. */
    private static final double BARGE_IN_MARGIN_DB = 3;

    private static final int BARGE_IN_FRAMES = 5;
    /** The longest the recognition thread sleeps without frames (it is woken when one arrives). */
    private static final long IDLE_PARK_NANOS = 20_000_000L;
    /**
     * No frame for this long after the last one means the speaker's audio stopped: silence is then
     * fed for all the time since, and from there on as time passes. Frames come every 20 ms, paced
     * by the media clock; a busy machine can hold that clock up for a while, and silence fed in
     * place of frames that were only late would split the speaker's words (the late frames still
     * come, after it). Never more than the trailing silence that ends an utterance, so an utterance
     * still ends on time.
     */
    private static final long ABSENT_AFTER_NANOS = 10 * Frames.MILLIS * 1_000_000L;

    private static final long FRAME_NANOS = Frames.MILLIS * 1_000_000L;
    /** A recogniser that stays behind is reported once a second, not once a frame. */
    private static final long OVERFLOW_REPORT_NANOS = 1_000_000_000L;

    /** Why and how the lane is sealed: the speaker's open utterance translated, or dropped for {@code why}. */
    private record Seal(boolean translate, String why, long atNanos) {}

    private final Utterance.Direction direction;
    private final SpeechRecognizer recognizer;
    private final Translator translator;
    private final Synthesizer synthesizer;
    private final Playout toListener;
    private final Playout toSpeaker;
    private final boolean bargeInAllowed;
    private final EventBus bus;
    /** The media clock's time, which the frames' origins are on. */
    private final TimeSource time;

    private final FrameQueue inbox = new FrameQueue(TranslationBridge.SPEAKER_QUEUE_FRAMES, Frames.SAMPLES);
    /** The inbox's refusals already reported, and when (recognition thread only). */
    private long overflowsReported;

    private long overflowReportedAt;
    private final EndpointSettings endpointing;
    /** {@link #ABSENT_AFTER_NANOS}, or the trailing silence where that is shorter. */
    private final long absentAfterNanos;

    private Endpointer endpointer;
    private final AtomicReference<Seal> sealRequest = new AtomicReference<>();
    private final BlockingQueue<Utterance> rendering = new LinkedBlockingQueue<>();
    private final Thread recognition;
    private final Thread renderer;
    private volatile boolean running = true;
    /** The recognition thread is about to park for want of frames: the producer wakes it. */
    private volatile boolean waiting;

    private volatile boolean inUtterance;
    private volatile boolean renderingNow;
    private final AtomicLong faults = new AtomicLong();

    // The recognition thread's own state.
    private final short[] frame = new short[Frames.SAMPLES];
    private final short[] preRoll = new short[Frames.SAMPLES];
    private final short[] silence = new short[Frames.SAMPLES];
    /** The frame being recognised: {@link #frame}, or {@link #silence} in place of audio that stopped. */
    private short[] samples = frame;
    /** Frames given to the endpointer since it was made. */
    private long offered;

    private long lastOrigin;
    /** The speaker's audio stopped mid-utterance: silence stands in for it until a frame comes. */
    private boolean absent;
    /** Consecutive frames louder than the translation playing to the speaker (barge-in). */
    private int loudOverPlayback;

    private Utterance utterance;
    private RecognitionStream stream;

    SpeechLane(
            Utterance.Direction direction,
            SpeechRecognizer recognizer,
            Translator translator,
            Synthesizer synthesizer,
            Playout toListener,
            Playout toSpeaker,
            boolean bargeIn,
            EndpointSettings endpointing,
            EventBus bus,
            TimeSource time) {
        this.direction = direction;
        this.recognizer = recognizer;
        this.translator = translator;
        this.synthesizer = synthesizer;
        this.toListener = toListener;
        this.toSpeaker = toSpeaker;
        this.bargeInAllowed = bargeIn;
        this.bus = bus;
        this.endpointing = endpointing;
        this.absentAfterNanos = Math.min(ABSENT_AFTER_NANOS, endpointing.trailingSilenceMillis() * 1_000_000L);
        this.time = time;
        this.endpointer = newEndpointer();
        String name = direction.bridge() + " " + direction.label();
        this.recognition =
                Thread.ofPlatform().name("recognise " + name).daemon().unstarted(this::recognize);
        this.renderer = Thread.ofPlatform().name("render " + name).daemon().unstarted(this::render);
    }

    void start() {
        recognition.start();
        renderer.start();
    }

    private Endpointer newEndpointer() {
        return new Endpointer(new VoiceActivityDetector(Frames.RATE), Frames.RATE, Frames.SAMPLES, endpointing);
    }

    /**
     * A call on the bridge ended: the speaker's frames offered so far are the last of their sentence.
     * It is translated when {@code translate} (the speaker left, their listener is still there), or
     * dropped for {@code why}. Never blocks.
     */
    void seal(boolean translate, String why) {
        sealRequest.set(new Seal(translate, why, time.nanoTime()));
        LockSupport.unpark(recognition);
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

    private void recognize() {
        try {
            while (running) {
                if (finishIfSealed()) {
                    continue;
                }
                long origin = nextFrame();
                if (origin == Long.MIN_VALUE) {
                    continue;
                }
                reportOverflow();
                lastOrigin = origin;
                if (toSpeaker.echoGuardClosed(origin)) {
                    guardEcho();
                    continue;
                }
                loudOverPlayback = 0;
                offered++;
                endpoint(origin);
            }
        } finally {
            if (stream != null) {
                stream.close();
            }
        }
    }

    /**
     * Closes the open utterance as a seal says, once every frame offered before the seal has been
     * taken; the lane then starts afresh for the next call. False when no seal is due.
     */
    private boolean finishIfSealed() {
        Seal seal = sealRequest.get();
        if (seal == null || (inbox.size() != 0 && inbox.peekTag() <= seal.atNanos())) {
            return false;
        }
        sealRequest.compareAndSet(seal, null);
        finishSealed(seal, utterance, stream, lastOrigin);
        forgetUtterance();
        endpointer = newEndpointer();
        offered = 0;
        return true;
    }

    /**
     * Takes the speaker's next frame into {@link #samples}, or silence in its place once their audio
     * stopped mid-utterance; parks briefly and returns {@link Long#MIN_VALUE} when there is neither.
     *
     * @return the frame's origin (monotonic nanoseconds)
     */
    private long nextFrame() {
        long origin = inbox.poll(frame, 0);
        if (origin != Long.MIN_VALUE) {
            samples = frame;
            absent = false;
            return origin;
        }
        long now = time.nanoTime();
        if (!endpointer.idle() && lastOrigin != 0 && now - lastOrigin >= (absent ? FRAME_NANOS : absentAfterNanos)) {
            // The speaker's audio stopped: what would have come since is silence.
            absent = true;
            samples = silence;
            return lastOrigin + FRAME_NANOS;
        }
        waiting = true;
        if (inbox.size() == 0 && sealRequest.get() == null) {
            LockSupport.parkNanos(IDLE_PARK_NANOS);
        }
        waiting = false;
        return Long.MIN_VALUE;
    }

    /**
     * A frame heard while a translation plays to the speaker: not recognised (it may be that
     * translation's echo), but a voice loud enough over it for long enough barges in, when allowed.
     * An utterance the speaker had begun is cut short.
     */
    private void guardEcho() {
        if (bargeInAllowed
                && LevelMeter.rmsDbfs(samples, 0, Frames.SAMPLES) > toSpeaker.playedLevelDbfs() + BARGE_IN_MARGIN_DB) {
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
            utterance.dropped("cut short: a translation began playing to the speaker (echo guard)");
            forgetUtterance();
        }
    }

    /** Gives the frame to the endpointer and does what it found: an utterance starts, goes on or ends. */
    private void endpoint(long origin) {
        try {
            switch (endpointer.offer(samples, 0)) {
                case SPEECH_START -> startUtterance(origin);
                case SPEECH -> {
                    if (stream != null) {
                        stream.feed(samples, 0, Frames.SAMPLES);
                    }
                }
                case SPEECH_END -> {
                    if (stream != null) {
                        endUtterance(origin);
                    }
                }
                case SILENCE -> {}
            }
        } catch (SpeechException | RuntimeException e) {
            fault("stt", recognizer.describe(), e);
            if (utterance != null) {
                utterance.failed("recognition failed: " + e.getMessage());
            }
            if (stream != null) {
                stream.close();
            }
            forgetUtterance();
        }
    }

    /** Opens a recognition stream and feeds it the frames before the voice was detected, then this one. */
    private void startUtterance(long origin) throws SpeechException {
        utterance = new Utterance(IDS.incrementAndGet(), direction, bus, toListener.generation());
        int pre = endpointer.preRollFrames();
        utterance.speechStart = origin - (long) pre * Frames.MILLIS * 1_000_000L;
        inUtterance = true;
        Utterance u = utterance;
        stream = recognizer.start(u::partial);
        for (int i = 0; i < pre; i++) {
            endpointer.copyPreRollFrame(i, preRoll, 0);
            stream.feed(preRoll, 0, Frames.SAMPLES);
        }
        stream.feed(samples, 0, Frames.SAMPLES);
    }

    /** The voice stopped: the final text goes on to be translated, or the utterance is dropped without words. */
    private void endUtterance(long origin) throws SpeechException {
        // The current frame ends the stream so far; the voice stopped that long before it.
        long silenceMillis = offered * Frames.MILLIS - endpointer.utteranceEndMillis();
        utterance.speechEnd = origin - silenceMillis * 1_000_000L;
        long finishing = time.nanoTime();
        String text = stream.finish();
        if (LOG.isDebugEnabled()) {
            LOG.debug(new KeyValueLine()
                    .add("event", "stt_final")
                    .add("direction", direction.label())
                    .add("finish_ms", (time.nanoTime() - finishing) / 1_000_000)
                    .add("backlog_frames", inbox.size())
                    .add("lag_ms", (finishing - origin) / 1_000_000)
                    .toString());
        }
        utterance.recognized(TranscriptFormatter.format(text.strip(), direction.fromLanguage()), time.nanoTime());
        stream.close();
        if (utterance.text().isBlank()) {
            utterance.dropped("no words recognised");
        } else {
            rendering.add(utterance);
        }
        forgetUtterance();
    }

    /** No utterance is open any more (its stream, if any, is already closed). */
    private void forgetUtterance() {
        utterance = null;
        stream = null;
        inUtterance = false;
    }

    /**
     * Closes the utterance a call's end left open: recognised, then translated or dropped as the
     * seal says; nothing of it stays for the next call.
     */
    private void finishSealed(Seal seal, Utterance utterance, RecognitionStream stream, long lastOrigin) {
        if (stream == null) {
            return;
        }
        try {
            utterance.speechEnd = lastOrigin;
            String text = stream.finish();
            utterance.recognized(TranscriptFormatter.format(text.strip(), direction.fromLanguage()), time.nanoTime());
            if (utterance.text().isBlank()) {
                utterance.dropped("no words recognised (" + seal.why() + ")");
            } else if (seal.translate()) {
                rendering.add(utterance);
            } else {
                utterance.dropped(seal.why());
            }
        } catch (SpeechException | RuntimeException e) {
            fault("stt", recognizer.describe(), e);
            utterance.failed("recognition failed: " + e.getMessage());
        } finally {
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
                if (u.listenerGeneration() != toListener.generation()) {
                    u.dropped("its listener left the call before it was translated");
                    continue;
                }
                String translated = translate(u);
                if (translated != null) {
                    synthesize(u, translated);
                }
            } finally {
                renderingNow = false;
            }
        }
    }

    private String translate(Utterance u) {
        try {
            String t = translator
                    .translate(u.text(), direction.fromLanguage(), direction.toLanguage())
                    .strip();
            u.translated(t, time.nanoTime());
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

    private void synthesize(Utterance u, String text) {
        try {
            AudioClip pcm = synthesizer.synthesize(text, direction.toLanguage());
            short[] samples = pcm.samples();
            if (pcm.sampleRate() != Frames.RATE) {
                Resampler r = new Resampler(pcm.sampleRate(), Frames.RATE);
                short[] out = new short[r.maxOutputSamples(samples.length) + Frames.SAMPLES];
                int n = r.process(samples, 0, samples.length, out, 0);
                samples = Arrays.copyOf(out, n);
            }
            u.synthesized(samples, time.nanoTime());
            toListener.enqueue(u);
        } catch (SpeechException | RuntimeException e) {
            fault("tts", synthesizer.describe(), e);
            u.failed("speech synthesis failed: " + e.getMessage());
        }
    }

    /**
     * Says, from this thread (never the media clock's, which only counts), that the inbox refused
     * frames because the recogniser fell behind: the speaker's audio in them was never recognised.
     * At most once a second, with the count since the last report.
     */
    private void reportOverflow() {
        long refused = inbox.overflows();
        if (refused == overflowsReported) {
            return;
        }
        long now = time.nanoTime();
        if (overflowReportedAt != 0 && now - overflowReportedAt < OVERFLOW_REPORT_NANOS) {
            return;
        }
        long lost = refused - overflowsReported;
        String message = lost + " frames of the speaker's audio dropped unrecognised: the recogniser fell behind and"
                + " its queue (" + inbox.capacity() + " frames) was full";
        overflowsReported = refused;
        overflowReportedAt = now;
        fault("stt", recognizer.describe(), message, lost);
    }

    private void fault(String stage, String engine, Exception e) {
        fault(stage, engine, String.valueOf(e.getMessage()), 0);
    }

    private void fault(String stage, String engine, String message, long framesLost) {
        faults.incrementAndGet();
        LOG.warn(new KeyValueLine()
                .add("event", "engine_fault")
                .add("bridge", direction.bridge())
                .add("direction", direction.label())
                .add("stage", stage)
                .add("engine", engine)
                .add("error", message)
                .toString());
        bus.publish(new EngineFault(
                System.currentTimeMillis(), direction.bridge(), stage, engine, message, false, framesLost));
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
