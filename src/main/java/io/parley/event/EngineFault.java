package io.parley.event;

/**
 * A speech engine failed on one utterance (crashed, hung, answered with an error) and was restarted
 * if it could be, or a recogniser fell behind the speaker. {@code framesLost} counts the speaker's
 * 20 ms frames that were never heard because of it; 0 when the fault cost no audio it could count.
 */
public record EngineFault(
        long at, String bridge, String stage, String engine, String message, boolean restarted, long framesLost)
        implements ParleyEvent {

    /** A fault that cost no counted audio. */
    public EngineFault(long at, String bridge, String stage, String engine, String message, boolean restarted) {
        this(at, bridge, stage, engine, message, restarted, 0);
    }
}
