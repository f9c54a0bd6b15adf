package io.parley.sim;

import java.util.Arrays;

/**
 * What a simulated caller says, one frame at a time, at the caller's sample rate (8 kHz for the
 * G.711 and slin legs). Implementations are called by one thread (the media clock) and do not
 * allocate per frame.
 */
public interface Source {

    /** Says nothing: every frame is digital silence, still sent as RTP like a phone without DTX. */
    Source SILENCE = new Source() {
        @Override
        public boolean next(short[] frame, int samples) {
            Arrays.fill(frame, 0, samples, (short) 0);
            return false;
        }

        @Override
        public String describe() {
            return "silence";
        }
    };

    /**
     * Fills {@code frame[0..samples)} with the next frame. Returns true when this frame starts a
     * tone burst: one-way latency is measured from the moment such a frame is sent.
     */
    boolean next(short[] frame, int samples);

    /** The tone a listener should hear, or NaN when there is none to check (silence, a recording). */
    default double frequencyHz() {
        return Double.NaN;
    }

    /** A few words for reports, e.g. {@code "600 Hz bursts 200/120 ms"}. */
    String describe();
}
