package io.parley.speech.vosk;

import io.parley.speech.ModelProbe;
import org.vosk.Model;

import java.util.List;

/** Loads a Vosk model in {@link ModelProbe}'s child process: {@code DIRECTORY}. */
public final class ModelCheck implements ModelProbe.Loader {
    @Override
    public void load(List<String> arguments) throws Exception {
        VoskRecognizer.loadLibrary();
        new Model(arguments.getFirst()).close();
    }
}
