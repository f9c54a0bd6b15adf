package io.parley.speech.models;

/** A model could not be installed; the message says which, from where, why, and that nothing was left behind. */
public final class ModelInstallException extends Exception {
    public ModelInstallException(String message) {
        super(message);
    }

    public ModelInstallException(String message, Throwable cause) {
        super(message, cause);
    }
}
