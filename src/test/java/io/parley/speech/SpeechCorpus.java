package io.parley.speech;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * English test speech: sentences from {@code speech/phone-sentences.txt}, spoken by flite and
 * optionally passed through a telephone channel with sox, as 16 kHz 16-bit mono samples.
 * Results are cached under {@code target/speech-cache} (keyed by text, voice and channel).
 * sox runs without dither ({@code -D}): its default dither adds fresh random noise on every run
 * when it reduces to 8-bit mu-law, which made the word error rate differ from run to run
 * (14.9% to 16.3% for the same sentences); a phone network does not dither either.
 */
public final class SpeechCorpus {
    private static final Path CACHE = Path.of(System.getProperty("parley.repo", "."), "target", "speech-cache");

    private SpeechCorpus() {}

    /** How the speech reaches the recogniser. */
    public enum Channel {
        /** flite's output resampled (if needed) to 16 kHz. */
        WIDEBAND,
        /** To 8 kHz G.711 mu-law and back to 16 kHz 16-bit: what a phone call delivers. */
        PHONE_ULAW
    }

    /** One spoken sentence. */
    public record Utterance(String text, String voice, Channel channel, short[] samples) {
        public double seconds() {
            return samples.length / 16_000.0;
        }
    }

    public static List<String> sentences() {
        try (InputStream in = SpeechCorpus.class.getResourceAsStream("/speech/phone-sentences.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Utterance utterance(String text, String voice, Channel channel) {
        return new Utterance(text, voice, channel, speak(text, voice, channel));
    }

    /** The sentence as 16 kHz samples, synthesised by flite with {@code voice} through {@code channel}. */
    public static short[] speak(String text, String voice, Channel channel) {
        try {
            Files.createDirectories(CACHE);
            Path raw = CACHE.resolve(key(text, voice, channel) + ".raw");
            if (!Files.exists(raw)) {
                Path wav = Files.createTempFile(CACHE, "flite-", ".wav");
                Path tmp = Files.createTempFile(CACHE, "raw-", ".tmp");
                try {
                    run("flite", "-voice", voice, "-t", text, "-o", wav.toString());
                    if (channel == Channel.PHONE_ULAW) {
                        Path ulaw = Files.createTempFile(CACHE, "ulaw-", ".wav");
                        try {
                            run("sox", "-D", wav.toString(), "-r", "8000", "-e", "u-law", "-c", "1", ulaw.toString());
                            run(
                                    "sox",
                                    "-D",
                                    ulaw.toString(),
                                    "-t",
                                    "raw",
                                    "-r",
                                    "16000",
                                    "-e",
                                    "signed",
                                    "-b",
                                    "16",
                                    "-c",
                                    "1",
                                    "-L",
                                    tmp.toString());
                        } finally {
                            Files.deleteIfExists(ulaw);
                        }
                    } else {
                        run(
                                "sox",
                                "-D",
                                wav.toString(),
                                "-t",
                                "raw",
                                "-r",
                                "16000",
                                "-e",
                                "signed",
                                "-b",
                                "16",
                                "-c",
                                "1",
                                "-L",
                                tmp.toString());
                    }
                    Files.move(tmp, raw, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(wav);
                    Files.deleteIfExists(tmp);
                }
            }
            byte[] bytes = Files.readAllBytes(raw);
            short[] samples = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer()
                    .get(samples);
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(
                        String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static String key(String text, String voice, Channel channel) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((voice + "\n" + channel + "\n" + text).getBytes(StandardCharsets.UTF_8));
            return voice + "-" + channel.name().toLowerCase() + "-"
                    + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
