package io.parley.config;

import java.util.Map;

/**
 * One speech engine and its options as written in the configuration, e.g. {@code engine: vosk}
 * with {@code model: /opt/vosk-model-fr}. The speech package interprets the options.
 */
public record EngineChoice(String engine, Map<String, String> options) {
    public static final EngineChoice NONE = new EngineChoice("none", Map.of());

    public EngineChoice {
        options = Map.copyOf(options);
    }

    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }
}
