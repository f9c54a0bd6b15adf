package io.parley.sim;

import io.parley.audio.AudioClip;
import io.parley.audio.Resampler;
import io.parley.config.EngineChoice;
import io.parley.speech.Availability;
import io.parley.speech.EngineFaultListener;
import io.parley.speech.SpeechException;
import io.parley.speech.Synthesizer;
import io.parley.speech.engines.SynthesizerFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The demo's scripted phone call: two callers take turns, each line spoken in the caller's own
 * language, synthesised here (English by flite's slt voice, which pocketsphinx recognises well;
 * other languages by espeak-ng), with room after each turn for its translation to be played.
 */
public final class Conversation {
    /** Time from the start of one turn to the start of the next. */
    public static final long TURN_MILLIS = 9_000;

    private static final long FIRST_TURN_MILLIS = 1_500;

    private static final Map<String, List<String>> LINES = Map.of(
            "en",
                    List.of(
                            "Hello, this is John calling from the accounting department.",
                            "I would like to book a table for two people tonight.",
                            "Thank you very much for your help."),
            "fr",
                    List.of(
                            "Bonjour, je vous entends très bien.",
                            "Oui, bien sûr. À quelle heure voulez-vous venir?",
                            "Avec plaisir. Bonne soirée!"));

    private Conversation() {}

    /** The lines a caller speaking {@code language} says (English for a language the script lacks). */
    public static List<String> lines(String language) {
        return LINES.getOrDefault(language, LINES.get("en"));
    }

    /**
     * The two callers' sources for a call: the first speaks on turns 0, 2, 4..., the second on
     * 1, 3, 5..., at {@code sampleRate}.
     */
    public static List<ScriptSource> sources(String firstLanguage, String secondLanguage, int sampleRate, int turns)
            throws SpeechException {
        return List.of(source(firstLanguage, 0, sampleRate, turns), source(secondLanguage, 1, sampleRate, turns));
    }

    private static ScriptSource source(String language, int firstTurn, int sampleRate, int turns)
            throws SpeechException {
        List<ScriptSource.Line> lines = new ArrayList<>();
        List<String> text =
                lines(language).subList(0, Math.min(turns, lines(language).size()));
        for (int i = 0; i < text.size(); i++) {
            long at = FIRST_TURN_MILLIS + (2L * i + firstTurn) * TURN_MILLIS;
            lines.add(new ScriptSource.Line(at, speak(text.get(i), language, sampleRate)));
        }
        return new ScriptSource(lines, sampleRate, language + " speech (" + text.size() + " lines)");
    }

    /** Lines each caller says at most. */
    public static int maxTurns() {
        return LINES.get("en").size();
    }

    /** Length of a conversation of {@code turns} lines each, last turn included. */
    public static long lengthMillis(int turns) {
        return FIRST_TURN_MILLIS + 2L * Math.min(turns, maxTurns()) * TURN_MILLIS;
    }

    /** {@code text} spoken in {@code language}, at {@code sampleRate}. */
    public static short[] speak(String text, String language, int sampleRate) throws SpeechException {
        EngineChoice voice = language.equals("en")
                ? new EngineChoice("flite", Map.of("voice", "slt"))
                : new EngineChoice("espeak-ng", Map.of("voice", language));
        try (Synthesizer synthesizer = switch (SynthesizerFactory.create(voice, language, EngineFaultListener.NONE)) {
            case Availability.Available<Synthesizer>(var s) -> s;
            case Availability.Unavailable<Synthesizer>(var reason) ->
                throw new SpeechException("cannot synthesise the demo's " + language + " speech: " + reason);
        }) {
            AudioClip pcm = synthesizer.synthesize(text, language);
            Resampler r = new Resampler(pcm.sampleRate(), sampleRate);
            short[] out = new short[r.maxOutputSamples(pcm.samples().length)];
            return Arrays.copyOf(out, r.process(pcm.samples(), 0, pcm.samples().length, out, 0));
        }
    }
}
