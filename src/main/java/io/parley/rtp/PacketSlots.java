package io.parley.rtp;

import java.util.Arrays;

/**
 * The storage of a {@link JitterBuffer}: a power-of-two ring of payload slots allocated up
 * front, indexed by extended sequence number modulo the slot count. A slot knows which sequence
 * number it holds, so a stale entry from a previous lap never passes for a current one.
 *
 * <p>Not thread-safe: the jitter buffer uses it under its lock only.
 */
final class PacketSlots {
    private static final long EMPTY = Long.MIN_VALUE;

    private final int mask;
    private final int slotBytes;
    private final byte[] payloads;
    private final long[] sequence;
    private final int[] timestamp;
    private final int[] length;
    private final byte[] payloadType;
    private final boolean[] marker;
    private int count;

    PacketSlots(int slotCount, int slotBytes) {
        this.mask = slotCount - 1;
        this.slotBytes = slotBytes;
        this.payloads = new byte[slotCount * slotBytes];
        this.sequence = new long[slotCount];
        this.timestamp = new int[slotCount];
        this.length = new int[slotCount];
        this.payloadType = new byte[slotCount];
        this.marker = new boolean[slotCount];
        Arrays.fill(sequence, EMPTY);
    }

    /** How far apart two held sequence numbers can be: slot count minus one. */
    int span() {
        return mask;
    }

    int count() {
        return count;
    }

    boolean holds(long seq) {
        return sequence[index(seq)] == seq;
    }

    /** Copies the packet's payload into the slot of {@code seq}, which must be free of it. */
    void put(long seq, RtpPacket packet) {
        int i = index(seq);
        System.arraycopy(
                packet.payloadBuffer(), packet.payloadOffset(), payloads, i * slotBytes, packet.payloadLength());
        sequence[i] = seq;
        timestamp[i] = packet.timestampBits();
        length[i] = packet.payloadLength();
        payloadType[i] = (byte) packet.payloadType();
        marker[i] = packet.marker();
        count++;
    }

    /** Frees the slot of {@code seq}, which must be held. */
    void remove(long seq) {
        sequence[index(seq)] = EMPTY;
        count--;
    }

    void clear() {
        Arrays.fill(sequence, EMPTY);
        count = 0;
    }

    /** The timestamp bits of held {@code seq}. */
    int timestamp(long seq) {
        return timestamp[index(seq)];
    }

    int length(long seq) {
        return length[index(seq)];
    }

    boolean marker(long seq) {
        return marker[index(seq)];
    }

    /** Copies held {@code seq} into {@code frame}. */
    void copyTo(long seq, PlayoutFrame frame, int samples, boolean talkSpurtStart) {
        int i = index(seq);
        frame.fill(
                payloads,
                i * slotBytes,
                length[i],
                timestamp[i],
                samples,
                (int) seq & SequenceNumber.MASK,
                payloadType[i],
                marker[i],
                talkSpurtStart);
    }

    /** The lowest held sequence number from {@code from} on, or {@code from} if none is held. */
    long lowestFrom(long from) {
        for (long s = from, end = from + mask; s <= end; s++) {
            if (holds(s)) {
                return s;
            }
        }
        return from;
    }

    private int index(long seq) {
        return (int) seq & mask;
    }
}
