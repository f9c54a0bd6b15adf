package io.parley.translation;

import io.parley.audio.Gain;
import io.parley.audio.LevelMeter;
import io.parley.audio.Mixer;
import io.parley.config.TranslationSettings;
import io.parley.leg.Frames;
import io.parley.media.FrameQueue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What one listener hears on a translation bridge: the other caller's own voice (off, ducked under
 * the translation, or full) mixed with the translations, which play in order, one at a time.
 * An utterance that would start later than the configured lag after it was spoken is dropped, so
 * the call never drifts behind.
 *
 * <p>It also keeps the echo guard's state: while it plays a translation to its listener (and for
 * a tail after), the listener's own microphone may carry that translation back, so the lane that
 * translates the listener ignores what it hears: a half-duplex gate, with barge-in as an option.
 * (The other caller's own voice is left to the phone's echo canceller, as on any call.)
 *
 * <p>Threading contract: {@link #offerOriginal} from the speaker's media thread, {@link #enqueue}
 * from the rendering thread, {@link #next} from the listener's output clock; the echo-guard
 * getters and {@link #bargeIn} from the listener's recognition thread.
 */
final class Playout {
    private final FrameQueue originals = new FrameQueue(16, Frames.SAMPLES);
    private final ConcurrentLinkedQueue<Utterance> ready = new ConcurrentLinkedQueue<>();
    private final TranslationSettings settings;
    private final Mixer mixer;
    private final long maxLagNanos;
    private final long tailNanos;
    private final short[] original = new short[Frames.SAMPLES];
    private final short[] speech = new short[Frames.SAMPLES];
    /** Until this direction translates (engines ready and present), the speaker's voice passes whole. */
    private volatile boolean translating;

    private boolean lastWasSpeech;
    private boolean lastHadOriginal;
    private Utterance current;
    private volatile boolean interrupt;
    private volatile long guardUntilNanos;
    private volatile double playedLevelDbfs = LevelMeter.FLOOR_DBFS;
    private volatile long dropped;
    /** Counts the listener's calls: an utterance of an earlier one is never played. */
    private volatile long generation;

    Playout(TranslationSettings settings) {
        this.settings = settings;
        Gain originalUnderSpeech = switch (settings.original()) {
            case OFF -> new Gain(-120);
            case DUCKED -> new Gain(settings.duckDb());
            case FULL -> Gain.UNITY;
        };
        this.mixer = new Mixer(Gain.UNITY, originalUnderSpeech);
        this.maxLagNanos = settings.maxLagMillis() * 1_000_000L;
        this.tailNanos = settings.echoTailMillis() * 1_000_000L;
    }

    /** This direction now translates: the speaker's voice follows the settings from here on. */
    void translating(boolean on) {
        translating = on;
    }

    /** The speaker's own voice, one frame, for mixing under the translation. */
    void offerOriginal(short[] frame, long originNanos) {
        originals.offer(frame, 0, originNanos);
    }

    /** A synthesised translation, ready to play after those already waiting. */
    void enqueue(Utterance u) {
        ready.add(u);
    }

    /**
     * Fills {@code out} with the listener's next frame; false when there is nothing to hear. Called
     * once per frame time by the listener's output clock.
     */
    boolean next(long nowNanos, short[] out) {
        boolean haveOriginal = originals.poll(original, 0) != Long.MIN_VALUE;
        boolean haveSpeech = nextSpeech(nowNanos);
        lastWasSpeech = haveSpeech;
        lastHadOriginal = haveOriginal;
        if (haveSpeech) {
            // The listener's phone may send this translation back: guard their lane until it has died away.
            guardUntilNanos = nowNanos + Frames.MILLIS * 1_000_000L + tailNanos;
            playedLevelDbfs = LevelMeter.rmsDbfs(speech, 0, Frames.SAMPLES);
            if (haveOriginal) {
                mixer.mix(speech, 0, original, 0, out, 0, Frames.SAMPLES);
            } else {
                System.arraycopy(speech, 0, out, 0, Frames.SAMPLES);
            }
            return true;
        }
        if (haveOriginal && (!translating || settings.original() != TranslationSettings.Original.OFF)) {
            System.arraycopy(original, 0, out, 0, Frames.SAMPLES);
            return true;
        }
        return false;
    }

    /** Whether the last {@link #next} found a frame of the speaker's own voice. */
    boolean hadOriginal() {
        return lastHadOriginal;
    }

    /** The frame of translated speech just produced by {@link #next}, or null when it produced none. */
    short[] speechFrame() {
        return lastWasSpeech ? speech : null;
    }

    private boolean nextSpeech(long now) {
        if (current != null && interrupt) {
            interrupt = false;
            current.played(now, "interrupted: the listener spoke (barge-in)");
            current = null;
        }
        while (current == null) {
            Utterance u = ready.poll();
            if (u == null) {
                return false;
            }
            if (u.listenerGeneration() != generation) {
                dropped++;
                u.dropped("its listener left the call before it was played");
                continue;
            }
            if (now - u.speechEnd > maxLagNanos) {
                dropped++;
                u.dropped("would start " + (now - u.speechEnd) / 1_000_000 + " ms after it was spoken (limit "
                        + settings.maxLagMillis() + " ms)");
                continue;
            }
            current = u;
            u.playing(now);
        }
        if (current.nextFrame(speech)) {
            return true;
        }
        current.played(now, "");
        current = null;
        return nextSpeech(now);
    }

    /** Whether the listener's microphone may be carrying a translation back right now. */
    boolean echoGuardClosed(long nowNanos) {
        return nowNanos < guardUntilNanos;
    }

    /** Level of the translation last played, to tell the listener's own voice from its echo. */
    double playedLevelDbfs() {
        return playedLevelDbfs;
    }

    /** The listener spoke over the translation: stop it. */
    void bargeIn() {
        interrupt = true;
        guardUntilNanos = 0;
    }

    /** The listener's current call; an utterance keeps the one it began in. */
    long generation() {
        return generation;
    }

    /**
     * The listener left the call: what plays or waits for them is dropped (and logged as dropped),
     * their partner's voice waiting for them is discarded, and nothing begun before reaches the
     * listener's next call. Called from the listener's output clock, the thread of {@link #next}.
     */
    void listenerLeft(long nowNanos) {
        generation++;
        if (current != null) {
            current.played(nowNanos, "cut short: the listener left the call");
            current = null;
        }
        for (Utterance u; (u = ready.poll()) != null; ) {
            dropped++;
            u.dropped("its listener left the call before it was played");
        }
        originals.skip(originals.size());
        interrupt = false;
        guardUntilNanos = 0;
    }

    /** Whether a translation is playing or waiting. */
    boolean busy() {
        return current != null || !ready.isEmpty();
    }

    long droppedUtterances() {
        return dropped;
    }
}
