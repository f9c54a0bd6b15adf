package io.parley.speech.pocketsphinx;

import io.parley.speech.ModelProbe;
import java.nio.file.Path;
import java.util.List;

/** Loads a decoder in {@link ModelProbe}'s child process, with the library's log on standard error. */
public final class ModelCheck implements ModelProbe.Loader {
    @Override
    public void load(List<String> arguments) throws Exception {
        PocketSphinxLibrary library = PocketSphinxLibrary.load(Path.of("/dev/stderr"));
        new Decoder(library, arguments, "the model", null).close();
    }
}
