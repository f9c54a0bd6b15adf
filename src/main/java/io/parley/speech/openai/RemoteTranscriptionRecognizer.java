package io.parley.speech.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.audio.WavFile;
import io.parley.speech.RecognitionStream;
import io.parley.speech.SpeechException;
import io.parley.speech.SpeechRecognizer;
import io.parley.speech.UtteranceAudio;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Recognition by a remote server that speaks OpenAI's {@code POST /v1/audio/transcriptions}:
 * a {@code multipart/form-data} request with {@code file} (a 16 kHz mono 16-bit WAV),
 * {@code model}, {@code language} and {@code response_format=json}, answered by
 * {@code {"text": "..."}}. Not streaming: {@code finish} sends the buffered utterance.
 *
 * <p>Thread-safe; one HTTP client is shared by all streams.
 */
public final class RemoteTranscriptionRecognizer implements SpeechRecognizer {
    private static final int SAMPLE_RATE = 16_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TranscriptionSettings settings;
    private final HttpClient client;

    public RemoteTranscriptionRecognizer(TranscriptionSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public RecognitionStream start(PartialListener partials) {
        return new RecognitionStream() {
            private final UtteranceAudio audio = new UtteranceAudio(SAMPLE_RATE * 5);
            private boolean done;

            @Override
            public void feed(short[] samples, int offset, int length) {
                if (done) {
                    throw new IllegalStateException("openai: feed after the utterance ended");
                }
                audio.append(samples, offset, length);
            }

            @Override
            public String finish() throws SpeechException {
                if (done) {
                    throw new IllegalStateException("openai: finish after the utterance ended");
                }
                done = true;
                return audio.length() == 0 ? "" : transcribe(audio.samples(), audio.length());
            }

            @Override
            public void close() {
                done = true;
            }
        };
    }

    /** Sends {@code length} samples as one WAV file and returns the server's text. */
    public String transcribe(short[] samples, int length) throws SpeechException {
        String boundary = "parley-" + UUID.randomUUID();
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.endpoint())
                .timeout(settings.timeout())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(boundary, samples, length)));
        if (!settings.apiKey().isEmpty()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new SpeechException(
                    "openai: " + settings.endpoint() + " did not answer within "
                            + settings.timeout().toMillis() + " ms; check the server or raise the timeout option",
                    e);
        } catch (ConnectException e) {
            throw new SpeechException(
                    "openai: cannot connect to " + settings.endpoint() + " (" + e + "); is the"
                            + " transcription server running at that address?",
                    e);
        } catch (IOException e) {
            throw new SpeechException("openai: request to " + settings.endpoint() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException("openai: interrupted while waiting for " + settings.endpoint(), e);
        }
        return text(response);
    }

    private String text(HttpResponse<String> response) throws SpeechException {
        int status = response.statusCode();
        if (status / 100 != 2) {
            String hint = switch (status) {
                case 401, 403 -> "; check the apiKey option";
                case 404 -> "; check the url option (the server should serve /v1/audio/transcriptions)";
                case 400, 422 -> "; check the model and language options";
                case 429 -> "; the server is rate-limiting: slow down or raise its quota";
                default -> status >= 500 ? "; the server failed, see its log" : "";
            };
            throw new SpeechException("openai: " + settings.endpoint() + " answered HTTP " + status + ": "
                    + errorMessage(response.body()) + hint);
        }
        try {
            JsonNode text = JSON.readTree(response.body()).get("text");
            if (text == null || !text.isTextual()) {
                throw new SpeechException("openai: " + settings.endpoint() + " answered without a \"text\" field: "
                        + abbreviate(response.body()));
            }
            return text.asText().strip();
        } catch (JsonProcessingException e) {
            throw new SpeechException(
                    "openai: " + settings.endpoint() + " answered with something other than" + " JSON: "
                            + abbreviate(response.body()),
                    e);
        }
    }

    /** OpenAI's {@code {"error": {"message": ...}}}, else the body itself, shortened. */
    private static String errorMessage(String body) {
        try {
            JsonNode message = JSON.readTree(body).path("error").path("message");
            if (message.isTextual()) {
                return message.asText();
            }
        } catch (JsonProcessingException ignored) {
            // not JSON: quote it as it is
        }
        return abbreviate(body);
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.isEmpty() ? "(empty body)" : flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    private byte[] body(String boundary, short[] samples, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length * 2 + 1024);
        field(out, boundary, "model", settings.model());
        field(out, boundary, "language", settings.language());
        field(out, boundary, "response_format", "json");
        write(
                out,
                "--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"utterance.wav\"\r\n"
                        + "Content-Type: audio/wav\r\n\r\n");
        out.writeBytes(WavFile.encode(samples, 0, length, SAMPLE_RATE));
        write(out, "\r\n--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
        write(
                out,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String describe() {
        return "openai(" + settings.baseUrl() + ", " + settings.model() + ", " + settings.language() + ")";
    }

    @Override
    public void close() {
        client.close();
    }
}
