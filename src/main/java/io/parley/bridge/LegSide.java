package io.parley.bridge;

import io.parley.config.LegConfig;
import io.parley.event.LegStats;

/**
 * A leg as its bridge sees it: the caller's audio comes in as 16 kHz 20 ms frames, and frames go
 * out to the caller. Behind it is RTP straight from Asterisk (ExternalMedia), a gateway over PCM
 * datagrams, or an AudioSocket connection.
 */
public interface LegSide extends AutoCloseable {

    LegConfig config();

    /** Starts delivering the caller's audio to {@code listener}. */
    void start(FrameListener listener);

    /** Sends one frame to the caller now. Called by one media thread at a time, once per frame time. */
    void send(short[] frame, long originNanos);

    /** A frame time passed with nothing for the caller. */
    void silent();

    /** Sends one frame of translated speech alone to whoever listens for it (ExternalMedia's translated port). */
    default void sendTranslated(short[] frame) {
    }

    /** Whether a caller is on the line: audio arrived recently, or signalling says so. */
    boolean present();

    /** The leg's counters and levels now. */
    LegStats stats(String bridge);

    @Override
    void close();
}
