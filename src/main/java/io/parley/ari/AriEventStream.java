package io.parley.ari;

import io.parley.config.AriSettings;
import io.parley.event.AriState;
import io.parley.event.EventBus;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ARI's events WebSocket ({@code /ari/events?app=NAME}), kept open: after a drop it reconnects with
 * exponential backoff and jitter, and tells its listener so it can recover state from REST, since
 * Asterisk does not replay the events a client missed. The backoff starts again from its shortest
 * delay only after a connection has stayed up for {@link #STABLE_AFTER}: a server that accepts the
 * WebSocket and drops it at once gets ever longer pauses, not a reconnection storm.
 *
 * <p>A message that is not a usable event (not JSON, too long, invalid UTF-8, a channel event
 * without its channel) is logged as one line, without a stack trace, and skipped; long values are
 * cut ({@link AriEventReader}).
 *
 * <p>Threading: the listener runs on one thread of its own ({@code ari-events}), one call at a time,
 * in the order Asterisk sent the events; {@link Listener#connected()} of a connection runs before
 * any event of that connection. The socket's own threads only parse and hand over. Connection
 * state goes to the event bus as {@link AriState}.
 */
public final class AriEventStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AriEventStream.class);
    /** How long a connection must last before a drop counts as a new failure rather than the same one. */
    static final Duration STABLE_AFTER = Duration.ofSeconds(10);
    /** The longest message handed to the reader; ARI's events are a few kilobytes. */
    static final int MAX_MESSAGE_CHARS = 1 << 20;

    /** Receives the stream's news on the {@code ari-events} thread. */
    public interface Listener {
        /** A connection (first or again) is open; recover state with REST before handling events. */
        void connected();

        void event(AriEvent event);

        /** The connection was lost or refused; a reconnection follows unless the stream was closed. */
        void disconnected(String reason);
    }

    private final URI uri;
    private final String authorization;
    private final String url;
    private final HttpClient http;
    private final Duration timeout;
    private final Duration keepAlive;
    private final Backoff backoff;
    private final EventBus bus;
    private final Listener listener;
    private final ExecutorService events;
    private final Object sleeper = new Object();
    private volatile boolean closed;
    private volatile WebSocket socket;
    private volatile CompletableFuture<String> ended = new CompletableFuture<>();
    private Thread loop;

    /**
     * @param keepAlive how often to ping Asterisk; a socket without a pong for two periods is dropped
     */
    public AriEventStream(
            AriSettings settings,
            HttpClient http,
            Duration timeout,
            Duration keepAlive,
            Backoff backoff,
            EventBus bus,
            Listener listener) {
        String base = settings.url().toString().replaceAll("/+$", "");
        String ws = base.replaceFirst("^http", "ws");
        this.uri = URI.create(ws + "/ari/events?app=" + AriClient.encode(settings.app()) + "&subscribeAll=false");
        this.url = base;
        this.authorization =
                AriClient.basic(settings.username(), settings.password().value());
        this.http = http;
        this.timeout = timeout;
        this.keepAlive = keepAlive;
        this.backoff = backoff;
        this.bus = bus;
        this.listener = listener;
        this.events = Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().name("ari-events").daemon(true).unstarted(r));
    }

    public synchronized void start() {
        if (loop != null) {
            throw new IllegalStateException("ARI event stream already started");
        }
        loop = Thread.ofVirtual().name("ari-connect").start(this::run);
    }

    /** Whether a WebSocket is open right now. */
    public boolean connected() {
        return socket != null;
    }

    private void run() {
        while (!closed) {
            bus.publish(AriState.of(
                    AriState.State.CONNECTING, url, "connecting to " + uri.getHost() + ":" + uri.getPort()));
            String reason = connectAndWait();
            socket = null;
            if (closed) {
                break;
            }
            LOG.warn("ARI events WebSocket {}: {}", uri.getHost() + ":" + uri.getPort(), reason);
            bus.publish(AriState.of(AriState.State.DISCONNECTED, url, reason));
            handOver("disconnected", () -> listener.disconnected(reason));
            pause(backoff.next());
        }
        bus.publish(AriState.of(AriState.State.DISCONNECTED, url, "closed"));
    }

    private String connectAndWait() {
        CompletableFuture<String> ended = new CompletableFuture<>();
        this.ended = ended;
        if (closed) {
            return "closed";
        }
        Receiver receiver = new Receiver(ended);
        WebSocket ws;
        try {
            ws = http.newWebSocketBuilder()
                    .header("Authorization", authorization)
                    .connectTimeout(timeout)
                    .buildAsync(uri, receiver)
                    .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return refusal(e.getCause());
        } catch (TimeoutException e) {
            return "no WebSocket handshake within " + timeout.multipliedBy(2).toMillis() + " ms";
        } catch (InterruptedException e) {
            return "interrupted";
        }
        socket = ws;
        long connectedAt = System.nanoTime();
        bus.publish(AriState.of(AriState.State.CONNECTED, url, "events of application " + appName()));
        try {
            return waitForEnd(ws, receiver, ended);
        } finally {
            if (System.nanoTime() - connectedAt >= STABLE_AFTER.toNanos()) {
                backoff.reset();
            }
        }
    }

    private String waitForEnd(WebSocket ws, Receiver receiver, CompletableFuture<String> ended) {
        try {
            while (!ended.isDone()) {
                try {
                    return ended.get(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException idle) {
                    if (System.nanoTime() - receiver.lastHeard.get()
                            > keepAlive.multipliedBy(2).toNanos()) {
                        ws.abort();
                        return "no answer to pings for "
                                + keepAlive.multipliedBy(2).toMillis() + " ms";
                    }
                    ws.sendPing(ByteBuffer.allocate(0));
                }
            }
            return ended.getNow("closed");
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        } catch (InterruptedException e) {
            ws.abort();
            return "interrupted";
        }
    }

    private String appName() {
        String query = uri.getRawQuery();
        return query.substring("app=".length(), query.indexOf('&'));
    }

    private String refusal(Throwable cause) {
        if (cause instanceof WebSocketHandshakeException h) {
            int status = h.getResponse().statusCode();
            if (status == 401) {
                return "Asterisk refused the credentials (HTTP 401): check PARLEY_ARI_USERNAME/PARLEY_ARI_PASSWORD"
                        + " against a user in ari.conf";
            }
            return "WebSocket handshake refused with HTTP " + status + " (is res_ari loaded and the URL " + url
                    + " Asterisk's http.conf address?)";
        }
        if (cause instanceof IOException io && io.getCause() != null) {
            return "cannot connect to " + uri.getHost() + ":" + uri.getPort() + ": " + io.getCause();
        }
        return "cannot connect to " + uri.getHost() + ":" + uri.getPort() + ": " + cause;
    }

    private void pause(Duration delay) {
        synchronized (sleeper) {
            try {
                long until = System.nanoTime() + delay.toNanos();
                while (!closed && System.nanoTime() < until) {
                    TimeUnit.NANOSECONDS.timedWait(sleeper, until - System.nanoTime());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queues {@code task} for the event thread; dropped once the stream is closed. */
    private void handOver(String what, Runnable task) {
        try {
            events.execute(() -> guarded(what, task));
        } catch (RejectedExecutionException e) {
            LOG.debug("ARI {} dropped: the stream is closed", what);
        }
    }

    /** Runs a handler; a failure is one line naming where it happened (the stack trace only at debug level). */
    private void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            StackTraceElement[] at = e.getStackTrace();
            LOG.error(
                    "ARI {} handler failed ({}{}); the next events are still handled",
                    AriEventReader.excerpt(what),
                    AriEventReader.excerpt(String.valueOf(e)),
                    at.length == 0 ? "" : " at " + at[0]);
            LOG.debug("ARI {} handler failure", what, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        ended.complete("closed");
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        Thread t;
        synchronized (this) {
            t = loop;
        }
        if (t != null) {
            try {
                t.join(timeout.toMillis() * 3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        events.shutdown();
        try {
            events.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs on the socket's threads: parses, then hands over to the event thread. */
    private final class Receiver implements WebSocket.Listener {
        private final CompletableFuture<String> ended;
        private final StringBuilder text = new StringBuilder();
        /** Characters of the current message beyond {@link #MAX_MESSAGE_CHARS}, which are not kept. */
        private long dropped;

        final AtomicLong lastHeard = new AtomicLong(System.nanoTime());

        Receiver(CompletableFuture<String> ended) {
            this.ended = ended;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            // Queued before any event of this socket, so recovery runs first.
            handOver("connected", listener::connected);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastHeard.set(System.nanoTime());
            int room = MAX_MESSAGE_CHARS - text.length();
            text.append(data, 0, Math.min(room, data.length()));
            dropped += Math.max(0, data.length() - room);
            if (last) {
                if (dropped > 0) {
                    LOG.warn(
                            "ARI sent a message of {} characters, more than {}; ignored: {}",
                            text.length() + dropped,
                            MAX_MESSAGE_CHARS,
                            AriEventReader.excerpt(text.toString()));
                } else {
                    dispatch(text.toString());
                }
                text.setLength(0);
                dropped = 0;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastHeard.set(System.nanoTime());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            lastHeard.set(System.nanoTime());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended.complete("closed by Asterisk (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended.complete("connection lost: " + describe(error));
        }

        private void dispatch(String message) {
            AriEventReader.Reading r = AriEventReader.read(message);
            if (r.event().isEmpty()) {
                LOG.warn(
                        "ARI sent an event parley cannot use: {}{}",
                        r.problem(),
                        r.cut().isEmpty() ? "" : "; values cut: " + AriEventReader.describeCut(r.cut()));
                return;
            }
            AriEvent event = r.event().get();
            if (!r.cut().isEmpty()) {
                LOG.warn(
                        "ARI event {} had values longer than {} characters, cut: {}",
                        event.type(),
                        AriEventReader.MAX_VALUE_CHARS,
                        AriEventReader.describeCut(r.cut()));
            }
            handOver(event.type(), () -> listener.event(event));
        }
    }

    /** What went wrong with the socket, in words: the JDK names invalid UTF-8 only in its exception's text. */
    static String describe(Throwable error) {
        String m = error.getMessage() == null ? "" : AriEventReader.excerpt(error.getMessage());
        if (error instanceof ProtocolException) {
            return "Asterisk broke the WebSocket protocol" + (m.isEmpty() ? "" : " (" + m + ")")
                    + ": a frame that is not valid UTF-8 text, or otherwise malformed; reconnecting";
        }
        if (error instanceof IOException) {
            return m;
        }
        return error.getClass().getSimpleName() + ": " + m;
    }
}
