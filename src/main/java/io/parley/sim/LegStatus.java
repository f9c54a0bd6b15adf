package io.parley.sim;

import java.util.Map;

/**
 * One leg as parley's {@code /status} reports it (the fields the simulator needs).
 *
 * @param bufferTargetMillis the leg's jitter-buffer target now (NaN before its first statistics)
 * @param discarded          packets parley buffered but never played (trimmed, overflow, skipped ticks)
 * @param malformed          datagrams dropped before the jitter buffer, by reason label
 */
public record LegStatus(
        String bridge,
        String extension,
        long packetsIn,
        long packetsOut,
        long lost,
        long late,
        long concealed,
        long discarded,
        Map<String, Long> malformed,
        double bufferTargetMillis,
        double bufferDepthMillis) {
    public LegStatus {
        malformed = Map.copyOf(malformed);
    }

    /** This leg's counters since {@code before} (levels and buffer figures as now). */
    public LegStatus since(LegStatus before) {
        return new LegStatus(
                bridge,
                extension,
                packetsIn - before.packetsIn,
                packetsOut - before.packetsOut,
                lost - before.lost,
                late - before.late,
                concealed - before.concealed,
                discarded - before.discarded,
                malformed,
                bufferTargetMillis,
                bufferDepthMillis);
    }

    public long malformedTotal() {
        return malformed.values().stream().mapToLong(Long::longValue).sum();
    }
}
