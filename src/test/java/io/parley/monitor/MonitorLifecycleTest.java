package io.parley.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.parley.config.MonitorSettings;
import io.parley.event.EventBus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Start fails fast naming the port; close releases every port within a second, with clients connected. */
class MonitorLifecycleTest {
    private final EventBus bus = new EventBus();

    @Test
    void aDashboardPortInUseFailsTheStartWithThePortAndLeavesNothingBound() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int freePort = free.getLocalPort();
            free.close();
            var config = MonitorPlans.plan(
                    "127.0.0.1",
                    MonitorSettings.DEFAULT,
                    OptionalInt.of(freePort),
                    OptionalInt.of(0),
                    OptionalInt.of(taken.getLocalPort()));

            assertThatThrownBy(() -> Monitor.start(config, bus))
                    .isInstanceOf(MonitorStartException.class)
                    .hasMessageContaining("7777-8888")
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());

            // The dashboard that had bound before the failure was released again.
            try (ServerSocket again = new ServerSocket(freePort, 50, InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).isEqualTo(freePort);
            }
        }
    }

    @Test
    void aFeedPortInUseFailsTheStartWithThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var config = MonitorPlans.plan(
                    "127.0.0.1",
                    MonitorSettings.DEFAULT,
                    OptionalInt.of(0),
                    OptionalInt.of(taken.getLocalPort()),
                    OptionalInt.of(0));

            assertThatThrownBy(() -> Monitor.start(config, bus))
                    .isInstanceOf(MonitorStartException.class)
                    .hasMessageContaining("metrics feed of bridge 3333-4444")
                    .hasMessageContaining(":" + taken.getLocalPort());
        }
    }

    @Test
    void closeReleasesEveryPortWithinASecondWhileClientsAreConnected() throws Exception {
        Monitor monitor = Monitor.start(MonitorPlans.defaultPlan(), bus);
        int dashboard = monitor.dashboardPort(MonitorPlans.TRANSLATED).orElseThrow();
        int external = monitor.dashboardPort(MonitorPlans.EXTERNAL).orElseThrow();
        int feed = monitor.feedPort(MonitorPlans.TRANSLATED).orElseThrow();
        HttpClient http = HttpClient.newHttpClient();
        WebSocket ws = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + dashboard + "/ws"), new WebSocket.Listener() {})
                .join();
        try (FeedClientSocket feedClient = new FeedClientSocket(feed)) {
            feedClient.next();
            await().until(() -> monitor.status().monitor().webSocketClients() == 1);

            long t0 = System.nanoTime();
            monitor.close();
            long closeMillis = (System.nanoTime() - t0) / 1_000_000;

            assertThat(closeMillis).as("close() in ms").isLessThan(1000);
            for (int port : new int[] {dashboard, external, feed}) {
                try (ServerSocket again = new ServerSocket()) {
                    again.setReuseAddress(true);
                    again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                }
            }
            feedClient.socket.setSoTimeout(2000);
            assertThat(feedClient.in.readLine()).isNull();
        } finally {
            ws.abort();
        }
    }

    @Test
    void closeTwiceIsHarmless() {
        Monitor monitor = Monitor.start(MonitorPlans.defaultPlan(), bus);
        monitor.close();
        monitor.close();
    }

    @Test
    void withoutDashboardPortsThereAreNoPagesButTheFeedRuns() throws Exception {
        var config = MonitorPlans.plan(
                "127.0.0.1", MonitorSettings.DEFAULT, OptionalInt.empty(), OptionalInt.of(0), OptionalInt.empty());
        try (Monitor monitor = Monitor.start(config, bus)) {
            assertThat(monitor.dashboards()).isEmpty();
            assertThat(monitor.overview()).isNull();
            try (FeedClientSocket client = new FeedClientSocket(
                    monitor.feedPort(MonitorPlans.TRANSLATED).orElseThrow())) {
                assertThat(client.next().path("type").asText()).isEqualTo("snapshot");
            }
        }
    }

    @Test
    void pagesReconnectAfterARestartOnTheSamePort() throws Exception {
        int port;
        try (Monitor first = Monitor.start(MonitorPlans.defaultPlan(), bus)) {
            port = first.dashboardPort(MonitorPlans.TRANSLATED).orElseThrow();
        }
        var config = MonitorPlans.plan(
                "127.0.0.1", MonitorSettings.DEFAULT, OptionalInt.of(port), OptionalInt.of(0), OptionalInt.of(0));
        try (Monitor second = Monitor.start(config, bus)) {
            assertThat(second.dashboardPort(MonitorPlans.TRANSLATED)).hasValue(port);
            assertThat(MonitorHttpTest.get("http://127.0.0.1:" + port + "/healthz")
                            .statusCode())
                    .isEqualTo(200);
        }
    }
}
