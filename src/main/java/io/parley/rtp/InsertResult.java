package io.parley.rtp;

/** What {@link JitterBuffer#insert} did with a packet. */
public enum InsertResult {
    /** Stored for playout (possibly out of order: see the reordered count). */
    ACCEPTED,
    /** The same sequence number is already buffered; the copy was discarded. */
    DUPLICATE,
    /** Its turn has passed (played, reported lost, or skipped); discarded. */
    LATE,
    /**
     * A new SSRC, a sequence jump of more than 100 or a timestamp that disagrees with the arrival
     * time by more than a second: the buffer flushed and restarted on this packet, which is stored.
     */
    RESYNC,
    /** Stored, but it lay beyond the slots, so the oldest buffered packets were discarded. */
    OVERFLOW,
    /** The payload is larger than a slot ({@code maxPayloadBytes}); discarded. */
    OVERSIZED
}
