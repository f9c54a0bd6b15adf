package io.parley.event;

/** A call on one leg started, ended, or was refused. */
public record CallEvent(long at, String bridge, String leg, Kind kind, String channelId, String detail)
        implements ParleyEvent {

    public enum Kind {
        STARTED,
        ENDED,
        REFUSED
    }
}
