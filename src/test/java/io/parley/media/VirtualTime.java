package io.parley.media;

/**
 * A clock the test moves by hand. A test driving a {@link MediaClock} calls {@link MediaClock#runDue()}
 * itself; a thread of the code under test that parks (a writer pacing itself) waits until the test
 * moves the time past its deadline, so the test decides how many periods pass.
 */
public final class VirtualTime implements TimeSource {
    /** A parked thread wakes this often in real time (then parks again) so that it notices being closed. */
    private static final long RECHECK_MILLIS = 100;

    private long now;
    private int parked;

    public VirtualTime(long start) {
        this.now = start;
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    /** Waits until the time reaches {@code deadlineNanos}; returns early now and then, as parking may. */
    @Override
    public synchronized void parkUntil(long deadlineNanos) {
        if (now >= deadlineNanos) {
            return;
        }
        parked++;
        notifyAll();
        try {
            wait(RECHECK_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            parked--;
        }
    }

    /** Threads parked now, waiting for the time to move. */
    public synchronized int parked() {
        return parked;
    }

    public synchronized void set(long nanos) {
        now = nanos;
        notifyAll();
    }

    public synchronized void advance(long nanos) {
        now += nanos;
        notifyAll();
    }
}
