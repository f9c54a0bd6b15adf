package io.parley.ari;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Delays between reconnection attempts: exponential from {@code initial} up to {@code max}, each
 * shortened by a random share of up to {@code jitter} so that several clients that lost Asterisk
 * at once do not come back in step. Not thread-safe: one reconnect loop owns it.
 */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final double jitter;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration initial, Duration max, double jitter, RandomGenerator random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("backoff jitter must be in [0, 1), got " + jitter);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.jitter = jitter;
        this.random = random;
    }

    /** 0.5 s doubling to 30 s, minus up to 30 %. */
    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.3, RandomGenerator.getDefault());
    }

    /** The delay before the next attempt; each call doubles the ceiling until {@code max}. */
    public Duration next() {
        long ceiling = (long) Math.min(maxMillis, initialMillis * Math.pow(2, attempt));
        attempt = Math.min(attempt + 1, 64);
        long shortened = Math.round(ceiling * jitter * random.nextDouble());
        return Duration.ofMillis(ceiling - shortened);
    }

    /** After a connection that worked: the next failure starts again from {@code initial}. */
    public void reset() {
        attempt = 0;
    }
}
