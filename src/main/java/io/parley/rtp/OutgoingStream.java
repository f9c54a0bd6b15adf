package io.parley.rtp;

import java.util.random.RandomGenerator;

/**
 * The RTP stream a leg sends its caller: one SSRC (random, as are the first sequence number and
 * timestamp, RFC 3550 §5.1), one payload type, and sequence numbers and timestamps that stay
 * continuous however its packets come to be:
 *
 * <ul>
 *   <li>made here, one after another ({@link #write}: the media clock's encoded frames, the
 *       waiting tone): the sequence number moves on by one, the timestamp by the samples sent;
 *       {@link #skip} lets a frame time of silence pass and marks the next packet;</li>
 *   <li>relayed from another leg as they arrive ({@link #relay}): each packet's sequence number
 *       and timestamp are moved by fixed offsets, so gaps (loss) and order (reordering) reach the
 *       receiver's jitter buffer as they were. The offsets are chosen anew where the caller's
 *       stream breaks: the first relayed packet, a new incoming SSRC, a jump of the sequence
 *       number (the sender restarted it), a timestamp that disagrees with the time that passed by
 *       more than a second, or packets of this stream's own in between. The stream then goes on
 *       from its next sequence number, its timestamp advanced by the time that passed since its
 *       last packet ended, and that packet is marked as the start of a talk spurt (RFC 3551 §4.1).
 *       An incoming marker passes through.</li>
 * </ul>
 *
 * <p>Not thread-safe: one sending thread at a time. Allocates nothing after construction.
 */
public final class OutgoingStream {
    /** A forward jump of the incoming sequence number beyond this is a restart (RFC 3550 A.1). */
    static final int MAX_DROPOUT = 3000;
    /** A packet this far behind the newest incoming one or further is a restart, not a late one. */
    static final int MAX_MISORDER = 100;

    private final RtpPacket packet = new RtpPacket();
    private final int clockRate;
    private int nextSequence;
    /** Timestamp of the sample after the newest packet (or skipped frame) of this stream. */
    private long nextTimestamp;
    /** When that sample is due: the newest packet's send time plus its duration. */
    private long nextNanos;

    private boolean started;
    private boolean markNext = true;

    private boolean mapped;
    private int incomingSsrc;
    private int incomingSequence;
    private int incomingTimestamp;
    private long incomingArrival;
    private int sequenceOffset;
    private int timestampOffset;
    private long restarts;
    private long packetsWritten;

