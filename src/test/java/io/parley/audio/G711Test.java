package io.parley.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class G711Test {
    /*
     * The G.711 reconstruction values, scaled to 16 bits, indexed by the transmitted byte
     * (mu-law: Table 2a of G.711 times 4; A-law: Table 1a times 8, even bits inverted on the line).
     */
    private static final int[] ULAW_DECODED = {
        -32124, -31100, -30076, -29052, -28028, -27004, -25980, -24956, -23932, -22908, -21884, -20860, -19836, -18812,
        -17788, -16764, -15996, -15484, -14972, -14460, -13948, -13436, -12924, -12412, -11900, -11388, -10876, -10364,
        -9852, -9340, -8828, -8316, -7932, -7676, -7420, -7164, -6908, -6652, -6396, -6140, -5884, -5628, -5372, -5116,
        -4860, -4604, -4348, -4092, -3900, -3772, -3644, -3516, -3388, -3260, -3132, -3004, -2876, -2748, -2620, -2492,
        -2364, -2236, -2108, -1980, -1884, -1820, -1756, -1692, -1628, -1564, -1500, -1436, -1372, -1308, -1244, -1180,
        -1116, -1052, -988, -924, -876, -844, -812, -780, -748, -716, -684, -652, -620, -588, -556, -524, -492, -460,
        -428, -396, -372, -356, -340, -324, -308, -292, -276, -260, -244, -228, -212, -196, -180, -164, -148, -132,
        -120, -112, -104, -96, -88, -80, -72, -64, -56, -48, -40, -32, -24, -16, -8, 0, 32124, 31100, 30076, 29052,
        28028, 27004, 25980, 24956, 23932, 22908, 21884, 20860, 19836, 18812, 17788, 16764, 15996, 15484, 14972, 14460,
        13948, 13436, 12924, 12412, 11900, 11388, 10876, 10364, 9852, 9340, 8828, 8316, 7932, 7676, 7420, 7164, 6908,
        6652, 6396, 6140, 5884, 5628, 5372, 5116, 4860, 4604, 4348, 4092, 3900, 3772, 3644, 3516, 3388, 3260, 3132,
        3004, 2876, 2748, 2620, 2492, 2364, 2236, 2108, 1980, 1884, 1820, 1756, 1692, 1628, 1564, 1500, 1436, 1372,
        1308, 1244, 1180, 1116, 1052, 988, 924, 876, 844, 812, 780, 748, 716, 684, 652, 620, 588, 556, 524, 492, 460,
        428, 396, 372, 356, 340, 324, 308, 292, 276, 260, 244, 228, 212, 196, 180, 164, 148, 132, 120, 112, 104, 96, 88,
        80, 72, 64, 56, 48, 40, 32, 24, 16, 8, 0,
    };
    private static final int[] ALAW_DECODED = {
        -5504, -5248, -6016, -5760, -4480, -4224, -4992, -4736, -7552, -7296, -8064, -7808, -6528, -6272, -7040, -6784,
        -2752, -2624, -3008, -2880, -2240, -2112, -2496, -2368, -3776, -3648, -4032, -3904, -3264, -3136, -3520, -3392,
        -22016, -20992, -24064, -23040, -17920, -16896, -19968, -18944, -30208, -29184, -32256, -31232, -26112, -25088,
        -28160, -27136, -11008, -10496, -12032, -11520, -8960, -8448, -9984, -9472, -15104, -14592, -16128, -15616,
        -13056, -12544, -14080, -13568, -344, -328, -376, -360, -280, -264, -312, -296, -472, -456, -504, -488, -408,
        -392, -440, -424, -88, -72, -120, -104, -24, -8, -56, -40, -216, -200, -248, -232, -152, -136, -184, -168,
        -1376, -1312, -1504, -1440, -1120, -1056, -1248, -1184, -1888, -1824, -2016, -1952, -1632, -1568, -1760, -1696,
        -688, -656, -752, -720, -560, -528, -624, -592, -944, -912, -1008, -976, -816, -784, -880, -848, 5504, 5248,
        6016, 5760, 4480, 4224, 4992, 4736, 7552, 7296, 8064, 7808, 6528, 6272, 7040, 6784, 2752, 2624, 3008, 2880,
        2240, 2112, 2496, 2368, 3776, 3648, 4032, 3904, 3264, 3136, 3520, 3392, 22016, 20992, 24064, 23040, 17920,
        16896, 19968, 18944, 30208, 29184, 32256, 31232, 26112, 25088, 28160, 27136, 11008, 10496, 12032, 11520, 8960,
        8448, 9984, 9472, 15104, 14592, 16128, 15616, 13056, 12544, 14080, 13568, 344, 328, 376, 360, 280, 264, 312,
        296, 472, 456, 504, 488, 408, 392, 440, 424, 88, 72, 120, 104, 24, 8, 56, 40, 216, 200, 248, 232, 152, 136, 184,
        168, 1376, 1312, 1504, 1440, 1120, 1056, 1248, 1184, 1888, 1824, 2016, 1952, 1632, 1568, 1760, 1696, 688, 656,
        752, 720, 560, 528, 624, 592, 944, 912, 1008, 976, 816, 784, 880, 848,
    };

    /*
     * Lower decision values of G.711's segments, in the units the standard uses: 14-bit magnitude
     * for mu-law (segment 1 has 15 intervals of 2 above the zero code, then 16 per segment), 12-bit
     * magnitude for A-law (16 intervals per segment).
     */
    private static final int[] ULAW_SEGMENT_START = {1, 31, 95, 223, 479, 991, 2015, 4063};
    private static final int[] ALAW_SEGMENT_START = {0, 32, 64, 128, 256, 512, 1024, 2048};

    /** The standard's algorithm written plainly: find the interval that holds the magnitude. */
    private static int referenceUlaw(int sample) {
        boolean negative = sample < 0;
        int magnitude = (negative ? -sample - 1 : sample) >> 2;
        int code = 0;
        for (int segment = 0; segment < 8; segment++) {
            int step = 2 << segment;
            int intervals = segment == 0 ? 15 : 16;
            for (int j = 0; j < intervals; j++) {
                int index = segment == 0 ? 1 + j : 16 * segment + j;
                if (magnitude >= ULAW_SEGMENT_START[segment] + j * step) {
                    code = index;
                }
            }
        }
        return negative ? 0x7F - code : 0xFF - code;
    }

    private static int referenceAlaw(int sample) {
        boolean negative = sample < 0;
        int magnitude = (negative ? -sample - 1 : sample) >> 3;
        int code = 0;
        for (int segment = 0; segment < 8; segment++) {
            int step = segment <= 1 ? 2 : 1 << segment;
            for (int j = 0; j < 16; j++) {
                if (magnitude >= ALAW_SEGMENT_START[segment] + j * step) {
                    code = 16 * segment + j;
                }
            }
        }
        return (negative ? code : code | 0x80) ^ 0x55;
    }

    @Test
    void ulawDecodesEveryCodeToTheStandardValue() {
        for (int code = 0; code < 256; code++) {
            assertThat((int) UlawCodec.decode((byte) code))
                    .as("code 0x%02x", code)
                    .isEqualTo(ULAW_DECODED[code]);
        }
    }

    @Test
    void alawDecodesEveryCodeToTheStandardValue() {
        for (int code = 0; code < 256; code++) {
            assertThat((int) AlawCodec.decode((byte) code))
                    .as("code 0x%02x", code)
                    .isEqualTo(ALAW_DECODED[code]);
        }
    }

    @Test
    void ulawEncodesEverySampleAsTheStandardAlgorithmDoes() {
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            int expected = referenceUlaw(s);
            int actual = UlawCodec.encode((short) s) & 0xFF;
            if (actual != expected) {
                assertThat(actual).as("mu-law of %d", s).isEqualTo(expected);
            }
        }
    }

    @Test
    void alawEncodesEverySampleAsTheStandardAlgorithmDoes() {
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            int expected = referenceAlaw(s);
            int actual = AlawCodec.encode((short) s) & 0xFF;
            if (actual != expected) {
                assertThat(actual).as("A-law of %d", s).isEqualTo(expected);
            }
        }
    }

    @Test
    void decodedValuesEncodeBackToTheirCode() {
        for (int code = 0; code < 256; code++) {
            if (code != 0x7F) { // mu-law "negative zero" decodes to 0, which encodes as positive zero
                assertThat(UlawCodec.encode(UlawCodec.decode((byte) code)) & 0xFF)
                        .isEqualTo(code);
            }
            assertThat(AlawCodec.encode(AlawCodec.decode((byte) code)) & 0xFF).isEqualTo(code);
        }
        assertThat(UlawCodec.encode((short) 0) & 0xFF).isEqualTo(0xFF);
    }

    @ParameterizedTest
    @CsvSource({
        // sample, mu-law, A-law; all but the G.191-specific -4/-5 rows agree with Sun's g711.c too
        "0, 0xFF, 0xD5",
        "-1, 0x7F, 0x55",
        "-4, 0x7F, 0x55",
        "-5, 0x7E, 0x55",
        "8, 0xFE, 0xD5",
        "-8, 0x7E, 0x55",
        "-16, 0x7D, 0x55",
        "16, 0xFD, 0xD4",
        "32767, 0x80, 0xAA",
        "-32768, 0x00, 0x2A",
        "1000, 0xCE, 0xFA",
        "-1000, 0x4E, 0x7A",
    })
    void knownVectors(int sample, String ulaw, String alaw) {
        assertThat(UlawCodec.encode((short) sample) & 0xFF).isEqualTo(Integer.decode(ulaw));
        assertThat(AlawCodec.encode((short) sample) & 0xFF).isEqualTo(Integer.decode(alaw));
    }

    @Test
    void frameMethodsHonourOffsetsAndReturnCounts() {
        for (AudioCodec codec : new AudioCodec[] {UlawCodec.INSTANCE, AlawCodec.INSTANCE}) {
            short[] frame = new short[165];
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (short) (i * 397 - 30000);
            }
            byte[] encoded = new byte[170];
            assertThat(codec.encode(frame, 5, 160, encoded, 3)).isEqualTo(160);
            assertThat(encoded[0]).isZero();
            assertThat(encoded[163]).isZero();
            short[] decoded = new short[170];
            assertThat(codec.decode(encoded, 3, 160, decoded, 7)).isEqualTo(160);
            for (int i = 0; i < 160; i++) {
                short original = frame[5 + i];
                short back = decoded[7 + i];
                // One quantisation step of the segment the sample falls in, at most 1/16 of it.
                assertThat(Math.abs(back - original))
                        .as("%s sample %d", codec, original)
                        .isLessThanOrEqualTo(Math.max(16, Math.abs(original) / 16));
            }
            assertThat(codec.encodedSize(160)).isEqualTo(160);
            assertThat(codec.decodedSamples(160)).isEqualTo(160);
            assertThat(codec.sampleRate()).isEqualTo(8000);
        }
    }
}
