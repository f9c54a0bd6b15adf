package io.parley.bench;

import io.parley.leg.FrameListener;
import io.parley.pcmlink.PcmDatagram;
import io.parley.pcmlink.PcmHmac;
import io.parley.pcmlink.PcmLink;
import io.parley.pcmlink.PcmReceiver;
import io.parley.pcmlink.PcmSigner;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What authenticating the gateway-bridge PCM link costs per 20 ms datagram (656 bytes signed):
 * the sender's signing, and a receiver's whole work with and without verification (source
 * check, parse, HMAC, replay window, handing on the 16 kHz frame).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PcmLinkBench {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 6121);
    private final SecretKeySpec key =
            PcmHmac.derive("a secret for the benchmark", "b", "1", PcmHmac.Direction.TO_BRIDGE);
    private final PcmSigner signer = PcmHmac.signer(key);
    private final FrameListener sink = (frame, origin) -> {};
    private final PcmReceiver plain = new PcmReceiver(sink, PcmLink.unsigned(PEER));
    private final PcmReceiver verifying = new PcmReceiver(sink, new PcmLink(PEER, Optional.of(key), Optional.of(key)));
    private final short[] samples = new short[320];
    private final byte[] datagram = new byte[PcmDatagram.MAX_BYTES];
    private final ByteBuffer buffer = ByteBuffer.wrap(datagram);
    private int sequence;

    private int write() {
        return PcmDatagram.write(datagram, 0, sequence++ & 0xffff, 16_000, 0, 0, samples, 0, 320);
    }

    @Benchmark
    public int sign() {
        return signer.sign(datagram, write());
    }

    @Benchmark
    public long receiveUnsigned() {
        buffer.clear().limit(write());
        plain.onDatagram(buffer, PEER, 0);
        return plain.datagrams();
    }

    /** Signing included: a receiver needs a fresh counter each time, as a sender gives it. */
    @Benchmark
    public long signAndReceiveVerified() {
        buffer.clear().limit(signer.sign(datagram, write()));
        verifying.onDatagram(buffer, PEER, 0);
        return verifying.datagrams();
    }
}
