package io.parley.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a running parley's {@code GET /status} (docs/status-schema.json) from one dashboard
 * port: every leg of every bridge, keyed {@code bridge/extension}.
 */
public final class StatusReader {
    private final URI status;
    private final Optional<String> token;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** @param token the monitor token, when the configuration sets one */
    public StatusReader(String host, int port, Optional<String> token) {
        String h = host.equals("0.0.0.0") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        this.status = URI.create("http://" + h + ":" + port + "/status");
        this.token = token;
    }

    public URI uri() {
        return status;
    }

    /** Every leg with statistics; empty when nothing answers or the answer is not a status document. */
    public Optional<Map<String, LegStatus>> read(Duration timeout) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(status).timeout(timeout).GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(parse(json.readTree(response.body())));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static Map<String, LegStatus> parse(JsonNode doc) {
        Map<String, LegStatus> legs = new LinkedHashMap<>();
        for (JsonNode bridge : doc.path("bridges")) {
            String name = bridge.path("name").asText();
            for (JsonNode leg : bridge.path("legs")) {
                JsonNode s = leg.path("stats");
                if (!s.isObject()) {
                    continue;
                }
                Map<String, Long> malformed = new LinkedHashMap<>();
                s.path("malformed")
                        .properties()
                        .forEach(e -> malformed.put(e.getKey(), e.getValue().asLong()));
                String extension = leg.path("extension").asText();
                legs.put(
                        name + "/" + extension,
                        new LegStatus(
                                name,
                                extension,
                                s.path("packetsIn").asLong(),
                                s.path("packetsOut").asLong(),
                                s.path("lost").asLong(),
                                s.path("late").asLong(),
                                s.path("concealed").asLong(),
                                s.path("discarded").asLong(),
                                malformed,
                                number(s.path("bufferTargetMillis")),
                                number(s.path("bufferDepthMillis"))));
            }
        }
        return legs;
    }

    private static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
