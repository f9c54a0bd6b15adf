package io.parley.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What each speech engine parley knows can do, as far as a configuration can be judged before
 * anything starts: its stage, the languages it serves and the options it requires. Whether its
 * binaries and models are really there is checked when the engine starts.
 */
public final class EngineCatalog {

    /** One engine: {@code languages} empty means any language (the user's model decides). */
    public record Engine(String name, String stage, Set<String> languages, List<String> requiredOptions, String note) {
        public boolean serves(String language) {
            return languages.isEmpty() || languages.contains(language);
        }
    }

    /** Language pairs the apertium engine translates (directly or through Spanish). */
    public static final Set<String> APERTIUM_PAIRS = Set.of("en-fr", "fr-en", "en-es", "es-en", "es-fr", "fr-es");

    private static final Set<String> ESPEAK_LANGUAGES = Set.of(
            "af", "ar", "bg", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "eo", "es", "et", "fi", "fr", "ga", "hi",
            "hr", "hu", "id", "is", "it", "ja", "ko", "lt", "lv", "mk", "nl", "no", "pl", "pt", "ro", "ru", "sk", "sl",
            "sq", "sr", "sv", "sw", "ta", "tr", "uk", "vi", "zh");

    private static final Map<String, Engine> ENGINES = Map.of(
            "stt/pocketsphinx",
                    new Engine("pocketsphinx", "stt", Set.of("en"), List.of(), "Debian's pocketsphinx-en-us model"),
            "stt/vosk", new Engine("vosk", "stt", Set.of(), List.of("model"), "a Vosk model directory"),
            "stt/whisper", new Engine("whisper", "stt", Set.of(), List.of("model"), "a whisper.cpp ggml model file"),
            "stt/openai",
                    new Engine("openai", "stt", Set.of(), List.of("url"), "a server speaking /v1/audio/transcriptions"),
            "mt/apertium",
                    new Engine(
                            "apertium",
                            "mt",
                            Set.of("en", "fr", "es"),
                            List.of(),
                            "Debian's apertium-eng-spa and apertium-fr-es"),
            "tts/espeak-ng", new Engine("espeak-ng", "tts", ESPEAK_LANGUAGES, List.of(), "Debian's espeak-ng"),
            "tts/flite", new Engine("flite", "tts", Set.of("en"), List.of(), "Debian's flite"));

    private EngineCatalog() {}

    /** The engine called {@code name} for {@code stage} ({@code stt}, {@code mt}, {@code tts}); empty for none or unknown. */
    public static Optional<Engine> find(String stage, String name) {
        return Optional.ofNullable(ENGINES.get(stage + "/" + name));
    }

    /** Engine names valid for a stage, {@code none} included. */
    public static List<String> names(String stage) {
        String s = stage.contains("stt") ? "stt" : stage.contains("tts") ? "tts" : "mt";
        return ENGINES.values().stream()
                .filter(e -> e.stage().equals(s))
                .map(Engine::name)
                .sorted()
                .collect(Collectors.collectingAndThen(Collectors.toList(), l -> {
                    l.add("none");
                    return List.copyOf(l);
                }));
    }

    public static boolean translates(EngineChoice mt, String from, String to) {
        return mt.engine().equals("apertium") && APERTIUM_PAIRS.contains(from + "-" + to);
    }
}
