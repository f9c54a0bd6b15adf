package io.parley.speech.whisper;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run whisper.cpp.
 *
 * @param model    a ggml model file
 * @param language ISO 639-1 code of the speech ({@code fr}); whisper would otherwise guess it
 * @param threads  CPU threads for one transcription
 */
public record WhisperSettings(Path model, String language, int threads) {
    public WhisperSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(language, "language");
        if (threads < 1) {
            throw new IllegalArgumentException("whisper: threads must be >= 1, got " + threads);
        }
    }

    public WhisperSettings(Path model, String language) {
        this(model, language, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
}
