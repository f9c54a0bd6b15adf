package io.parley.rtp;

/**
 * The first step of a receiving socket loop: decides whether a datagram is an RTP packet this
 * stream plays, parsing it into the loop's reused {@link RtpPacket}. Checks, in order: size
 * against the limit, RTCP multiplexed onto the RTP port, the RTP structure
 * ({@link RtpPacket#unmarshal}), an empty payload, and the payload type against the accepted set.
 *
 * <p>Oversize detection needs the socket to be able to report it: receive into a buffer of
 * {@code maxDatagramBytes + 1} bytes, so that a larger datagram (which the socket truncates)
 * still arrives one byte too long.
 *
 * <p>Immutable after construction; {@link #admit} allocates nothing and may be called from any
 * thread (each with its own packet).
 */
public final class RtpReceiveFilter {
    /** A typical Ethernet MTU: RTP audio never needs more. */
    public static final int DEFAULT_MAX_DATAGRAM_BYTES = 1500;

    private final int maxDatagramBytes;
    private final boolean[] accepted = new boolean[128];

    /**
     * @param maxDatagramBytes  largest datagram admitted, in bytes (at least the 12-byte header)
     * @param payloadTypes      the payload types this stream plays (0..127), e.g. {@code 0} for ulaw
     */
    public RtpReceiveFilter(int maxDatagramBytes, int... payloadTypes) {
        if (maxDatagramBytes < RtpPacket.HEADER_BYTES || maxDatagramBytes > 65_535) {
            throw new IllegalArgumentException("maximum RTP datagram size " + maxDatagramBytes + " is outside "
                    + RtpPacket.HEADER_BYTES + "..65535 bytes");
        }
        if (payloadTypes.length == 0) {
            throw new IllegalArgumentException("an RTP receive filter needs at least one accepted payload type");
        }
        for (int pt : payloadTypes) {
            if (pt < 0 || pt > 127) {
                throw new IllegalArgumentException("RTP payload type " + pt + " is outside 0..127");
            }
            accepted[pt] = true;
        }
        this.maxDatagramBytes = maxDatagramBytes;
    }

    /**
     * Parses and admits {@code len} bytes of {@code buf} from {@code off}. Returns
     * {@link DropReason#NONE} when {@code into} now holds a packet to play; otherwise the reason
     * ({@code into.lastDropMessage()} has the numbers).
     */
    public DropReason admit(byte[] buf, int off, int len, RtpPacket into) {
        if (len > maxDatagramBytes) {
            return into.drop(DropReason.OVERSIZED, len, maxDatagramBytes);
        }
        // RFC 5761 §4: RTCP packet types 192..223 occupy the second byte where RTP has the
        // marker bit and payload types 64..95, which RTP therefore does not use.
        if (len >= 2 && (buf[off] & 0xC0) == 0x80) {
            int second = buf[off + 1] & 0xFF;
            if (second >= 192 && second <= 223) {
                return into.drop(DropReason.RTCP_ON_RTP_PORT, second, 0);
            }
        }
        DropReason structure = into.unmarshal(buf, off, len);
        if (structure != DropReason.NONE) {
            return structure;
        }
        if (into.payloadLength() == 0) {
            return into.drop(DropReason.EMPTY_PAYLOAD, 0, 0);
        }
        if (!accepted[into.payloadType()]) {
            return into.drop(DropReason.UNKNOWN_PAYLOAD_TYPE, into.payloadType(), 0);
        }
        return DropReason.NONE;
    }

    public int maxDatagramBytes() {
        return maxDatagramBytes;
    }

    /** Size a receive buffer must have to detect oversized datagrams. */
    public int receiveBufferBytes() {
        return maxDatagramBytes + 1;
    }

    public boolean accepts(int payloadType) {
        return payloadType >= 0 && payloadType < accepted.length && accepted[payloadType];
    }

    @Override
    public String toString() {
        StringBuilder pts = new StringBuilder();
        for (int pt = 0; pt < accepted.length; pt++) {
            if (accepted[pt]) {
                pts.append(pts.isEmpty() ? "" : ",").append(pt);
            }
        }
        return "RtpReceiveFilter[max=" + maxDatagramBytes + " pt=" + pts + "]";
    }
}
