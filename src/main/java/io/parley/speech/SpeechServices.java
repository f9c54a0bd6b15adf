package io.parley.speech;

/**
 * The engines a bridge may use, chosen per language by the configuration. A bridge knows only
 * this and the three engine interfaces; an engine that is not there comes with the reason and
 * how to enable it.
 */
public interface SpeechServices {

    Availability<SpeechRecognizer> recognizer(String language);

    Availability<Translator> translator(String from, String to);

    Availability<Synthesizer> synthesizer(String language);

    /** Engines' short names for the dashboard: the engine's own description, or {@code none}. */
    static String describe(Availability<?> availability) {
        return switch (availability) {
            case Availability.Available<?>(var engine) ->
                engine instanceof SpeechRecognizer r
                        ? r.describe()
                        : engine instanceof Translator t
                                ? t.describe()
                                : engine instanceof Synthesizer s ? s.describe() : engine.toString();
            case Availability.Unavailable<?> u -> "none";
        };
    }

    /** Why an engine is unavailable, or the empty string when it is there. */
    static String reason(Availability<?> availability) {
        return availability instanceof Availability.Unavailable<?>(var reason) ? reason : "";
    }
}
