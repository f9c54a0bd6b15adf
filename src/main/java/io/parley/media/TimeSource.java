package io.parley.media;

import java.util.concurrent.locks.LockSupport;

/** Monotonic time and waiting, injectable so that clocked code can run in virtual time in tests. */
public interface TimeSource {

    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkUntil(long deadlineNanos) {
            long wait = deadlineNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    };

    long nanoTime();

    /** Waits until {@code deadlineNanos} or a little after; may return early (spurious wake-up, interrupt). */
    void parkUntil(long deadlineNanos);
}
