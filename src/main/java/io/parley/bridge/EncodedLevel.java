package io.parley.bridge;

import io.parley.audio.AudioCodec;
import io.parley.audio.LevelMeter;

/** The level of an encoded frame, decoded into a scratch buffer for the measurement only. */
final class EncodedLevel {
    private EncodedLevel() {
    }

    static double dbfs(AudioCodec codec, EncodedFrame frame, short[] scratch) {
        int n = codec.decode(frame.payload, 0, frame.length, scratch, 0);
        return n == 0 ? LevelMeter.FLOOR_DBFS : LevelMeter.rmsDbfs(scratch, 0, n);
    }
}
