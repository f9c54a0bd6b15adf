package io.parley.config;

import java.util.Map;

/** Speech engines per language: recognisers and synthesisers per language, one translator. */
public record EngineSettings(Map<String, EngineChoice> stt, EngineChoice mt, Map<String, EngineChoice> tts) {

    public EngineSettings {
        stt = Map.copyOf(stt);
        tts = Map.copyOf(tts);
    }

    public EngineChoice sttFor(String language) {
        return stt.getOrDefault(language, EngineChoice.NONE);
    }

    public EngineChoice ttsFor(String language) {
        return tts.getOrDefault(language, EngineChoice.NONE);
    }
}
