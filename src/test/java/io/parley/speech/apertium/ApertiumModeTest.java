package io.parley.speech.apertium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.speech.SpeechException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApertiumModeTest {

    private static final Path FILE = Path.of("test.mode");

    @ParameterizedTest
    @ValueSource(strings = {"eng-spa", "spa-eng", "fr-es", "es-fr"})
    void debianModesBecomeNullFlushStages(String name) throws SpeechException, IOException {
        ApertiumMode mode = ApertiumMode.read(ApertiumSettings.DEBIAN_MODES, name);
        String shell = Files.readString(mode.file());

        assertThat(mode.stages()).hasSize(shell.split("\\|").length);
        assertThat(mode.stages()).allSatisfy(stage -> {
            assertThat(stage.command().get(1)).isEqualTo("-z");
            assertThat(stage.command()).noneMatch(word -> word.contains("$") || word.contains("'"));
        });
        assertThat(mode.stages().getFirst().command()).startsWith("lt-proc", "-z");
        // The morphological generator ($1) runs without unknown-word marks.
        assertThat(mode.stages())
                .anySatisfy(stage -> assertThat(stage.command())
                        .containsSequence("lt-proc", "-z", "-n")
                        .last()
                        .asString()
                        .endsWith(".autogen.bin"));
    }

    @Test
    void placeholdersBecomeGeneratorModeOrNothing() throws SpeechException {
        List<Stage> stages = ApertiumMode.parse("apertium-tagger -g $2 'a.prob' | lt-proc $1 '/x/a b.bin'", FILE);
        assertThat(stages)
                .extracting(Stage::command)
                .containsExactly(
                        List.of("apertium-tagger", "-z", "-g", "a.prob"), List.of("lt-proc", "-z", "-n", "/x/a b.bin"));
    }

    @Test
    void wordBlankHelpersAreLeftOutAndExistingNullFlushIsKept() throws SpeechException {
        List<Stage> stages = ApertiumMode.parse(
                "lt-proc -z a.bin | apertium-wblank-attach | apertium-pretransfer | /usr/bin/apertium-wblank-detach"
                        + " | lt-proc --null-flush -g b.bin",
                FILE);
        assertThat(stages)
                .extracting(Stage::command)
                .containsExactly(
                        List.of("lt-proc", "-z", "a.bin"),
                        List.of("apertium-pretransfer", "-z"),
                        List.of("lt-proc", "--null-flush", "-g", "b.bin"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '%', quoteCharacter = '`', textBlock = """
            lt-proc "a b.bin" | cat % lt-proc,-z,a b.bin
            lt-proc "say \\"hi\\"" | cat % lt-proc,-z,say "hi"
            lt-proc a\\ b.bin | cat % lt-proc,-z,a b.bin
            lt-proc 'x'"y"z | cat % lt-proc,-z,xyz
            """)
    void quotingFollowsTheShell(String pipeline, String firstStage) throws SpeechException {
        assertThat(ApertiumMode.parse(pipeline, FILE).getFirst().command()).containsExactly(firstStage.split(","));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '%', quoteCharacter = '`', textBlock = """
            lt-proc a.bin > out.txt % shell syntax '>' at character 14
            lt-proc a.bin; rm x % shell syntax ';' at character 13
            lt-proc $HOME/a.bin % variable other than $1 or $2 at character 8
            lt-proc x$1 % variable other than $1 or $2 at character 9
            lt-proc 'a.bin % unterminated single quote at character 8
            lt-proc "$1" % expansion inside double quotes at character 9
            lt-proc a.bin | | cat % empty stage
            """)
    void unsupportedShellIsRefusedNamingTheFile(String pipeline, String problem) {
        assertThatThrownBy(() -> ApertiumMode.parse(pipeline, FILE))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("test.mode")
                .hasMessageContaining(problem);
    }

    @Test
    void aMissingModeNamesItsPathAndPackage(@TempDir Path dir) {
        assertThatThrownBy(() -> ApertiumMode.read(dir, "eng-spa"))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining(dir.resolve("eng-spa.mode").toString())
                .hasMessageContaining("install the Debian package apertium-eng-spa");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '%', quoteCharacter = '`', textBlock = """
            lt-proc '/usr/share/apertium/apertium-xx-yy/a.bin' % data file /usr/share/apertium/apertium-xx-yy/a.bin % reinstall the Debian package apertium-xx-yy
            parley-no-such-stage -x | lt-proc a.bin              % program 'parley-no-such-stage' of mode xx-yy % is not on PATH
            """)
    void aMissingDataFileOrProgramIsNamed(String pipeline, String what, String fix, @TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("xx-yy.mode"), pipeline + "\n");
        assertThatThrownBy(() -> ApertiumMode.read(dir, "xx-yy"))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining(what)
                .hasMessageContaining(fix);
    }
}
