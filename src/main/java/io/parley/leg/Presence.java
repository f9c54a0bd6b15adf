package io.parley.leg;

/**
 * Whether a caller is on a leg. Once signalling (ARI) has spoken about the leg, it alone decides:
 * the caller's RTP stops a moment after the hang-up, or a late packet arrives, and neither may keep
 * the leg taken. A leg no signalling drives (RTP alone, without ARI) has a caller
 * while their media arrived within {@link #RTP_NANOS}.
 */
public final class Presence {
    /** Without signalling, a caller counts as present this long after their last packet. */
    public static final long RTP_NANOS = 10_000_000_000L;

    private volatile boolean signalled;
    private volatile boolean driven;

    public void signal(boolean present) {
        signalled = present;
        driven = true;
    }

    /** Signalling drives the leg from now on; no caller until it says one came. */
    public void drive() {
        driven = true;
    }

    /** @param lastArrivalNanos when the leg's last packet arrived (monotonic clock), 0 before any */
    public boolean present(long lastArrivalNanos, long nowNanos) {
        if (driven) {
            return signalled;
        }
        return lastArrivalNanos != 0 && nowNanos - lastArrivalNanos < RTP_NANOS;
    }
}
