package io.parley.sim;

/**
 * One direction's frame counters at an instant: sent by the speaker, dropped by the simulated
 * network, heard by the listener. Taken while nothing is in flight (callers paused, drained), a
 * baseline makes the counts of a later stretch exact.
 */
public record FrameCounts(long sent, long dropped, long heard) {
    public static final FrameCounts ZERO = new FrameCounts(0, 0, 0);

    public static FrameCounts between(SimulatedCaller speaker, SimulatedCaller listener) {
        return new FrameCounts(
                speaker.framesSent(), speaker.framesDropped(), listener.heard().frames());
    }
}
