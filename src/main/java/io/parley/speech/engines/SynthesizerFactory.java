package io.parley.speech.engines;

import io.parley.config.EngineChoice;
import io.parley.speech.Availability;
import io.parley.speech.EngineFaultListener;
import io.parley.speech.SpeechException;
import io.parley.speech.Synthesizer;
import io.parley.speech.espeak.EspeakSettings;
import io.parley.speech.espeak.EspeakSynthesizer;
import io.parley.speech.flite.FliteSettings;
import io.parley.speech.flite.FliteSynthesizer;
import io.parley.speech.process.ProgramPath;
import java.util.Set;

/**
 * Starts the synthesiser a configuration names for one language.
 * <ul>
 *   <li>{@code espeak-ng}: {@code voice} (default by language: en-us, fr-fr), {@code speed} (words per
 *       minute, 80-450, default 175), {@code pitch} (0-99, default 50), {@code timeout-ms} (default 5000),
 *       {@code program};</li>
 *   <li>{@code flite} (English only): {@code voice} (slt, kal16, awb, rms, kal or a .flitevox path;
 *       default slt), {@code speed} (words per minute, default the voice's own), {@code pitch} (mean Hz,
 *       default the voice's own), {@code timeout-ms}, {@code program};</li>
 *   <li>{@code none}: no speech.</li>
 * </ul>
 */
public final class SynthesizerFactory {

    private static final Set<String> OPTIONS = Set.of("voice", "speed", "pitch", "timeout-ms", "program");

    private SynthesizerFactory() {}

    /**
     * A started synthesiser for {@code language} (ISO 639-1), checked by speaking one word, or
     * why there is none. The caller owns and closes it.
     */
    public static Availability<Synthesizer> create(EngineChoice choice, String language, EngineFaultListener faults) {
        try {
            return switch (choice.engine()) {
                case "espeak-ng" ->
                    espeak(new EngineOptions("espeak-ng", choice.options()).allow(OPTIONS), language, faults);
                case "flite" -> flite(new EngineOptions("flite", choice.options()).allow(OPTIONS), language, faults);
                case "none" ->
                    Availability.unavailable("no speech synthesiser configured for '" + language
                            + "' (engine: none); set engine: espeak-ng (any language) or flite (English)");
                default ->
                    Availability.unavailable(
                            "unknown speech synthesiser '" + choice.engine() + "'; known: espeak-ng, flite, none");
            };
        } catch (SpeechException | IllegalArgumentException e) {
            return Availability.unavailable(e.getMessage());
        }
    }

    private static Availability<Synthesizer> espeak(EngineOptions options, String language, EngineFaultListener faults)
            throws SpeechException {
        EspeakSettings d = EspeakSettings.DEFAULT;
        EspeakSettings settings = new EspeakSettings(
                options.text("program", d.program()),
                options.text("voice", ""),
                options.number("speed", "words per minute", d.wordsPerMinute()),
                options.number("pitch", "steps (0-99)", d.pitch()),
                options.millis("timeout-ms", d.timeout()));
        if (ProgramPath.find(settings.program()).isEmpty()) {
            return Availability.unavailable(settings.program() + " is not installed (not found on PATH);"
                    + " install the Debian package espeak-ng (scripts/setup.sh engines)");
        }
        return Availability.of(EspeakSynthesizer.start(settings, language, faults));
    }

    private static Availability<Synthesizer> flite(EngineOptions options, String language, EngineFaultListener faults)
            throws SpeechException {
        if (!language.equals("en")) {
            return Availability.unavailable(
                    "flite speaks English only, not '" + language + "'; use engine: espeak-ng for that language");
        }
        FliteSettings d = FliteSettings.DEFAULT;
        FliteSettings settings = new FliteSettings(
                options.text("program", d.program()),
                options.text("voice", d.voice()),
                options.number("speed", "words per minute"),
                options.number("pitch", "Hz"),
                options.millis("timeout-ms", d.timeout()));
        if (ProgramPath.find(settings.program()).isEmpty()) {
            return Availability.unavailable(settings.program() + " is not installed (not found on PATH);"
                    + " install the Debian package flite (scripts/setup.sh engines)");
        }
        return Availability.of(FliteSynthesizer.start(settings, faults));
    }
}
