package io.parley.event;

/** A speech engine failed on one utterance (crashed, hung, answered with an error) and was restarted if it could be. */
public record EngineFault(long at, String bridge, String stage, String engine, String message, boolean restarted)
        implements ParleyEvent {}
