package io.parley.audio;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads WAV files into 16-bit mono and writes 16-bit mono WAV files.
 * <p>Reads RIFF/WAVE with PCM of 8, 16, 24 or 32 bits, 32/64-bit float, G.711 mu-law or A-law
 * (also inside WAVE_FORMAT_EXTENSIBLE), any rate, any number of channels (averaged to mono).
 * Chunks other than {@code fmt } and {@code data} are skipped. A {@code data} size that is a
 * streaming placeholder (0, or 0x7FFF0000 and above, as {@code espeak-ng --stdout} writes) means
 * "to the end"; any other size beyond the end of the file is an error. Not for the media path.
 */
public final class WavFile {
    private static final int PCM = 1;
    private static final int FLOAT = 3;
    private static final int ALAW = 6;
    private static final int ULAW = 7;
    private static final int EXTENSIBLE = 0xFFFE;
    private static final String HOW_TO_FIX = "convert it with: sox IN.wav -b 16 -e signed-integer OUT.wav";

    private WavFile() {
    }

    public static AudioClip read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Reads a whole WAV stream (a pipe from a synthesiser, say); {@code source} names it in errors. */
    public static AudioClip read(InputStream in, String source) throws IOException {
        return parse(in.readAllBytes(), source);
    }

    /** Parses WAV bytes; {@code source} names them in errors. */
    public static AudioClip parse(byte[] bytes, String source) throws WavFormatException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12) {
            throw new WavFormatException(source, "not a WAV file: only " + bytes.length + " bytes, a RIFF header"
                    + " needs 12");
        }
        String riff = fourCc(b, 0);
        if (riff.equals("RIFX") || riff.equals("RF64")) {
            throw new WavFormatException(source, riff + " files are not supported; " + HOW_TO_FIX);
        }
        if (!riff.equals("RIFF") || !fourCc(b, 8).equals("WAVE")) {
            throw new WavFormatException(source, "not a RIFF/WAVE file (starts with '" + printable(riff) + "')");
        }
        Format format = null;
        int at = 12;
        while (at + 8 <= bytes.length) {
            String id = fourCc(b, at);
            long size = Integer.toUnsignedLong(b.getInt(at + 4));
            int body = at + 8;
            long remaining = bytes.length - body;
            if (id.equals("fmt ")) {
                if (size < 16 || size > remaining) {
                    throw new WavFormatException(source, "truncated or malformed fmt chunk: " + size + " bytes declared, "
                            + remaining + " present, 16 needed");
                }
                format = Format.parse(b, body, (int) size, source);
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new WavFormatException(source, "the data chunk comes before any fmt chunk");
                }
                boolean placeholder = size == 0 || size >= 0x7FFF0000L;
                if (size > remaining && !placeholder) {
                    throw new WavFormatException(source, "truncated: the data chunk declares " + size
                            + " bytes but only " + remaining + " follow");
                }
                int length = (int) (placeholder ? remaining : size);
                return new AudioClip(format.toMono(b, body, length), format.sampleRate);
            }
            at = (int) Math.min(bytes.length, body + size + (size & 1));
        }
        throw new WavFormatException(source, format == null ? "no fmt chunk" : "no data chunk");
    }

    /** Writes {@code samples[off..off+len)} as a 16-bit PCM mono WAV file. */
    public static void write(Path file, short[] samples, int off, int len, int sampleRate) throws IOException {
        try (WavWriter writer = new WavWriter(file, sampleRate)) {
            writer.write(samples, off, len);
        }
    }

    public static void write(Path file, AudioClip clip) throws IOException {
        write(file, clip.samples(), 0, clip.samples().length, clip.sampleRate());
    }

    /** The 44-byte header of a 16-bit mono PCM file holding {@code dataBytes} bytes of samples. */
    static void writeHeader(OutputStream out, int sampleRate, long dataBytes) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(US_ASCII)).putInt((int) (36 + dataBytes));
        h.put("WAVEfmt ".getBytes(US_ASCII)).putInt(16);
        h.putShort((short) PCM).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2);
        h.putShort((short) 2).putShort((short) 16);
        h.put("data".getBytes(US_ASCII)).putInt((int) dataBytes);
        out.write(h.array());
    }

    private static String fourCc(ByteBuffer b, int at) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (b.get(at + i) & 0xFF);
        }
        return new String(c);
    }

    private static String printable(String s) {
        return s.codePoints().map(c -> c >= 32 && c < 127 ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private record Format(int tag, int channels, int sampleRate, int bits, int blockAlign) {

        static Format parse(ByteBuffer b, int at, int size, String source) throws WavFormatException {
            int tag = b.getShort(at) & 0xFFFF;
            int channels = b.getShort(at + 2) & 0xFFFF;
            int sampleRate = b.getInt(at + 4);
            int blockAlign = b.getShort(at + 12) & 0xFFFF;
            int bits = b.getShort(at + 14) & 0xFFFF;
            if (tag == EXTENSIBLE) {
                if (size < 40) {
                    throw new WavFormatException(source, "WAVE_FORMAT_EXTENSIBLE fmt chunk of " + size
                            + " bytes, 40 needed");
                }
                tag = b.getShort(at + 24) & 0xFFFF; // the sub-format GUID starts with the format tag
            }
            if (channels == 0 || sampleRate <= 0) {
                throw new WavFormatException(source, "fmt chunk says " + channels + " channels at " + sampleRate
                        + " Hz");
            }
            boolean supported = switch (tag) {
                case PCM -> bits == 8 || bits == 16 || bits == 24 || bits == 32;
                case FLOAT -> bits == 32 || bits == 64;
                case ALAW, ULAW -> bits == 8;
                default -> false;
            };
            if (!supported) {
                throw new WavFormatException(source, "unsupported format tag 0x" + String.format("%04X", tag) + " with "
                        + bits + " bits per sample (readable: PCM 8/16/24/32-bit, float, mu-law, A-law); "
                        + HOW_TO_FIX);
            }
            if (blockAlign != channels * (bits / 8)) {
                throw new WavFormatException(source, "fmt chunk block align " + blockAlign + " does not match "
                        + channels + " channels of " + bits + " bits");
            }
            return new Format(tag, channels, sampleRate, bits, blockAlign);
        }

        short[] toMono(ByteBuffer b, int at, int length) {
            int frames = length / blockAlign;
            short[] out = new short[frames];
            int width = bits / 8;
            for (int f = 0; f < frames; f++) {
                double sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += sample(b, at + f * blockAlign + c * width);
                }
                out[f] = Gain.saturate((int) Math.round(sum / channels));
            }
            return out;
        }

        /** One sample on the 16-bit scale. */
        private double sample(ByteBuffer b, int at) {
            return switch (tag) {
                case ULAW -> UlawCodec.decode(b.get(at));
                case ALAW -> AlawCodec.decode(b.get(at));
                case FLOAT -> (bits == 32 ? b.getFloat(at) : b.getDouble(at)) * 32768;
                default -> switch (bits) {
                    case 8 -> ((b.get(at) & 0xFF) - 128) * 256;
                    case 16 -> b.getShort(at);
                    case 24 -> ((b.get(at + 2) << 16) | ((b.get(at + 1) & 0xFF) << 8) | (b.get(at) & 0xFF)) / 256.0;
                    default -> b.getInt(at) / 65536.0;
                };
            };
        }
    }
}
