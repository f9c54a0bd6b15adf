package io.parley.speech.process;

import io.parley.speech.SpeechException;
import java.util.regex.Pattern;

/**
 * Text on its way into an engine program: control characters (NUL ends an Apertium request,
 * a newline ends an eSpeak line) become spaces, runs of space become one, and a length bound
 * keeps a runaway transcript from reaching a process as one argument or one pipe write.
 */
public final class EngineText {

    /** Far above one spoken sentence, far below the 128 KiB an argument and 64 KiB a pipe take. */
    public static final int MAX_CHARS = 4000;

    private static final Pattern CONTROL_OR_SPACE = Pattern.compile("[\\p{Cntrl}\\s\\u2028\\u2029]+");

    private EngineText() {}

    /** The cleaned text, possibly empty. */
    public static String clean(String engine, String text) throws SpeechException {
        String cleaned = CONTROL_OR_SPACE.matcher(text).replaceAll(" ").strip();
        if (cleaned.length() > MAX_CHARS) {
            throw new SpeechException(engine + ": text of " + cleaned.length() + " characters is longer than "
                    + MAX_CHARS + "; pass one sentence at a time");
        }
        return cleaned;
    }
}
