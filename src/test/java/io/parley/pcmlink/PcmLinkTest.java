package io.parley.pcmlink;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import io.parley.audio.Resampler;
import io.parley.leg.FrameListener;
import io.parley.leg.Frames;
import io.parley.media.UdpEndpoint;
import io.parley.media.UdpReactor;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's PCM rows: who may send PCM to a gateway or a bridge, what a signed link refuses, and
 * that input is bounded (rates, lengths) without allocating or throwing on the network thread.
 */
class PcmLinkTest {
    private static final String SECRET = "correct horse battery staple";
    private static final InetSocketAddress GATEWAY = new InetSocketAddress("127.0.0.1", 6121);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("127.0.0.1", 40_000);
    private static final long NOW_MICROS = 1_800_000_000_000_000L;

    private final AtomicLong wallMicros = new AtomicLong(NOW_MICROS);
    private final AtomicInteger frames = new AtomicInteger();
    private final FrameListener counting = (frame, origin) -> frames.incrementAndGet();
    private final SecretKeySpec up = PcmHmac.derive(SECRET, "3333-4444", "3333", PcmHmac.Direction.TO_BRIDGE);
    private final byte[] buf = new byte[UdpReactor.MAX_DATAGRAM];
    private final ByteBuffer wrapped = ByteBuffer.wrap(buf);
    private final short[] silence = new short[320];
    private int sequence;

    private PcmReceiver unsignedReceiver() {
        return new PcmReceiver(counting, GATEWAY, PcmVerifier.NONE);
    }

    private PcmReceiver signedReceiver() {
        return new PcmReceiver(counting, GATEWAY, PcmHmac.verifier(up, wallMicros::get));
    }

    /** Writes a 20 ms 16 kHz datagram (sequence counting up) into {@link #buf} and returns its length. */
    private int frame(int flags) {
        return PcmDatagram.write(buf, flags, sequence++ & 0xffff, 16_000, 320L * sequence, 0, silence, 0, 320);
    }

    private void deliver(PcmReceiver r, int length, InetSocketAddress from) {
        wrapped.clear().limit(length);
        r.onDatagram(wrapped, from, System.nanoTime());
    }

    @Test
    void forgedDatagramsFromAnotherSourceAreDroppedAndTheCallGoesOn() {
        PcmReceiver r = unsignedReceiver();
        for (int i = 0; i < 10; i++) {
            deliver(r, frame(i == 0 ? PcmDatagram.FLAG_START : 0), GATEWAY);
        }
        // The attack of the issue: 20-byte datagrams whose sequence is far ahead of the gateway's.
        for (int i = 0; i < 4; i++) {
            int n = PcmDatagram.write(buf, 0, sequence + 30_000, 16_000, 0, 0, new short[] {32_000, 32_000}, 0, 2);
            deliver(r, n, STRANGER);
        }
        for (int i = 0; i < 10; i++) {
            deliver(r, frame(0), GATEWAY);
        }
        assertThat(frames.get())
                .as("every genuine frame played, none of the stranger's")
                .isEqualTo(20);
        assertThat(r.late()).isZero();
        assertThat(r.drops()).containsExactly(Map.entry("pcm_unexpected_source", 4L));
    }

    @Test
    void aSignedLinkPlaysOnlyAuthenticFreshNewDatagrams() {
        PcmReceiver r = signedReceiver();
        PcmSigner gateway = PcmHmac.signer(up, wallMicros::get);
        deliver(r, gateway.sign(buf, frame(PcmDatagram.FLAG_START)), GATEWAY);
        assertThat(frames.get()).isEqualTo(1);
        byte[] accepted = Arrays.copyOf(buf, PcmDatagram.HEADER + 640 + PcmDatagram.TRAILER);

        deliver(r, frame(0), GATEWAY);
        assertThat(r.dropped(PcmDatagram.Problem.UNSIGNED)).as("unsigned").isEqualTo(1);

        int n = gateway.sign(buf, frame(0));
        buf[PcmDatagram.HEADER + 7] ^= 1; // one bit of one sample
        deliver(r, n, GATEWAY);
        assertThat(r.dropped(PcmDatagram.Problem.BAD_SIGNATURE)).as("tampered").isEqualTo(1);

        for (PcmHmac.Direction d : PcmHmac.Direction.values()) {
            for (String leg : new String[] {"3333", "4444"}) {
                if (d == PcmHmac.Direction.TO_BRIDGE && leg.equals("3333")) {
                    continue;
                }
                PcmSigner other = PcmHmac.signer(PcmHmac.derive(SECRET, "3333-4444", leg, d), wallMicros::get);
                deliver(r, other.sign(buf, frame(0)), GATEWAY);
            }
        }
        PcmSigner wrongSecret = PcmHmac.signer(
                PcmHmac.derive("another secret, also long", "3333-4444", "3333", PcmHmac.Direction.TO_BRIDGE),
                wallMicros::get);
        deliver(r, wrongSecret.sign(buf, frame(0)), GATEWAY);
        assertThat(r.dropped(PcmDatagram.Problem.BAD_SIGNATURE))
                .as("signed for another leg, direction or secret")
                .isEqualTo(1 + 3 + 1);

        System.arraycopy(accepted, 0, buf, 0, accepted.length);
        deliver(r, accepted.length, GATEWAY);
        assertThat(r.dropped(PcmDatagram.Problem.REPLAYED))
                .as("a copy of an accepted datagram")
                .isEqualTo(1);

        wallMicros.addAndGet(PcmHmac.MAX_SKEW_MICROS + 1_000_000);
        deliver(r, accepted.length, GATEWAY);
        assertThat(r.dropped(PcmDatagram.Problem.STALE))
                .as("the same, played again later")
                .isEqualTo(1);
        PcmSigner skewed = PcmHmac.signer(up, () -> wallMicros.get() + PcmHmac.MAX_SKEW_MICROS + 1_000_000);
        deliver(r, skewed.sign(buf, frame(0)), GATEWAY);
        assertThat(r.dropped(PcmDatagram.Problem.STALE))
                .as("a sender whose clock is ahead")
                .isEqualTo(2);

        // The gateway restarts: a new signer counts from the wall clock again, above what it sent before.
        PcmSigner restarted = PcmHmac.signer(up, wallMicros::get);
        deliver(r, restarted.sign(buf, frame(PcmDatagram.FLAG_START)), GATEWAY);
        deliver(r, restarted.sign(buf, frame(0)), GATEWAY);
        assertThat(frames.get()).isEqualTo(3);
        assertThat(r.late()).isZero();

        deliver(r, gateway.sign(buf, frame(0)), STRANGER);
        assertThat(r.dropped(PcmDatagram.Problem.UNEXPECTED_SOURCE))
                .as("even signed, from another address")
                .isEqualTo(1);
        assertThat(frames.get()).isEqualTo(3);
    }

