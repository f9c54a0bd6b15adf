package io.parley.ari;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing (Jazzer) of the AudioSocket frame reader over a whole connection's
 * bytes. The seeds in {@code AudioSocketFuzzTestInputs/} are the frames of a call as Asterisk's
 * AudioSocket protocol defines them (UUID, 8 and 16 kHz audio, DTMF, hang-up, error). A malformed frame is a value
 * and a stream that ends inside a frame an IOException; nothing else may come out.
 */
class AudioSocketFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void connection(byte[] input) {
        AudioSocketReader reader = new AudioSocketReader(new ByteArrayInputStream(input));
        try {
            for (int i = 0; i <= input.length; i++) {
                AudioSocketReader.Outcome outcome = reader.next();
                if (outcome == AudioSocketReader.Outcome.END) {
                    return;
                }
                if (outcome == AudioSocketReader.Outcome.MALFORMED) {
                    assertThat(reader.problem()).isNotEmpty().hasSizeLessThan(200);
                    return;
                }
                assertThat(reader.length()).isBetween(0, 65_535);
                if (reader.kind().audio()) {
                    assertThat(reader.length() % 2).isZero();
                }
            }
            throw new AssertionError("more frames than bytes");
        } catch (IOException e) {
            assertThat(e.getMessage()).contains("stream ended inside");
        }
    }
}
