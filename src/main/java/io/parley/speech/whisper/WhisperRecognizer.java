package io.parley.speech.whisper;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperJNI;
import io.parley.speech.ModelProbe;
import io.parley.speech.RecognitionStream;
import io.parley.speech.SpeechException;
import io.parley.speech.SpeechRecognizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * whisper.cpp with a ggml model file (e.g. {@code ggml-base.bin}, {@code ggml-small.bin}).
 * Whisper transcribes whole utterances, so a stream only buffers audio and {@code finish} runs
 * the model; expect hundreds of milliseconds per utterance on two cores even with small models.
 *
 * <p>Thread-safe: the model (context) is shared and each utterance gets its own whisper state.
 */
public final class WhisperRecognizer implements SpeechRecognizer {
    /** ggml's file magic 0x67676d6c as stored little-endian ("lmgg"); gguf files start with "GGUF". */
    private static final byte[] GGML_MAGIC = {'l', 'm', 'g', 'g'};

    static final String HOW_TO_GET_A_MODEL = "download a whisper.cpp ggml model (e.g. ggml-base.bin or"
            + " ggml-small.bin, multilingual, not the .en ones for French) and set the engine's model option"
            + " to the file";

    private final WhisperSettings settings;
    private final WhisperJNI whisper;
    private final WhisperContext context;

    private WhisperRecognizer(WhisperSettings settings, WhisperJNI whisper, WhisperContext context) {
        this.settings = settings;
        this.whisper = whisper;
        this.context = context;
    }

    /**
     * Loads the model file.
     *
     * @throws SpeechException naming the file and what to do when it is missing, empty, not a
     *                         ggml whisper model, or fails to load
     */
    public static WhisperRecognizer open(WhisperSettings settings) throws SpeechException {
        Objects.requireNonNull(settings, "settings");
        check(settings.model());
        loadLibrary();
        ModelProbe.verify(
                ModelCheck.class,
                List.of(settings.model().toString()),
                "",
                "whisper",
                settings.model(),
                HOW_TO_GET_A_MODEL);
        WhisperJNI whisper = new WhisperJNI();
        WhisperContext context;
        try {
            context = whisper.init(settings.model());
        } catch (IOException | RuntimeException e) {
            throw new SpeechException(
                    "whisper: the model " + settings.model() + " failed to load (" + e.getMessage()
                            + "); it is damaged or not a whisper.cpp model: " + HOW_TO_GET_A_MODEL,
                    e);
        }
        if (context == null) {
            throw new SpeechException(
                    "whisper: the model " + settings.model() + " failed to load; " + HOW_TO_GET_A_MODEL);
        }
        return new WhisperRecognizer(settings, whisper, context);
    }

    /** Loads the native library bundled in the whisper-jni jar (once per process). */
    public static void loadLibrary() throws SpeechException {
        synchronized (WhisperRecognizer.class) {
            try {
                WhisperJNI.loadLibrary();
                WhisperJNI.setLibraryLogger(null);
            } catch (IOException | LinkageError e) {
                throw new SpeechException(
                        "whisper: its native library (bundled in io.github.givimad:whisper-jni"
                                + " for debian-amd64) does not load here: " + e,
                        e);
            }
        }
    }

    static void check(Path model) throws SpeechException {
        if (!Files.isRegularFile(model)) {
            throw new SpeechException("whisper: model file " + model + " not found; " + HOW_TO_GET_A_MODEL);
        }
        byte[] head = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(model)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new SpeechException("whisper: cannot read the model file " + model + ": " + e.getMessage(), e);
        }
        if (read == 0) {
            throw new SpeechException("whisper: model file " + model + " is empty; " + HOW_TO_GET_A_MODEL);
        }
        if (read < 4 || !Arrays.equals(head, GGML_MAGIC)) {
            throw new SpeechException("whisper: " + model + " is not a whisper.cpp ggml model (it does not start"
                    + " with the ggml magic 0x67676d6c); " + HOW_TO_GET_A_MODEL);
        }
    }

    @Override
    public RecognitionStream start(PartialListener partials) {
        return new WhisperStream(whisper, context, settings);
    }

    @Override
    public String describe() {
        return "whisper(" + settings.model().getFileName() + ", " + settings.language() + ")";
    }

    @Override
    public void close() {
        context.close();
    }
}
