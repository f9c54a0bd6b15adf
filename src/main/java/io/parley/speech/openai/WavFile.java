package io.parley.speech.openai;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A canonical 44-byte-header RIFF/WAVE file of 16-bit little-endian mono PCM. */
final class WavFile {
    static final int HEADER_BYTES = 44;

    private WavFile() {
    }

    static byte[] encode(short[] samples, int length, int sampleRate) {
        int dataBytes = length * 2;
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + dataBytes).put(new byte[] {'W', 'A', 'V', 'E'});
        out.put(new byte[] {'f', 'm', 't', ' '}).putInt(16)
                .putShort((short) 1)                // PCM
                .putShort((short) 1)                // mono
                .putInt(sampleRate)
                .putInt(sampleRate * 2)             // byte rate
                .putShort((short) 2)                // block align
                .putShort((short) 16);              // bits per sample
        out.put(new byte[] {'d', 'a', 't', 'a'}).putInt(dataBytes);
        for (int i = 0; i < length; i++) {
            out.putShort(samples[i]);
        }
        return out.array();
    }
}
