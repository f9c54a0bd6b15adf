package io.parley.rtp;

/**
 * Fixed properties of one {@link JitterBuffer}: the stream's clock and payload size, the number
 * of slots, and the bounds of the adaptive playout delay. Validated once, here: a value that
 * would affect media timing is refused, never corrected.
 *
 * <p>Memory per buffer is about {@code slotCount * (maxPayloadBytes + 18)} bytes plus ~300
 * bytes of fields (32 slots of 640-byte slin16 payloads: ~21 KB; of 160-byte G.711: ~5.7 KB;
 * 1500 G.711 buffers: ~9 MB). The slots must hold {@code maxDelayMillis} of audio plus the
 * reordering depth: with 20 ms packets and a 200 ms maximum, 16 would do; 32 leaves room for
 * 10 ms packets and bursts.
 *
 * @param clockRate          RTP clock rate in Hz (8000 for G.711 and slin, 16000 for slin16)
 * @param bytesPerSample     payload bytes per sample (1 for G.711, 2 for L16), to count samples
 * @param maxPayloadBytes    largest payload a slot stores; larger packets are refused
 * @param slotCount          number of slots, a power of two from 2 to 1024
 * @param minDelayMillis     lower bound of the adaptive target delay
 * @param initialDelayMillis target before any jitter has been observed
 * @param maxDelayMillis     upper bound of the adaptive target delay
 */
public record JitterBufferSettings(
        int clockRate,
        int bytesPerSample,
        int maxPayloadBytes,
        int slotCount,
        int minDelayMillis,
        int initialDelayMillis,
        int maxDelayMillis) {

    public static final int DEFAULT_SLOTS = 32;
    public static final int DEFAULT_MIN_DELAY_MILLIS = 20;
    public static final int DEFAULT_INITIAL_DELAY_MILLIS = 40;
    public static final int DEFAULT_MAX_DELAY_MILLIS = 200;

    public JitterBufferSettings {
        check("clockRate", clockRate, 1000, 192_000, "Hz");
        check("bytesPerSample", bytesPerSample, 1, 8, "bytes");
        check("maxPayloadBytes", maxPayloadBytes, 1, 65_535, "bytes");
        check("slotCount", slotCount, 2, 1024, "slots");
        if (Integer.bitCount(slotCount) != 1) {
            throw new IllegalArgumentException("jitter buffer slotCount " + slotCount + " must be a power of two (e.g. "
                    + Integer.highestOneBit(slotCount) * 2 + ")");
        }
        check("maxDelayMillis", maxDelayMillis, 1, 10_000, "ms");
        check("minDelayMillis", minDelayMillis, 0, maxDelayMillis, "ms (and at most maxDelayMillis)");
        check(
                "initialDelayMillis",
                initialDelayMillis,
                minDelayMillis,
                maxDelayMillis,
                "ms (between minDelayMillis and maxDelayMillis)");
    }

    /** Default delays (20/40/200 ms) and 32 slots for a codec. */
    public static JitterBufferSettings forCodec(int clockRate, int bytesPerSample, int maxPayloadBytes) {
        return new JitterBufferSettings(
                clockRate,
                bytesPerSample,
                maxPayloadBytes,
                DEFAULT_SLOTS,
                DEFAULT_MIN_DELAY_MILLIS,
                DEFAULT_INITIAL_DELAY_MILLIS,
                DEFAULT_MAX_DELAY_MILLIS);
    }

    /** The same with other delay bounds. */
    public JitterBufferSettings withDelays(int minMillis, int initialMillis, int maxMillis) {
        return new JitterBufferSettings(
                clockRate, bytesPerSample, maxPayloadBytes, slotCount, minMillis, initialMillis, maxMillis);
    }

    /** The same with another slot count. */
    public JitterBufferSettings withSlots(int slots) {
        return new JitterBufferSettings(
                clockRate, bytesPerSample, maxPayloadBytes, slots, minDelayMillis, initialDelayMillis, maxDelayMillis);
    }

    /** Approximate heap bytes one buffer with these settings holds. */
    public long memoryBytes() {
        return (long) slotCount * (maxPayloadBytes + 18) + 300;
    }

    private static void check(String field, int value, int min, int max, String unit) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "jitter buffer " + field + " = " + value + " is outside " + min + ".." + max + " " + unit);
        }
    }
}
