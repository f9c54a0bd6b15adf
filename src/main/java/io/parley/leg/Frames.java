package io.parley.leg;

/** The internal audio format: 16-bit mono at 16 kHz in 20 ms frames. */
public final class Frames {
    public static final int RATE = 16_000;
    public static final int SAMPLES = 320;
    public static final int MILLIS = 20;

    private Frames() {}
}
