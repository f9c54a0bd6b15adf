package io.parley.rtp;

/**
 * The caller-owned holder {@link JitterBuffer#poll} copies the next packet into. The polling
 * thread allocates one at start-up (with {@link JitterBuffer#newFrame()}) and reuses it every
 * tick; its contents are valid until the next poll.
 */
public final class PlayoutFrame {
    private final byte[] payload;
    private int length;
    private long timestamp;
    private int samples;
    private int sequenceNumber;
    private int payloadType;
    private boolean marker;
    private boolean talkSpurtStart;

    public PlayoutFrame(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("playout frame capacity " + capacity + " must be positive");
        }
        this.payload = new byte[capacity];
    }

    /** The payload bytes; {@link #length()} of them are valid. */
    public byte[] payload() {
        return payload;
    }

    public int capacity() {
        return payload.length;
    }

    /** Payload bytes copied in; 0 for LOST and EMPTY. */
    public int length() {
        return length;
    }

    /** RTP timestamp (unsigned 32 bits) of the packet, or of the missing one for LOST. */
    public long timestamp() {
        return timestamp;
    }

    /** Samples the packet holds (payload bytes / bytes per sample); for LOST, the best guess (the last packet's). */
    public int samples() {
        return samples;
    }

    public int sequenceNumber() {
        return sequenceNumber;
    }

    public int payloadType() {
        return payloadType;
    }

    public boolean marker() {
        return marker;
    }

    /**
     * The first packet after the buffer started, resumed after running dry, or resynced: the
     * audio before it is not continuous with it (a decoder or concealment may want to reset).
     */
    public boolean talkSpurtStart() {
        return talkSpurtStart;
    }

    void clear() {
        length = 0;
        timestamp = 0;
        samples = 0;
        sequenceNumber = 0;
        payloadType = 0;
        marker = false;
        talkSpurtStart = false;
    }

    void fill(
            byte[] src,
            int srcOff,
            int len,
            int timestampBits,
            int samples,
            int seq,
            int pt,
            boolean marker,
            boolean talkSpurtStart) {
        System.arraycopy(src, srcOff, payload, 0, len);
        this.length = len;
        this.timestamp = Integer.toUnsignedLong(timestampBits);
        this.samples = samples;
        this.sequenceNumber = seq;
        this.payloadType = pt;
        this.marker = marker;
        this.talkSpurtStart = talkSpurtStart;
    }

    void lost(int timestampBits, int samples, int seq) {
        clear();
        this.timestamp = Integer.toUnsignedLong(timestampBits);
        this.samples = samples;
        this.sequenceNumber = seq;
    }
}
