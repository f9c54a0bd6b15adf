package io.parley.ari;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded hand-off of fixed-size audio frames between exactly one producer thread and one
 * consumer thread. Slots are allocated once; offering and polling copy and never block or
 * allocate. A full queue refuses the frame and counts it.
 */
final class FrameQueue {
    private final short[][] slots;
    private final int mask;
    private final int frameSamples;
    private final AtomicLong head = new AtomicLong(); // next slot to read; written by the consumer only
    private final AtomicLong tail = new AtomicLong(); // next slot to write; written by the producer only
    private final AtomicLong refused = new AtomicLong();

    /** @param capacity rounded up to a power of two */
    FrameQueue(int capacity, int frameSamples) {
        int size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
        this.slots = new short[size][frameSamples];
        this.mask = size - 1;
        this.frameSamples = frameSamples;
    }

    /** Copies one frame in; false (and counted) when the queue is full. */
    boolean offer(short[] frame) {
        long t = tail.get();
        if (t - head.get() >= slots.length) {
            refused.incrementAndGet();
            return false;
        }
        System.arraycopy(frame, 0, slots[(int) (t & mask)], 0, frameSamples);
        tail.lazySet(t + 1);
        return true;
    }

    /** Copies the oldest frame into {@code into}; false when there is none. */
    boolean poll(short[] into) {
        long h = head.get();
        if (h == tail.get()) {
            return false;
        }
        System.arraycopy(slots[(int) (h & mask)], 0, into, 0, frameSamples);
        head.lazySet(h + 1);
        return true;
    }

    int size() {
        return (int) (tail.get() - head.get());
    }

    long refused() {
        return refused.get();
    }

    int frameSamples() {
        return frameSamples;
    }
}
