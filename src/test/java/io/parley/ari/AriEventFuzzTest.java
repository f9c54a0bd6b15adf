package io.parley.ari;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing (Jazzer) of the reading of an ARI events message. The seeds in
 * {@code AriEventFuzzTestInputs/} are the events of a call through an ExternalMedia bridge, field
 * for field as Asterisk 22's {@code events.json} model describes them. Reading
 * never throws; an event it lets through has every value it reads cut to
 * {@link AriEventReader#MAX_VALUE_CHARS}, and a refusal is one short line.
 */
class AriEventFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void message(byte[] input) {
        AriEventReader.Reading r = AriEventReader.read(new String(input, StandardCharsets.UTF_8));
        if (r.event().isPresent()) {
            AriEvent e = r.event().get();
            assertThat(e.type()).isNotBlank().hasSizeLessThanOrEqualTo(AriEventReader.MAX_VALUE_CHARS);
            e.args().forEach(a -> assertThat(a).hasSizeLessThanOrEqualTo(AriEventReader.MAX_VALUE_CHARS));
            e.channel().ifPresent(c -> {
                assertThat(c.id()).hasSizeLessThanOrEqualTo(AriEventReader.MAX_VALUE_CHARS);
                assertThat(c.exten()).hasSizeLessThanOrEqualTo(AriEventReader.MAX_VALUE_CHARS);
                c.variables()
                        .values()
                        .forEach(v -> assertThat(v).hasSizeLessThanOrEqualTo(AriEventReader.MAX_VALUE_CHARS));
            });
        } else {
            assertThat(r.problem()).isNotEmpty().hasSizeLessThan(300).doesNotContain("\n");
        }
    }
}
