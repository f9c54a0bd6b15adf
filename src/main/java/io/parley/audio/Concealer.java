package io.parley.audio;

import java.util.Arrays;

/**
 * Packet-loss concealment for fixed-size frames: a lost frame is replaced by the last good one,
 * fading; after {@code maxRepeats} losses in a row, silence.
 * <p>Repeat k (from 1) fades linearly from {@code g^(k-1)} to {@code g^k} across the frame, where
 * g is the fade per repeat (-6 dB: 1 to 0.5, then 0.5 to 0.25, ...), and the last allowed repeat
 * fades to zero, so the concealment neither steps in level nor clicks into silence. A good frame
 * resets it. No allocation; one instance per stream, not thread-safe.
 */
public final class Concealer {
    private final int frameSamples;
    private final float fadePerRepeat;
    private final int maxRepeats;
    private final short[] lastGood;
    private boolean haveGood;
    private int losses;

    /** Fades 6 dB per repeat, silence after 3 losses in a row. */
    public Concealer(int frameSamples) {
        this(frameSamples, 6, 3);
    }

    public Concealer(int frameSamples, double fadeDbPerRepeat, int maxRepeats) {
        if (frameSamples <= 0 || fadeDbPerRepeat < 0 || maxRepeats < 0) {
            throw new IllegalArgumentException("concealer needs a positive frame size, a fade >= 0 dB and repeats"
                    + " >= 0; got " + frameSamples + " samples, " + fadeDbPerRepeat + " dB, " + maxRepeats);
        }
        this.frameSamples = frameSamples;
        this.fadePerRepeat = (float) Gain.dbToLinear(-fadeDbPerRepeat);
        this.maxRepeats = maxRepeats;
        this.lastGood = new short[frameSamples];
    }

    /** Remembers a frame that arrived; ends any run of losses. */
    public void good(short[] frame, int off) {
        System.arraycopy(frame, off, lastGood, 0, frameSamples);
        haveGood = true;
        losses = 0;
    }

    /** Writes the frame to play in place of a lost one into {@code out[off..off+frameSamples)}. */
    public void conceal(short[] out, int off) {
        losses++;
        if (!haveGood || losses > maxRepeats) {
            Arrays.fill(out, off, off + frameSamples, (short) 0);
            return;
        }
        float from = (float) Math.pow(fadePerRepeat, losses - 1);
        float to = losses == maxRepeats ? 0 : from * fadePerRepeat;
        float step = (to - from) / frameSamples;
        for (int i = 0; i < frameSamples; i++) {
            out[off + i] = (short) Math.round(lastGood[i] * (from + step * i));
        }
    }

    /** Frames concealed since the last good one. */
    public int consecutiveLosses() {
        return losses;
    }

    public int frameSamples() {
        return frameSamples;
    }
}
