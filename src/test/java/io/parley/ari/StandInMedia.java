package io.parley.ari;

import io.parley.audio.AudioCodec;
import io.parley.audio.Tone;
import io.parley.audio.ToneDetector;
import io.parley.audio.ToneGenerator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The stand-in's media for one ExternalMedia channel, as chan_rtp (UnicastRTP) does it: a UDP
 * socket on 127.0.0.1 whose port is the channel's {@code UNICASTRTP_LOCAL_PORT}, RTP (RFC 3550,
 * 20 ms packets, random SSRC, sequence number and timestamp) from that port to {@code external_host}.
 *
 * <p>What it sends is what the bridge gives the channel: the audio of the callers that share its
 * bridge and are not held by a playback (each caller speaks a tone of its own frequency), encoded
 * in the channel's format: "the format you specify is the format you'll get" (ExternalMedia page of
 * the Asterisk documentation); ulaw/alaw 160 bytes, slin big-endian 320 bytes, slin16 640 bytes.
 * With no such caller the bridge has nothing for it and no packet leaves (a two-party mixing
 * bridge sends nothing during silence); the timestamp keeps counting the sampling clock and the
 * first packet after a gap carries the marker bit.
 *
 * <p>What it receives is decoded and kept: that is what the bridge gives the callers (while no
 * playback holds them), so a test can tell which tone came back. RTP with payload type 118
 * (slin16) is dropped (asterisk/documentation issue #142); strict RTP ({@code strictrtp=yes},
 * {@code probation=4} in rtp.conf) accepts RTP from {@code external_host} at once and from another
 * source only after {@value #PROBATION} packets in sequence, which it drops while learning.
 */
public final class StandInMedia implements AutoCloseable {
    /** rtp.conf's {@code probation}: in-sequence packets a new source sends before it is accepted. */
    public static final int PROBATION = 4;

    private static final long PACKET_NANOS = 20_000_000L;
    /** What the callers hear is kept this long. */
    private static final int HEARD_MILLIS = 2_000;

    private static final double VOICE_DBFS = -12;

    private final DatagramChannel socket;
    private final InetSocketAddress target;
    private final String format;
    private final AudioCodec codec;
    private final int payloadType;
    private final int samplesPerPacket;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong droppedSlin16 = new AtomicLong();
    private final AtomicLong droppedLearning = new AtomicLong();
    private final AtomicInteger lastPayloadType = new AtomicInteger(-1);
    private final AtomicReference<SocketAddress> lastSource = new AtomicReference<>();
    /** Frequencies of the callers the bridge mixes for this channel; empty: nothing to send. */
    private volatile List<Double> voices = List.of();

    private volatile boolean closed;
    private final Thread sender;
    private final Thread receiver;

    // What the callers hear: a ring of decoded samples, guarded by itself.
    private final short[] heard;
    private int heardEnd;
    private long heardTotal;
    private long lastHeardNanos;

    StandInMedia(InetSocketAddress target, String format) throws IOException {
        this.target = target;
        this.format = format;
        this.codec = AudioCodec.byAsteriskName(format)
                .orElseThrow(() -> new IllegalArgumentException("format " + format + " has no codec here"));
        this.payloadType = switch (format) {
            case "ulaw" -> 0;
            case "alaw" -> 8;
            case "slin" -> 10;
            case "slin16" -> 118;
            default -> throw new IllegalArgumentException("format " + format);
        };
        this.samplesPerPacket = codec.sampleRate() / 50;
        this.heard = new short[codec.sampleRate() * HEARD_MILLIS / 1000];
        socket = DatagramChannel.open();
        socket.setOption(StandardSocketOptions.SO_REUSEADDR, false);
        socket.bind(new InetSocketAddress("127.0.0.1", 0));
        receiver = Thread.ofVirtual().name("standin-rtp-rx").start(this::receive);
        sender = Thread.ofVirtual().name("standin-rtp-tx").start(this::send);
    }

    public int localPort() {
        return socket.socket().getLocalPort();
    }

    /** The bridge now mixes these callers' voices (tone frequencies) for this channel; none: silence. */
    void hears(List<Double> frequencies) {
        voices = List.copyOf(frequencies);
    }

    public boolean isSending() {
        return !voices.isEmpty() && !closed;
    }

    public String format() {
        return format;
    }

    public long sent() {
        return sent.get();
    }

    /** RTP packets accepted from parley (any payload type but 118). */
    public long received() {
        return received.get();
    }

    public long droppedSlin16() {
        return droppedSlin16.get();
    }

    /** Packets from a source other than external_host dropped while strict RTP learned it. */
    public long droppedLearning() {
        return droppedLearning.get();
    }

    public int lastPayloadType() {
        return lastPayloadType.get();
    }

    public SocketAddress lastSource() {
        return lastSource.get();
    }

    /**
     * The last {@code window} of audio received from parley, decoded at the format's rate; empty when
     * nothing arrived within {@code window} (parley went quiet).
     */
    public short[] heard(Duration window) {
        synchronized (heard) {
            if (heardTotal == 0 || System.nanoTime() - lastHeardNanos > window.toNanos()) {
                return new short[0];
            }
            int n = (int) Math.min(Math.min(heard.length, heardTotal), window.toMillis() * codec.sampleRate() / 1000);
            short[] out = new short[n];
            for (int i = 0; i < n; i++) {
                out[i] = heard[Math.floorMod(heardEnd - n + i, heard.length)];
            }
            return out;
        }
    }

    /** The tone in the last 300 ms of what parley sent, if a tone is there. */
    public Optional<Tone> toneHeard() {
        short[] recent = heard(Duration.ofMillis(300));
        if (recent.length < codec.sampleRate() / 10) {
            return Optional.empty();
        }
        return new ToneDetector(codec.sampleRate()).detect(recent, 0, recent.length);
    }

    /**
     * Whether the last 300 ms of what parley sent hold every one of {@code frequencies} (each at least
     * -30 dBFS): a dual tone such as a ringing tone of 440+480 Hz, which {@link #toneHeard} does not see.
     */
    public boolean hears(double... frequencies) {
        short[] recent = heard(Duration.ofMillis(300));
        if (recent.length < codec.sampleRate() / 10) {
            return false;
        }
        for (double hz : frequencies) {
            if (ToneDetector.amplitude(recent, 0, recent.length, codec.sampleRate(), hz)
                    < 32767 * Math.pow(10, -30 / 20.0)) {
                return false;
            }
        }
        return true;
    }

    private void send() {
        SecureRandom random = new SecureRandom();
        int ssrc = random.nextInt();
        int seq = random.nextInt(0x10000);
        int timestamp = random.nextInt();
        ByteBuffer packet = ByteBuffer.allocate(12 + codec.encodedSize(samplesPerPacket));
        short[] samples = new short[samplesPerPacket];
        short[] one = new short[samplesPerPacket];
        byte[] payload = new byte[codec.encodedSize(samplesPerPacket)];
        List<Double> playing = List.of();
        ToneGenerator[] generators = new ToneGenerator[0];
        boolean marker = true;
        long deadline = System.nanoTime();
        while (!closed) {
            List<Double> now = voices;
            if (now != playing) {
                playing = now;
                generators = now.stream()
                        .map(hz -> new ToneGenerator(codec.sampleRate(), hz, VOICE_DBFS))
                        .toArray(ToneGenerator[]::new);
            }
            if (generators.length == 0) {
                marker = true;
            } else {
                mix(generators, samples, one);
                int bytes = codec.encode(samples, 0, samplesPerPacket, payload, 0);
                packet.clear();
                packet.put((byte) 0x80)
                        .put((byte) (payloadType | (marker ? 0x80 : 0)))
                        .putShort((short) seq)
                        .putInt(timestamp)
                        .putInt(ssrc)
                        .put(payload, 0, bytes)
                        .flip();
                try {
                    socket.send(packet, target);
                    sent.incrementAndGet();
                } catch (IOException e) {
                    if (closed) {
                        return;
                    }
                }
                seq = (seq + 1) & 0xffff;
                marker = false;
            }
            timestamp += samplesPerPacket;
            deadline += PACKET_NANOS;
            long wait = deadline - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    /** A mixing bridge sums its talkers. */
    private void mix(ToneGenerator[] generators, short[] out, short[] one) {
        Arrays.fill(out, (short) 0);
        for (ToneGenerator g : generators) {
            g.fill(one, 0, one.length);
            for (int i = 0; i < out.length; i++) {
                out[i] = (short) Math.clamp(out[i] + one[i], Short.MIN_VALUE, Short.MAX_VALUE);
            }
        }
    }

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        short[] decoded = new short[2048];
        SocketAddress accepted = target;
        SocketAddress learning = null;
        int learnedPackets = 0;
        int learningSeq = -1;
        while (!closed) {
            buffer.clear();
            try {
                SocketAddress from = socket.receive(buffer);
                buffer.flip();
                if (buffer.remaining() < 12 || (buffer.get(0) & 0xc0) != 0x80) {
                    continue;
                }
                int pt = buffer.get(1) & 0x7f;
                int seq = buffer.getShort(2) & 0xffff;
                if (!from.equals(accepted)) {
                    if (from.equals(learning) && seq == ((learningSeq + 1) & 0xffff)) {
                        learnedPackets++;
                    } else {
                        learning = from;
                        learnedPackets = 1;
                    }
                    learningSeq = seq;
                    if (learnedPackets <= PROBATION) {
                        droppedLearning.incrementAndGet();
                        continue;
                    }
                    accepted = from;
                    learning = null;
                }
                lastPayloadType.set(pt);
                lastSource.set(from);
                if (pt == 118) {
                    droppedSlin16.incrementAndGet();
                    continue;
                }
                received.incrementAndGet();
                Optional<AudioCodec> decoder = switch (pt) {
                    case 0 -> AudioCodec.byAsteriskName("ulaw");
                    case 8 -> AudioCodec.byAsteriskName("alaw");
                    case 10 -> AudioCodec.byAsteriskName("slin");
                    default -> Optional.empty();
                };
                int header = 12 + 4 * (buffer.get(0) & 0x0f);
                if (decoder.isPresent()
                        && decoder.get().sampleRate() == codec.sampleRate()
                        && buffer.limit() > header) {
                    int n = decoder.get().decode(buffer.array(), header, buffer.limit() - header, decoded, 0);
                    keep(decoded, n);
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void keep(short[] samples, int n) {
        synchronized (heard) {
            for (int i = 0; i < n; i++) {
                heard[heardEnd] = samples[i];
                heardEnd = (heardEnd + 1) % heard.length;
            }
            heardTotal += n;
            lastHeardNanos = System.nanoTime();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Best effort.
        }
    }
}
