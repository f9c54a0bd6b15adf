package io.parley.event;

/** The connection to Asterisk's REST Interface changed state. Process-wide: {@code bridge} is empty. */
public record AriState(long at, String bridge, State state, String url, String detail) implements ParleyEvent {

    public enum State {
        DISABLED,
        CONNECTING,
        CONNECTED,
        DISCONNECTED
    }

    public static AriState of(State state, String url, String detail) {
        return new AriState(System.currentTimeMillis(), "", state, url, detail);
    }
}
