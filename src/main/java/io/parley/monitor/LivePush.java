package io.parley.monitor;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the status document to every dashboard's WebSocket clients every
 * {@link #PERIOD_MILLIS} ms, on one thread for all dashboards. Each message is a whole
 * document, so a client still busy with the previous one simply skips one: a slow browser
 * never makes messages pile up.
 */
final class LivePush implements AutoCloseable {
    static final long PERIOD_MILLIS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(LivePush.class);

    /** One connected page; {@code bridge} is empty for all bridges. */
    private record Client(String bridge, AtomicBoolean sending) {}

    private final MonitorState state;
    private final SelfCounters counters;
    private final Map<WsContext, Client> clients = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("parley-monitor-push").factory());

    LivePush(MonitorState state, SelfCounters counters) {
        this.state = state;
        this.counters = counters;
        timer.scheduleAtFixedRate(this::pushAll, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The WebSocket handlers of a dashboard: {@code ?bridge=NAME} narrows the document to one bridge. */
    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            String bridge = ctx.queryParam("bridge");
            Client c = new Client(bridge == null ? "" : bridge, new AtomicBoolean());
            clients.put(ctx, c);
            counters.webSocketClients.set(clients.size());
            ctx.session.setIdleTimeout(Duration.ofMinutes(5));
            send(ctx, c, json(c.bridge()));
        });
        ws.onClose(ctx -> forget(ctx));
        ws.onError(ctx -> forget(ctx));
    }

    private void forget(WsContext ctx) {
        clients.remove(ctx);
        counters.webSocketClients.set(clients.size());
    }

    private void pushAll() {
        if (clients.isEmpty()) {
            return;
        }
        try {
            Map<String, String> byFilter = new HashMap<>();
            clients.forEach((ctx, c) -> {
                if (!c.sending().get()) {
                    send(ctx, c, byFilter.computeIfAbsent(c.bridge(), this::json));
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("monitor: live push failed: {}", e.toString());
        }
    }

    private String json(String bridge) {
        return Json.write(bridge.isEmpty() ? state.snapshot() : state.snapshot(bridge::equals));
    }

    private void send(WsContext ctx, Client c, String json) {
        if (!ctx.session.isOpen()) {
            forget(ctx);
            return;
        }
        c.sending().set(true);
        ctx.session.sendText(json, Callback.from(() -> c.sending().set(false), failure -> {
            c.sending().set(false);
            forget(ctx);
        }));
    }

    int clientCount() {
        return clients.size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(300, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.clear();
        counters.webSocketClients.set(0);
    }
}
