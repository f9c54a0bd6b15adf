package io.parley.speech.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.speech.SpeechException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgramCallTest {

    private static final Duration GENEROUS = Duration.ofSeconds(10);

    @Test
    void feedsStandardInputAndReturnsStandardOutput() throws SpeechException {
        byte[] input = "-v --help\nhéllo\u0000".getBytes(StandardCharsets.UTF_8);
        assertThat(ProgramCall.run("test", List.of("cat"), input, GENEROUS)).isEqualTo(input);
    }

    @Test
    void argumentsReachTheProgramAsTheyAreWithoutAShell() throws SpeechException {
        byte[] out = ProgramCall.run(
                "test", List.of("printf", "%s|", "-n", "$HOME", "a b; rm -rf x"), new byte[0], GENEROUS);
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("-n|$HOME|a b; rm -rf x|");
    }

    @Test
    void moreInputThanAPipeHoldsDoesNotDeadlock() throws SpeechException {
        byte[] input = new byte[1 << 20];
        Arrays.fill(input, (byte) 'x');
        assertThat(ProgramCall.run("test", List.of("cat"), input, GENEROUS)).hasSize(input.length);
    }

    @Test
    void aNonZeroExitNamesTheCodeAndTheErrorOutput() {
        assertThatThrownBy(() -> ProgramCall.run(
                        "myengine",
                        List.of("sh", "-c", "echo 'Error: no such voice' >&2; exit 3"),
                        new byte[0],
                        GENEROUS))
                .isInstanceOf(SpeechException.class)
                .hasMessage("myengine: sh exited with code 3: Error: no such voice");
    }

    @Test
    void aMissingProgramIsNamed() {
        assertThatThrownBy(() -> ProgramCall.run("myengine", List.of("parley-no-such-program"), new byte[0], GENEROUS))
                .isInstanceOf(SpeechException.class)
                .hasMessageStartingWith("myengine: cannot start parley-no-such-program");
    }

    @Test
    void aHungProgramIsKilledAtTheDeadline() {
        long start = System.nanoTime();
        assertThatThrownBy(
                        () -> ProgramCall.run("myengine", List.of("sleep", "30"), new byte[0], Duration.ofMillis(300)))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("gave no result within 300 ms and was killed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(ProcessHandle.current()
                        .children()
                        .filter(p -> p.info().command().orElse("").endsWith("sleep"))
                        .filter(ProcessHandle::isAlive))
                .isEmpty();
    }

    @Test
    void aRunawayOutputIsCutAndRefused() {
        assertThatThrownBy(() -> ProgramCall.run("myengine", List.of("cat", "/dev/zero"), new byte[0], GENEROUS))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("wrote more than " + ProgramCall.MAX_OUTPUT_BYTES + " bytes and was killed");
    }
}
