package io.parley.rtp;

/**
 * Arithmetic on 16-bit RTP sequence numbers, which wrap from 65535 to 0. Every result is taken
 * modulo 65536 (not 65535), and "newer" means "less than half the space ahead" (RFC 1982
 * serial-number comparison), so 0 is newer than 65535 and 65535 is older than 0.
 */
public final class SequenceNumber {
    public static final int MODULUS = 1 << 16;
    public static final int MASK = MODULUS - 1;

    private SequenceNumber() {}

    /**
     * Signed distance from {@code from} to {@code to}, in -32768..32767: positive when {@code to}
     * is ahead. {@code distance(65535, 0) == 1}, {@code distance(0, 65535) == -1}.
     */
    public static int distance(int from, int to) {
        return (short) (to - from);
    }

    /** Whether {@code candidate} comes after {@code reference} in wrap-around order. */
    public static boolean isNewer(int candidate, int reference) {
        return distance(reference, candidate) > 0;
    }

    /** {@code seq + delta} modulo 65536; {@code delta} may be negative. */
    public static int add(int seq, int delta) {
        return (seq + delta) & MASK;
    }

    public static int next(int seq) {
        return (seq + 1) & MASK;
    }
}
