package io.parley.speech.pocketsphinx;

import io.parley.speech.SpeechException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a pocketsphinx model lives: the acoustic model directory ({@code -hmm}), the
 * pronunciation dictionary ({@code -dict}) and the n-gram language model ({@code -lm}).
 *
 * <p>{@link #check()} catches the mistakes that would otherwise end the whole process: sphinxbase
 * calls {@code exit()} on some malformed acoustic model files, so their headers are verified here
 * before the library sees them.
 */
public record PocketSphinxModel(Path acousticModel, Path dictionary, Path languageModel) {
    public static final String DEBIAN_PACKAGE = "pocketsphinx-en-us";
    public static final Path DEBIAN_ROOT = Path.of("/usr/share/pocketsphinx/model/en-us");

    /** US English as Debian's {@code pocketsphinx-en-us} installs it (16 kHz acoustic model). */
    public static final PocketSphinxModel DEBIAN_EN_US = new PocketSphinxModel(
            DEBIAN_ROOT.resolve("en-us"),
            DEBIAN_ROOT.resolve("cmudict-en-us.dict"),
            DEBIAN_ROOT.resolve("en-us.lm.bin"));

    private static final List<String> SPHINX3_BINARY_FILES = List.of("means", "variances", "transition_matrices");

    public PocketSphinxModel {
        Objects.requireNonNull(acousticModel, "acousticModel");
        Objects.requireNonNull(dictionary, "dictionary");
        Objects.requireNonNull(languageModel, "languageModel");
    }

    /** Verifies that every file exists, is readable and starts as its format requires. */
    public void check() throws SpeechException {
        if (!Files.isDirectory(acousticModel)) {
            throw missing("acoustic model directory", acousticModel);
        }
        requireHeader(acousticModel.resolve("mdef"), "mdef", "BMDF", "0.3");
        for (String name : SPHINX3_BINARY_FILES) {
            requireHeader(acousticModel.resolve(name), name, "s3\n");
        }
        Path sendump = acousticModel.resolve("sendump");
        Path mixtureWeights = acousticModel.resolve("mixture_weights");
        if (Files.exists(sendump)) {
            requireFile(sendump, "sendump");
        } else {
            requireHeader(mixtureWeights, "mixture_weights (or sendump)", "s3\n");
        }
        requireFile(dictionary, "pronunciation dictionary");
        requireFile(languageModel, "language model");
    }

    /** The model's own front-end parameters ({@code feat.params}), in file order; empty when it has none. */
    public Map<String, String> featureParameters() throws SpeechException {
        Path file = acousticModel.resolve("feat.params");
        Map<String, String> parameters = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return parameters;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split("\\s+", 2);
                if (parts.length == 2 && parts[0].startsWith("-")) {
                    parameters.put(parts[0].substring(1), parts[1].trim());
                }
            }
        } catch (IOException e) {
            throw new SpeechException("pocketsphinx: cannot read " + file + ": " + e.getMessage(), e);
        }
        return parameters;
    }

    @Override
    public String toString() {
        return "hmm=" + acousticModel + " dict=" + dictionary + " lm=" + languageModel;
    }

    private void requireFile(Path file, String what) throws SpeechException {
        if (!Files.isRegularFile(file)) {
            throw missing(what, file);
        }
        if (!Files.isReadable(file)) {
            throw new SpeechException("pocketsphinx: " + what + " " + file + " is not readable by this user");
        }
        try {
            if (Files.size(file) == 0) {
                throw new SpeechException("pocketsphinx: " + what + " " + file + " is empty; " + reinstallHint());
            }
        } catch (IOException e) {
            throw new SpeechException("pocketsphinx: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void requireHeader(Path file, String what, String... accepted) throws SpeechException {
        requireFile(file, what);
        byte[] head = new byte[8];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new SpeechException("pocketsphinx: cannot read " + file + ": " + e.getMessage(), e);
        }
        String start = new String(head, 0, read, StandardCharsets.ISO_8859_1);
        if (Arrays.stream(accepted).noneMatch(start::startsWith)) {
            throw new SpeechException("pocketsphinx: " + what + " " + file + " is not a pocketsphinx model file"
                    + " (it should start with "
                    + String.join(
                            " or ",
                            Arrays.stream(accepted)
                                    .map(a -> '"' + a.replace("\n", "\\n") + '"')
                                    .toList()) + "); " + reinstallHint());
        }
    }

    private SpeechException missing(String what, Path path) {
        return new SpeechException("pocketsphinx: " + what + " " + path + " not found; " + reinstallHint());
    }

    private String reinstallHint() {
        return acousticModel.startsWith(DEBIAN_ROOT)
                ? "install or reinstall the Debian package " + DEBIAN_PACKAGE + " (apt-get install --reinstall "
                        + DEBIAN_PACKAGE + ")"
                : "point the model options at a complete pocketsphinx model, or remove them to use Debian's "
                        + DEBIAN_PACKAGE + " in " + DEBIAN_ROOT;
    }
}
