package io.parley.ari;

/**
 * Asterisk answered a REST request with an error, or could not be reached ({@code status} 0).
 * The message names the request, Asterisk's answer and, where it is known, what to do.
 */
public final class AriException extends RuntimeException {
    private final int status;

    public AriException(int status, String message) {
        super(message);
        this.status = status;
    }

    public AriException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** HTTP status of Asterisk's answer; 0 when there was none. */
    public int status() {
        return status;
    }
}
