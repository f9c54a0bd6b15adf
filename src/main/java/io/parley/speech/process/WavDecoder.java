package io.parley.speech.process;

import io.parley.speech.Pcm;
import io.parley.speech.SpeechException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the 16-bit PCM WAV that engines write, including the streamed kind whose sizes are
 * placeholders because the writer could not seek back (espeak-ng's {@code --stdout} writes
 * {@code 0x7ffff000}): a {@code data} chunk that claims more bytes than there are holds the rest
 * of the input. Chunks other than {@code fmt } and {@code data} are skipped; several channels are
 * averaged to mono.
 *
 * <pre>
 * "RIFF" size:4 "WAVE" { id:4 size:4 body:size [pad to even] }*
 * "fmt " body: format:2 channels:2 rate:4 byteRate:4 blockAlign:2 bits:2 [ext:2 valid:2 mask:4 guid:16]
 * </pre>
 * All numbers little-endian.
 */
public final class WavDecoder {

    private static final int HEADER = 12;
    private static final int CHUNK_HEADER = 8;
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private WavDecoder() {
    }

    /** Decodes {@code wav}; {@code source} names where it came from in error messages. */
    public static Pcm decode(byte[] wav, String source) throws SpeechException {
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < HEADER || !tag(in, 0).equals("RIFF") || !tag(in, 8).equals("WAVE")) {
            throw new SpeechException("WAV from " + source + ": not a RIFF/WAVE stream (" + wav.length
                    + " bytes, starts with '" + printable(wav) + "')");
        }
        int channels = 0;
        int rate = 0;
        int pos = HEADER;
        while (pos + CHUNK_HEADER <= wav.length) {
            String id = tag(in, pos);
            long declared = Integer.toUnsignedLong(in.getInt(pos + 4));
            int body = pos + CHUNK_HEADER;
            int size = (int) Math.min(declared, wav.length - body);
            if (id.equals("fmt ")) {
                if (size < 16) {
                    throw new SpeechException("WAV from " + source + ": fmt chunk of " + size + " bytes < 16");
                }
                int format = Short.toUnsignedInt(in.getShort(body));
                if (format == FORMAT_EXTENSIBLE && size >= 26) {
                    format = Short.toUnsignedInt(in.getShort(body + 24));
                }
                channels = Short.toUnsignedInt(in.getShort(body + 2));
                rate = in.getInt(body + 4);
                int bits = Short.toUnsignedInt(in.getShort(body + 14));
                if (format != FORMAT_PCM || bits != 16 || channels < 1 || rate <= 0) {
                    throw new SpeechException("WAV from " + source + ": format " + format + ", " + bits + " bits, "
                            + channels + " channels at " + rate + " Hz; only 16-bit integer PCM is read");
                }
            } else if (id.equals("data")) {
                if (channels == 0) {
                    throw new SpeechException("WAV from " + source + ": data chunk at byte " + pos
                            + " before any fmt chunk");
                }
                return new Pcm(samples(in, body, size, channels), rate);
            }
            pos = body + size + (size & 1);
        }
        throw new SpeechException("WAV from " + source + ": no data chunk in " + wav.length + " bytes");
    }

    private static short[] samples(ByteBuffer in, int offset, int size, int channels) {
        int frames = size / (2 * channels);
        short[] out = new short[frames];
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += in.getShort(offset + 2 * (f * channels + c));
            }
            out[f] = (short) (sum / channels);
        }
        return out;
    }

    private static String tag(ByteBuffer in, int at) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (in.get(at + i) & 0xff);
        }
        return new String(c);
    }

    private static String printable(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 8); i++) {
            int b = bytes[i] & 0xff;
            s.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        return s.toString();
    }
}
