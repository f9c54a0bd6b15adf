package io.parley.rtpleg;

import io.parley.audio.AudioCodec;
import io.parley.config.Codec;
import java.util.Arrays;

/**
 * The RTP payload types a leg of one clock rate takes: every codec of that rate, since Asterisk
 * may switch between ulaw, alaw and slin on a channel.
 */
final class PayloadTypes {
    private PayloadTypes() {}

    /** The payload types of every codec at {@code sampleRate}. */
    static int[] of(int sampleRate) {
        return Arrays.stream(Codec.values())
                .filter(c -> c.sampleRate() == sampleRate)
                .mapToInt(Codec::payloadType)
                .toArray();
    }

    /** A codec for each of those payload types, indexed by payload type (null for the others). */
    static AudioCodec[] codecs(int sampleRate) {
        AudioCodec[] codecs = new AudioCodec[128];
        for (Codec c : Codec.values()) {
            if (c.sampleRate() == sampleRate) {
                codecs[c.payloadType()] =
                        AudioCodec.byAsteriskName(c.asteriskName()).orElseThrow();
            }
        }
        return codecs;
    }
}
