package io.parley.history;

/** A speech engine fault (or a refused caller) during a call. */
public record FaultRow(String callId, long at, String stage, String engine, String message, boolean restarted)
        implements Write {}
