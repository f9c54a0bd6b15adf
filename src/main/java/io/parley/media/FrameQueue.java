package io.parley.media;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded single-producer, single-consumer ring of fixed-size audio frames, each with a tag
 * (a timestamp, an utterance id: whatever the pair agrees on). Slots are allocated up front; the
 * frames are copied in and out, so neither side keeps a reference to the other's arrays.
 *
 * <p>Threading contract: exactly one thread calls {@link #offer} and exactly one (possibly other)
 * thread calls {@link #poll}, {@link #skip} and {@link #peekTag}; {@link #size} and the counters
 * may be read from anywhere. Nothing blocks and nothing allocates. When full, {@code offer}
 * refuses the new frame and counts it; a consumer that wants to stay near real time trims the
 * backlog itself with {@link #skip}.
 */
public final class FrameQueue {
    private final short[][] frames;
    private final long[] tags;
    private final int mask;
    private final int frameSamples;
    /** Next slot to write; written only by the producer. */
    private final AtomicLong tail = new AtomicLong();
    /** Next slot to read; written only by the consumer. */
    private final AtomicLong head = new AtomicLong();

    private final AtomicLong overflows = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    /**
     * @param capacity     frames held at most; rounded up to a power of two (at least 2)
     * @param frameSamples samples per frame, e.g. 320 for 20 ms at 16 kHz
     */
    public FrameQueue(int capacity, int frameSamples) {
        int size = capacity <= 2 ? 2 : Integer.highestOneBit(capacity - 1) << 1;
        this.frames = new short[size][frameSamples];
        this.tags = new long[size];
        this.mask = size - 1;
        this.frameSamples = frameSamples;
    }

    public int frameSamples() {
        return frameSamples;
    }

    public int capacity() {
        return frames.length;
    }

    /** Copies one frame in; false (counted) when the queue is full. Producer only. */
    public boolean offer(short[] samples, int offset, long tag) {
        long t = tail.get();
        if (t - head.getAcquire() >= frames.length) {
            overflows.incrementAndGet();
            return false;
        }
        int slot = (int) t & mask;
        System.arraycopy(samples, offset, frames[slot], 0, frameSamples);
        tags[slot] = tag;
        tail.setRelease(t + 1);
        return true;
    }

    /** Copies the oldest frame out and returns its tag; {@code Long.MIN_VALUE} when empty. Consumer only. */
    public long poll(short[] into, int offset) {
        long h = head.get();
        if (h >= tail.getAcquire()) {
            return Long.MIN_VALUE;
        }
        int slot = (int) h & mask;
        System.arraycopy(frames[slot], 0, into, offset, frameSamples);
        long tag = tags[slot];
        head.setRelease(h + 1);
        return tag;
    }

    /** The oldest frame's tag without taking it; {@code Long.MIN_VALUE} when empty. Consumer only. */
    public long peekTag() {
        long h = head.get();
        return h >= tail.getAcquire() ? Long.MIN_VALUE : tags[(int) h & mask];
    }

    /** Drops up to {@code n} of the oldest frames (to catch up); returns how many. Consumer only. */
    public int skip(int n) {
        long h = head.get();
        int dropped = (int) Math.min(n, tail.getAcquire() - h);
        if (dropped > 0) {
            head.setRelease(h + dropped);
            skipped.addAndGet(dropped);
        }
        return dropped;
    }

    public int size() {
        return (int) Math.max(0, tail.getAcquire() - head.getAcquire());
    }

    /** Frames refused because the queue was full. */
    public long overflows() {
        return overflows.get();
    }

    /** Frames the consumer skipped to catch up. */
    public long skipped() {
        return skipped.get();
    }
}
