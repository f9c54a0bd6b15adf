package io.parley.media;

/** A clock the test moves by hand. Parking advances nothing: the test drives {@link MediaClock#runDue()}. */
public final class VirtualTime implements TimeSource {
    private long now;

    public VirtualTime(long start) {
        this.now = start;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void parkUntil(long deadlineNanos) {
    }

    public void set(long nanos) {
        now = nanos;
    }

    public void advance(long nanos) {
        now += nanos;
    }
}
