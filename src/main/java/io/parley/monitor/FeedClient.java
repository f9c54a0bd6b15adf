package io.parley.monitor;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One connection to a TCP metrics feed: a bounded queue of lines and the thread that writes
 * them. {@link #offer} never blocks: a full queue means the client reads too slowly, and the
 * feed drops it.
 */
final class FeedClient implements AutoCloseable {
    static final int QUEUE_LINES = 1024;
    private static final long IDLE_POLL_MILLIS = 500;

    private final Socket socket;
    private final String name;
    private final ArrayBlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_LINES);
    private volatile boolean closed;

    FeedClient(Socket socket) {
        this.socket = socket;
        this.name = String.valueOf(socket.getRemoteSocketAddress()).replaceFirst("^/", "");
    }

    String name() {
        return name;
    }

    /** Queues a line (without its newline); false when the queue is full or the client is gone. */
    boolean offer(String line) {
        return !closed && queue.offer(line);
    }

    /** Writes queued lines until the client goes away or is closed. Runs on the client's own thread. */
    void writeUntilClosed() {
        try (OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024)) {
            while (!closed) {
                String line = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                write(out, line);
                // Write out whatever else is waiting before one flush.
                for (String next; (next = queue.poll()) != null; ) {
                    write(out, next);
                }
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The client went away, or the feed closed the socket under a blocked write to drop it.
        } finally {
            close();
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes the socket; a write blocked on it fails at once. Safe from any thread, more than once. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a socket that failed already.
        }
    }
}
