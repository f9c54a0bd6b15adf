package io.parley.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.config.MonitorSettings;
import io.parley.event.EventBus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The access rules enforced by a running monitor on loopback: a configured token is required
 * there too, which is how these tests see the checks that protect a non-loopback bind.
 */
class MonitorAccessTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final EventBus bus = new EventBus();
    private Monitor monitor;

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.close();
        }
    }

    private String base() {
        return "127.0.0.1:" + monitor.dashboardPort(MonitorPlans.TRANSLATED).orElseThrow();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://" + base() + path)).timeout(Duration.ofSeconds(5));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withATokenPagesAndApiNeedItButHealthAndAssetsDoNot() throws Exception {
        monitor = Monitor.start(MonitorPlans.withToken("s3cret"), bus);

        for (String path : new String[] {
            "/status", "/metrics", "/", "/overview", "/monitoring-dashboard.html", "/bridges/5555-6666"
        }) {
            HttpResponse<String> none = get(path, null);
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).as(path).hasValue("Bearer realm=\"parley\"");
            assertThat(get(path, "Bearer wrong").statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, "Bearer s3cret").statusCode()).as(path).isEqualTo(200);
            assertThat(get(path + "?token=s3cret", null).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
        assertThat(get("/assets/common.js", null).statusCode()).isEqualTo(200);
    }

    @Test
    void withATokenTheWebSocketNeedsItAndAnAcceptableOrigin() throws Exception {
        monitor = Monitor.start(MonitorPlans.withToken("s3cret", "http://dash.example:9000"), bus);
        String own = "http://" + base();

        assertThat(handshake(null, own)).isEqualTo(401);
        assertThat(handshake("wrong", own)).isEqualTo(401);
        assertThat(handshake("s3cret", "http://evil.example")).isEqualTo(403);
        assertThat(handshake("s3cret", "http://127.0.0.1:1")).isEqualTo(403);
        assertThat(handshake("s3cret", own)).isEqualTo(101);
        assertThat(handshake("s3cret", "http://dash.example:9000")).isEqualTo(101);
        assertThat(handshake("s3cret", null)).isEqualTo(101);
    }

    @Test
    void withoutATokenAForeignHostNameIsRefusedAgainstDnsRebinding() throws Exception {
        monitor = Monitor.start(MonitorPlans.defaultPlan(), bus);

        assertThat(rawStatusLine("/status", "evil.example:" + port())).contains(" 403 ");
        assertThat(rawStatusLine("/status", "127.0.0.1:" + port())).contains(" 200 ");
        assertThat(rawStatusLine("/status", "localhost:" + port())).contains(" 200 ");
        assertThat(handshake(null, "http://evil.example")).isEqualTo(403);
        assertThat(handshake(null, "http://" + base())).isEqualTo(101);
    }

    @Test
    void theWebSocketPushesTheStatusDocumentSeveralTimesASecond() throws Exception {
        monitor = Monitor.start(MonitorPlans.defaultPlan(), bus);
        var messages = new CopyOnWriteArrayList<Long>();
        // The first message answers the connection; the pushes follow every 200 ms (LivePush.PERIOD_MILLIS).
        int pushes = 10;
        CompletableFuture<Void> received = new CompletableFuture<>();
        WebSocket ws = HTTP.newWebSocketBuilder()
                .buildAsync(URI.create("ws://" + base() + "/ws?bridge=3333-4444"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            assertThat(StatusSchema.violations(text.toString())).isEmpty();
                            messages.add(System.nanoTime());
                            text.setLength(0);
                            if (messages.size() == 1 + pushes) {
                                received.complete(null);
                            }
                        }
                        w.request(1);
                        return null;
                    }
                })
                .get(5, TimeUnit.SECONDS);
        received.get(10, TimeUnit.SECONDS);
        assertThat(monitor.status().monitor().webSocketClients()).isEqualTo(1);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> monitor.status().monitor().webSocketClients() == 0);
        // The first push may come with the answer to the connection, a moment apart: from the third
        // message on, each is a push. Eight intervals of 200 ms: 1.6 s. The pushes keep a fixed rate,
        // so a late one does not delay the next ones; a busy machine may still delay the last or make
        // a push skip a client still taking the previous one. Allowed: 300 ms on average, 0.8 s of
        // delays and skips in all. A cadence of 400 ms or slower takes 3.2 s or more.
        long spanMillis = (messages.get(pushes) - messages.get(2)) / 1_000_000;
        assertThat(spanMillis).as("eight push intervals, ms").isLessThanOrEqualTo((pushes - 2) * 300L);
    }

    private int port() {
        return monitor.dashboardPort(MonitorPlans.TRANSLATED).orElseThrow();
    }

    /** The HTTP status of a WebSocket handshake on /ws: 101 when it was accepted. */
    private int handshake(String token, String origin) throws Exception {
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(2));
        if (origin != null) {
            b.header("Origin", origin);
        }
        String q = token == null ? "" : "?token=" + token;
        try {
            WebSocket ws = b.buildAsync(URI.create("ws://" + base() + "/ws" + q), new WebSocket.Listener() {})
                    .join();
            ws.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** The status line of a GET with a Host header of our choosing (java.net.http will not set one). */
    private String rawStatusLine(String path, String host) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port()), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) != -1 && c != '\r'; ) {
                line.append((char) c);
            }
            return line.toString() + " ";
        }
    }

    @Test
    void aNonLoopbackBindWithoutATokenIsRefusedBeforeAnythingIsBound() {
        var config = MonitorPlans.plan(
                "0.0.0.0", MonitorSettings.DEFAULT, OptionalInt.of(0), OptionalInt.of(0), OptionalInt.of(0));
        assertThatThrownBy(() -> Monitor.start(config, bus))
                .isInstanceOf(MonitorStartException.class)
                .hasMessageContaining("0.0.0.0")
                .hasMessageContaining("monitor.token");
    }
}