    public OutgoingStream(int payloadType, int clockRate, int ssrc, int firstSequence, long firstTimestamp) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("RTP clock rate " + clockRate + " Hz must be positive");
        }
        this.clockRate = clockRate;
        packet.setPayloadType(payloadType).setSsrc(ssrc);
        this.nextSequence = firstSequence & SequenceNumber.MASK;
        this.nextTimestamp = firstTimestamp & 0xFFFF_FFFFL;
    }

    /** A stream with a random SSRC, first sequence number and first timestamp. */
    public static OutgoingStream random(int payloadType, int clockRate, RandomGenerator random) {
        return new OutgoingStream(
                payloadType,
                clockRate,
                random.nextInt(),
                random.nextInt(SequenceNumber.MODULUS),
                random.nextLong() & 0xFFFF_FFFFL);
    }

    /**
     * Writes a packet made here: {@code len} bytes of {@code payload} from {@code off} holding
     * {@code samples} samples, sent at {@code nowNanos}, into {@code out} from {@code outOff}.
     * Returns the bytes written.
     */
    public int write(byte[] payload, int off, int len, int samples, long nowNanos, byte[] out, int outOff) {
        mapped = false;
        return emit(nextSequence, nextTimestamp, markNext, payload, off, len, samples, nowNanos, out, outOff);
    }

    /** A frame time of {@code samples} with nothing to send at {@code nowNanos}: the timestamp moves on, the next packet is marked. */
    public void skip(int samples, long nowNanos) {
        nextTimestamp = (nextTimestamp + samples) & 0xFFFF_FFFFL;
        nextNanos = nowNanos + nanosOf(samples);
        markNext = true;
        mapped = false;
    }

    /**
     * Writes a packet relayed from another stream: {@code in}'s sequence number, timestamp and
     * marker mapped onto this stream, carrying {@code len} bytes of {@code payload} from
     * {@code off} ({@code in}'s own payload, or that payload transcoded into this stream's payload
     * type) that hold {@code samples} samples. Returns the bytes written into {@code out}.
     */
    public int relay(
            RtpPacket in, byte[] payload, int off, int len, int samples, long arrivalNanos, byte[] out, int outOff) {
        int sequence = in.sequenceNumber();
        int timestamp = in.timestampBits();
        boolean marker = in.marker();
        int step = SequenceNumber.distance(incomingSequence, sequence);
        if (!mapped || in.ssrc() != incomingSsrc || step > MAX_DROPOUT || step <= -MAX_MISORDER) {
            restarts += mapped ? 1 : 0;
            sequenceOffset = nextSequence - sequence;
            remapTimestamp(timestamp, arrivalNanos);
            incomingSsrc = in.ssrc();
            mapped = true;
            marker = true;
            newestIncoming(sequence, timestamp, arrivalNanos);
        } else if (step > 0) {
            long elapsed = samplesOf(arrivalNanos - incomingArrival);
            long timestampStep = timestamp - incomingTimestamp; // signed 32-bit difference
            if (timestampStep < 0 || Math.abs(timestampStep - elapsed) > clockRate) {
                remapTimestamp(timestamp, arrivalNanos); // the sender's clock jumped; the sequence goes on
                marker = true;
            }
            newestIncoming(sequence, timestamp, arrivalNanos);
        }
        int outSequence = (sequence + sequenceOffset) & SequenceNumber.MASK;
        long outTimestamp = (timestamp + timestampOffset) & 0xFFFF_FFFFL;
        return emit(outSequence, outTimestamp, marker, payload, off, len, samples, arrivalNanos, out, outOff);
    }

    private void newestIncoming(int sequence, int timestamp, long arrivalNanos) {
        incomingSequence = sequence;
        incomingTimestamp = timestamp;
        incomingArrival = arrivalNanos;
    }

    private void remapTimestamp(int incoming, long arrivalNanos) {
        long gap = started ? Math.max(0, samplesOf(arrivalNanos - nextNanos)) : 0;
        timestampOffset = (int) (nextTimestamp + gap) - incoming;
    }

    private int emit(
            int sequence,
            long timestamp,
            boolean marker,
            byte[] payload,
            int off,
            int len,
            int samples,
            long nowNanos,
            byte[] out,
            int outOff) {
        if (samples < 0) {
            throw new IllegalArgumentException("an RTP packet cannot hold " + samples + " samples");
        }
        packet.setSequenceNumber(sequence)
                .setTimestamp(timestamp)
                .setMarker(marker)
                .setPayload(payload, off, len);
        int written = packet.marshalTo(out, outOff);
        markNext = false;
        packetsWritten++;
        if (!started || SequenceNumber.distance(nextSequence, sequence) >= 0) {
            // The newest packet so far: the stream goes on after it.
            nextSequence = SequenceNumber.next(sequence);
            nextTimestamp = (timestamp + samples) & 0xFFFF_FFFFL;
            nextNanos = nowNanos + nanosOf(samples);
            started = true;
        }
        return written;
    }

    private long samplesOf(long nanos) {
        return nanos * clockRate / 1_000_000_000L;
    }

    private long nanosOf(int samples) {
        return samples * 1_000_000_000L / clockRate;
    }

    public int ssrc() {
        return packet.ssrc();
    }

    public int payloadType() {
        return packet.payloadType();
    }

    /** The sequence number after the newest packet sent. */
    public int nextSequenceNumber() {
        return nextSequence;
    }

    /** The timestamp after the newest packet sent, unsigned 32 bits. */
    public long nextTimestamp() {
        return nextTimestamp;
    }

    /** Times the relayed stream broke (new SSRC, restart) and was spliced on. */
    public long restarts() {
        return restarts;
    }

    public long packetsWritten() {
        return packetsWritten;
    }
}
