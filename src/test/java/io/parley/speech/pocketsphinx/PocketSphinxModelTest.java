package io.parley.speech.pocketsphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.speech.SpeechException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way the library or a model can be missing or broken gives a clear error, and the JVM survives. */
class PocketSphinxModelTest {
    private static final PocketSphinxModel DEBIAN = PocketSphinxModel.DEBIAN_EN_US;

    private static Path copyAcousticModel(Path dir) throws IOException {
        Path copy = Files.createDirectories(dir.resolve("en-us"));
        try (var files = Files.list(DEBIAN.acousticModel())) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    private static PocketSphinxSettings settings(PocketSphinxModel model) {
        return PocketSphinxSettings.phone().withModel(model).withDecoders(1, 1);
    }

    @Test
    void debiansModelIsComplete() {
        assertThatCode(DEBIAN::check).doesNotThrowAnyException();
    }

    @Test
    void aMissingLibraryNamesTheDebianPackage() {
        assertThatThrownBy(() -> PocketSphinxLibrary.open("libpocketsphinx-not-here.so.3"))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("cannot load libpocketsphinx-not-here.so.3")
                .hasMessageContaining("install the Debian package libpocketsphinx3");
    }

    @Test
    void aMissingDebianModelNamesItsPackage() {
        PocketSphinxModel gone = new PocketSphinxModel(
                PocketSphinxModel.DEBIAN_ROOT.resolve("en-gb"), DEBIAN.dictionary(), DEBIAN.languageModel());
        assertThatThrownBy(() -> PocketSphinxRecognizer.open(settings(gone)))
                .isInstanceOf(SpeechException.class)
                .hasMessage("pocketsphinx: acoustic model directory " + gone.acousticModel() + " not found;"
                        + " install or reinstall the Debian package pocketsphinx-en-us"
                        + " (apt-get install --reinstall pocketsphinx-en-us)");
    }

    @Test
    void aMissingCustomFileIsNamed(@TempDir Path dir) throws IOException {
        Path hmm = copyAcousticModel(dir);
        Path dictionary = dir.resolve("fr.dict");
        assertThatThrownBy(() -> PocketSphinxRecognizer.open(
                        settings(new PocketSphinxModel(hmm, dictionary, DEBIAN.languageModel()))))
                .hasMessageStartingWith("pocketsphinx: pronunciation dictionary " + dictionary + " not found;"
                        + " point the model options at a complete pocketsphinx model");
        Files.delete(hmm.resolve("variances"));
        assertThatThrownBy(() -> PocketSphinxRecognizer.open(
                        settings(new PocketSphinxModel(hmm, DEBIAN.dictionary(), DEBIAN.languageModel()))))
                .hasMessageStartingWith("pocketsphinx: variances " + hmm.resolve("variances") + " not found");
    }

    @Test
    void aFileOfTheWrongKindIsCaughtByItsHeader(@TempDir Path dir) throws IOException {
        Path hmm = copyAcousticModel(dir);
        Files.writeString(hmm.resolve("means"), "<html>404</html>");
        assertThatThrownBy(() -> PocketSphinxRecognizer.open(
                        settings(new PocketSphinxModel(hmm, DEBIAN.dictionary(), DEBIAN.languageModel()))))
                .hasMessageStartingWith("pocketsphinx: means " + hmm.resolve("means")
                        + " is not a pocketsphinx model file (it should start with \"s3\\n\")");
        Files.write(hmm.resolve("means"), new byte[0]);
        assertThatThrownBy(() -> PocketSphinxRecognizer.open(
                        settings(new PocketSphinxModel(hmm, DEBIAN.dictionary(), DEBIAN.languageModel()))))
                .hasMessageStartingWith("pocketsphinx: means " + hmm.resolve("means") + " is empty");
    }

    /** sphinxbase calls exit(1) on this ("FATAL: mdef.c: Error in header"); the check in a child process catches it. */
    @Test
    void aDamagedModelDefinitionFailsWithoutEndingTheProcess(@TempDir Path dir) throws IOException {
        Path hmm = copyAcousticModel(dir);
        Files.writeString(hmm.resolve("mdef"), "0.3\n12 n_base\nnot numbers here\n");
        assertThatThrownBy(() -> PocketSphinxRecognizer.open(
                        settings(new PocketSphinxModel(hmm, DEBIAN.dictionary(), DEBIAN.languageModel()))))
                .isInstanceOf(SpeechException.class)
                .hasMessageStartingWith("pocketsphinx: the model " + hmm + " is broken: it makes the native"
                        + " library end the process (exit status 1): FATAL: \"mdef.c\"")
                .hasMessageContaining("Error in header")
                .hasMessageContaining("fix or replace the files of hmm=" + hmm);
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void theShippedMeansAreForDebiansModelOnly(@TempDir Path dir) throws IOException {
        Path hmm = copyAcousticModel(dir);
        assertThat(PocketSphinxSettings.phone().options()).containsEntry("mean", PocketSphinxSettings.PHONE_MEANS);
        assertThat(settings(DEBIAN).options()).containsEntry("mean", PocketSphinxSettings.PHONE_MEANS);
        assertThat(settings(new PocketSphinxModel(hmm, DEBIAN.dictionary(), DEBIAN.languageModel()))
                        .options())
                .doesNotContainKey("mean")
                .containsKeys("cmninit", "lw");
    }

    @Test
    void aTruncatedModelFileIsReportedWithTheLibrarysWords(@TempDir Path dir) throws IOException {
        Path hmm = copyAcousticModel(dir);
        byte[] means = Files.readAllBytes(hmm.resolve("means"));
        Files.write(hmm.resolve("means"), Arrays.copyOf(means, 300));
        assertThatThrownBy(() -> PocketSphinxRecognizer.open(
                        settings(new PocketSphinxModel(hmm, DEBIAN.dictionary(), DEBIAN.languageModel()))))
                .isInstanceOf(SpeechException.class)
                .hasMessageStartingWith("pocketsphinx: the model " + hmm + " is broken: it fails to load: ERROR:")
                .hasMessageContaining("Failed to read density data from file '" + hmm.resolve("means") + "'");
    }

    /** This one crashes the library inside the LM reader; the process that crashes is the child. */
    @Test
    void aCorruptLanguageModelIsCaughtWhateverTheLibraryDoes(@TempDir Path dir) throws IOException {
        Path lm = Files.write(dir.resolve("broken.lm.bin"), "Trie Language Model but not really".getBytes());
        assertThatThrownBy(() -> PocketSphinxRecognizer.open(
                        settings(new PocketSphinxModel(DEBIAN.acousticModel(), DEBIAN.dictionary(), lm))))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("is broken")
                .hasMessageContaining("lm=" + lm);
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void unknownOptionsAreRefusedByTheLibrary() {
        assertThatThrownBy(() -> PocketSphinxRecognizer.open(PocketSphinxSettings.phone()
                        .plusOptions(Map.of("no_such_option", "1"))
                        .withDecoders(1, 1)))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("no_such_option");
    }

    @Test
    void optionsAreWrittenWithoutTheirDash() {
        assertThatThrownBy(() -> PocketSphinxSettings.phone().withOptions(Map.of("-lw", "8")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without the leading dash");
    }
}
