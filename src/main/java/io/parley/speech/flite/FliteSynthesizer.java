package io.parley.speech.flite;

import io.parley.audio.AudioClip;
import io.parley.speech.EngineFaultListener;
import io.parley.speech.SpeechException;
import io.parley.speech.Synthesizer;
import io.parley.speech.process.EngineText;
import io.parley.speech.process.ProgramCall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Flite as one process per sentence: {@code flite -voice VOICE [--setf ...] -t TEXT -o /dev/stdout}.
 * The text is the argument of {@code -t}, so Flite reads it as text even when it starts with
 * {@code -}. ({@code -f /dev/stdin} would avoid the argument but hangs on a pipe in Flite 2.2.)
 * English only. A run that exceeds the timeout is killed, the sentence fails with a
 * {@link SpeechException} and the fault goes to the listener.
 *
 * <p>Flite silently falls back to its default voice when asked for one it does not have, so
 * {@link #start} checks the voice against {@code flite -lv} first.
 *
 * <p>Thread-safe: calls share nothing, several may run at once.
 */
public final class FliteSynthesizer implements Synthesizer {

    /** The built-in voices' own rate, measured on slt (~170) and kal16 (~162); a speed maps to a stretch of this. */
    public static final int NATURAL_WORDS_PER_MINUTE = 170;

    private static final String VOICE_LIST_PREFIX = "Voices available:";
    /** The first runs may wait for a cold disk cache, however short the configured timeout. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final FliteSettings settings;
    private final EngineFaultListener faults;
    private final int sampleRate;

    private FliteSynthesizer(FliteSettings settings, EngineFaultListener faults, int sampleRate) {
        this.settings = settings;
        this.faults = faults;
        this.sampleRate = sampleRate;
    }

    /**
     * Checks the voice exists and learns its sample rate by speaking one word.
     *
     * @throws SpeechException naming the program or voice at fault
     */
    public static FliteSynthesizer start(FliteSettings settings, EngineFaultListener faults) throws SpeechException {
        Duration timeout = settings.timeout().compareTo(PROBE_TIMEOUT) > 0 ? settings.timeout() : PROBE_TIMEOUT;
        List<String> voices = builtInVoices(settings.program(), timeout);
        boolean isFile =
                settings.voice().endsWith(".flitevox") || settings.voice().contains("/");
        if (isFile ? !Files.isReadable(Path.of(settings.voice())) : !voices.contains(settings.voice())) {
            throw new SpeechException("flite: no voice '" + settings.voice() + "'; built-in voices: "
                    + String.join(", ", voices) + (isFile ? " (or a readable .flitevox file)" : ""));
        }
        FliteSynthesizer probe = new FliteSynthesizer(settings, faults, 1);
        AudioClip pcm = probe.run("a", timeout);
        if (pcm.samples().length == 0) {
            throw new SpeechException(probe.describe() + ": voice produced no audio");
        }
        return new FliteSynthesizer(settings, faults, pcm.sampleRate());
    }

    @Override
    public AudioClip synthesize(String text, String language) throws SpeechException {
        if (!language.toLowerCase(Locale.ROOT).equals("en")) {
            throw new SpeechException(
                    describe() + " speaks English only, not '" + language + "'; choose espeak-ng for that language");
        }
        String cleaned = EngineText.clean(describe(), text);
        if (cleaned.isEmpty()) {
            return new AudioClip(new short[0], sampleRate);
        }
        try {
            return run(cleaned, settings.timeout());
        } catch (SpeechException e) {
            faults.onFault(describe(), e.getMessage(), true);
            throw e;
        }
    }

    /** The rate of this voice's audio (16 000 Hz for slt and kal16, 8 000 Hz for kal). */
    public int sampleRate() {
        return sampleRate;
    }

    private AudioClip run(String text, Duration timeout) throws SpeechException {
        List<String> command = new ArrayList<>(List.of(settings.program(), "-voice", settings.voice()));
        settings.wordsPerMinute()
                .ifPresent(wpm -> command.addAll(List.of(
                        "--setf",
                        "duration_stretch="
                                + String.format(Locale.ROOT, "%.3f", (double) NATURAL_WORDS_PER_MINUTE / wpm))));
        settings.pitchHz().ifPresent(hz -> command.addAll(List.of("--setf", "int_f0_target_mean=" + hz)));
        command.addAll(List.of("-t", text, "-o", "/dev/stdout"));
        return ProgramCall.wav(describe(), command, new byte[0], timeout);
    }

    private static List<String> builtInVoices(String program, Duration timeout) throws SpeechException {
        byte[] out = ProgramCall.run("flite", List.of(program, "-lv"), new byte[0], timeout);
        String listing = new String(out, StandardCharsets.UTF_8).strip();
        if (!listing.startsWith(VOICE_LIST_PREFIX)) {
            throw new SpeechException("flite: unexpected answer to '" + program + " -lv': " + listing);
        }
        return Arrays.stream(
                        listing.substring(VOICE_LIST_PREFIX.length()).strip().split("\\s+"))
                .filter(v -> !v.isEmpty())
                .toList();
    }

    @Override
    public String describe() {
        return "flite(" + settings.voice() + ")";
    }
}
