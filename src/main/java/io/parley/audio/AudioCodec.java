package io.parley.audio;

import java.util.Optional;

/**
 * Converts between encoded audio bytes and 16-bit signed samples at one sample rate.
 * <p>Implementations are stateless and thread-safe. Both directions write into arrays the caller
 * owns, return how much they wrote, and never allocate, so they can run once per packet.
 * A trailing partial sample (an odd byte of a linear payload) is ignored, not an error.
 */
public interface AudioCodec {

    /** The format's name as Asterisk spells it (`ulaw`, `alaw`, `slin`, `slin16`), or a descriptive one. */
    String name();

    int sampleRate();

    /** Bytes needed to encode {@code samples} samples. */
    int encodedSize(int samples);

    /** Samples that {@code bytes} encoded bytes decode to. */
    int decodedSamples(int bytes);

    /**
     * Decodes {@code len} bytes from {@code in[off..]} into {@code out[outOff..]}.
     *
     * @return the number of samples written, {@code decodedSamples(len)}
     */
    int decode(byte[] in, int off, int len, short[] out, int outOff);

    /**
     * Encodes {@code samples} samples from {@code in[off..]} into {@code out[outOff..]}.
     *
     * @return the number of bytes written, {@code encodedSize(samples)}
     */
    int encode(short[] in, int off, int samples, byte[] out, int outOff);

    /**
     * The codec Asterisk means by a format name: {@code ulaw}, {@code alaw}, {@code slin} (8 kHz) or
     * {@code slin16} (16 kHz). Linear formats are big-endian, as Asterisk sends them on RTP.
     */
    static Optional<AudioCodec> byAsteriskName(String name) {
        return Optional.ofNullable(
                switch (name) {
                    case "ulaw" -> UlawCodec.INSTANCE;
                    case "alaw" -> AlawCodec.INSTANCE;
                    case "slin" -> LinearCodec.SLIN;
                    case "slin16" -> LinearCodec.SLIN16;
                    default -> null;
                });
    }
}
