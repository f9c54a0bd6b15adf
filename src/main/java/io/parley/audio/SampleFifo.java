package io.parley.audio;

/**
 * A fixed-capacity ring of samples, for cutting audio that arrives in odd-sized pieces (22050 Hz
 * speech resampled to 16 kHz, say) into whole frames. Writes take what fits and say how much;
 * reads take what is there. Single-threaded: hand it between threads under a lock, or not at all.
 * No allocation after construction.
 */
public final class SampleFifo {
    private final short[] ring;
    private int head;
    private int size;

    public SampleFifo(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("sample FIFO capacity must be positive, got " + capacity);
        }
        this.ring = new short[capacity];
    }

    public int capacity() {
        return ring.length;
    }

    /** Samples ready to read. */
    public int available() {
        return size;
    }

    /** Room left for writing. */
    public int free() {
        return ring.length - size;
    }

    /** Appends up to {@code len} samples; returns how many fitted. */
    public int write(short[] in, int off, int len) {
        int n = Math.min(len, free());
        int tail = (head + size) % ring.length;
        int first = Math.min(n, ring.length - tail);
        System.arraycopy(in, off, ring, tail, first);
        System.arraycopy(in, off + first, ring, 0, n - first);
        size += n;
        return n;
    }

    /** Takes up to {@code len} samples, oldest first; returns how many were taken. */
    public int read(short[] out, int off, int len) {
        int n = Math.min(len, size);
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, out, off, first);
        System.arraycopy(ring, 0, out, off + first, n - first);
        head = (head + n) % ring.length;
        size -= n;
        return n;
    }

    public void clear() {
        head = 0;
        size = 0;
    }
}
