package io.parley.event;

import java.util.Map;

/**
 * A periodic snapshot of one leg's media counters (cumulative since the leg started) and
 * its current levels. Published by the stats sampler a few times a second, never per packet.
 *
 * @param leg            the leg's extension, e.g. {@code 3333}
 * @param codec          payload format on the wire, e.g. {@code ulaw}
 * @param remote         address RTP currently comes from ({@code host:port}), or empty before the first packet
 * @param discarded      packets received and buffered but never played: trimmed to bring the jitter
 *                       buffer's depth back to its target, pushed out when it overflowed, or dropped for
 *                       ticks the media clock skipped (an overload)
 * @param malformed      datagrams dropped before reaching the jitter buffer, by reason; those of the
 *                       gateway-bridge PCM link are labelled {@value #PCM_DROP_PREFIX}{@code <reason>}
 * @param jitterMillis   RFC 3550 interarrival jitter
 * @param bufferDepthMillis audio waiting in the jitter buffer now
 * @param bufferTargetMillis the jitter buffer's current adaptive target
 * @param levelInDbfs    level of the audio received from the caller over the last frame, dBFS
 * @param levelOutDbfs   level of the audio sent to the caller over the last frame, dBFS
 */
public record LegStats(
        long at,
        String bridge,
        String leg,
        String codec,
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
        int bufferDepthMillis,
        int bufferTargetMillis,
        double levelInDbfs,
        double levelOutDbfs) implements ParleyEvent {

    /** The prefix of a PCM link's drop reasons in {@link #malformed()}, apart from RTP's. */
    public static final String PCM_DROP_PREFIX = "pcm_";

    public LegStats {
        malformed = Map.copyOf(malformed);
    }
}
