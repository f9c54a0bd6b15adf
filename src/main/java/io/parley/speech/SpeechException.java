package io.parley.speech;

/**
 * A speech engine failed: a model that cannot be loaded, a process that died or hung, a remote
 * server that answered with an error. The message names the engine and, where there is one,
 * the file or address at fault.
 */
public class SpeechException extends Exception {
    private static final long serialVersionUID = 1L;

    public SpeechException(String message) {
        super(message);
    }

    public SpeechException(String message, Throwable cause) {
        super(message, cause);
    }
}
