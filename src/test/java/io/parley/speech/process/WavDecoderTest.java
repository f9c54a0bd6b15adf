package io.parley.speech.process;

import io.parley.speech.Pcm;
import io.parley.speech.SpeechException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WavDecoderTest {

    private static final short[] SAMPLES = {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE, 12345};

    @Test
    void readsAWavWithTrueSizes() throws SpeechException {
        Pcm pcm = WavDecoder.decode(wav(1, 16_000, 16, SAMPLES, false, -1), "test");
        assertThat(pcm.sampleRate()).isEqualTo(16_000);
        assertThat(pcm.samples()).containsExactly(SAMPLES);
    }

    @Test
    void readsAStreamedWavWhoseSizesArePlaceholders() throws SpeechException {
        // espeak-ng --stdout writes 0x7ffff000 in both size fields.
        Pcm pcm = WavDecoder.decode(wav(1, 22_050, 16, SAMPLES, false, 0x7ffff000), "test");
        assertThat(pcm.sampleRate()).isEqualTo(22_050);
        assertThat(pcm.samples()).containsExactly(SAMPLES);
    }

    @Test
    void readsAnAllOnesPlaceholder() throws SpeechException {
        Pcm pcm = WavDecoder.decode(wav(1, 8_000, 16, SAMPLES, false, 0xffffffff), "test");
        assertThat(pcm.samples()).containsExactly(SAMPLES);
    }

    @Test
    void skipsOtherChunksIncludingOddSizedOnes() throws SpeechException {
        Pcm pcm = WavDecoder.decode(wav(1, 16_000, 16, SAMPLES, true, -1), "test");
        assertThat(pcm.samples()).containsExactly(SAMPLES);
    }

    @Test
    void dropsATrailingHalfSample() throws SpeechException {
        byte[] wav = wav(1, 16_000, 16, SAMPLES, false, 0x7ffff000);
        byte[] truncated = java.util.Arrays.copyOf(wav, wav.length + 1);
        assertThat(WavDecoder.decode(truncated, "test").samples()).containsExactly(SAMPLES);
    }

    @Test
    void averagesStereoToMono() throws SpeechException {
        short[] interleaved = {100, 300, -50, -150, 7, 8};
        Pcm pcm = WavDecoder.decode(wav(2, 16_000, 16, interleaved, false, -1), "test");
        assertThat(pcm.samples()).containsExactly((short) 200, (short) -100, (short) 7);
    }

    @Test
    void emptyDataGivesNoSamples() throws SpeechException {
        assertThat(WavDecoder.decode(wav(1, 16_000, 16, new short[0], false, -1), "test").samples()).isEmpty();
    }

    @Test
    void refusesWhatIsNotAWav() {
        assertThatThrownBy(() -> WavDecoder.decode("Error: no voice".getBytes(StandardCharsets.US_ASCII), "espeak-ng"))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("WAV from espeak-ng")
                .hasMessageContaining("not a RIFF/WAVE stream (15 bytes, starts with 'Error: n')");
        assertThatThrownBy(() -> WavDecoder.decode(new byte[0], "flite"))
                .hasMessageContaining("0 bytes");
    }

    @Test
    void refusesOtherSampleFormats() {
        assertThatThrownBy(() -> WavDecoder.decode(wav(1, 16_000, 8, SAMPLES, false, -1), "test"))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("8 bits")
                .hasMessageContaining("only 16-bit integer PCM");
    }

    @Test
    void refusesAWavWithoutData() {
        byte[] header = java.util.Arrays.copyOf(wav(1, 16_000, 16, SAMPLES, false, -1), 36);
        assertThatThrownBy(() -> WavDecoder.decode(header, "test"))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("no data chunk in 36 bytes");
    }

    @Test
    void refusesDataBeforeFormat() {
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(16).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(4).putInt(0);
        assertThatThrownBy(() -> WavDecoder.decode(b.array(), "test"))
                .hasMessageContaining("data chunk at byte 12 before any fmt chunk");
    }

    /** A WAV; {@code placeholder} >= 0 replaces both sizes, {@code extraChunk} puts a 3-byte LIST chunk first. */
    private static byte[] wav(int channels, int rate, int bits, short[] samples, boolean extraChunk, long placeholder) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int dataBytes = samples.length * 2;
        ByteBuffer b = ByteBuffer.allocate(64 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII));
        b.putInt(placeholder >= 0 ? (int) placeholder : 36 + dataBytes + (extraChunk ? 12 : 0));
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        if (extraChunk) {
            b.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(3).put(new byte[] {1, 2, 3, 0});
        }
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1).putShort((short) channels).putInt(rate).putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8)).putShort((short) bits);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(placeholder >= 0 ? (int) placeholder : dataBytes);
        for (short s : samples) {
            b.putShort(s);
        }
        out.write(b.array(), 0, b.position());
        return out.toByteArray();
    }
}
