package io.parley.audio;

import java.io.IOException;

/** A WAV file that cannot be read: its message names the file, what is wrong and what would work. */
public final class WavFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public WavFormatException(String source, String problem) {
        super(source + ": " + problem);
    }
}
