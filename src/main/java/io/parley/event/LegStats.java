package io.parley.event;

import java.util.Map;

/**
 * A periodic snapshot of one leg's media (counts cumulative since the leg started), put together
 * from what each part of the leg reports: its receiving and sending halves ({@link Flow}), what the
 * network did to the caller's packets ({@link Network}) and what the leg's playout did with them
 * ({@link Playout}). Published by the stats sampler a few times a second, never per packet.
 *
 * @param leg       the leg's extension, e.g. {@code 3333}
 * @param codec     payload format on the wire, e.g. {@code ulaw}
 * @param remote    where the caller's media comes from ({@code host:port}), or empty before it is known
 * @param in        what came from the caller
 * @param out       what went to the caller
 * @param malformed datagrams dropped before they reached the leg's playout, by reason; those of the
 *                  gateway-bridge PCM link are labelled {@value #PCM_DROP_PREFIX}{@code <reason>}
 */
public record LegStats(
        long at,
        String bridge,
        String leg,
        String codec,
        String remote,
        Flow in,
        Flow out,
        Network network,
        Playout playout,
        Map<String, Long> malformed)
        implements ParleyEvent {

    /** The prefix of a PCM link's drop reasons in {@link #malformed()}, apart from RTP's. */
    public static final String PCM_DROP_PREFIX = "pcm_";

    public LegStats {
        malformed = Map.copyOf(malformed);
    }

    /** The same statistics with other drop counts (a gateway's own and those of its bridge's end of the link). */
    public LegStats withMalformed(Map<String, Long> other) {
        return new LegStats(at, bridge, leg, codec, remote, in, out, network, playout, other);
    }

    /**
     * One direction of a leg's traffic.
     *
     * @param packets   datagrams (or frames, where there are no datagrams)
     * @param bytes     their bytes
     * @param levelDbfs the level of the audio over the latest frame, dBFS
     */
    public record Flow(long packets, long bytes, double levelDbfs) {}

    /**
     * What the network did to the caller's packets, as the leg saw them arrive.
     *
     * @param lost         packets that never arrived
     * @param duplicates   copies of packets already received
     * @param reordered    packets that arrived after a newer one
     * @param jitterMillis RFC 3550 interarrival jitter
     */
    public record Network(long lost, long duplicates, long reordered, double jitterMillis) {
        /** A leg whose transport has no packets to count (a TCP stream). */
        public static final Network NONE = new Network(0, 0, 0, 0);
    }

    /**
     * What the leg's jitter buffer did with the caller's packets before they were played.
     *
     * @param late              packets whose turn had passed when they arrived
     * @param concealed         frames made up for lost packets
     * @param discarded         packets received and buffered but never played: trimmed to bring the
     *                          buffer's depth back to its target, pushed out when it overflowed, or
     *                          dropped for ticks the media clock skipped (an overload)
     * @param bufferDepthMillis audio waiting in the buffer now
     * @param bufferTargetMillis the buffer's current adaptive target
     */
    public record Playout(long late, long concealed, long discarded, int bufferDepthMillis, int bufferTargetMillis) {
        /**
         * No jitter buffer: each packet is forwarded as it arrives (the listener's own buffer plays it),
         * or the transport delivers the audio in order (TCP).
         */
        public static final Playout NONE = new Playout(0, 0, 0, 0, 0);
    }
}
