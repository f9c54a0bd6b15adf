package io.parley.pcmlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.media.UdpReactor;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PcmDatagramTest {

    @Test
    void writesTheDocumentedLayout() {
        byte[] out = new byte[PcmDatagram.HEADER + 4];
        int n = PcmDatagram.write(
                out,
                PcmDatagram.FLAG_START,
                0x1234,
                16000,
                0xdeadbeefL,
                0x01020304,
                new short[] {1, (short) 0xff80},
                0,
                2);
        assertThat(n).isEqualTo(20);
        // magic "PL", version 1, flags 1, seq, rate 16000 = 0x3e80, timestamp, origin, then LE samples
        assertThat(HexFormat.of().formatHex(out))
                .isEqualTo("504c0101" + "12343e80" + "deadbeef" + "01020304" + "0100" + "80ff");
    }

    @Test
    void roundTripsAndReusesTheView() {
        PcmDatagram view = new PcmDatagram();
        short[] samples = new short[320];
        Random r = new Random(7);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) r.nextInt();
        }
        byte[] buf = new byte[1000];
        for (int round = 0; round < 2; round++) {
            int len = PcmDatagram.write(buf, round, 65535 - round, 16000, 4294967295L - round, -5, samples, 0, 320);
            assertThat(view.parse(buf, 0, len)).isNull();
            assertThat(view.sequence()).isEqualTo(65535 - round);
            assertThat(view.timestamp()).isEqualTo(4294967295L - round);
            assertThat(view.start()).isEqualTo(round == 1);
            assertThat(view.originMicros()).isEqualTo(-5);
            assertThat(view.samples()).isEqualTo(320);
            short[] back = new short[320];
            assertThat(view.samplesInto(back, 0)).isEqualTo(320);
            assertThat(back).isEqualTo(samples);
        }
    }

    @Test
    void malformedDatagramsAreNamed() {
        PcmDatagram view = new PcmDatagram();
        byte[] good = new byte[PcmDatagram.HEADER + 640];
        int len = PcmDatagram.write(good, 0, 1, 16000, 0, 0, new short[320], 0, 320);
        assertThat(view.parse(good, 0, 15)).isEqualTo(PcmDatagram.Problem.TOO_SHORT);
        assertThat(view.parse(good, 0, len - 1)).isEqualTo(PcmDatagram.Problem.ODD_LENGTH);
        byte[] big = new byte[PcmDatagram.HEADER + 2 * PcmDatagram.MAX_SAMPLES + 2];
        PcmDatagram.write(big, 0, 1, 16000, 0, 0, new short[0], 0, 0);
        assertThat(view.parse(big, 0, big.length)).isEqualTo(PcmDatagram.Problem.TOO_LONG);
        good[2] = 9;
        assertThat(view.parse(good, 0, len)).isEqualTo(PcmDatagram.Problem.BAD_VERSION);
        good[0] = 'X';
        assertThat(view.parse(good, 0, len)).isEqualTo(PcmDatagram.Problem.BAD_MAGIC);
        PcmDatagram.write(good, 0, 1, 100, 0, 0, new short[320], 0, 320);
        assertThat(view.parse(good, 0, len)).isEqualTo(PcmDatagram.Problem.BAD_RATE);
        PcmDatagram.write(good, 0, 1, 44_100, 0, 0, new short[320], 0, 320);
        assertThat(view.parse(good, 0, len))
                .as("a rate the protocol does not list")
                .isEqualTo(PcmDatagram.Problem.BAD_RATE);
        PcmDatagram.write(good, PcmDatagram.FLAG_SIGNED, 1, 16_000, 0, 0, new short[2], 0, 2);
        assertThat(view.parse(good, 0, PcmDatagram.HEADER + 4 + PcmDatagram.TRAILER - 1))
                .as("signed, but shorter than its trailer")
                .isIn(PcmDatagram.Problem.ODD_LENGTH, PcmDatagram.Problem.TOO_SHORT);
        assertThat(view.parse(good, 0, PcmDatagram.HEADER + PcmDatagram.TRAILER - 2))
                .isEqualTo(PcmDatagram.Problem.TOO_SHORT);
    }

    @Test
    void theLongestDatagramIsSixtyMillisecondsAtAnyRate() {
        PcmDatagram view = new PcmDatagram();
        byte[] buf = new byte[PcmDatagram.MAX_BYTES + 2];
        for (int rate : PcmDatagram.rates()) {
            int sixty = rate * 60 / 1000;
            assertThat(view.parse(buf, 0, PcmDatagram.write(buf, 0, 1, rate, 0, 0, new short[sixty], 0, sixty)))
                    .as("60 ms at %d Hz", rate)
                    .isNull();
            assertThat(view.samples()).isEqualTo(sixty);
            assertThat(view.parse(buf, 0, PcmDatagram.write(buf, 0, 1, rate, 0, 0, new short[sixty + 1], 0, sixty + 1)))
                    .as("60 ms and a sample at %d Hz", rate)
                    .isEqualTo(PcmDatagram.Problem.TOO_LONG);
        }
        assertThat(PcmDatagram.MAX_BYTES).isEqualTo(16 + 5760 + 20);
        assertThat(view.parse(buf, 0, PcmDatagram.MAX_BYTES + 2)).isEqualTo(PcmDatagram.Problem.TOO_LONG);
        assertThat(UdpReactor.MAX_DATAGRAM)
                .as("the socket buffer shows a longer datagram as longer")
                .isGreaterThan(PcmDatagram.MAX_BYTES);
    }

    @Test
    void randomBytesNeverThrow() {
        PcmDatagram view = new PcmDatagram();
        Random r = new Random(42);
        byte[] buf = new byte[PcmDatagram.MAX_BYTES + 100];
        short[] out = new short[PcmDatagram.MAX_SAMPLES];
        for (int i = 0; i < 100_000; i++) {
            int len = r.nextInt(buf.length);
            r.nextBytes(buf);
            if (r.nextBoolean()) {
                buf[0] = 'P';
                buf[1] = 'L';
                buf[2] = 1;
                if (r.nextBoolean()) {
                    PcmDatagram.put16(buf, 6, PcmDatagram.rates()[r.nextInt(PcmDatagram.rates().length)]);
                }
            }
            if (view.parse(buf, 0, len) == null) {
                int trailer = view.signed() ? PcmDatagram.TRAILER : 0;
                assertThat(view.samplesInto(out, 0))
                        .isEqualTo((len - PcmDatagram.HEADER - trailer) / 2)
                        .isLessThanOrEqualTo(view.sampleRate() * PcmDatagram.MAX_MILLIS / 1000);
            }
        }
    }
}
