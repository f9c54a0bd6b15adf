package io.parley.rtp;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Drop counts at one moment, every reason but {@code NONE}, in declaration order. */
public record DropSnapshot(Map<DropReason, Long> counts) {

    public DropSnapshot {
        counts = Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    public long get(DropReason reason) {
        return counts.getOrDefault(reason, 0L);
    }

    public long total() {
        long sum = 0;
        for (long n : counts.values()) {
            sum += n;
        }
        return sum;
    }

    /** The counts keyed by {@link DropReason#label()}, for metrics and {@code LegStats.malformed}. */
    public Map<String, Long> byLabel() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((reason, n) -> out.put(reason.label(), n));
        return Collections.unmodifiableMap(out);
    }
}
