package io.parley.speech.vosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.speech.SpeechException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No Vosk model is available here: the library itself and every way a model can be wrong. */
class VoskRecognizerTest {

    @Test
    void theBundledNativeLibraryLoads() {
        assertThatCode(VoskRecognizer::loadLibrary).doesNotThrowAnyException();
    }

    @Test
    void aMissingDirectoryIsNamedWithWhatToDo(@TempDir Path dir) {
        Path missing = dir.resolve("vosk-model-small-fr-0.22");
        assertThatThrownBy(() -> VoskRecognizer.open(missing))
                .isInstanceOf(SpeechException.class)
                .hasMessageStartingWith("vosk: model directory " + missing + " not found")
                .hasMessageContaining("download a Vosk model")
                .hasMessageContaining("vosk-model-small-fr-0.22");
    }

    @Test
    void anEmptyDirectoryIsNotAModel(@TempDir Path dir) {
        assertThatThrownBy(() -> VoskRecognizer.open(dir))
                .isInstanceOf(SpeechException.class)
                .hasMessageStartingWith("vosk: " + dir + " is not a Vosk model (it has no am/final.mdl)");
    }

    @Test
    void theParentOfTheModelDirectoryIsNotAModel(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("vosk-model-fr/am"));
        Files.write(dir.resolve("vosk-model-fr/am/final.mdl"), new byte[] {1});
        assertThatThrownBy(() -> VoskRecognizer.open(dir))
                .hasMessageContaining("point the model option at the directory that contains am/, conf/ and graph/");
    }

    @Test
    void aDamagedModelFailsWithoutTakingTheProcessDown(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("am"));
        Files.createDirectories(dir.resolve("conf"));
        Files.write(dir.resolve("am/final.mdl"), "not a kaldi model".getBytes());
        Files.writeString(dir.resolve("conf/mfcc.conf"), "--sample-frequency=16000\n");
        assertThatThrownBy(() -> VoskRecognizer.open(dir))
                .isInstanceOf(SpeechException.class)
                .hasMessageStartingWith("vosk: the model " + dir + " is broken")
                .hasMessageContaining("download a Vosk model");
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }
}
