package io.parley.rtp;

/**
 * The interarrival jitter estimate of RFC 3550 §6.4.1 and A.8: the smoothed mean deviation of
 * the difference in transit time between consecutive packets, in timestamp units,
 * {@code J += (|D| - J) / 16}. Fed in arrival order (reordered packets included, as the RFC
 * does). Arrival times are nanoseconds from any monotonic clock; only differences are used, so
 * no absolute time is converted and nothing overflows on long calls.
 *
 * <p>Not thread-safe: owned by the thread that receives the stream.
 */
final class InterarrivalJitter {
    private final int clockRate;
    private double jitter;
    private boolean hasPrevious;
    private long previousArrivalNanos;
    private int previousTimestamp;

    /**
     * @param clockRate     the RTP clock rate in Hz (8000 for G.711)
     * @param initialJitter the estimate before any data, in timestamp units (0 per the RFC)
     */
    InterarrivalJitter(int clockRate, double initialJitter) {
        this.clockRate = clockRate;
        this.jitter = initialJitter;
    }

    /** Adds one packet that arrived at {@code arrivalNanos} with RTP timestamp bits {@code timestamp}. */
    void update(long arrivalNanos, int timestamp) {
        if (hasPrevious) {
            double arrivalDelta = (arrivalNanos - previousArrivalNanos) * (double) clockRate / 1e9;
            double d = arrivalDelta - (timestamp - previousTimestamp);
            jitter += (Math.abs(d) - jitter) / 16.0;
        }
        hasPrevious = true;
        previousArrivalNanos = arrivalNanos;
        previousTimestamp = timestamp;
    }

    /** Forgets the previous packet (new source) but keeps the estimate: the network is the same. */
    void restart() {
        hasPrevious = false;
    }

    /** The estimate in timestamp units. */
    double samples() {
        return jitter;
    }

    double millis() {
        return jitter * 1000.0 / clockRate;
    }
}
