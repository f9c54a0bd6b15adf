package io.parley.leg;

import io.parley.audio.CadenceTone;
import io.parley.config.ToneZone;

/**
 * The ringing tone a caller hears while their bridge waits for the other leg, in the leg's tone
 * zone. parley plays it in the leg's own media, in place of the silence the bridge has for them:
 * no Asterisk playback, so nothing to stop, nothing to fail when a caller hangs up, and the caller's
 * voice still reaches the bridge while they wait.
 *
 * <p>Threading contract: {@link #waiting} from the signalling thread; {@link #next} from the one
 * media thread that sends to the caller. No allocation in {@link #next}.
 */
public final class WaitingTone {
    /** Asterisk's playtones level (7219 of 32767). */
    public static final double LEVEL_DBFS = -13;

    private final CadenceTone tone;
    private final short[] frame = new short[Frames.SAMPLES];
    private volatile boolean on;
    private volatile boolean restart;

    public WaitingTone(ToneZone zone) {
        this.tone = new CadenceTone(zone.cadence(), Frames.RATE, LEVEL_DBFS);
    }

    /** The caller is waiting for the other leg (the tone starts from its beginning), or no longer. */
    public void waiting(boolean waiting) {
        if (waiting && !on) {
            restart = true;
        }
        on = waiting;
    }

    public boolean on() {
        return on;
    }

    /** The next 20 ms of the tone at 16 kHz, or null when the caller is not waiting. */
    public short[] next() {
        if (!on) {
            return null;
        }
        if (restart) {
            restart = false;
            tone.restart();
        }
        tone.fill(frame, 0, Frames.SAMPLES);
        return frame;
    }
}
