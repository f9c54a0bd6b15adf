package io.parley.sim;

import java.util.Map;

/**
 * One leg as parley's {@code /status} reports it (the fields the simulator needs).
 *
 * @param bufferTargetMillis the leg's jitter-buffer target now (NaN before its first statistics)
 * @param malformed          datagrams dropped before the jitter buffer, by reason label
 */
public record LegStatus(String bridge, String extension, long packetsIn, long packetsOut, long lost, long late,
                        long concealed, Map<String, Long> malformed, double bufferTargetMillis,
                        double bufferDepthMillis) {
    public LegStatus {
        malformed = Map.copyOf(malformed);
    }

    public long malformedTotal() {
        return malformed.values().stream().mapToLong(Long::longValue).sum();
    }
}
