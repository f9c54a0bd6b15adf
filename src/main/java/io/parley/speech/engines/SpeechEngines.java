package io.parley.speech.engines;

import io.parley.config.EngineChoice;
import io.parley.config.EngineSettings;
import io.parley.speech.Availability;
import io.parley.speech.EngineFaultListener;
import io.parley.speech.SpeechRecognizer;
import io.parley.speech.SpeechServices;
import io.parley.speech.Synthesizer;
import io.parley.speech.Translator;
import java.util.HashMap;
import java.util.Map;

/**
 * The process's speech engines, opened on first use and shared by every bridge: a model loads
 * once, one translator serves all directions. Thread-safe.
 */
public final class SpeechEngines implements SpeechServices, AutoCloseable {
    private final EngineSettings settings;
    private final EngineFaultListener faults;
    private final Recognizers recognizers = new Recognizers();
    private final Map<String, Availability<Synthesizer>> synthesizers = new HashMap<>();
    private Availability<Translator> translator;

    public SpeechEngines(EngineSettings settings, EngineFaultListener faults) {
        this.settings = settings;
        this.faults = faults;
    }

    @Override
    public Availability<SpeechRecognizer> recognizer(String language) {
        return switch (recognizers.open(language, settings.sttFor(language))) {
            case RecognizerSetup.Ready ready -> Availability.of(ready.recognizer());
            case RecognizerSetup.Unavailable none -> Availability.unavailable(none.reason());
        };
    }

    @Override
    public synchronized Availability<Translator> translator(String from, String to) {
        if (from.equals(to)) {
            return Availability.of(Translator.PASSTHROUGH);
        }
        if (translator == null) {
            translator = TranslatorFactory.create(settings.mt(), faults);
        }
        return translator;
    }

    @Override
    public synchronized Availability<Synthesizer> synthesizer(String language) {
        return synthesizers.computeIfAbsent(language, l -> {
            EngineChoice choice = settings.ttsFor(l);
            return SynthesizerFactory.create(choice, l, faults);
        });
    }

    @Override
    public synchronized void close() {
        recognizers.close();
        if (translator instanceof Availability.Available<Translator>(var t)) {
            t.close();
        }
        for (Availability<Synthesizer> s : synthesizers.values()) {
            if (s instanceof Availability.Available<Synthesizer>(var engine)) {
                engine.close();
            }
        }
    }
}
