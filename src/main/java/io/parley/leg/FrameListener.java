package io.parley.leg;

/**
 * Receives a caller's audio, one 16 kHz 20 ms frame at a time, on a media thread (the clock or a
 * reactor). The frame is only valid during the call; keep a copy if needed. Must not block.
 */
public interface FrameListener {

    /** @param originNanos when the frame's audio entered parley (monotonic clock) */
    void onFrame(short[] frame, long originNanos);

    /** A frame time passed with no audio from the caller (silence, or no call). */
    default void onSilence() {}
}
