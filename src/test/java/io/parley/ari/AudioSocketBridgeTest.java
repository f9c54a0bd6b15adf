package io.parley.ari;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.audio.Tone;
import io.parley.audio.ToneDetector;
import io.parley.audio.ToneGenerator;
import io.parley.bridge.BridgeHost;
import io.parley.bridge.LegFactory;
import io.parley.bridge.Role;
import io.parley.config.ConfigLoader;
import io.parley.config.ParleyConfig;
import io.parley.event.EventBus;
import io.parley.media.MediaClock;
import io.parley.media.UdpReactor;
import io.parley.speech.Availability;
import io.parley.speech.SpeechRecognizer;
import io.parley.speech.SpeechServices;
import io.parley.speech.Synthesizer;
import io.parley.speech.Translator;
import io.parley.testing.FreePorts;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.assertj.core.data.Offset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Two AudioSocket calls cross-patched: each caller's tone reaches the other; a third call to a busy leg is refused. */
class AudioSocketBridgeTest {
    private static final int A = FreePorts.tcp();
    private static final int B = FreePorts.tcp();

    private static final String CONFIG = """
            bridges:
              - name: as
                mode: crosspatch
                topology: audiosocket
                legs:
                  - extension: "9001"
                    codec: slin
                    audioSocket: {tcp: %d}
                  - extension: "9002"
                    codec: slin
                    audioSocket: {tcp: %d}
            """.formatted(A, B);

    /** Asterisk's side of an AudioSocket call: sends a tone (or silence) every 20 ms, keeps what it hears. */
    private static final class Caller implements AutoCloseable {
        final Socket socket = new Socket();
        final ByteBuffer heard = ByteBuffer.allocate(8000 * 2 * 30).order(ByteOrder.LITTLE_ENDIAN);
        final Thread sender;
        final Thread reader;
        volatile boolean hungUp;

        Caller(int port, double toneHz) throws IOException {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            OutputStream out = socket.getOutputStream();
            UUID id = UUID.randomUUID();
            out.write(new byte[] {1, 0, 16});
            out.write(ByteBuffer.allocate(16)
                    .putLong(id.getMostSignificantBits())
                    .putLong(id.getLeastSignificantBits())
                    .array());
            ToneGenerator tone = toneHz > 0 ? new ToneGenerator(8000, toneHz, -12) : null;
            sender = Thread.ofPlatform().daemon().start(() -> {
                short[] frame = new short[160];
                ByteBuffer b = ByteBuffer.allocate(3 + 320).order(ByteOrder.LITTLE_ENDIAN);
                long next = System.nanoTime();
                try {
                    while (!socket.isClosed()) {
                        if (tone != null) {
                            tone.fill(frame, 0, 160);
                        }
                        b.clear();
                        b.put((byte) 0x10).put((byte) 1).put((byte) 64);
                        for (short s : frame) {
                            b.putShort(s);
                        }
                        out.write(b.array(), 0, b.position());
                        next += 20_000_000L;
                        LockSupport.parkNanos(next - System.nanoTime());
                    }
                } catch (IOException e) {
                    // hung up
                }
            });
            reader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    while (true) {
                        int kind = in.readUnsignedByte();
                        int length = in.readUnsignedShort();
                        byte[] payload = new byte[length];
                        in.readFully(payload);
                        if (kind == 0x00) {
                            hungUp = true;
                            return;
                        }
                        if (kind == 0x10) {
                            synchronized (heard) {
                                if (heard.remaining() >= length) {
                                    heard.put(payload);
                                }
                            }
                        }
                    }
                } catch (IOException e) {
                    hungUp = true;
                }
            });
        }

        short[] lastSecond() {
            synchronized (heard) {
                int samples = heard.position() / 2;
                int n = Math.min(8000, samples);
                short[] out = new short[n];
                for (int i = 0; i < n; i++) {
                    out[i] = heard.getShort((samples - n + i) * 2);
                }
                return out;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static final SpeechServices NO_SPEECH = new SpeechServices() {
        @Override
        public Availability<SpeechRecognizer> recognizer(String language) {
            return Availability.unavailable("not needed");
        }

        @Override
        public Availability<Translator> translator(String from, String to) {
            return Availability.unavailable("not needed");
        }

        @Override
        public Availability<Synthesizer> synthesizer(String language) {
            return Availability.unavailable("not needed");
        }
    };

    @Test
    void twoAudioSocketCallsHearEachOther() throws Exception {
        ParleyConfig config = new ConfigLoader(Map.of()).parse(CONFIG, "test.yaml");
        try (MediaClock clock = new MediaClock();
                UdpReactor reactor = new UdpReactor("t", 1)) {
            LegFactory legs = leg -> new AudioSocketLeg(leg, "127.0.0.1", clock);
            try (BridgeHost host = BridgeHost.start(
                            config,
                            new Role.All(),
                            clock,
                            (port, r) -> reactor.bind(new InetSocketAddress("127.0.0.1", port), r),
                            new EventBus(),
                            NO_SPEECH,
                            legs);
                    Caller a = new Caller(A, 440);
                    Caller b = new Caller(B, 1000)) {
                ToneDetector detector = new ToneDetector(8000);
                Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    // One snapshot per caller: the buffer grows between two reads of it.
                    short[] heardByB = b.lastSecond();
                    short[] heardByA = a.lastSecond();
                    assertThat(detector.detect(heardByB, 0, heardByB.length))
                            .map(Tone::frequencyHz)
                            .hasValueSatisfying(f -> assertThat(f).isCloseTo(440, Offset.offset(5.0)));
                    assertThat(detector.detect(heardByA, 0, heardByA.length))
                            .map(Tone::frequencyHz)
                            .hasValueSatisfying(f -> assertThat(f).isCloseTo(1000, Offset.offset(5.0)));
                });
                try (Caller third = new Caller(A, 300)) {
                    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> third.hungUp);
                }
                assertThat(a.hungUp).isFalse();
            }
        }
    }
}
