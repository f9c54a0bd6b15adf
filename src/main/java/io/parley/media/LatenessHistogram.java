package io.parley.media;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How late clock ticks ran, in power-of-two microsecond buckets (0-1 µs, 1-2 µs, ... 2^19 µs and
 * more). Written by the clock thread, read by anyone; allocation-free.
 */
public final class LatenessHistogram {
    private static final int BUCKETS = 21;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(long lateNanos) {
        long micros = Math.max(0, lateNanos / 1000);
        int bucket = micros == 0 ? 0 : Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros(micros));
        counts.incrementAndGet(bucket);
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** Upper bound, in microseconds, of the bucket holding quantile {@code q} (0..1); 0 when empty. */
    public long quantileMicros(double q) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return 1L << i;
            }
        }
        return 1L << (BUCKETS - 1);
    }
}
