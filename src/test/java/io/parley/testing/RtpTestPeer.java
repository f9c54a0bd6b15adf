package io.parley.testing;

import io.parley.audio.AudioClip;
import io.parley.audio.AudioCodec;
import io.parley.audio.LevelMeter;
import io.parley.audio.Resampler;
import io.parley.audio.WavFile;
import io.parley.rtp.DropReason;
import io.parley.rtp.RtpPacket;
import io.parley.rtp.RtpStreamWriter;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * Asterisk's side of one call leg, for bridge tests: sends 8 kHz audio as RTP every 20 ms from
 * its own socket, and records what comes back (decoded, with each packet's arrival time).
 */
public final class RtpTestPeer implements AutoCloseable {
    private final DatagramSocket socket;
    private final AudioCodec codec;
    private final int payloadType;
    private final List<short[]> heard = new ArrayList<>();
    private final List<Long> heardAt = new ArrayList<>();
    private final List<Long> heardTimestamps = new ArrayList<>();
    private final List<Header> headers = new ArrayList<>();
    private final Thread receiver;
    private volatile InetSocketAddress echoTo;
    private final RtpStreamWriter echoWriter = RtpStreamWriter.random(0, new Random(2));

    public RtpTestPeer(String codecName, int payloadType) throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.codec = AudioCodec.byAsteriskName(codecName).orElseThrow();
        this.payloadType = payloadType;
        this.receiver = Thread.ofPlatform().daemon().start(this::receive);
    }

    private void receive() {
        byte[] buf = new byte[2048];
        RtpPacket packet = new RtpPacket();
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            long at = System.nanoTime();
            if (packet.unmarshal(buf, 0, p.getLength()) != DropReason.NONE) {
                continue;
            }
            InetSocketAddress echo = echoTo;
            if (echo != null) {
                byte[] back = new byte[12 + packet.payloadLength()];
                int n = echoWriter.write(
                        packet.payloadBuffer(),
                        packet.payloadOffset(),
                        packet.payloadLength(),
                        codec.decodedSamples(packet.payloadLength()),
                        back,
                        0);
                try {
                    socket.send(new DatagramPacket(back, n, echo));
                } catch (IOException e) {
                    return;
                }
            }
            short[] samples = new short[codec.decodedSamples(packet.payloadLength())];
            codec.decode(packet.payloadBuffer(), packet.payloadOffset(), packet.payloadLength(), samples, 0);
            synchronized (heard) {
                heard.add(samples);
                heardAt.add(at);
                heardTimestamps.add(packet.timestamp());
                headers.add(new Header(
                        packet.ssrc(),
                        packet.sequenceNumber(),
                        packet.timestamp(),
                        packet.marker(),
                        packet.payloadType()));
            }
        }
    }

    /** Sends {@code samples} (at the codec's rate) as 20 ms packets, paced, to {@code to}; returns when done. */
    public long[] play(short[] samples, InetSocketAddress to) throws IOException {
        return play(samples, to, 20);
    }

    /** The same with packets of {@code packetMillis} each (a leg configured for another ptime), sent as often. */
    public long[] play(short[] samples, InetSocketAddress to, int packetMillis) throws IOException {
        RtpStreamWriter writer = RtpStreamWriter.random(payloadType, new Random(1));
        int frame = codec.sampleRate() * packetMillis / 1000;
        byte[] payload = new byte[codec.encodedSize(frame)];
        byte[] out = new byte[12 + payload.length];
        int frames = (samples.length + frame - 1) / frame;
        long[] sentAt = new long[frames];
        long start = System.nanoTime();
        short[] chunk = new short[frame];
        for (int i = 0; i < frames; i++) {
            long due = start + i * packetMillis * 1_000_000L;
            LockSupport.parkNanos(due - System.nanoTime());
            Arrays.fill(chunk, (short) 0);
            System.arraycopy(samples, i * frame, chunk, 0, Math.min(frame, samples.length - i * frame));
            int n = codec.encode(chunk, 0, frame, payload, 0);
            int len = writer.write(payload, 0, n, frame, out, 0);
            sentAt[i] = System.nanoTime();
            socket.send(new DatagramPacket(out, len, to));
        }
        return sentAt;
    }

    /** Sends everything it hears straight back to {@code to}, as a phone's echo would (null: stop). */
    public void echo(InetSocketAddress to) {
        echoTo = to;
    }

    /** Plays silence for {@code millis}, e.g. so the leg learns where to send. */
    public void silence(int millis, InetSocketAddress to) throws IOException {
        play(new short[codec.sampleRate() * millis / 1000], to);
    }

    /** Everything heard so far, concatenated. */
    public short[] heard() {
        synchronized (heard) {
            int n = heard.stream().mapToInt(a -> a.length).sum();
            short[] all = new short[n];
            int at = 0;
            for (short[] a : heard) {
                System.arraycopy(a, 0, all, at, a.length);
                at += a.length;
            }
            return all;
        }
    }

    /** Index of the last 20 ms frame of {@code samples} (at {@code rate}) louder than {@code dbfs}. */
    public static int lastLoudFrame(short[] samples, int rate, double dbfs) {
        int frame = rate / 50;
        int last = -1;
        for (int i = 0; i + frame <= samples.length; i += frame) {
            if (LevelMeter.rmsDbfs(samples, i, frame) > dbfs) {
                last = i / frame;
            }
        }
        return last;
    }

    /** Packets heard between two instants whose audio is louder than {@code dbfs}. */
    public int loudPacketsBetween(long from, long to, double dbfs) {
        int n = 0;
        synchronized (heard) {
            for (int i = 0; i < heard.size(); i++) {
                short[] a = heard.get(i);
                long at = heardAt.get(i);
                if (at >= from && at <= to && LevelMeter.rmsDbfs(a, 0, a.length) > dbfs) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Arrival time of the first packet after {@code after} whose audio is louder than {@code dbfs}. */
    public long firstLoudAfter(long after, double dbfs) {
        synchronized (heard) {
            for (int i = 0; i < heard.size(); i++) {
                short[] a = heard.get(i);
                if (heardAt.get(i) > after && LevelMeter.rmsDbfs(a, 0, a.length) > dbfs) {
                    return heardAt.get(i);
                }
            }
        }
        return -1;
    }

    /** The RTP timestamp of every packet heard, in order, with the samples each carried. */
    public List<long[]> timestampsAndSamples() {
        synchronized (heard) {
            List<long[]> out = new ArrayList<>();
            for (int i = 0; i < heard.size(); i++) {
                out.add(new long[] {heardTimestamps.get(i), heard.get(i).length});
            }
            return out;
        }
    }

    /** The RTP header of a packet heard. */
    public record Header(int ssrc, int sequence, long timestamp, boolean marker, int payloadType) {}

    /** The headers of every packet heard, in order of arrival. */
    public List<Header> headers() {
        synchronized (heard) {
            return List.copyOf(headers);
        }
    }

    /** Sends one datagram as it is, e.g. an RTP packet written by the test. */
    public void send(byte[] datagram, int length, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(datagram, length, to));
    }

    public int packetsHeard() {
        synchronized (heard) {
            return heard.size();
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Speech synthesised by flite (English) or espeak-ng (other languages), at {@code rate}. */
    public static short[] speech(String text, String language, int rate) throws IOException, InterruptedException {
        Path wav = Files.createTempFile("speech", ".wav");
        try {
            ProcessBuilder pb = language.equals("en")
                    ? new ProcessBuilder("flite", "-voice", "slt", "-t", text, "-o", wav.toString())
                    : new ProcessBuilder("espeak-ng", "-v", language, "-w", wav.toString(), text);
            Process p = pb.redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IOException(pb.command() + " failed");
            }
            AudioClip clip = WavFile.read(wav);
            Resampler r = new Resampler(clip.sampleRate(), rate);
            short[] out = new short[r.maxOutputSamples(clip.samples().length) + 64];
            int n = r.process(clip.samples(), 0, clip.samples().length, out, 0);
            return Arrays.copyOf(out, n);
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            receiver.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
