package io.parley.speech.engines;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.audio.AudioClip;
import io.parley.config.EngineChoice;
import io.parley.speech.Availability;
import io.parley.speech.Availability.Available;
import io.parley.speech.Availability.Unavailable;
import io.parley.speech.EngineFaultListener;
import io.parley.speech.SpeechException;
import io.parley.speech.Synthesizer;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SynthesizerFactoryTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            espeak-ng | fr |       | Bonjour tout le monde.   | 22050
            espeak-ng | en | en-gb | Hello everybody.         | 22050
            flite     | en | kal16 | Hello everybody.         | 16000
            flite     | en |       | Hello everybody.         | 16000
            """)
    void startsAndSpeaks(String engine, String language, String voice, String text, int rate) throws SpeechException {
        Map<String, String> options = voice == null ? Map.of("speed", "180") : Map.of("voice", voice, "speed", "180");
        Availability<Synthesizer> result =
                SynthesizerFactory.create(new EngineChoice(engine, options), language, EngineFaultListener.NONE);
        assertThat(result).isInstanceOf(Available.class);
        AudioClip pcm = ((Available<Synthesizer>) result).engine().synthesize(text, language);
        assertThat(pcm.sampleRate()).isEqualTo(rate);
        assertThat(pcm.durationMillis()).isGreaterThan(500);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            espeak-ng | fr | program | /nonexistent/espeak-ng | /nonexistent/espeak-ng is not installed (not found on PATH); install the Debian package espeak-ng (scripts/setup.sh engines)
            flite     | en | program | parley-no-flite        | parley-no-flite is not installed (not found on PATH); install the Debian package flite (scripts/setup.sh engines)
            espeak-ng | fr | speed   | 1000                   | espeak-ng speed must be 80 to 450 words per minute: 1000
            espeak-ng | fr | pitch   | high                   | espeak-ng: option 'pitch' must be a whole number of steps (0-99), not 'high'
            flite     | en | vioce   | slt                    | flite: unknown option 'vioce'; known options: pitch, program, speed, timeout-ms, voice
            flite     | fr | voice   | slt                    | flite speaks English only, not 'fr'; use engine: espeak-ng for that language
            flite     | en | voice   | nosuch                 | flite: no voice 'nosuch'; built-in voices: kal, awb_time, kal16, awb, rms, slt
            espeak-ng | fr | voice   | xx-nosuch              | espeak-ng(xx-nosuch): espeak-ng exited with code 1: Error: The specified espeak-ng voice does not exist.
            """)
    void unavailableSaysWhyAndHowToFixIt(String engine, String language, String key, String value, String reason) {
        assertThat(reason(new EngineChoice(engine, Map.of(key, value)), language))
                .isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            none    | unknown | no speech synthesiser configured for 'fr' (engine: none); set engine: espeak-ng (any language) or flite (English)
            mary    | unknown | unknown speech synthesiser 'mary'; known: espeak-ng, flite, none
            """)
    void noneAndUnknownEnginesAreExplained(String engine, String ignored, String reason) {
        assertThat(reason(new EngineChoice(engine, Map.of()), "fr")).isEqualTo(reason);
    }

    private static String reason(EngineChoice choice, String language) {
        Availability<Synthesizer> result = SynthesizerFactory.create(choice, language, EngineFaultListener.NONE);
        assertThat(result).isInstanceOf(Unavailable.class);
        return ((Unavailable<Synthesizer>) result).reason();
    }
}
