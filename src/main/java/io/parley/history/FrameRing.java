package io.parley.history;

import io.parley.leg.FrameListener;
import io.parley.leg.Frames;
import io.parley.media.TimeSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-off of one recorded stream from a media thread to the recorder's thread: a ring of
 * preallocated 20 ms frames. The media side copies a frame in and returns, allocating nothing and
 * never waiting; when the ring is full (the recorder fell behind) the frame is dropped and
 * counted. The recorder side takes frames in order.
 *
 * <p>Threading contract: one producer at a time (the media thread carrying the leg; calls are
 * never concurrent) and one consumer. Each counter has one writer; a slot is published by the
 * ordered write of {@code head} after it is filled.
 */
final class FrameRing implements FrameListener {
    private final short[][] frames;
    private final long[] nanos;
    private final boolean[] silent;
    private final int mask;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final TimeSource time;

    /** @param capacity frames held, a power of two */
    FrameRing(int capacity) {
        this(capacity, TimeSource.SYSTEM);
    }

    /** @param time dates each frame as it is handed over (a test's virtual time) */
    FrameRing(int capacity, TimeSource time) {
        this.time = time;
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity " + capacity + " is not a power of two");
        }
        frames = new short[capacity][Frames.SAMPLES];
        nanos = new long[capacity];
        silent = new boolean[capacity];
        mask = capacity - 1;
    }

    @Override
    public void onFrame(short[] frame, long originNanos) {
        put(frame, false);
    }

    @Override
    public void onSilence() {
        put(null, true);
    }

    private void put(short[] frame, boolean isSilent) {
        long h = head.get();
        if (h - tail.get() > mask) {
            dropped.incrementAndGet();
            return;
        }
        int slot = (int) (h & mask);
        if (!isSilent) {
            System.arraycopy(frame, 0, frames[slot], 0, Math.min(frame.length, Frames.SAMPLES));
        }
        silent[slot] = isSilent;
        nanos[slot] = time.nanoTime();
        head.lazySet(h + 1);
    }

    /** Receives the frames a {@link #drain} takes; {@code frame} is null for a frame time of silence. */
    interface Sink {
        void frame(short[] frame, long atNanos);
    }

    /** Hands every waiting frame to {@code sink}, oldest first; returns how many. Consumer thread only. */
    int drain(Sink sink) {
        long t = tail.get();
        long h = head.get();
        for (long i = t; i < h; i++) {
            int slot = (int) (i & mask);
            sink.frame(silent[slot] ? null : frames[slot], nanos[slot]);
        }
        tail.lazySet(h);
        return (int) (h - t);
    }

    long dropped() {
        return dropped.get();
    }
}
