package io.parley.monitor;

import io.parley.event.ParleyEvent;
import io.parley.log.KeyValueLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP metrics feed of one bridge ({@code bridges[].feed}): newline-delimited JSON, first a
 * {@code snapshot} line with the bridge's status document, then one line per event of that
 * bridge or of the whole process, as they happen. When a token is required the client's first
 * line must be {@code AUTH <token>}.
 *
 * <p>Threading contract: {@link #publish} is called by the event pump, inside
 * {@link MonitorState#atomically} so that a new client's snapshot and the events after it
 * neither overlap nor leave a gap; it never blocks. Each client has its own virtual thread that
 * writes; a client whose queue fills is dropped with a log line.
 */
final class MetricsFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsFeed.class);
    private static final long AUTH_DEADLINE_NANOS = AccessPolicy.FEED_AUTH_SECONDS * 1_000_000_000L;
    private static final int AUTH_LINE_LIMIT = 512;
    /** Keeps what a stuck client can hold in the kernel small, so it is noticed (and dropped) soon. */
    private static final int SEND_BUFFER_BYTES = 64 * 1024;

    private final String bridge;
    private final ServerSocket server;
    private final AccessPolicy access;
    private final MonitorState state;
    private final SelfCounters counters;
    private final Set<FeedClient> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Binds the port at once, so that a port in use fails the start. */
    MetricsFeed(String bridge, String bind, int port, AccessPolicy access, MonitorState state, SelfCounters counters) {
        this.bridge = bridge;
        this.access = access;
        this.state = state;
        this.counters = counters;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(bind), port), 50);
        } catch (IOException e) {
            throw new MonitorStartException(
                    "monitor: the metrics feed of bridge " + bridge + " cannot listen on "
                            + bind + ":" + port + " (" + e.getMessage()
                            + "); is another process using the port? Change the"
                            + " bridge's feed port or stop that process.",
                    e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    String bridge() {
        return bridge;
    }

    void start() {
        Thread.ofPlatform().daemon().name("parley-feed-" + bridge).start(this::acceptLoop);
    }

    boolean hasClients() {
        return !clients.isEmpty();
    }

    boolean wants(ParleyEvent event) {
        return event.bridge().isEmpty() || event.bridge().equals(bridge);
    }

    /** Hands a line to every client; drops those that cannot take it. */
    void publish(String line) {
        for (FeedClient c : clients) {
            if (!c.offer(line)) {
                drop(c);
            }
        }
    }

    private void drop(FeedClient c) {
        if (c.isClosed()) {
            remove(c);
            return;
        }
        counters.feedClientsDropped.incrementAndGet();
        LOG.warn(new KeyValueLine()
                .add("event", "feed_client_dropped")
                .add("bridge", bridge)
                .add("client", c.name())
                .add(
                        "reason",
                        "its queue of " + FeedClient.QUEUE_LINES + " lines is full: it reads too slowly or not at all")
                .toString());
        c.close();
        remove(c);
    }

    private void remove(FeedClient c) {
        if (clients.remove(c)) {
            counters.feedClients.decrementAndGet();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().name("parley-feed-client-" + bridge).start(() -> serve(socket));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("feed of bridge {}: accept failed: {}", bridge, e.getMessage());
                }
            }
        }
    }

    private void serve(Socket socket) {
        FeedClient client = new FeedClient(socket);
        try {
            socket.setSendBufferSize(SEND_BUFFER_BYTES);
            socket.setTcpNoDelay(true);
            if (access.tokenRequired()) {
                AccessPolicy.Decision d = access.checkFeed(readFirstLine(socket));
                if (!d.allowed()) {
                    refuse(socket, client, d);
                    return;
                }
            }
            state.atomically(() -> {
                client.offer(Json.snapshotLine(state.snapshot(bridge::equals)));
                clients.add(client);
                counters.feedClients.incrementAndGet();
            });
            LOG.info(new KeyValueLine()
                    .add("event", "feed_client_connected")
                    .add("bridge", bridge)
                    .add("client", client.name())
                    .toString());
            if (closed) {
                client.close();
            }
            client.writeUntilClosed();
        } catch (IOException e) {
            client.close();
        } finally {
            remove(client);
        }
    }

    /**
     * The client's first line, or null when it is too long or has not ended by the deadline: the
     * deadline is for the whole line, so a client that trickles a byte at a time is refused as
     * soon as one that sends nothing.
     */
    private static String readFirstLine(Socket socket) throws IOException {
        long deadline = System.nanoTime() + AUTH_DEADLINE_NANOS;
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                int b = in.read();
                if (b == -1 || b == '\n') {
                    break;
                }
                if (line.size() >= AUTH_LINE_LIMIT) {
                    return null;
                }
                line.write(b);
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
        socket.setSoTimeout(0);
        return line.toString(StandardCharsets.UTF_8).strip();
    }

    private void refuse(Socket socket, FeedClient client, AccessPolicy.Decision d) {
        LOG.warn(new KeyValueLine()
                .add("event", "feed_client_refused")
                .add("bridge", bridge)
                .add("client", client.name())
                .add("reason", d.reason())
                .toString());
        try {
            OutputStream out = socket.getOutputStream();
            out.write((Json.write(new FeedError("error", d.reason())) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException ignored) {
            // It is being refused anyway.
        }
        client.close();
    }

    /** The line a refused client receives before the feed hangs up. */
    record FeedError(String type, String message) {}

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // Nothing more to release.
        }
        clients.forEach(FeedClient::close);
    }
}
