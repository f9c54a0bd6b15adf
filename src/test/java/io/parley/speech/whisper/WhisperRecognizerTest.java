package io.parley.speech.whisper;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.speech.SpeechException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No whisper model is available here: the library itself and every way a model file can be wrong. */
class WhisperRecognizerTest {

    @Test
    void theBundledNativeLibraryLoads() {
        assertThatCode(WhisperRecognizer::loadLibrary).doesNotThrowAnyException();
    }

    @Test
    void aMissingFileIsNamedWithWhatToDo(@TempDir Path dir) {
        Path missing = dir.resolve("ggml-small.bin");
        assertThatThrownBy(() -> WhisperRecognizer.open(new WhisperSettings(missing, "fr")))
                .isInstanceOf(SpeechException.class)
                .hasMessageStartingWith("whisper: model file " + missing + " not found")
                .hasMessageContaining("download a whisper.cpp ggml model");
    }

    @Test
    void anEmptyFileIsSaidToBeEmpty(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("ggml-base.bin"));
        assertThatThrownBy(() -> WhisperRecognizer.open(new WhisperSettings(empty, "fr")))
                .hasMessageStartingWith("whisper: model file " + empty + " is empty");
    }

    @Test
    void aDirectoryIsNotAModelFile(@TempDir Path dir) {
        assertThatThrownBy(() -> WhisperRecognizer.open(new WhisperSettings(dir, "fr")))
                .hasMessageStartingWith("whisper: model file " + dir + " not found");
    }

    @Test
    void aFileOfAnotherKindIsRecognisedByItsMagic(@TempDir Path dir) throws Exception {
        Path html = Files.writeString(dir.resolve("ggml-base.bin"), "<html>404 Not Found</html>");
        assertThatThrownBy(() -> WhisperRecognizer.open(new WhisperSettings(html, "fr")))
                .hasMessageStartingWith("whisper: " + html + " is not a whisper.cpp ggml model");
    }

    /** ggml aborts the process on this file; the check runs it in a child process first. */
    @Test
    void aCorruptModelFailsWithoutTakingTheProcessDown(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[4096];
        bytes[0] = 'l';
        bytes[1] = 'm';
        bytes[2] = 'g';
        bytes[3] = 'g';
        for (int i = 4; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path corrupt = Files.write(dir.resolve("ggml-base.bin"), bytes);
        assertThatThrownBy(() -> WhisperRecognizer.open(new WhisperSettings(corrupt, "fr")))
                .isInstanceOf(SpeechException.class)
                .hasMessageStartingWith("whisper: the model " + corrupt + " is broken: it makes the native library"
                        + " end the process")
                .hasMessageContaining("GGML_ASSERT")
                .hasMessageContaining("download a whisper.cpp ggml model");
    }
}
