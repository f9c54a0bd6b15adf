package io.parley.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.event.EventBus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard ports over real HTTP on loopback: pages, /status against its schema, /metrics as Prometheus text. */
class MonitorHttpTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EventBus bus;
    private static Monitor monitor;
    private static String base;

    @BeforeAll
    static void start() {
        bus = new EventBus();
        monitor = Monitor.start(MonitorPlans.defaultPlan(), bus);
        base = "http://127.0.0.1:"
                + monitor.dashboardPort(MonitorPlans.TRANSLATED).orElseThrow();
        CallScript call = new CallScript(bus, MonitorPlans.TRANSLATED);
        call.connectCall("3333", "4444");
        for (int i = 0; i < 5; i++) {
            call.legStats("3333");
            call.legStats("4444");
        }
        call.speak(1, "3333", "4444", "en", "fr", "Hello, how are you?", "Bonjour, comment allez-vous ?");
        call.speak(2, "4444", "3333", "fr", "en", "Très bien, merci.", "Very well, thank you.");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> monitor.status().bridges().getFirst().utterances().size() == 2
                        && monitor.status()
                                .bridges()
                                .getFirst()
                                .utterances()
                                .getFirst()
                                .stage()
                                .equals("played"));
    }

    @AfterAll
    static void stop() {
        monitor.close();
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statusConformsToTheSchemaAndCarriesWhatWasPublished() throws Exception {
        HttpResponse<String> r = get(base + "/status");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(StatusSchema.violations(r.body())).isEmpty();
        JsonNode doc = JSON.readTree(r.body());
        assertThat(doc.path("bridges").size()).isEqualTo(3);
        JsonNode translated = doc.path("bridges").get(0);
        assertThat(translated.path("name").asText()).isEqualTo("3333-4444");
        assertThat(translated.path("state").asText()).isEqualTo("connected");
        assertThat(translated.path("dashboardPort").asInt())
                .isEqualTo(monitor.dashboardPort("3333-4444").orElseThrow());
        assertThat(translated
                        .path("legs")
                        .get(0)
                        .path("stats")
                        .path("packetsIn")
                        .asLong())
                .isEqualTo(90);
        assertThat(translated
                        .path("legs")
                        .get(0)
                        .path("levelHistory")
                        .path("in")
                        .size())
                .isEqualTo(5);
        JsonNode newest = translated.path("utterances").get(0);
        assertThat(newest.path("finalText").asText()).isEqualTo("Très bien, merci.");
        assertThat(newest.path("translation").asText()).isEqualTo("Very well, thank you.");
        assertThat(newest.path("durations").path("totalMillis").asLong()).isEqualTo(340);
        assertThat(translated
                        .path("latency")
                        .path("stages")
                        .path("total")
                        .path("count")
                        .asLong())
                .isEqualTo(2);
        assertThat(doc.path("ari").path("state").asText()).isEqualTo("connected");
        assertThat(doc.path("bridges").get(1).path("mode").asText()).isEqualTo("crosspatch");
        assertThat(doc.path("bridges").get(1).path("dashboardPort").isNull()).isTrue();
    }

    @Test
    void statusNarrowsToOneBridgeAndRefusesAnUnknownOne() throws Exception {
        JsonNode one = JSON.readTree(get(base + "/status?bridge=7777-8888").body());
        assertThat(one.path("bridges").size()).isEqualTo(1);
        assertThat(one.path("bridges").get(0).path("name").asText()).isEqualTo("7777-8888");

        HttpResponse<String> unknown = get(base + "/status?bridge=9999-0000");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("9999-0000");
    }

    @Test
    void metricsParseAsPrometheusTextAndFollowTheNamingConventions() throws Exception {
        HttpResponse<String> r = get(base + "/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        PrometheusText p = PrometheusText.parse(r.body());
        Map<String, String> leg = Map.of("bridge", "3333-4444", "leg", "3333");
        assertThat(p.value("parley_rtp_packets_received_total", leg)).isEqualTo(90.0);
        assertThat(p.value("parley_rtp_received_bytes_total", leg)).isEqualTo(90.0 * 172);
        assertThat(p.value(
                        "parley_rtp_packets_malformed_total",
                        Map.of("bridge", "3333-4444", "leg", "3333", "reason", "too_short")))
                .isEqualTo(2.0);
        assertThat(p.value("parley_jitter_buffer_target_seconds", leg)).isEqualTo(0.06);
        assertThat(p.value("parley_bridge_state", Map.of("bridge", "3333-4444", "state", "connected")))
                .isEqualTo(1.0);
        assertThat(p.value("parley_bridge_state", Map.of("bridge", "3333-4444", "state", "idle")))
                .isEqualTo(0.0);
        assertThat(p.value("parley_bridge_state", Map.of("bridge", "5555-6666", "state", "idle")))
                .isEqualTo(1.0);
        assertThat(p.value("parley_ari_state", Map.of("state", "connected"))).isEqualTo(1.0);
        assertThat(p.value("parley_engine_available", Map.of("bridge", "3333-4444", "language", "fr", "stage", "stt")))
                .isEqualTo(0.0);
        assertThat(p.value("parley_engine_calls_total", Map.of("bridge", "3333-4444", "stage", "stt")))
                .isEqualTo(2.0);
        assertThat(p.value("parley_utterances_total", Map.of("bridge", "3333-4444", "outcome", "played")))
                .isEqualTo(2.0);
        assertThat(p.value("parley_calls_total", Map.of("bridge", "3333-4444", "event", "started")))
                .isEqualTo(2.0);
        assertThat(p.types).containsEntry("parley_utterance_stage_seconds", "histogram");
        Map<String, String> total = Map.of("bridge", "3333-4444", "stage", "total");
        assertThat(p.value("parley_utterance_stage_seconds_count", total)).isEqualTo(2.0);
        assertThat(p.value("parley_utterance_stage_seconds_sum", total)).isCloseTo(0.68, Offset.offset(1e-9));
        assertThat(p.value(
                        "parley_utterance_stage_seconds_bucket",
                        Map.of("bridge", "3333-4444", "stage", "total", "le", "0.25")))
                .isEqualTo(0.0);
        assertThat(p.value(
                        "parley_utterance_stage_seconds_bucket",
                        Map.of("bridge", "3333-4444", "stage", "total", "le", "0.5")))
                .isEqualTo(2.0);
        assertThat(p.types.keySet()).allSatisfy(name -> assertThat(name).matches("[a-z_]+"));
    }

    @Test
    void pagesAnswerOnTheirRoutesWithTheBridgeNamedAndAContentSecurityPolicy() throws Exception {
        for (String path : new String[] {"/", "/monitoring-dashboard.html", "/bridges/3333-4444"}) {
            HttpResponse<String> r = get(base + path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).contains("data-bridge=\"3333-4444\"");
            assertThat(r.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
        }
        assertThat(get(base + "/bridges/5555-6666").body()).contains("data-bridge=\"5555-6666\"");
        assertThat(get(base + "/overview").body()).contains("data-view=\"overview\"");
        assertThat(get(base + "/bridges/nope").statusCode()).isEqualTo(404);
        String external = "http://127.0.0.1:"
                + monitor.dashboardPort(MonitorPlans.EXTERNAL).orElseThrow();
        assertThat(get(external + "/").body()).contains("data-bridge=\"7777-8888\"");
        assertThat(get(base + "/assets/common.js").headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/javascript"));
        assertThat(get(base + "/assets/..%2Fbridge.html").statusCode()).isEqualTo(404);
        assertThat(get(base + "/healthz").body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void dashboardsAreListedForEveryBridge() {
        assertThat(monitor.dashboards()).containsOnlyKeys("3333-4444", "5555-6666", "7777-8888");
        assertThat(monitor.dashboards().get("5555-6666").toString()).isEqualTo(base + "/bridges/5555-6666");
        assertThat(monitor.overview().toString()).isEqualTo(base + "/overview");
        assertThat(monitor.feedPort("3333-4444")).isPresent();
        assertThat(monitor.feedPort("7777-8888")).isEmpty();
    }
}
