package io.parley.bridge;

import io.parley.audio.AudioCodec;
import io.parley.audio.LevelMeter;

/** The level of an encoded frame, decoded into a scratch buffer for the measurement only. */
final class EncodedLevel {
    /** A relayed stream's level is measured on one frame in this many: it is sampled 5 times a second anyway. */
    static final int EVERY_FRAMES = 10;

    private EncodedLevel() {
    }

    static double dbfs(AudioCodec codec, EncodedFrame frame, short[] scratch) {
        int n = codec.decode(frame.payload, 0, frame.length, scratch, 0);
        return n == 0 ? LevelMeter.FLOOR_DBFS : LevelMeter.rmsDbfs(scratch, 0, n);
    }
}
