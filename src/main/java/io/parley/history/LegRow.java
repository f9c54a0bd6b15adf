package io.parley.history;

import java.util.Map;

/**
 * One leg of a call: who was on it, and its RTP summary over the call (the leg's counters at the
 * end less those at the start).
 *
 * @param channelId   the Asterisk channel of the caller, empty without signalling
 * @param joinedAt    when the caller arrived (signalling, or the first packet)
 * @param leftAt      when the caller left (signalling, or the last packet)
 * @param leftReason  why, as signalling said it
 * @param remote      address the caller's RTP came from
 * @param malformed   datagrams dropped before the jitter buffer, by reason
 * @param jitterMillis    RFC 3550 interarrival jitter at the end
 * @param maxJitterMillis the highest jitter reported during the call
 */
public record LegRow(
        String callId,
        String extension,
        String language,
        String codec,
        String channelId,
        Long joinedAt,
        Long leftAt,
        String leftReason,
        String remote,
        long packetsIn,
        long packetsOut,
        long bytesIn,
        long bytesOut,
        long lost,
        long duplicates,
        long reordered,
        long late,
        long concealed,
        long discarded,
        Map<String, Long> malformed,
        double jitterMillis,
        double maxJitterMillis)
        implements Write {

    public LegRow {
        malformed = Map.copyOf(malformed);
    }

    /** Lost packets over packets expected. */
    public double lossRatio() {
        long expected = packetsIn + lost;
        return expected == 0 ? 0.0 : (double) lost / expected;
    }
}
