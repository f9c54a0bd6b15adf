package io.parley.rtpleg;

import io.parley.config.JitterSettings;

/** The package's receiving paths, put together for benchmarks outside the package. */
public final class LegParts {

    /** A clock's pull of 16 kHz frames. */
    @FunctionalInterface
    public interface Puller {
        boolean pull(long nowNanos, short[] frame);
    }

    private LegParts() {}

    /** {@code receiver}'s packets into a jitter buffer with the default settings; the clock pulls frames. */
    public static Puller playout(RtpReceiver receiver) {
        JitterPlayout playout = new JitterPlayout(receiver.codec(), JitterSettings.DEFAULT);
        receiver.deliverTo(playout);
        return playout::pull;
    }

    /** {@code receiver}'s packets forwarded as they arrive, through {@code transmitter}. */
    public static void forward(RtpReceiver receiver, RtpTransmitter transmitter) {
        receiver.deliverTo(new PacketForwarder(receiver.codec(), transmitter::forward));
    }
}
