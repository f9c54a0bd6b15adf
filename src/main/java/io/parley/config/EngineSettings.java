package io.parley.config;

import java.util.Map;

/** Speech engines per language: recognisers and synthesisers per language, one translator. */
public record EngineSettings(Map<String, EngineChoice> stt, EngineChoice mt, Map<String, EngineChoice> tts) {

    /** What a configuration without an {@code engines} section gets: the offline engines from Debian. */
    public static final EngineSettings DEFAULT = new EngineSettings(
            Map.of("en", new EngineChoice("pocketsphinx", Map.of()), "fr", EngineChoice.NONE),
            new EngineChoice("apertium", Map.of()),
            Map.of(
                    "en",
                    new EngineChoice("flite", Map.of("voice", "kal16")),
                    "fr",
                    new EngineChoice("espeak-ng", Map.of("voice", "fr"))));

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
