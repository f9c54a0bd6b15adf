package io.parley.rtp;

/**
 * The order in which a stream's packets arrive, for a relay that forwards each one as it comes
 * (no jitter buffer to put them back in order): each packet is new (ahead of every earlier one),
 * reordered (behind the newest, not seen before) or a duplicate, told apart by a window of the
 * last {@value #WINDOW} sequence numbers. A packet further behind than {@link #MAX_MISORDER}
 * means the sender restarted its numbering: it is new, and the window starts again from it
 * (as RFC 3550 A.1 treats such a jump).
 *
 * <p>Threading contract: {@link #classify} and {@link #reset} on one thread (the socket's); the
 * counters may be read from anywhere. No allocation.
 */
public final class ArrivalOrder {
    /** Sequence numbers behind the newest whose arrival is remembered. */
    public static final int WINDOW = 64;
    /** A packet this far behind the newest or further is a restart, not a late one (RFC 3550 A.1). */
    static final int MAX_MISORDER = 100;

    /** Where one packet stands. */
    public enum Order {
        /** Ahead of every packet before it (the usual case, gaps for lost packets included). */
        NEW,
        /** Behind the newest and not seen before: forward it, the receiver's jitter buffer places it. */
        REORDERED,
        /** A copy of a packet already seen. */
        DUPLICATE
    }

    private boolean started;
    private int highest;
    /** Bit i set: sequence number {@code highest - i} arrived (bit 0 is the newest itself). */
    private long seen;

    private volatile long reordered;
    private volatile long duplicates;

    /** Places the packet with sequence number {@code sequence} and remembers it. */
    public Order classify(int sequence) {
        int distance = SequenceNumber.distance(highest, sequence);
        if (!started || distance > 0 || distance <= -MAX_MISORDER) {
            advance(sequence, started && distance > 0 ? distance : WINDOW);
            return Order.NEW;
        }
        int behind = -distance;
        if (behind >= WINDOW) {
            reordered++; // too old to tell a copy from a late original; counted as reordered
            return Order.REORDERED;
        }
        long bit = 1L << behind;
        if ((seen & bit) != 0) {
            duplicates++;
            return Order.DUPLICATE;
        }
        seen |= bit;
        reordered++;
        return Order.REORDERED;
    }

    private void advance(int sequence, int by) {
        seen = by >= WINDOW ? 1L : seen << by | 1L;
        highest = sequence;
        started = true;
    }

    /** A new stream (another SSRC): nothing of the last one is remembered; the counts go on. */
    public void reset() {
        started = false;
        seen = 0;
    }

    /** Packets that arrived behind a newer one (not duplicates), since the start. */
    public long reordered() {
        return reordered;
    }

    /** Copies of packets already seen, since the start. */
    public long duplicates() {
        return duplicates;
    }
}
