package io.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavFileTest {
    @TempDir
    Path dir;

    static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", command, output).isZero();
    }

    private short[] tone(int rate, int samples) {
        short[] s = new short[samples];
        new ToneGenerator(rate, 1000, -6).fill(s, 0, samples);
        return s;
    }

    @Test
    void writtenFilesReadBackExactly() throws IOException {
        short[] samples = tone(16000, 16001);
        samples[0] = Short.MIN_VALUE;
        samples[1] = Short.MAX_VALUE;
        Path file = dir.resolve("t.wav");
        WavFile.write(file, samples, 0, samples.length, 16000);
        assertThat(Files.size(file)).isEqualTo(44 + 2 * 16001);
        AudioClip clip = WavFile.read(file);
        assertThat(clip.sampleRate()).isEqualTo(16000);
        assertThat(clip.samples()).isEqualTo(samples);
        assertThat(clip.durationMillis()).isCloseTo(1000.0625, within(1e-9));
    }

    @Test
    void aStreamedFileGetsItsSizesOnClose() throws IOException {
        Path file = dir.resolve("streamed.wav");
        short[] frame = tone(8000, 160);
        try (WavWriter writer = new WavWriter(file, 8000)) {
            for (int i = 0; i < 100; i++) {
                writer.write(frame, 0, 160);
            }
            assertThat(writer.samplesWritten()).isEqualTo(16000);
        }
        AudioClip clip = WavFile.read(file);
        assertThat(clip.samples()).hasSize(16000);
        assertThat(Arrays.copyOfRange(clip.samples(), 160, 320)).isEqualTo(frame);
    }

    @ParameterizedTest(name = "sox {0}")
    @CsvSource({
        // sox options, tolerance, companded (G.711: half a step, 1/32 of the magnitude, more)
        "'-b 16 -e signed-integer -c 2', 0.5, false",
        "'-b 8 -e unsigned-integer', 300, false",
        "'-b 24 -e signed-integer', 2, false",
        "'-b 32 -e signed-integer', 2, false",
        "'-b 32 -e floating-point', 2, false",
        "'-e u-law', 16, true",
        "'-e a-law', 16, true",
        "'-b 16 -e signed-integer -c 3 -D', 1, false",
    })
    void readsWhatSoxWrites(String options, double tolerance, boolean companded) throws Exception {
        Path source = dir.resolve("source.wav");
        short[] samples = tone(8000, 4000);
        WavFile.write(source, samples, 0, samples.length, 8000);
        Path converted = dir.resolve("converted.wav");
        List<String> command = new ArrayList<>(List.of("sox", "-D", source.toString()));
        command.addAll(Arrays.asList(options.split(" ")));
        command.add(converted.toString());
        if (options.contains("-c 3")) {
            command.addAll(List.of("remix", "1", "1", "1")); // three equal channels, extensible format
        } else if (options.contains("-c 2")) {
            command.addAll(List.of("remix", "1", "1"));
        }
        run(command);
        AudioClip clip = WavFile.read(converted);
        assertThat(clip.sampleRate()).isEqualTo(8000);
        assertThat(clip.samples()).hasSize(samples.length);
        for (int i = 0; i < samples.length; i++) {
            double allowed = companded ? tolerance + Math.abs(samples[i]) / 32.0 : tolerance;
            assertThat((double) clip.samples()[i]).as("sample %d", i).isCloseTo(samples[i], within(allowed));
        }
    }

    @Test
    void readsEspeakOutputFromAPipeWithItsPlaceholderSize() throws Exception {
        Process p = new ProcessBuilder("espeak-ng", "-v", "fr", "--stdout", "Bonjour").start();
        AudioClip clip = WavFile.read(p.getInputStream(), "espeak-ng --stdout");
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(clip.sampleRate()).isEqualTo(22050);
        assertThat(clip.durationMillis()).isBetween(300.0, 2000.0);
        assertThat(LevelMeter.peakDbfs(clip.samples(), 0, clip.samples().length))
                .isGreaterThan(-20);
    }

    @Test
    void errorsNameTheFileAndWhatIsWrong() throws Exception {
        Path text = dir.resolve("notes.wav");
        Files.writeString(text, "this is not audio at all");
        assertThatThrownBy(() -> WavFile.read(text))
                .isInstanceOf(WavFormatException.class)
                .hasMessageContaining(text.toString())
                .hasMessageContaining("not a RIFF/WAVE file")
                .hasMessageContaining("'this'");

        Path tiny = dir.resolve("tiny.wav");
        Files.write(tiny, new byte[] {'R', 'I', 'F', 'F'});
        assertThatThrownBy(() -> WavFile.read(tiny)).hasMessageContaining("only 4 bytes");

        Path good = dir.resolve("good.wav");
        short[] samples = tone(8000, 8000);
        WavFile.write(good, samples, 0, samples.length, 8000);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.wav");
        Files.write(truncated, Arrays.copyOf(bytes, 1000));
        assertThatThrownBy(() -> WavFile.read(truncated))
                .hasMessageContaining(truncated.toString())
                .hasMessageContaining("truncated")
                .hasMessageContaining("declares 16000 bytes but only 956 follow");

        Path adpcm = dir.resolve("adpcm.wav");
        run(List.of("sox", good.toString(), "-e", "ima-adpcm", adpcm.toString()));
        assertThatThrownBy(() -> WavFile.read(adpcm))
                .hasMessageContaining(adpcm.toString())
                .hasMessageContaining("not a WAV file Java can read")
                .hasMessageContaining("sox");

        byte[] noData = Arrays.copyOf(bytes, 36);
        assertThatThrownBy(() -> WavFile.parse(noData, "header only"))
                .isInstanceOf(WavFormatException.class)
                .hasMessageStartingWith("header only: ");
        assertThatThrownBy(() -> WavFile.parse("Error: no voice".getBytes(StandardCharsets.US_ASCII), "espeak-ng"))
                .hasMessage("espeak-ng: not a RIFF/WAVE file (starts with 'Erro')");
        assertThatThrownBy(() -> WavFile.parse(new byte[0], "flite")).hasMessageContaining("only 0 bytes");
    }

    // What engines write on a pipe, built here byte by byte.
    private static final short[] SAMPLES = {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE, 12345};

    @Test
    void readsAStreamedWavWhoseSizesArePlaceholders() throws IOException {
        // espeak-ng --stdout writes 0x7ffff000 in both size fields.
        AudioClip clip = WavFile.parse(wav(1, 22_050, SAMPLES, false, 0x7ffff000), "test");
        assertThat(clip.sampleRate()).isEqualTo(22_050);
        assertThat(clip.samples()).containsExactly(SAMPLES);
        assertThat(WavFile.parse(wav(1, 8_000, SAMPLES, false, 0xffffffffL), "all ones")
                        .samples())
                .containsExactly(SAMPLES);
        byte[] halfSampleMore = Arrays.copyOf(wav(1, 16_000, SAMPLES, false, 0x7ffff000), 44 + 2 * SAMPLES.length + 1);
        assertThat(WavFile.parse(halfSampleMore, "test").samples())
                .as("a trailing half sample is dropped")
                .containsExactly(SAMPLES);
    }

    @Test
    void skipsOtherChunksAveragesChannelsAndReadsEmptyData() throws IOException {
        assertThat(WavFile.parse(wav(1, 16_000, SAMPLES, true, -1), "LIST first")
                        .samples())
                .containsExactly(SAMPLES);
        short[] interleaved = {100, 300, -50, -150, 7, 8};
        assertThat(WavFile.parse(wav(2, 16_000, interleaved, false, -1), "stereo")
                        .samples())
                .containsExactly((short) 200, (short) -100, (short) 8);
        assertThat(WavFile.parse(wav(1, 16_000, new short[0], false, -1), "empty")
                        .samples())
                .isEmpty();
    }

    /** A 16-bit WAV; {@code placeholder} >= 0 replaces both sizes, {@code extraChunk} puts a 3-byte LIST chunk first. */
    private static byte[] wav(int channels, int rate, short[] samples, boolean extraChunk, long placeholder) {
        int dataBytes = samples.length * 2;
        ByteBuffer b = ByteBuffer.allocate(56 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII));
        b.putInt(placeholder >= 0 ? (int) placeholder : 36 + dataBytes + (extraChunk ? 12 : 0));
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        if (extraChunk) {
            b.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(3).put(new byte[] {1, 2, 3, 0});
        }
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1)
                .putShort((short) channels)
                .putInt(rate)
                .putInt(rate * channels * 2)
                .putShort((short) (channels * 2))
                .putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(placeholder >= 0 ? (int) placeholder : dataBytes);
        for (short s : samples) {
            b.putShort(s);
        }
        return Arrays.copyOf(b.array(), b.position());
    }
}
