package io.parley.rtp;

import java.util.random.RandomGenerator;

/**
 * The state of one outgoing RTP stream: SSRC, next sequence number and next timestamp (random
 * starting points, as RFC 3550 §5.1 asks). Each {@link #write} produces one packet in the
 * caller's buffer, then advances the sequence number by one and the timestamp by the samples
 * sent. The marker bit is set on the first packet and on the first packet after
 * {@link #skip}/{@link #markNext} (the start of a talk spurt, RFC 3551 §4.1).
 *
 * <p>Not thread-safe: owned by the thread that sends the stream (the media clock). Allocates
 * nothing after construction.
 */
public final class RtpStreamWriter {
    private final RtpPacket packet = new RtpPacket();
    private final int ssrc;
    private int sequenceNumber;
    private long timestamp;
    private boolean markNext = true;
    private long packetsWritten;
    private long payloadBytesWritten;

    /**
     * @param payloadType         payload type of every packet (0..127)
     * @param ssrc                synchronisation source identifier
     * @param firstSequenceNumber sequence number of the first packet (0..65535)
     * @param firstTimestamp      timestamp of the first packet (low 32 bits kept)
     */
    public RtpStreamWriter(int payloadType, int ssrc, int firstSequenceNumber, long firstTimestamp) {
        packet.setPayloadType(payloadType)
                .setSequenceNumber(firstSequenceNumber)
                .setSsrc(ssrc);
        this.ssrc = ssrc;
        this.sequenceNumber = firstSequenceNumber;
        this.timestamp = firstTimestamp & 0xFFFF_FFFFL;
    }

    /** A stream with a random SSRC, first sequence number and first timestamp. */
    public static RtpStreamWriter random(int payloadType, RandomGenerator random) {
        return new RtpStreamWriter(
                payloadType,
                random.nextInt(),
                random.nextInt(SequenceNumber.MODULUS),
                random.nextLong() & 0xFFFF_FFFFL);
    }

    /**
     * Writes one packet carrying {@code len} bytes of {@code payload} from {@code off}, which hold
     * {@code samples} samples, into {@code out} from {@code outOff}. Returns the bytes written
     * ({@value RtpPacket#HEADER_BYTES} + {@code len}).
     */
    public int write(byte[] payload, int off, int len, int samples, byte[] out, int outOff) {
        if (samples < 0) {
            throw new IllegalArgumentException("an RTP packet cannot hold " + samples + " samples");
        }
        packet.setSequenceNumber(sequenceNumber)
                .setTimestamp(timestamp)
                .setMarker(markNext)
                .setPayload(payload, off, len);
        int written = packet.marshalTo(out, outOff);
        markNext = false;
        sequenceNumber = SequenceNumber.next(sequenceNumber);
        timestamp = (timestamp + samples) & 0xFFFF_FFFFL;
        packetsWritten++;
        payloadBytesWritten += len;
        return written;
    }

    /**
     * Lets {@code samples} samples of silence pass without sending (the sequence number does not
     * move, the timestamp does) and marks the next packet as the start of a talk spurt.
     */
    public void skip(int samples) {
        if (samples < 0) {
            throw new IllegalArgumentException("cannot skip " + samples + " samples");
        }
        timestamp = (timestamp + samples) & 0xFFFF_FFFFL;
        markNext = true;
    }

    /** Sets the marker bit on the next packet. */
    public void markNext() {
        markNext = true;
    }

    public int payloadType() {
        return packet.payloadType();
    }

    public int ssrc() {
        return ssrc;
    }

    public int nextSequenceNumber() {
        return sequenceNumber;
    }

    /** Timestamp of the next packet, unsigned 32 bits. */
    public long nextTimestamp() {
        return timestamp;
    }

    /** Packets written so far (the RTCP sender report's packet count). */
    public long packetsWritten() {
        return packetsWritten;
    }

    /** Payload bytes written so far (the RTCP sender report's octet count). */
    public long payloadBytesWritten() {
        return payloadBytesWritten;
    }
}
