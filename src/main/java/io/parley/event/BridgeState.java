package io.parley.event;

/** A bridge changed state. */
public record BridgeState(long at, String bridge, String mode, State state, String detail) implements ParleyEvent {

    public enum State {
        /** No caller on either leg. */
        IDLE,
        /** One caller is connected and waits for the other. */
        WAITING,
        /** Both callers are connected; audio flows. */
        CONNECTED,
        /** Both connected, and speech is being translated right now. */
        TRANSLATING
    }
}
