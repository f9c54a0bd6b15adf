package io.parley.speech.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.parley.audio.AudioClip;
import io.parley.audio.WavFile;
import io.parley.speech.RecognitionStream;
import io.parley.speech.SpeechException;
import io.parley.speech.SpeechRecognizer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Against a real HTTP server on 127.0.0.1 that implements the documented request and response
 * of {@code POST /v1/audio/transcriptions}.
 */
class RemoteTranscriptionRecognizerTest {
    private HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Reply reply = new Reply(200, "{\"text\": \" bonjour tout le monde \"}");
    private final CountDownLatch release = new CountDownLatch(1);

    /** What the server received: headers of interest and the multipart fields. */
    record Request(String method, String path, String authorization, Map<String, byte[]> fields) {
        String field(String name) {
            return new String(fields.get(name), StandardCharsets.UTF_8);
        }
    }

    record Reply(int status, String body, boolean hang) {
        Reply(int status, String body) {
            this(status, body, false);
        }
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, byte[]> fields = type != null && type.startsWith("multipart/form-data; boundary=")
                    ? multipart(body, type.substring(type.indexOf('=') + 1))
                    : Map.of();
            requests.add(new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    fields));
            Reply now = reply;
            if (now.hang()) {
                release.await(30, TimeUnit.SECONDS);
            }
            byte[] out = now.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(now.status(), out.length);
            exchange.getResponseBody().write(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Splits a multipart/form-data body into its named parts (RFC 7578). */
    static Map<String, byte[]> multipart(byte[] body, String boundary) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int start = at + delimiter.length();
            if (text.startsWith("--", start)) {
                break;
            }
            int next = text.indexOf("\r\n" + delimiter, start);
            String part = text.substring(start + 2, next);
            int split = part.indexOf("\r\n\r\n");
            String headers = part.substring(0, split);
            String name = headers.replaceAll("(?s).*?\\bname=\"([^\"]+)\".*", "$1");
            parts.put(name, part.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1));
            at = next + 2;
        }
        return parts;
    }

    private TranscriptionSettings settings(String apiKey, Duration timeout) {
        return new TranscriptionSettings(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "whisper-large-v3",
                "fr",
                apiKey,
                timeout);
    }

    private static short[] tone(int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        return pcm;
    }

    private static String recognise(SpeechRecognizer recognizer, short[] pcm) throws SpeechException {
        try (RecognitionStream stream = recognizer.start(SpeechRecognizer.PartialListener.NONE)) {
            for (int at = 0; at < pcm.length; at += 320) {
                stream.feed(pcm, at, Math.min(320, pcm.length - at));
            }
            return stream.finish();
        }
    }

    @Test
    void sendsTheUtteranceAsA16kHzWavWithModelAndLanguageAndReturnsTheText() throws Exception {
        short[] pcm = tone(16_000 + 123);
        try (var recognizer = new RemoteTranscriptionRecognizer(settings("sk-test", Duration.ofSeconds(5)))) {
            assertThat(recognise(recognizer, pcm)).isEqualTo("bonjour tout le monde");
        }
        assertThat(requests).hasSize(1);
        Request request = requests.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/audio/transcriptions");
        assertThat(request.authorization()).isEqualTo("Bearer sk-test");
        assertThat(request.field("model")).isEqualTo("whisper-large-v3");
        assertThat(request.field("language")).isEqualTo("fr");
        assertThat(request.field("response_format")).isEqualTo("json");

        AudioClip uploaded = WavFile.parse(request.fields().get("file"), "the uploaded file");
        assertThat(uploaded.sampleRate()).isEqualTo(16_000);
        assertThat(uploaded.samples()).containsExactly(pcm);
    }

    @Test
    void sendsNoAuthorizationWithoutAKeyAndNoRequestForAnEmptyUtterance() throws Exception {
        try (var recognizer = new RemoteTranscriptionRecognizer(settings("", Duration.ofSeconds(5)))) {
            assertThat(recognise(recognizer, new short[0])).isEmpty();
            assertThat(requests).isEmpty();
            recognise(recognizer, tone(3200));
        }
        assertThat(requests.getFirst().authorization()).isNull();
    }

    @Test
    void baseUrlEndingInV1IsNotDoubled() {
        URI base = URI.create("http://127.0.0.1:9/v1/");
        assertThat(new TranscriptionSettings(base, "m", "fr", "", Duration.ofSeconds(1)).endpoint())
                .isEqualTo(URI.create("http://127.0.0.1:9/v1/audio/transcriptions"));
    }

    @Test
    void neverPrintsTheApiKey() {
        assertThat(settings("sk-secret", Duration.ofSeconds(1)).toString())
                .doesNotContain("sk-secret")
                .contains("****");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            401 | {"error": {"message": "Incorrect API key provided"}} | HTTP 401: Incorrect API key provided; check the apiKey option
            404 | not here                                             | HTTP 404: not here; check the url option
            400 | {"error": {"message": "language 'xx' unsupported"}} | HTTP 400: language 'xx' unsupported; check the model and language options
            500 | {"error": {"message": "CUDA out of memory"}}         | HTTP 500: CUDA out of memory; the server failed, see its log
            503 | ''                                                   | HTTP 503: (empty body); the server failed
            200 | <html>proxy login</html>                             | answered with something other than JSON: <html>proxy login</html>
            200 | {"transcript": "bonjour"}                            | answered without a "text" field
            """)
    void reportsServerErrorsClearly(int status, String body, String expected) {
        reply = new Reply(status, body);
        try (var recognizer = new RemoteTranscriptionRecognizer(settings("k", Duration.ofSeconds(5)))) {
            assertThatThrownBy(() -> recognise(recognizer, tone(1600)))
                    .isInstanceOf(SpeechException.class)
                    .hasMessageStartingWith(
                            "openai: http://127.0.0.1:" + server.getAddress().getPort() + "/v1/audio/transcriptions")
                    .hasMessageContaining(expected);
        }
    }

    @Test
    void givesUpAfterTheTimeout() {
        reply = new Reply(200, "{\"text\": \"late\"}", true);
        try (var recognizer = new RemoteTranscriptionRecognizer(settings("", Duration.ofMillis(300)))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> recognise(recognizer, tone(1600)))
                    .isInstanceOf(SpeechException.class)
                    .hasMessageContaining("did not answer within 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void saysWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        var settings =
                new TranscriptionSettings(URI.create("http://127.0.0.1:" + port), "m", "fr", "", Duration.ofSeconds(2));
        try (var recognizer = new RemoteTranscriptionRecognizer(settings)) {
            assertThatThrownBy(() -> recognise(recognizer, tone(1600)))
                    .isInstanceOf(SpeechException.class)
                    .hasMessageContaining("cannot connect to http://127.0.0.1:" + port)
                    .hasMessageContaining("is the transcription server running");
        }
    }

    @ParameterizedTest
    @CsvSource({"ftp://127.0.0.1/x", "127.0.0.1:8000", "http:///nohost"})
    void refusesAddressesThatAreNotHttp(String url) {
        assertThatThrownBy(() -> TranscriptionSettings.parseUrl(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http:// or https://");
    }
}