    @Test
    void anOlderAuthenticDatagramIsLateAndAnUnsignedLinkRefusesSignedOnes() {
        PcmReceiver r = signedReceiver();
        PcmSigner gateway = PcmHmac.signer(up, wallMicros::get);
        byte[][] sent = new byte[PcmHmac.WINDOW + 2][];
        for (int i = 0; i < sent.length; i++) {
            int n = gateway.sign(buf, frame(i == 0 ? PcmDatagram.FLAG_START : 0));
            sent[i] = Arrays.copyOf(buf, n);
        }
        deliver(r, copy(sent[1]), GATEWAY);
        deliver(r, copy(sent[0]), GATEWAY);
        assertThat(r.late()).as("an authentic datagram older than the newest").isEqualTo(1);
        for (int i = 2; i < sent.length; i++) {
            deliver(r, copy(sent[i]), GATEWAY);
        }
        deliver(r, copy(sent[1]), GATEWAY);
        assertThat(r.late())
                .as("a copy older than the window: late, not played")
                .isEqualTo(2);
        assertThat(r.dropped(PcmDatagram.Problem.REPLAYED)).isZero();
        assertThat(frames.get()).isEqualTo(sent.length - 1);

        PcmReceiver plain = unsignedReceiver();
        deliver(plain, copy(sent[5]), GATEWAY);
        assertThat(plain.drops()).containsExactly(Map.entry("pcm_unexpected_signature", 1L));
    }

    private int copy(byte[] datagram) {
        System.arraycopy(datagram, 0, buf, 0, datagram.length);
        return datagram.length;
    }

    @Test
    void everyAllowedRatePlaysForItsDurationAndNoOtherRateIsHeard() {
        PcmReceiver r = unsignedReceiver();
        int expected = 0;
        for (int round = 0; round < 3; round++) {
            for (int rate : PcmDatagram.rates()) {
                int sixty = rate * 60 / 1000;
                deliver(
                        r,
                        PcmDatagram.write(
                                buf, PcmDatagram.FLAG_START, sequence++, rate, 0, 0, tone(sixty, rate), 0, sixty),
                        GATEWAY);
                expected += 3;
            }
        }
        // A resampler delays its output a little, so the last frame of a rate may come with the next datagram.
        assertThat(frames.get()).isBetween(expected - 2, expected);
        int before = frames.get();
        int refused = 0;
        for (int rate = 7_000; rate < 7_000 + 450 * 97; rate += 97) { // 450 rates, as in the issue
            deliver(
                    r,
                    PcmDatagram.write(buf, PcmDatagram.FLAG_START, sequence++, rate, 0, 0, new short[320], 0, 320),
                    GATEWAY);
            refused += PcmDatagram.allowedRate(rate) ? 0 : 1;
        }
        assertThat(refused).isEqualTo(450);
        assertThat(frames.get()).isEqualTo(before);
        assertThat(r.dropped(PcmDatagram.Problem.BAD_RATE)).isEqualTo(450);
    }

