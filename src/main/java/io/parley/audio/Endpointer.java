package io.parley.audio;

/**
 * Turns per-frame voice activity into utterances: where each starts and ends.
 * <p>Offer every frame in order; each returns what it is:
 * <ul>
 * <li>{@link Event#SILENCE}: outside any utterance.</li>
 * <li>{@link Event#SPEECH_START}: an utterance has begun. It began {@link #preRollFrames()} frames
 * ago (its first voiced frame, minus the pre-roll); copy those with {@link #copyPreRollFrame},
 * oldest first, then use this frame. It is announced only once it holds {@code minSpeech} of
 * voiced audio, so clicks never start one.</li>
 * <li>{@link Event#SPEECH}: the utterance goes on (this includes its trailing pause).</li>
 * <li>{@link Event#SPEECH_END}: this frame closes the utterance, after {@code trailingSilence}
 * without a voiced frame, or because it reached {@code maxUtterance} ({@link #endWasForced()}).</li>
 * </ul>
 * {@link #utteranceStartMillis()} and {@link #utteranceEndMillis()} give the voiced boundaries
 * (first voiced frame, end of the last voiced frame) in stream time, from the first frame offered.
 * <p>Keeps the last few frames in a ring it allocates once; no allocation per frame. One instance
 * per stream, not thread-safe.
 */
public final class Endpointer {

    /** What an offered frame is. */
    public enum Event {
        SILENCE,
        SPEECH_START,
        SPEECH,
        SPEECH_END
    }

    private enum State {
        IDLE,
        CANDIDATE,
        SPEECH
    }

    private final VoiceActivityDetector vad;
    private final int sampleRate;
    private final int frameSamples;
    private final int preRoll;
    private final int trailing;
    private final int minVoiced;
    private final int maxFrames;
    private final short[] ring;
    private final int ringFrames;

    private State state = State.IDLE;
    private long frame = -1;
    private long candidateStart;
    private int voicedInCandidate;
    private long lastVoiced;
    private long utteranceStart;
    private long utteranceEnd;
    private long lastEndFrame = -1;
    private int preRollCount;
    private boolean forced;

    /** Default settings and a default detector, for frames of {@code frameSamples} at {@code sampleRate}. */
    public Endpointer(int sampleRate, int frameSamples) {
        this(new VoiceActivityDetector(sampleRate), sampleRate, frameSamples, EndpointSettings.DEFAULT);
    }

    public Endpointer(VoiceActivityDetector vad, int sampleRate, int frameSamples, EndpointSettings settings) {
        if (frameSamples <= 0 || sampleRate <= 0) {
            throw new IllegalArgumentException("endpointer needs positive frame size and rate, got " + frameSamples
                    + " samples at " + sampleRate + " Hz");
        }
        this.vad = vad;
        this.sampleRate = sampleRate;
        this.frameSamples = frameSamples;
        this.preRoll = frames(settings.preRollMillis());
        this.trailing = Math.max(1, frames(settings.trailingSilenceMillis()));
        this.minVoiced = Math.max(1, frames(settings.minSpeechMillis()));
        this.maxFrames = Math.max(minVoiced + 1, frames(settings.maxUtteranceMillis()));
        // A candidate spans at most minVoiced + trailing frames (see offer), plus pre-roll and now.
        this.ringFrames = preRoll + minVoiced + trailing + 1;
        this.ring = new short[ringFrames * frameSamples];
    }

    private int frames(int millis) {
        return (int) Math.round(millis * (double) sampleRate / 1000 / frameSamples);
    }

    /** Classifies the next frame, {@code frame[off..off+frameSamples)}. */
    public Event offer(short[] samples, int off) {
        frame++;
        System.arraycopy(samples, off, ring, (int) (frame % ringFrames) * frameSamples, frameSamples);
        boolean voiced = vad.isSpeech(samples, off, frameSamples);
        return switch (state) {
            case IDLE -> {
                if (voiced) {
                    candidateStart = frame;
                    voicedInCandidate = 0;
                    state = State.CANDIDATE;
                    yield candidate(true);
                }
                yield Event.SILENCE;
            }
            case CANDIDATE -> candidate(voiced);
            case SPEECH -> speech(voiced);
        };
    }

    private Event candidate(boolean voiced) {
        if (voiced) {
            voicedInCandidate++;
            lastVoiced = frame;
            if (frame - candidateStart >= minVoiced + trailing) {
                // Sparse bursts never add up to speech: start counting again from this one.
                candidateStart = frame;
                voicedInCandidate = 1;
            }
            if (voicedInCandidate >= minVoiced) {
                state = State.SPEECH;
                forced = false;
                long first = Math.max(candidateStart - preRoll, Math.max(lastEndFrame + 1, 0));
                first = Math.max(first, frame - ringFrames + 1);
                preRollCount = (int) (frame - first);
                utteranceStart = candidateStart;
                return Event.SPEECH_START;
            }
        } else if (frame - lastVoiced >= trailing) {
            state = State.IDLE;
        }
        return Event.SILENCE;
    }

    private Event speech(boolean voiced) {
        if (voiced) {
            lastVoiced = frame;
        }
        if (frame - utteranceStart + 1 >= maxFrames) {
            forced = true;
            return end(frame + 1);
        }
        if (!voiced && frame - lastVoiced >= trailing) {
            return end(lastVoiced + 1);
        }
        return Event.SPEECH;
    }

    private Event end(long endFrame) {
        utteranceEnd = endFrame;
        lastEndFrame = frame;
        state = State.IDLE;
        return Event.SPEECH_END;
    }

    /** After {@link Event#SPEECH_START}: how many frames before this one belong to the utterance. */
    public int preRollFrames() {
        return preRollCount;
    }

    /**
     * After {@link Event#SPEECH_START}: copies pre-roll frame {@code index} (0 = oldest) into
     * {@code out[off..off+frameSamples)}.
     */
    public void copyPreRollFrame(int index, short[] out, int off) {
        if (index < 0 || index >= preRollCount) {
            throw new IndexOutOfBoundsException("pre-roll frame " + index + " of " + preRollCount);
        }
        long which = frame - preRollCount + index;
        System.arraycopy(ring, (int) (which % ringFrames) * frameSamples, out, off, frameSamples);
    }

    /** Stream time of the current (or last) utterance's first voiced frame. */
    public long utteranceStartMillis() {
        return millis(utteranceStart);
    }

    /** Stream time of the end of the last utterance's last voiced frame (or where it was cut). */
    public long utteranceEndMillis() {
        return millis(utteranceEnd);
    }

    /** Whether the last {@link Event#SPEECH_END} came from the maximum length rather than silence. */
    public boolean endWasForced() {
        return forced;
    }

    /** Whether nothing is under way: no utterance and no voice that may start one. */
    public boolean idle() {
        return state == State.IDLE;
    }

    /** Whether an utterance is under way (started and not yet ended). */
    public boolean inUtterance() {
        return state == State.SPEECH;
    }

    public VoiceActivityDetector detector() {
        return vad;
    }

    private long millis(long frameIndex) {
        return frameIndex * frameSamples * 1000 / sampleRate;
    }
}
