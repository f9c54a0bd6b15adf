package io.parley.config;

/** Bounds of a leg's adaptive jitter buffer, in milliseconds (multiples of 20). */
public record JitterSettings(int minMillis, int initialMillis, int maxMillis) {
    public static final JitterSettings DEFAULT = new JitterSettings(20, 40, 200);
}
