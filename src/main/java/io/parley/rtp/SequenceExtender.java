package io.parley.rtp;

/**
 * Turns a stream's 16-bit sequence numbers into extended 64-bit ones that keep counting across
 * the wrap from 65535 to 0 (RFC 3550 §6.4.1's "extended highest sequence number": cycles times
 * 65536 plus the sequence number). A packet is placed relative to the highest seen so far by
 * {@link SequenceNumber#distance}, so reordering across the wrap lands in the right cycle.
 *
 * <p>The first packet maps to itself (cycle 0); an older packet arriving just after it may map
 * below zero. Not thread-safe: one instance per stream, used by one thread.
 */
public final class SequenceExtender {
    private boolean started;
    private long highest;

    /** The extended number of {@code seq}; remembers it as the highest if it is ahead. */
    public long extend(int seq) {
        long extended = peek(seq);
        if (!started || extended > highest) {
            highest = extended;
            started = true;
        }
        return extended;
    }

    /** What {@link #extend} would return, without remembering anything. */
    public long peek(int seq) {
        if (!started) {
            return seq & SequenceNumber.MASK;
        }
        return highest + SequenceNumber.distance((int) highest & SequenceNumber.MASK, seq);
    }

    public boolean started() {
        return started;
    }

    /** The highest extended number seen; meaningless before the first packet. */
    public long highest() {
        return highest;
    }

    /** How many times the sequence number has wrapped past 65535 (the cycles count). */
    public long cycles() {
        return Math.floorDiv(highest, SequenceNumber.MODULUS);
    }

    /** Forgets the stream: the next packet starts a new one. */
    public void reset() {
        started = false;
        highest = 0;
    }
}
