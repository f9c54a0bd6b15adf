package io.parley.speech.whisper;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperJNI;
import io.parley.speech.ModelProbe;
import java.nio.file.Path;
import java.util.List;

/** Loads a whisper model in {@link ModelProbe}'s child process: {@code FILE}. */
public final class ModelCheck implements ModelProbe.Loader {
    @Override
    public void load(List<String> arguments) throws Exception {
        WhisperRecognizer.loadLibrary();
        try (WhisperContext context = new WhisperJNI().init(Path.of(arguments.getFirst()))) {
            if (context == null) {
                throw new IllegalStateException("whisper_init returned nothing");
            }
        }
    }
}
