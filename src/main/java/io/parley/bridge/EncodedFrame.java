package io.parley.bridge;

/**
 * One packet's payload as it came off the wire, for relaying between two legs of the same clock
 * rate without decoding: a mutable holder, reused for every frame.
 */
public final class EncodedFrame {
    static final int MAX_PAYLOAD = RtpReceiver.MAX_PAYLOAD;

    final byte[] payload = new byte[MAX_PAYLOAD];
    int length;
    int payloadType;
    int samples;

    void copyFrom(byte[] source, int len, int pt, int sampleCount) {
        System.arraycopy(source, 0, payload, 0, len);
        length = len;
        payloadType = pt;
        samples = sampleCount;
    }
}
