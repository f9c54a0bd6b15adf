package io.parley.audio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * WAV files in and out through the JDK's {@code javax.sound.sampled}: any rate, PCM of 8 to 32
 * bits, float, mu-law or A-law, any number of channels (averaged to mono) in, as 16-bit mono
 * samples; 16-bit mono PCM out. A stream whose {@code data} size is a placeholder because its
 * writer could not seek back ({@code espeak-ng --stdout} writes 0x7FFFF000) is read to its end; a
 * real size beyond the end of the file is an error. Errors name the file, what is wrong and how to
 * convert it. Not for the media path.
 */
public final class WavFile {
    /** Declared sizes from here up are placeholders of streamed WAV, not sizes. */
    private static final long PLACEHOLDER_BYTES = 0x7FFF0000L;

    private static final String HOW_TO_FIX = "convert it with: sox IN.wav -b 16 -e signed-integer OUT.wav";

    private WavFile() {}

    public static AudioClip read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Reads a whole WAV stream (a pipe from a synthesiser, say); {@code source} names it in errors. */
    public static AudioClip read(InputStream in, String source) throws IOException {
        return parse(in.readAllBytes(), source);
    }

    /** Parses WAV bytes; {@code source} names them in errors. */
    public static AudioClip parse(byte[] bytes, String source) throws WavFormatException {
        if (bytes.length < 12) {
            throw new WavFormatException(
                    source, "not a WAV file: only " + bytes.length + " bytes, a RIFF header" + " needs 12");
        }
        String start = new String(bytes, 0, 4, StandardCharsets.ISO_8859_1);
        if (!start.equals("RIFF") || !new String(bytes, 8, 4, StandardCharsets.ISO_8859_1).equals("WAVE")) {
            throw new WavFormatException(source, "not a RIFF/WAVE file (starts with '" + printable(start) + "')");
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(bytes))) {
            AudioFormat from = in.getFormat();
            AudioFormat pcm16 = pcm16(from.getSampleRate(), from.getChannels());
            if (!AudioSystem.isConversionSupported(pcm16, from)) {
                throw new WavFormatException(source, "unsupported encoding " + from + "; " + HOW_TO_FIX);
            }
            byte[] data = AudioSystem.getAudioInputStream(pcm16, in).readAllBytes();
            long frames = data.length / pcm16.getFrameSize();
            long declared = in.getFrameLength() * from.getFrameSize();
            if (in.getFrameLength() != AudioSystem.NOT_SPECIFIED
                    && declared < PLACEHOLDER_BYTES
                    && frames < in.getFrameLength()) {
                throw new WavFormatException(
                        source,
                        "truncated: the data chunk declares " + declared + " bytes but only "
                                + frames * from.getFrameSize() + " follow");
            }
            return new AudioClip(toMono(data, (int) frames, from.getChannels()), Math.round(from.getSampleRate()));
        } catch (UnsupportedAudioFileException e) {
            throw new WavFormatException(
                    source, "not a WAV file Java can read (" + e.getMessage() + "); " + HOW_TO_FIX);
        } catch (IOException e) {
            throw new WavFormatException(source, "malformed WAV: " + e.getMessage());
        }
    }

    /** Writes {@code samples[off..off+len)} as a 16-bit PCM mono WAV file. */
    public static void write(Path file, short[] samples, int off, int len, int sampleRate) throws IOException {
        AudioSystem.write(stream(samples, off, len, sampleRate), AudioFileFormat.Type.WAVE, file.toFile());
    }

    public static void write(Path file, AudioClip clip) throws IOException {
        write(file, clip.samples(), 0, clip.samples().length, clip.sampleRate());
    }

    /** {@code samples[off..off+len)} as the bytes of a 16-bit PCM mono WAV file. */
    public static byte[] encode(short[] samples, int off, int len, int sampleRate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(44 + 2 * len);
        try {
            AudioSystem.write(stream(samples, off, len, sampleRate), AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing WAV to memory failed", e);
        }
        return out.toByteArray();
    }

    /** 16-bit signed little-endian PCM. */
    static AudioFormat pcm16(float sampleRate, int channels) {
        return new AudioFormat(
                AudioFormat.Encoding.PCM_SIGNED, sampleRate, 16, channels, 2 * channels, sampleRate, false);
    }

    private static AudioInputStream stream(short[] samples, int off, int len, int sampleRate) {
        byte[] bytes = new byte[2 * len];
        LinearCodec.LITTLE_ENDIAN_16K.encode(samples, off, len, bytes, 0);
        return new AudioInputStream(new ByteArrayInputStream(bytes), pcm16(sampleRate, 1), len);
    }

    private static short[] toMono(byte[] data, int frames, int channels) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        short[] out = new short[frames];
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += b.getShort(2 * (f * channels + c));
            }
            out[f] = (short) Math.round(sum / (double) channels);
        }
        return out;
    }

    private static String printable(String s) {
        return s.codePoints()
                .map(c -> c >= 32 && c < 127 ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
