package io.parley.ari;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.config.AriSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The REST half of ARI, on the JDK's HTTP client: the few resources parley uses, with basic
 * authentication and a timeout on every request.
 *
 * <p>Threading: every method blocks its caller until Asterisk answers or the timeout passes; call
 * it from the event thread or a worker, never from a media clock. Errors are {@link AriException}s
 * carrying Asterisk's status and message; "not found" is a value where the caller can expect it.
 */
public final class AriClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final String app;
    private final HttpClient http;
    private final Duration timeout;

    public AriClient(AriSettings settings, HttpClient http, Duration timeout) {
        this.base = URI.create(settings.url().toString().replaceAll("/+$", "") + "/ari");
        this.authorization = basic(settings.username(), settings.password().value());
        this.app = settings.app();
        this.http = http;
        this.timeout = timeout;
    }

    /** A client with its own HTTP client (connect timeout = {@code timeout}). */
    public static AriClient create(AriSettings settings, Duration timeout) {
        return new AriClient(
                settings, HttpClient.newBuilder().connectTimeout(timeout).build(), timeout);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public String app() {
        return app;
    }

    URI base() {
        return base;
    }

    String authorization() {
        return authorization;
    }

    /** {@code GET /asterisk/info}: Asterisk's build, system (version, entity id), config and status. */
    public JsonNode asteriskInfo() {
        return send("GET", "/asterisk/info", Map.of());
    }

    /** {@code GET /applications/{name}}; empty when Asterisk does not know the application (404). */
    public Optional<AriApplication> application(String name) {
        return optional(() -> AriApplication.from(send("GET", "/applications/" + segment(name), Map.of())));
    }

    public List<AriChannel> channels() {
        List<AriChannel> list = new ArrayList<>();
        send("GET", "/channels", Map.of()).forEach(c -> list.add(AriChannel.from(c)));
        return list;
    }

    public Optional<AriChannel> channel(String id) {
        return optional(() -> AriChannel.from(send("GET", "/channels/" + segment(id), Map.of())));
    }

    public void answer(String channelId) {
        send("POST", "/channels/" + segment(channelId) + "/answer", Map.of());
    }

    /**
     * {@code DELETE /channels/{id}?reason=...}. Returns false when the channel is already gone (404).
     * An Asterisk that does not know the reason (400) hangs the channel up with the default reason.
     */
    public boolean hangup(String channelId, HangupReason reason) {
        try {
            send("DELETE", "/channels/" + segment(channelId), Map.of("reason", reason.wire()));
            return true;
        } catch (AriException e) {
            if (e.status() == 404) {
                return false;
            }
            if (e.status() == 400 && reason != HangupReason.NORMAL) {
                return hangup(channelId, HangupReason.NORMAL);
            }
            throw e;
        }
    }

    /**
     * {@code POST /channels/externalMedia} with RTP over UDP in both directions: Asterisk sends the
     * bridge's audio in {@code format} to {@code externalHost} ({@code host:port}) and takes RTP back
     * on the port it reports in {@code channelvars.UNICASTRTP_LOCAL_PORT}.
     */
    public AriChannel externalMedia(String channelId, String externalHost, String format) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("channelId", channelId);
        query.put("app", app);
        query.put("external_host", externalHost);
        query.put("format", format);
        query.put("encapsulation", "rtp");
        query.put("transport", "udp");
        query.put("direction", "both");
        return AriChannel.from(send("POST", "/channels/externalMedia", query));
    }

    /** {@code POST /channels/{id}/play/{playbackId}?media=...}. */
    public void play(String channelId, String playbackId, String media) {
        send("POST", "/channels/" + segment(channelId) + "/play/" + segment(playbackId), Map.of("media", media));
    }

    /** {@code DELETE /playbacks/{id}}; false when the playback is already over (404). */
    public boolean stopPlayback(String playbackId) {
        return present(() -> send("DELETE", "/playbacks/" + segment(playbackId), Map.of()));
    }

    public List<AriBridge> bridges() {
        List<AriBridge> list = new ArrayList<>();
        send("GET", "/bridges", Map.of()).forEach(b -> list.add(AriBridge.from(b)));
        return list;
    }

    /** {@code POST /bridges/{id}?type=mixing&name=...}. */
    public AriBridge createMixingBridge(String bridgeId, String name) {
        return AriBridge.from(send("POST", "/bridges/" + segment(bridgeId), Map.of("type", "mixing", "name", name)));
    }

    /** {@code POST /bridges/{id}/addChannel}; Asterisk answers 422 while the channel is not in Stasis. */
    public void addChannel(String bridgeId, String channelId) {
        send("POST", "/bridges/" + segment(bridgeId) + "/addChannel", Map.of("channel", channelId));
    }

    /** {@code DELETE /bridges/{id}}; false when the bridge is already gone (404). */
    public boolean destroyBridge(String bridgeId) {
        return present(() -> send("DELETE", "/bridges/" + segment(bridgeId), Map.of()));
    }

    private JsonNode send(String method, String path, Map<String, String> query) {
        URI uri = URI.create(base + path + queryString(query));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new AriException(
                    method + " " + base + path + ": Asterisk did not answer within " + timeout.toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw new AriException(
                    method + " " + base + path + ": cannot connect (" + e.getMessage()
                            + "); is Asterisk running with http.conf enabled=yes and bindport as in the URL?",
                    e);
        } catch (IOException e) {
            throw new AriException(method + " " + base + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AriException(method + " " + base + path + ": interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            String body = response.body();
            return body == null || body.isBlank() ? JSON.missingNode() : parse(body, method, path);
        }
        throw new AriException(
                status, method + " " + base + path + " -> " + status + " " + explain(status, response.body()));
    }

    private JsonNode parse(String body, String method, String path) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AriException(
                    method + " " + base + path + ": answer is not JSON: "
                            + body.substring(0, Math.min(120, body.length())),
                    e);
        }
    }

    private static String explain(int status, String body) {
        String message = body == null ? "" : body.strip();
        try {
            JsonNode json = JSON.readTree(message);
            if (json != null && json.hasNonNull("message")) {
                message = json.get("message").asText();
            } else if (json != null && json.hasNonNull("error")) {
                message = json.get("error").asText();
            }
        } catch (IOException ignored) {
            // Not JSON: keep the raw text.
        }
        if (status == 401) {
            return message + " (Asterisk refused the user or password: check PARLEY_ARI_USERNAME/PARLEY_ARI_PASSWORD"
                    + " against ari.conf)";
        }
        return message;
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringJoiner joiner = new StringJoiner("&", "?", "");
        query.forEach((k, v) -> joiner.add(encode(k) + "=" + encode(v)));
        return joiner.toString();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String segment(String text) {
        return encode(text);
    }

    private interface Call<T> {
        T run();
    }

    private static <T> Optional<T> optional(Call<T> call) {
        try {
            return Optional.of(call.run());
        } catch (AriException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static boolean present(Call<?> call) {
        return optional(call).isPresent();
    }
}
