package io.parley.pcmlink;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.parley.leg.FrameListener;
import io.parley.leg.Frames;
import io.parley.media.UdpReactor;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import javax.crypto.spec.SecretKeySpec;

/**
 * Coverage-guided fuzzing (Jazzer) of a PCM receiver, signed and not: parsing, verifying, the
 * sequence checks and resampling at every allowed rate, over a run of datagrams. The input is a
 * flag byte (bit 0: the link is signed) and then a run of {@code [length: 2 bytes][datagram]};
 * the seeds in {@code PcmFuzzTestInputs/} are datagrams parley's own transmitter writes (and
 * one the fuzzer found when the rate check was broken on purpose). Nothing
 * may throw, and every frame handed on is one 20 ms frame.
 */
class PcmFuzzTest {
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 6121);
    static final long SEED_WALL_MICROS = 1_800_000_000_000_000L;

    @FuzzTest(maxDuration = "10s")
    void datagrams(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int[] frames = new int[1];
        FrameListener listener = (frame, origin) -> {
            assertThat(frame).hasSize(Frames.SAMPLES);
            frames[0]++;
        };
        boolean signed = (input[0] & 1) != 0;
        PcmReceiver receiver = new PcmReceiver(
                listener, PEER, signed ? PcmHmac.verifier(key(), () -> SEED_WALL_MICROS) : PcmVerifier.NONE);
        int count = 0;
        for (int at = 1; at + 2 <= input.length; count++) {
            int length = Math.min(((input[at] & 0xff) << 8) | (input[at + 1] & 0xff), input.length - at - 2);
            ByteBuffer datagram = ByteBuffer.allocate(UdpReactor.MAX_DATAGRAM);
            datagram.put(input, at + 2, Math.min(length, datagram.capacity())).flip();
            at += 2 + length;
            receiver.onDatagram(datagram, PEER, count * 20_000_000L);
        }
        assertThat(receiver.datagrams()).isLessThanOrEqualTo(count);
        assertThat(frames[0]).isLessThanOrEqualTo(count * (PcmDatagram.MAX_MILLIS / Frames.MILLIS + 1));
    }

    /** The key the signed seeds were made with. */
    static SecretKeySpec key() {
        return PcmHmac.derive("fuzzing secret, not a real one", "3333-4444", "3333", PcmHmac.Direction.TO_BRIDGE);
    }
}
