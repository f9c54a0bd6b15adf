package io.parley.speech.engines;

import io.parley.config.EngineSettings;
import io.parley.speech.Availability;
import io.parley.speech.EngineFaultListener;
import io.parley.speech.SpeechRecognizer;
import io.parley.speech.SpeechServices;
import io.parley.speech.Synthesizer;
import io.parley.speech.Translator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The process's speech engines, opened on first use and shared by every bridge: a model loads
 * once, one translator serves all directions. Thread-safe. Starting an engine can take seconds;
 * {@link #close()} never waits for that: an engine that finishes starting after it is closed at once.
 */
public final class SpeechEngines implements SpeechServices, AutoCloseable {
    private static final String SHUTTING_DOWN = "parley is shutting down";

    private final EngineSettings settings;
    private final EngineFaultListener faults;
    private final Recognizers recognizers = new Recognizers();
    private final Map<String, Integer> speakers;
    private final Map<String, Availability<Synthesizer>> synthesizers = new HashMap<>();
    private final Object starting = new Object();
    private Availability<Translator> translator;
    private volatile boolean closed;

    /**
     * @param speakers how many callers speak each language at most at once: a recogniser that keeps
     *                 one model per stream loads that many up front (unless its options say how many),
     *                 rather than while those callers talk
     */
    public SpeechEngines(EngineSettings settings, EngineFaultListener faults, Map<String, Integer> speakers) {
        this.settings = settings;
        this.faults = faults;
        this.speakers = Map.copyOf(speakers);
    }

    @Override
    public Availability<SpeechRecognizer> recognizer(String language) {
        return switch (recognizers.open(language, settings.sttFor(language), speakers.getOrDefault(language, 0))) {
            case RecognizerSetup.Ready ready -> Availability.of(ready.recognizer());
            case RecognizerSetup.Unavailable none -> Availability.unavailable(none.reason());
        };
    }

    @Override
    public Availability<Translator> translator(String from, String to) {
        if (from.equals(to)) {
            return Availability.of(Translator.PASSTHROUGH);
        }
        synchronized (starting) {
            synchronized (this) {
                if (translator != null) {
                    return translator;
                }
            }
            return keep(TranslatorFactory.create(settings.mt(), faults), t -> translator = t);
        }
    }

    @Override
    public Availability<Synthesizer> synthesizer(String language) {
        synchronized (starting) {
            synchronized (this) {
                Availability<Synthesizer> known = synthesizers.get(language);
                if (known != null) {
                    return known;
                }
            }
            return keep(
                    SynthesizerFactory.create(settings.ttsFor(language), language, faults),
                    s -> synthesizers.put(language, s));
        }
    }

    /** Records a newly started engine, or closes it when {@link #close()} came first. */
    private synchronized <T extends AutoCloseable> Availability<T> keep(
            Availability<T> started, Consumer<Availability<T>> record) {
        if (closed) {
            if (started instanceof Availability.Available<T>(var engine)) {
                closeQuietly(engine);
            }
            return Availability.unavailable(SHUTTING_DOWN);
        }
        record.accept(started);
        return started;
    }

    @Override
    public void close() {
        recognizers.close();
        List<AutoCloseable> engines = new ArrayList<>();
        synchronized (this) {
            closed = true;
            if (translator instanceof Availability.Available<Translator>(var t)) {
                engines.add(t);
            }
            for (Availability<Synthesizer> s : synthesizers.values()) {
                if (s instanceof Availability.Available<Synthesizer>(var engine)) {
                    engines.add(engine);
                }
            }
        }
        engines.forEach(SpeechEngines::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable engine) {
        try {
            engine.close();
        } catch (Exception e) {
            // the process is going away; an engine that cannot close cleanly has nothing left to lose
        }
    }
}
