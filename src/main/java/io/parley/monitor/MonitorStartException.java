package io.parley.monitor;

/** The monitor could not start: a port could not be bound, or its access settings are unsafe. */
public final class MonitorStartException extends RuntimeException {

    public MonitorStartException(String message) {
        super(message);
    }

    public MonitorStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
