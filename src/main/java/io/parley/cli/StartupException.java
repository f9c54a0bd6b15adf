package io.parley.cli;

/** Start-up was refused (a port taken, an engine that cannot start); nothing stays bound. */
final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
