package io.parley.leg;

import io.parley.config.LegConfig;
import io.parley.event.LegStats;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A leg as its bridge sees it. Behind it is RTP (ExternalMedia straight from Asterisk, or a
 * gateway in this process), a gateway elsewhere over PCM datagrams, or an AudioSocket connection.
 *
 * <p>The caller's audio reaches the bridge one of two ways: as 16 kHz 20 ms frames on the media
 * clock ({@link #start}), which every leg offers, or as the caller's own packets forwarded the
 * moment they arrive to another leg that takes them ({@link #forwardTo}, {@link #packetSink}), which
 * RTP legs of one clock rate offer each other: no decoding, no jitter buffer, no tick.
 */
public interface LegSide extends AutoCloseable {

    LegConfig config();

    /** Starts delivering the caller's audio to {@code listener}, a frame a tick. */
    void start(FrameListener listener);

    /**
     * Forwards the caller's packets to {@code to}'s caller as they arrive, instead of {@link #start},
     * when {@code to} takes them ({@link #packetSink}). False, and nothing changed, when either leg
     * cannot: the bridge then relays frames.
     */
    default boolean forwardTo(LegSide to) {
        return false;
    }

    /**
     * Where another leg forwards its caller's RTP packets of {@code clockRate} to reach this caller,
     * or empty when this leg takes frames only. Once given, this caller hears the packets forwarded
     * into it (and the waiting tone while waiting) rather than frames.
     */
    default Optional<PacketSink> packetSink(int clockRate) {
        return Optional.empty();
    }

    /** Sends one frame to the caller now. Called by one media thread at a time, once per frame time. */
    void send(short[] frame, long originNanos);

    /** A frame time passed with nothing for the caller. */
    void silent();

    /** Sends one frame of translated speech alone to whoever listens for it (ExternalMedia's translated port). */
    default void sendTranslated(short[] frame) {}

    /** Signalling (ARI) drives this leg from now on: without a call it has no caller (and an RTP leg takes no RTP). */
    default void drivenBySignalling() {}

    /**
     * Signalling says a caller is on this leg; their media comes from, and their audio goes to,
     * {@code media} (Asterisk's address for the call) when it is known.
     */
    default void callerConnected(Optional<InetSocketAddress> media) {}

    /** Signalling says the caller has gone. */
    default void callerGone() {}

    /** Whether the caller waits for the other leg of the bridge (and hears the waiting tone). */
    default void waiting(boolean waiting) {}

    /**
     * For a leg that learns of its caller by itself, with no signalling (an AudioSocket session
     * opening and closing): {@code changed} runs whenever a caller arrives or leaves, so that the
     * bridge can tell the legs who waits. Other legs never call it.
     */
    default void onCallerChange(Runnable changed) {}

    /** Whether a caller is on the line: audio arrived recently, or signalling says so. */
    boolean present();

    /** The leg's counters and levels now. */
    LegStats stats(String bridge);

    @Override
    void close();
}
