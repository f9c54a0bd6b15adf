package io.parley.cli;

/** Exit statuses shared by the commands. */
final class ExitCodes {
    static final int OK = 0;
    /** Something is missing or failed (a port not held, audio that did not pass, start-up refused). */
    static final int FAILED = 1;
    /** The configuration or the command line is invalid; for {@code check}, a foreign process holds a planned port. */
    static final int INVALID = 2;

    private ExitCodes() {}
}
