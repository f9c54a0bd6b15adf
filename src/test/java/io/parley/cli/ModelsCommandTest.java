package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.speech.models.ModelCatalog;
import io.parley.speech.models.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley models}: listing, refusing what it does not know, and checking a file it is given. */
class ModelsCommandTest {
    @TempDir
    Path dir;

    @Test
    void listsWhatItCanInstallAndWhere() {
        Cli result = Cli.run("models", "list", "--dir", dir.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("models directory: " + dir)
                .contains("vosk-fr")
                .contains("https://alphacephei.com/vosk/models/vosk-model-small-fr-0.22.zip")
                .contains("not installed: parley models install vosk-fr")
                .contains("whisper-base")
                .contains("https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.bin");
    }

    @Test
    void anUnknownModelIsAnInvalidCommandLine() {
        Cli result = Cli.run("models", "install", "vosk-klingon", "--dir", dir.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.err())
                .contains("no model 'vosk-klingon'; parley can install vosk-fr, whisper-base, whisper-tiny");
    }

    @Test
    void aFileThatIsNotThePublishedOneIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("vosk-model-small-fr-0.22.zip"), "not the model");
        Cli result = Cli.run(
                "models",
                "install",
                "vosk-fr",
                "--file",
                file.toString(),
                "--dir",
                dir.resolve("m").toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err())
                .contains("checksum mismatch for vosk-fr from " + file)
                .contains("expected " + ModelCatalog.VOSK_FR.sha256());
        assertThat(dir.resolve("m").resolve("vosk-model-small-fr-0.22")).doesNotExist();
    }

    @Test
    void theConfigurationItPrintsNamesTheModelUnlessTheEngineFindsItItself() {
        Path elsewhere = dir.resolve("vosk-model-small-fr-0.22");
        assertThat(ModelsCommand.configuration(ModelCatalog.VOSK_FR, elsewhere, new ModelStore(dir)))
                .isEqualTo("engines:\n  stt:\n    en: {engine: pocketsphinx}\n    fr: {engine: vosk, model: "
                        + elsewhere + "}\n");
        ModelStore standard = ModelStore.standard();
        assertThat(ModelsCommand.configuration(
                        ModelCatalog.WHISPER_BASE, standard.path(ModelCatalog.WHISPER_BASE), standard))
                .isEqualTo("engines:\n  stt:\n    en: {engine: pocketsphinx}\n    fr: {engine: whisper}\n");
    }
}