    /**
     * The network thread's work per datagram allocates nothing: signing, verifying, parsing,
     * resampling at every allowed rate in turn, and refusing strangers, bad rates and forgeries.
     * (The 450 announced rates grew the heap by 160 MB through a resampler cached per rate.)
     */
    @Test
    void receivingAndSigningAllocateNothing() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        PcmReceiver r = signedReceiver();
        PcmSigner gateway = PcmHmac.signer(up, wallMicros::get);
        short[] samples = tone(PcmDatagram.MAX_SAMPLES, 48_000);
        int[] rates = PcmDatagram.rates();
        Runnable cycle = () -> {
            for (int rate : rates) {
                int n = rate / 50;
                deliver(
                        r,
                        gateway.sign(buf, PcmDatagram.write(buf, 0, sequence++ & 0xffff, rate, 0, 0, samples, 0, n)),
                        GATEWAY);
            }
            deliver(r, PcmDatagram.write(buf, 0, sequence++ & 0xffff, 11_025, 0, 0, samples, 0, 220), GATEWAY);
            deliver(r, gateway.sign(buf, frame(0)), STRANGER);
            int n = gateway.sign(buf, frame(0));
            buf[n - 1] ^= 1;
            deliver(r, n, GATEWAY);
        };
        for (int i = 0; i < 5_000; i++) {
            cycle.run(); // warm up: class loading, JIT compilation
        }
        int played = frames.get();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20_000; i++) {
            cycle.run();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated)
                .as("bytes allocated over 20,000 cycles of 8 datagrams")
                .isLessThan(4096);
        assertThat(frames.get() - played)
                .as("20 ms at each of 5 rates per cycle")
                .isBetween(5 * 20_000 - 5, 5 * 20_000);
        assertThat(r.dropped(PcmDatagram.Problem.BAD_RATE)).isEqualTo(25_000);
        assertThat(r.dropped(PcmDatagram.Problem.BAD_SIGNATURE)).isEqualTo(25_000);
        assertThat(r.dropped(PcmDatagram.Problem.UNEXPECTED_SOURCE)).isEqualTo(25_000);
    }

    /** The 5776-byte datagram (60 ms at 48 kHz) played ~21 ms: it was cut to a 2048-byte buffer. */
    @Test
    void theLongestLegalDatagramPlaysWholeOverARealSocketAndALongerOneIsDropped() throws Exception {
        try (UdpReactor reactor = new UdpReactor("pcm-test", 1);
                DatagramSocket gateway = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            PcmReceiver r =
                    new PcmReceiver(counting, (InetSocketAddress) gateway.getLocalSocketAddress(), PcmVerifier.NONE);
            UdpEndpoint bridge = reactor.bind(new InetSocketAddress("127.0.0.1", 0), r);
            int n = PcmDatagram.write(buf, PcmDatagram.FLAG_START, 1, 48_000, 0, 0, tone(2880, 48_000), 0, 2880);
            assertThat(n).isEqualTo(5776);
            gateway.send(new DatagramPacket(buf, n, bridge.localAddress()));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> frames.get() >= 2);
            byte[] longer = Arrays.copyOf(buf, 6000);
            gateway.send(new DatagramPacket(longer, longer.length, bridge.localAddress()));
            byte[] huge = Arrays.copyOf(buf, 20_000);
            gateway.send(new DatagramPacket(huge, huge.length, bridge.localAddress()));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> r.dropped(PcmDatagram.Problem.TOO_LONG) == 2);
            assertThat(frames.get())
                    .as("60 ms in 20 ms frames (the resampler holds back a few samples)")
                    .isBetween(2, 3);
            assertThat(r.datagrams()).isEqualTo(1);
            bridge.close();
        }
    }

    @Test
    void theResampledBufferHoldsTheLongestDatagramOfEveryRate() {
        for (int rate : PcmDatagram.rates()) {
            if (rate != Frames.RATE) {
                assertThat(new Resampler(rate, Frames.RATE).maxOutputSamples(rate * 60 / 1000))
                        .as("%d Hz", rate)
                        .isLessThanOrEqualTo(PcmReceiver.MAX_RESAMPLED);
            }
        }
    }

    /** The allocation-free HMAC is HMAC-SHA256: RFC 4231 test case 2, and random keys and messages against the JDK's. */
    @Test
    void theHmacIsHmacSha256() throws Exception {
        byte[] out = new byte[32];
        byte[] message = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        new PcmHmac.Hmac(new SecretKeySpec("Jefe".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"))
                .compute(message, 0, message.length, out);
        assertThat(HexFormat.of().formatHex(out))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        Random random = new Random(4231);
        for (int i = 0; i < 200; i++) {
            byte[] key = new byte[1 + random.nextInt(100)];
            byte[] data = new byte[random.nextInt(6000)];
            random.nextBytes(key);
            random.nextBytes(data);
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            jdk.update(data, 3 % (data.length + 1), data.length - 3 % (data.length + 1));
            new PcmHmac.Hmac(new SecretKeySpec(key, "HmacSHA256"))
                    .compute(data, 3 % (data.length + 1), data.length - 3 % (data.length + 1), out);
            assertThat(out).isEqualTo(jdk.doFinal());
        }
    }

    private static short[] tone(int n, int rate) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
        }
        return s;
    }
}
