package io.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LinearCodecTest {

    @Test
    void bigEndianPutsTheHighByteFirst() {
        short[] samples = {0x1234, -2, Short.MIN_VALUE, Short.MAX_VALUE};
        byte[] bytes = new byte[8];
        assertThat(LinearCodec.SLIN.encode(samples, 0, 4, bytes, 0)).isEqualTo(8);
        assertThat(bytes).containsExactly(0x12, 0x34, 0xFF, 0xFE, 0x80, 0x00, 0x7F, 0xFF);
    }

    @Test
    void littleEndianPutsTheLowByteFirst() {
        short[] samples = {0x1234, -2, Short.MIN_VALUE, Short.MAX_VALUE};
        byte[] bytes = new byte[8];
        assertThat(LinearCodec.LITTLE_ENDIAN_16K.encode(samples, 0, 4, bytes, 0))
                .isEqualTo(8);
        assertThat(bytes).containsExactly(0x34, 0x12, 0xFE, 0xFF, 0x00, 0x80, 0xFF, 0x7F);
    }

    @Test
    void everySampleRoundTripsInBothOrdersWithOffsets() {
        short[] all = new short[65536];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) (i + Short.MIN_VALUE);
        }
        for (LinearCodec codec : new LinearCodec[] {LinearCodec.SLIN16, LinearCodec.LITTLE_ENDIAN_8K}) {
            byte[] bytes = new byte[2 * all.length + 3];
            assertThat(codec.encode(all, 0, all.length, bytes, 3)).isEqualTo(2 * all.length);
            short[] back = new short[all.length + 1];
            assertThat(codec.decode(bytes, 3, 2 * all.length, back, 1)).isEqualTo(all.length);
            assertThat(Arrays.copyOfRange(back, 1, back.length)).isEqualTo(all);
        }
    }

    @Test
    void aTrailingOddByteIsIgnored() {
        byte[] bytes = {0x01, 0x02, 0x03};
        short[] out = {7, 7};
        assertThat(LinearCodec.SLIN.decode(bytes, 0, 3, out, 0)).isEqualTo(1);
        assertThat(out).containsExactly(0x0102, 7);
        assertThat(LinearCodec.SLIN.decodedSamples(321)).isEqualTo(160);
        assertThat(LinearCodec.SLIN.encodedSize(160)).isEqualTo(320);
    }

    @Test
    void asteriskNamesResolveToTheirFormats() {
        assertThat(AudioCodec.byAsteriskName("ulaw")).containsSame(UlawCodec.INSTANCE);
        assertThat(AudioCodec.byAsteriskName("alaw")).containsSame(AlawCodec.INSTANCE);
        AudioCodec slin = AudioCodec.byAsteriskName("slin").orElseThrow();
        assertThat(slin.sampleRate()).isEqualTo(8000);
        assertThat(((LinearCodec) slin).order()).isEqualTo(ByteOrder.BIG_ENDIAN);
        AudioCodec slin16 = AudioCodec.byAsteriskName("slin16").orElseThrow();
        assertThat(slin16.sampleRate()).isEqualTo(16000);
        assertThat(slin16.name()).isEqualTo("slin16");
        assertThat(AudioCodec.byAsteriskName("g722")).isEmpty();
        assertThat(AudioCodec.byAsteriskName("ULAW")).isEmpty();
    }
}
