package io.parley.rtp;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-reason counts of dropped datagrams for one receiving port.
 *
 * <p>Threading: exactly one thread (the port's socket loop) calls {@link #count}; any thread may
 * read with {@link #get} or {@link #snapshot}. Each counter has that single writer, so an
 * increment is a plain read and an ordered write, with no lock, CAS or allocation.
 */
public final class DropCounters {
    private static final DropReason[] REASONS = DropReason.values();

    private final AtomicLongArray counts = new AtomicLongArray(REASONS.length);

    /** Counts one dropped datagram; {@link DropReason#NONE} is ignored so callers need no branch. */
    public void count(DropReason reason) {
        if (reason != DropReason.NONE) {
            int i = reason.ordinal();
            counts.setRelease(i, counts.getPlain(i) + 1);
        }
    }

    public long get(DropReason reason) {
        return counts.getAcquire(reason.ordinal());
    }

    /**
     * The reasons counted so far, keyed by {@link DropReason#label()}, in declaration order; an empty
     * map (nothing allocated) while nothing was dropped. For statistics sampled many times a second.
     */
    public Map<String, Long> countedByLabel() {
        Map<String, Long> out = null;
        for (DropReason reason : REASONS) {
            long n = reason == DropReason.NONE ? 0 : counts.getAcquire(reason.ordinal());
            if (n > 0) {
                if (out == null) {
                    out = new LinkedHashMap<>();
                }
                out.put(reason.label(), n);
            }
        }
        return out == null ? Map.of() : Collections.unmodifiableMap(out);
    }

    /** The current counts of every reason but {@code NONE}. Allocates; call it from a stats sampler. */
    public DropSnapshot snapshot() {
        EnumMap<DropReason, Long> map = new EnumMap<>(DropReason.class);
        for (DropReason reason : REASONS) {
            if (reason != DropReason.NONE) {
                map.put(reason, counts.getAcquire(reason.ordinal()));
            }
        }
        return new DropSnapshot(map);
    }
}
