package io.parley.sim;

import io.parley.media.TimeSource;
import io.parley.media.UdpEndpoint;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * The simulated network's delay: datagrams handed in with a due time are sent by one thread of
 * its own at that time (a few tens of microseconds late at worst), so that jitter and the
 * reordering it causes happen on the wire as they would between Asterisk and parley.
 *
 * <p>Slots are allocated up front; a datagram is copied in, so the caller may reuse its buffer at
 * once. A min-heap on due time orders the slots. When every slot is taken the datagram is
 * refused and counted. Threading contract: {@link #submit} may be called from any thread (in
 * practice the media clock); the lock is held only for the heap operations, never while sending.
 */
public final class DelayLine implements AutoCloseable {
    public static final int MAX_DATAGRAM = 1500;

    private final TimeSource time;
    private final byte[][] data;
    private final ByteBuffer[] buffers;
    private final UdpEndpoint[] from;
    private final InetSocketAddress[] to;
    private final long[] due;
    private final int[] heap;
    private final int[] free;
    private final Object lock = new Object();
    private final Thread thread;
    private int heapSize;
    private int freeCount;
    private volatile boolean running = true;
    private volatile long refused;
    private volatile long sent;

    public DelayLine(int capacity, TimeSource time) {
        this.time = time;
        this.data = new byte[capacity][MAX_DATAGRAM];
        this.buffers = new ByteBuffer[capacity];
        this.from = new UdpEndpoint[capacity];
        this.to = new InetSocketAddress[capacity];
        this.due = new long[capacity];
        this.heap = new int[capacity];
        this.free = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            buffers[i] = ByteBuffer.wrap(data[i]);
            free[i] = i;
        }
        this.freeCount = capacity;
        this.thread = Thread.ofPlatform()
                .name("sim-delay-line")
                .daemon()
                .priority(Thread.MAX_PRIORITY)
                .start(this::run);
    }

    /** Sends {@code len} bytes of {@code datagram} from {@code socket} to {@code target} at {@code dueNanos}; false when full. */
    public boolean submit(UdpEndpoint socket, InetSocketAddress target, byte[] datagram, int len, long dueNanos) {
        if (len > MAX_DATAGRAM) {
            throw new IllegalArgumentException(
                    "datagram of " + len + " bytes exceeds the delay line's " + MAX_DATAGRAM);
        }
        boolean first;
        synchronized (lock) {
            if (freeCount == 0) {
                refused++;
                return false;
            }
            int slot = free[--freeCount];
            System.arraycopy(datagram, 0, data[slot], 0, len);
            buffers[slot].clear().limit(len);
            from[slot] = socket;
            to[slot] = target;
            due[slot] = dueNanos;
            push(slot);
            first = heap[0] == slot;
        }
        if (first) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    private void run() {
        while (running) {
            int slot = -1;
            long wait;
            synchronized (lock) {
                long now = time.nanoTime();
                if (heapSize > 0 && due[heap[0]] <= now) {
                    slot = pop();
                    wait = 0;
                } else {
                    wait = heapSize > 0 ? due[heap[0]] - now : 100_000_000L;
                }
            }
            if (slot < 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            from[slot].send(buffers[slot], to[slot]);
            sent++;
            synchronized (lock) {
                from[slot] = null;
                to[slot] = null;
                free[freeCount++] = slot;
                if (heapSize == 0) {
                    lock.notifyAll();
                }
            }
        }
    }

    private void push(int slot) {
        int i = heapSize++;
        heap[i] = slot;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (due[heap[parent]] <= due[heap[i]]) {
                break;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private int pop() {
        int top = heap[0];
        heap[0] = heap[--heapSize];
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            if (left >= heapSize) {
                break;
            }
            int child = left + 1 < heapSize && due[heap[left + 1]] < due[heap[left]] ? left + 1 : left;
            if (due[heap[i]] <= due[heap[child]]) {
                break;
            }
            swap(i, child);
            i = child;
        }
        return top;
    }

    private void swap(int i, int j) {
        int t = heap[i];
        heap[i] = heap[j];
        heap[j] = t;
    }

    /** Datagrams waiting now. */
    public int pending() {
        synchronized (lock) {
            return heapSize;
        }
    }

    /** Waits until every datagram handed in has been sent; false when {@code timeoutNanos} passed first. */
    public boolean awaitEmpty(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (lock) {
            while (heapSize > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    public long sent() {
        return sent;
    }

    /** Datagrams refused because every slot was taken. */
    public long refused() {
        return refused;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
