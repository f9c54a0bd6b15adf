package io.parley.rtp;

/** What {@link JitterBuffer#poll} returned for this tick. */
public enum PollResult {
    /** The next packet in sequence is in the frame. */
    PACKET,
    /**
     * The next packet in sequence is missing at its turn while later ones are here: conceal
     * {@link PlayoutFrame#samples()} samples. Reported once per missing sequence number.
     */
    LOST,
    /**
     * Nothing to play: not started yet, still filling to the target delay, a pause in the
     * sender's timestamps, or the buffer ran dry (a talk-spurt end, or an underrun). Not a loss,
     * and not a hang-up: a mixing bridge sends nothing during silence.
     */
    EMPTY
}
