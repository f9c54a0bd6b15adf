package io.parley.speech.vosk;

import io.parley.speech.ModelProbe;
import java.util.List;
import org.vosk.Model;

/** Loads a Vosk model in {@link ModelProbe}'s child process: {@code DIRECTORY}. */
public final class ModelCheck implements ModelProbe.Loader {
    @Override
    public void load(List<String> arguments) throws Exception {
        VoskRecognizer.loadLibrary();
        new Model(arguments.getFirst()).close();
    }
}
