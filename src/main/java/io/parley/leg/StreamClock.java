package io.parley.leg;

import io.parley.media.MediaClock;

/**
 * A media-clock task whose phase follows an input stream. When the stream starts, or resumes
 * after silence, its next tick is moved to {@link #LEAD_NANOS} after the arrival, so audio waits
 * for its tick no longer than that instead of up to a whole period.
 *
 * <p>Threading contract: {@link #streamActive} may be called from the receiving thread; the task
 * runs on the clock thread.
 */
public final class StreamClock implements AutoCloseable {
    /** How long after an arrival the aligned tick comes: enough for the datagram to be handled. */
    public static final long LEAD_NANOS = 1_000_000L;

    private final MediaClock.Registration registration;

    public StreamClock(MediaClock clock, String name, MediaClock.Task task) {
        this.registration = clock.schedule(name, task, clock.time().nanoTime() + MediaClock.PERIOD_NANOS);
    }

    /** The stream (re)started with a datagram that arrived at {@code arrivalNanos}. */
    public void streamActive(long arrivalNanos) {
        registration.rephase(arrivalNanos + LEAD_NANOS);
    }

    @Override
    public void close() {
        registration.cancel();
    }
}
