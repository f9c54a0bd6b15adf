package io.parley.speech.engines;

import io.parley.config.EngineChoice;
import io.parley.speech.Availability;
import io.parley.speech.EngineFaultListener;
import io.parley.speech.SpeechException;
import io.parley.speech.Translator;
import io.parley.speech.apertium.ApertiumSettings;
import io.parley.speech.apertium.ApertiumTranslator;
import java.util.Set;

/**
 * Starts the translator a configuration names. {@code engine: apertium} with options
 * {@code modes} (directory of {@code .mode} files), {@code timeout-ms} (per sentence, default
 * 2000) and {@code start-timeout-ms} (default 10000); {@code engine: none} means no translation.
 */
public final class TranslatorFactory {

    private static final Set<String> APERTIUM_OPTIONS = Set.of("modes", "timeout-ms", "start-timeout-ms");

    private TranslatorFactory() {}

    /**
     * A started translator, or why there is none. Blocks while the engine starts (under a second
     * for Apertium). The caller owns and closes the translator.
     */
    public static Availability<Translator> create(EngineChoice choice, EngineFaultListener faults) {
        return switch (choice.engine()) {
            case "apertium" -> apertium(new EngineOptions("apertium", choice.options()), faults);
            case "none" ->
                Availability.unavailable("no translation engine configured (engine: none);"
                        + " set engine: apertium to translate between English and French");
            default ->
                Availability.unavailable("unknown translation engine '" + choice.engine() + "'; known: apertium, none");
        };
    }

    private static Availability<Translator> apertium(EngineOptions options, EngineFaultListener faults) {
        try {
            options.allow(APERTIUM_OPTIONS);
            ApertiumSettings d = ApertiumSettings.DEFAULT;
            ApertiumSettings settings = new ApertiumSettings(
                    options.path("modes", d.modesDir()),
                    d.routes(),
                    options.millis("timeout-ms", d.timeout()),
                    options.millis("start-timeout-ms", d.startTimeout()));
            return Availability.of(ApertiumTranslator.start(settings, faults));
        } catch (SpeechException | IllegalArgumentException e) {
            return Availability.unavailable(e.getMessage());
        }
    }
}
