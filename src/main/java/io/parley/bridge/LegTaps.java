package io.parley.bridge;

import io.parley.leg.FrameListener;

/**
 * Copies of legs' audio for whoever records it. A tapped leg hands each 20 ms frame the caller
 * said, and each frame sent to the caller, to its taps on the media thread that carries it: a tap
 * must copy and return, never block. Legs that are not tapped carry no extra step at all.
 */
@FunctionalInterface
public interface LegTaps {
    LegTaps NONE = (bridge, extension) -> null;

    /** The taps of one leg, or null when it is not tapped. */
    Tap of(String bridge, String extension);

    /**
     * @param said  the caller's own voice, as it arrives
     * @param heard what parley sends the caller, every frame time ({@link FrameListener#onSilence} for nothing)
     */
    record Tap(FrameListener said, FrameListener heard) {}
}
