package io.parley.speech.espeak;

import io.parley.audio.AudioClip;
import io.parley.speech.EngineFaultListener;
import io.parley.speech.SpeechException;
import io.parley.speech.Synthesizer;
import io.parley.speech.process.EngineText;
import io.parley.speech.process.ProgramCall;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * eSpeak NG as one process per sentence: {@code espeak-ng --stdout -v VOICE -s WPM -p PITCH --stdin},
 * the text on standard input (never as an argument, so text starting with {@code -} stays text),
 * a WAV on standard output. A run that exceeds the timeout is killed, the sentence fails with a
 * {@link SpeechException} and the fault goes to the listener; the next sentence starts a fresh
 * process.
 *
 * <p>Thread-safe: calls share nothing, several may run at once.
 */
public final class EspeakSynthesizer implements Synthesizer {

    /** eSpeak NG always speaks at this rate. */
    public static final int SAMPLE_RATE = 22_050;

    /** The first run may wait for a cold disk cache, however short the configured timeout. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final EspeakSettings settings;
    private final EngineFaultListener faults;

    private EspeakSynthesizer(EspeakSettings settings, EngineFaultListener faults) {
        this.settings = settings;
        this.faults = faults;
    }

    /**
     * Checks that the program runs and the voice for {@code language} exists by speaking one word.
     *
     * @throws SpeechException naming the program or voice at fault
     */
    public static EspeakSynthesizer start(EspeakSettings settings, String language, EngineFaultListener faults)
            throws SpeechException {
        EspeakSynthesizer synthesizer = new EspeakSynthesizer(settings, faults);
        Duration timeout = settings.timeout().compareTo(PROBE_TIMEOUT) > 0 ? settings.timeout() : PROBE_TIMEOUT;
        AudioClip probe = synthesizer.run("a", language, timeout);
        if (probe.samples().length == 0) {
            throw new SpeechException(synthesizer.describe() + ": voice '" + settings.voiceFor(language)
                    + "' produced no audio; list voices with: espeak-ng --voices=" + language);
        }
        return synthesizer;
    }

    @Override
    public AudioClip synthesize(String text, String language) throws SpeechException {
        String cleaned = EngineText.clean(describe(), text);
        if (cleaned.isEmpty()) {
            return new AudioClip(new short[0], SAMPLE_RATE);
        }
        try {
            return run(cleaned, language, settings.timeout());
        } catch (SpeechException e) {
            faults.onFault(describe(), e.getMessage(), true);
            throw e;
        }
    }

    private AudioClip run(String text, String language, Duration timeout) throws SpeechException {
        List<String> command = List.of(
                settings.program(),
                "--stdout",
                "-v",
                settings.voiceFor(language),
                "-s",
                Integer.toString(settings.wordsPerMinute()),
                "-p",
                Integer.toString(settings.pitch()),
                "--stdin");
        return ProgramCall.wav(describe(), command, text.getBytes(StandardCharsets.UTF_8), timeout);
    }

    @Override
    public String describe() {
        return "espeak-ng(" + (settings.voice().isEmpty() ? "voice by language" : settings.voice()) + ")";
    }
}
