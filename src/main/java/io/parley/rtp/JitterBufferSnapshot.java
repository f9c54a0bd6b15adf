package io.parley.rtp;

/**
 * {@link JitterBuffer} counters and levels at one moment; counts are cumulative.
 *
 * @param accepted     packets stored (including resync and overflow ones)
 * @param duplicates   copies of a packet already buffered
 * @param late         packets whose turn had passed (played, reported lost or skipped)
 * @param reordered    packets that arrived after a newer one but in time, and were played in order
 * @param lost         sequence numbers never played because they were missing at their turn
 *                     (each also reported once as LOST, unless the buffer had run dry and
 *                     resumed past them) or skipped by an overflow; a lost packet that arrives
 *                     afterwards is also counted late
 * @param concealed    LOST results returned (frames the caller concealed)
 * @param overflow     buffered packets discarded because a newer one lay beyond the slots
 * @param trimmed      packets discarded to bring a persistently too deep buffer back to the target
 * @param oversized    packets larger than a slot, discarded
 * @param resyncs      flushes on an SSRC change or a sequence or timestamp jump
 * @param underruns    times the buffer ran dry mid-stream (resuming with contiguous timestamps);
 *                     the end of a talk spurt is not an underrun
 * @param depthMillis  audio buffered now, from the playout position to the end of the newest packet
 * @param targetMillis current adaptive target delay
 * @param jitterMillis RFC 3550 interarrival jitter the target is computed from
 */
public record JitterBufferSnapshot(
        long accepted,
        long duplicates,
        long late,
        long reordered,
        long lost,
        long concealed,
        long overflow,
        long trimmed,
        long oversized,
        long resyncs,
        long underruns,
        double depthMillis,
        double targetMillis,
        double jitterMillis) {}
