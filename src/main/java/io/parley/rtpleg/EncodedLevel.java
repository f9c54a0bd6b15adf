package io.parley.rtpleg;

import io.parley.audio.AudioCodec;
import io.parley.audio.LevelMeter;

/** The level of an encoded payload, decoded into a scratch buffer for the measurement only. */
final class EncodedLevel {
    /** A forwarded stream's level is measured on one packet in this many: it is sampled 5 times a second anyway. */
    static final int EVERY_FRAMES = 10;

    private EncodedLevel() {}

    static double dbfs(AudioCodec codec, byte[] payload, int off, int len, short[] scratch) {
        int n = codec.decode(payload, off, Math.min(len, codec.encodedSize(scratch.length)), scratch, 0);
        return n == 0 ? LevelMeter.FLOOR_DBFS : LevelMeter.rmsDbfs(scratch, 0, n);
    }
}
