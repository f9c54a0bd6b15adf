package io.parley.event;

/**
 * Something that happened in parley, as monitors see it. Events are immutable values; the
 * media and speech code publish them, the monitors only read them.
 */
public sealed interface ParleyEvent
        permits LegStats, BridgeState, UtteranceEvent, EngineStatus, EngineFault, CallEvent, AriState, TranscriptState {

    /** Wall-clock time of the event, milliseconds since the epoch. */
    long at();

    /** Name of the bridge it concerns, or the empty string for process-wide events. */
    String bridge();
}
