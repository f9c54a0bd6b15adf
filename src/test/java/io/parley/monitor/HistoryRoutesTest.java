package io.parley.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.config.HistorySettings;
import io.parley.event.CallEvent;
import io.parley.event.EventBus;
import io.parley.history.CallQuery;
import io.parley.history.History;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /history, /calls, /calls/{id} and the exports: the handlers called directly on a real history
 * (SQLite) of one translated call, then through a running monitor with a token, like every other
 * route.
 */
class HistoryRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private final EventBus bus = new EventBus();
    private History history;
    private HistoryRoutes routes;
    private String callId;

    @BeforeEach
    void oneTranslatedCall() throws Exception {
        history = History.start(
                new HistorySettings(true, dir, Optional.empty(), 90, "node-a", HistorySettings.Recordings.NONE),
                MonitorPlans.defaultPlan().bridges(),
                bus);
        routes = new HistoryRoutes(history, new WebAssets(), MonitorPlans.TRANSLATED);
        CallScript call = new CallScript(bus, MonitorPlans.TRANSLATED);
        call.connectCall("3333", "4444");
        call.legStats("3333");
        call.speak(1, "3333", "4444", "en", "fr", "=SUM(A1), said the caller", "Bonjour, vous m'entendez ?");
        call.speak(2, "4444", "3333", "fr", "en", "Oui, très bien.", "Yes, very well.");
        bus.publish(new CallEvent(
                System.currentTimeMillis(),
                MonitorPlans.TRANSLATED,
                "4444",
                CallEvent.Kind.ENDED,
                "chan-4444",
                "caller hung up"));
        bus.publish(new CallEvent(
                System.currentTimeMillis(),
                MonitorPlans.TRANSLATED,
                "3333",
                CallEvent.Kind.ENDED,
                "chan-3333",
                "partner left"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> history.archive().search(CallQuery.all()).stream()
                        .anyMatch(c -> c.endedAt() != null && c.utterances() == 2));
        callId = history.archive().search(CallQuery.all()).getFirst().id();
    }

    @AfterEach
    void close() {
        history.close();
    }

    private static Function<String, String> params(Map<String, String> p) {
        return p::get;
    }

    @Test
    void aSearchAnswersJsonOrCsvAndRefusesWhatIsNotAFilter() throws Exception {
        HttpReply all = routes.search(params(Map.of()));
        assertThat(all.contentType()).isEqualTo(HttpReply.JSON);
        JsonNode calls = JSON.readTree(all.text()).path("calls");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).path("id").asText()).isEqualTo(callId);
        assertThat(calls.get(0).path("endedBy").asText()).isEqualTo("4444");
        assertThat(calls.get(0).path("extensions").toString()).isEqualTo("[\"3333\",\"4444\"]");

        assertThat(JSON.readTree(routes.search(params(Map.of("q", "entendez"))).text())
                        .path("calls"))
                .hasSize(1);
        assertThat(JSON.readTree(routes.search(params(Map.of("q", "nowhere"))).text())
                        .path("calls"))
                .isEmpty();
        assertThat(JSON.readTree(routes.search(params(Map.of("bridge", "5555-6666")))
                                .text())
                        .path("calls"))
                .isEmpty();
        assertThat(JSON.readTree(routes.search(params(Map.of("extension", "4444", "from", "2020-01-01T00:00:00Z")))
                                .text())
                        .path("calls"))
                .hasSize(1);

        HttpReply csv = routes.search(params(Map.of("format", "csv")));
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text().split("\r\n")).hasSize(2);
        assertThat(csv.text()).startsWith("call_id,node,bridge,mode,started_at,");

        assertThat(routes.search(params(Map.of("from", "yesterday"))).status()).isEqualTo(400);
        assertThat(routes.search(params(Map.of("limit", "0"))).status()).isEqualTo(400);
        assertThat(routes.search(params(Map.of("limit", "many"))).status()).isEqualTo(400);
    }

    @Test
    void oneCallIsWholeInJsonAndOneLinePerUtteranceInCsvWithFormulasDefused() throws Exception {
        JsonNode call = JSON.readTree(routes.call(callId, null).text());
        assertThat(call.path("call").path("id").asText()).isEqualTo(callId);
        assertThat(call.path("legs")).hasSize(2);
        assertThat(call.path("legs").get(0).path("channelId").asText()).isEqualTo("chan-3333");
        assertThat(call.path("utterances")).hasSize(2);
        assertThat(call.path("utterances").get(1).path("translation").asText()).isEqualTo("Yes, very well.");
        assertThat(call.path("utterances")
                        .get(1)
                        .path("times")
                        .path("playoutStart")
                        .asLong())
                .isPositive();

        String csv = routes.call(callId, "csv").text();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).contains("\"'=SUM(A1), said the caller\"").contains("\"Bonjour, vous m'entendez ?\"");

        assertThat(routes.call("00000000-0000-4000-8000-000000000000", null).status())
                .isEqualTo(404);
        assertThat(routes.call("../etc/passwd", null).status()).isEqualTo(404);

        JsonNode export =
                JSON.readTree(routes.export(params(Map.of("q", "bien"))).text());
        assertThat(export).hasSize(1);
        assertThat(export.get(0).path("utterances")).hasSize(2);
        assertThat(routes.export(params(Map.of("format", "csv"))).text().split("\r\n"))
                .hasSize(3);
        assertThat(routes.page().text())
                .contains("data-view=\"history\"")
                .contains("src=\"/assets/history.js\"")
                .doesNotContain("{{");
    }

    @Test
    void withoutAHistoryTheRoutesSayItIsSwitchedOff() {
        HistoryRoutes off = new HistoryRoutes(null, new WebAssets(), MonitorPlans.TRANSLATED);
        assertThat(off.search(params(Map.of())).status()).isEqualTo(404);
        assertThat(off.search(params(Map.of())).text()).contains("history.enabled");
        assertThat(off.call(callId, null).status()).isEqualTo(404);
    }

    @Test
    void theHistoryNeedsTheMonitorsTokenAndStatusReportsItsQueue() throws Exception {
        try (Monitor monitor = Monitor.start(MonitorPlans.withToken("s3cret"), bus, history)) {
            String base = "http://127.0.0.1:"
                    + monitor.dashboardPort(MonitorPlans.TRANSLATED).orElseThrow();
            for (String path : new String[] {
                "/history",
                "/calls",
                "/calls/" + callId,
                "/calls/export?format=csv",
                "/calls/" + callId + "/recordings/3333/said.wav"
            }) {
                assertThat(get(base + path).statusCode()).as(path).isEqualTo(401);
                int withToken = get(base + path + (path.contains("?") ? "&" : "?") + "token=s3cret")
                        .statusCode();
                assertThat(withToken).as(path).isEqualTo(path.endsWith(".wav") ? 404 : 200);
            }
            String status = get(base + "/status?token=s3cret").body();
            assertThat(StatusSchema.violations(status)).isEmpty();
            JsonNode h = JSON.readTree(status).path("history");
            assertThat(h.path("state").asText()).isEqualTo("ok");
            assertThat(h.path("written").asLong()).isPositive();
            assertThat(h.path("queueCapacity").asInt()).isPositive();
            PrometheusText metrics =
                    PrometheusText.parse(get(base + "/metrics?token=s3cret").body());
            assertThat(metrics.value("parley_history_writes_total", Map.of())).isPositive();
            assertThat(metrics.value("parley_history_database_up", Map.of())).isEqualTo(1.0);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
