package io.parley.speech.vosk;

import io.parley.speech.ModelProbe;
import io.parley.speech.RecognitionStream;
import io.parley.speech.SpeechException;
import io.parley.speech.SpeechRecognizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Streaming recognition with a Vosk model directory (e.g. {@code vosk-model-small-fr-0.22}).
 * The model is loaded once and shared; each utterance gets its own Kaldi recogniser, which is
 * cheap next to the model. Thread-safe: Vosk models may be shared between threads.
 */
public final class VoskRecognizer implements SpeechRecognizer {
    private static final int SAMPLE_RATE = 16_000;

    private final Path directory;
    private final Model model;

    private VoskRecognizer(Path directory, Model model) {
        this.directory = directory;
        this.model = model;
    }

    /**
     * Loads the model in {@code directory}.
     *
     * @throws SpeechException naming the directory and what to do when it is missing, empty,
     *                         not a Vosk model, or fails to load
     */
    public static VoskRecognizer open(Path directory) throws SpeechException {
        Objects.requireNonNull(directory, "directory");
        check(directory);
        loadLibrary();
        ModelProbe.verify(ModelCheck.class, List.of(directory.toString()), "", "vosk", directory, HOW_TO_GET_A_MODEL);
        try {
            return new VoskRecognizer(directory, new Model(directory.toString()));
        } catch (IOException | RuntimeException e) {
            throw new SpeechException(
                    "vosk: the model in " + directory + " failed to load (" + e.getMessage()
                            + "); it is damaged or not a Vosk model: " + HOW_TO_GET_A_MODEL,
                    e);
        }
    }

    static final String HOW_TO_GET_A_MODEL = "download a Vosk model for the language (for French e.g."
            + " vosk-model-small-fr-0.22 or vosk-model-fr-0.22 from the Vosk models page), unpack it and set"
            + " the engine's model option to the unpacked directory";

    /** Loads the native library bundled in the vosk jar and quiets Kaldi's logging. */
    public static void loadLibrary() throws SpeechException {
        try {
            LibVosk.setLogLevel(LogLevel.WARNINGS);
        } catch (LinkageError e) {
            throw new SpeechException(
                    "vosk: its native library (bundled in com.alphacephei:vosk for"
                            + " linux-x86-64, needs glibc and libstdc++) does not load here: " + e,
                    e);
        }
    }

    static void check(Path directory) throws SpeechException {
        if (!Files.isDirectory(directory)) {
            throw new SpeechException("vosk: model directory " + directory + " not found; " + HOW_TO_GET_A_MODEL);
        }
        boolean hasAcousticModel = Files.isRegularFile(directory.resolve("am/final.mdl"))
                || Files.isRegularFile(directory.resolve("final.mdl"));
        if (!hasAcousticModel) {
            throw new SpeechException("vosk: " + directory + " is not a Vosk model (it has no am/final.mdl);"
                    + " point the model option at the directory that contains am/, conf/ and graph/; "
                    + HOW_TO_GET_A_MODEL);
        }
    }

    @Override
    public RecognitionStream start(PartialListener partials) throws SpeechException {
        try {
            return new VoskStream(new Recognizer(model, SAMPLE_RATE), partials);
        } catch (IOException | RuntimeException e) {
            throw new SpeechException(
                    "vosk: cannot create a recogniser for the model in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "vosk(" + directory.getFileName() + ")";
    }

    @Override
    public void close() {
        model.close();
    }
}
