package io.parley.speech.openai;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to ask a remote OpenAI-compatible server for transcriptions.
 *
 * @param baseUrl  the server's base URL, e.g. {@code http://127.0.0.1:8000}; the request goes
 *                 to {@code {baseUrl}/v1/audio/transcriptions} ({@code /v1} is not doubled when
 *                 the base already ends with it)
 * @param model    the server's model name ({@code whisper-1} for OpenAI; self-hosted servers
 *                 name theirs)
 * @param language ISO 639-1 code of the speech, sent as {@code language}
 * @param apiKey   bearer token, empty for none; never printed
 * @param timeout  the longest wait for one transcription, connection included
 */
public record TranscriptionSettings(URI baseUrl, String model, String language, String apiKey, Duration timeout) {
    public static final String DEFAULT_MODEL = "whisper-1";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public TranscriptionSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(notHttp(baseUrl));
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("openai: timeout must be positive, got " + timeout);
        }
    }

    /** Reads a base URL as written in the configuration, refusing anything but http(s) with a host. */
    public static URI parseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(notHttp(url), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(notHttp(url));
        }
        return uri;
    }

    private static String notHttp(Object url) {
        return "openai: url must be an http:// or https:// address with a host, e.g. http://127.0.0.1:8000, got '" + url
                + "'";
    }

    /** {@code {baseUrl}/v1/audio/transcriptions}. */
    public URI endpoint() {
        String base = baseUrl.toString().replaceAll("/+$", "");
        return URI.create(base.endsWith("/v1") ? base + "/audio/transcriptions" : base + "/v1/audio/transcriptions");
    }

    @Override
    public String toString() {
        return "TranscriptionSettings[baseUrl=" + baseUrl + ", model=" + model + ", language=" + language + ", apiKey="
                + (apiKey.isEmpty() ? "" : "****") + ", timeout=" + timeout + "]";
    }
}
