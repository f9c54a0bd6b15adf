package io.parley.ari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.media.VirtualTime;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AudioSocket server against a real TCP client playing Asterisk's part: Asterisk connects,
 * sends the UUID first, then 20 ms of slin (320 bytes, little-endian) per frame.
 */
class AudioSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final List<AudioSocketSession> opened = new CopyOnWriteArrayList<>();
    private final List<String> closed = new CopyOnWriteArrayList<>();
    /** Paces each session's writer: the tests decide how many 20 ms periods pass. */
    private final VirtualTime time = new VirtualTime(1_000_000_000L);

    private AudioSocketServer server;

    @BeforeEach
    void start() throws IOException {
        server = new AudioSocketServer(
                        new InetSocketAddress("127.0.0.1", 0),
                        8000,
                        16,
                        Duration.ofMillis(500),
                        new AudioSocketServer.Listener() {
                            @Override
                            public void opened(AudioSocketSession session) {
                                opened.add(session);
                            }

                            @Override
                            public void closed(AudioSocketSession session, String reason) {
                                closed.add(reason);
                            }
                        },
                        time)
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Asterisk's side of one connection. */
    private final class Asterisk implements AutoCloseable {
        final Socket socket = new Socket();
        final OutputStream out;
        final DataInputStream in;

        Asterisk() throws IOException {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
            socket.setSoTimeout(3000);
            out = socket.getOutputStream();
            in = new DataInputStream(socket.getInputStream());
        }

        void send(int kind, byte[] payload) throws IOException {
            out.write(new byte[] {(byte) kind, (byte) (payload.length >> 8), (byte) payload.length});
            out.write(payload);
            out.flush();
        }

        void uuid(UUID id) throws IOException {
            send(
                    0x01,
                    ByteBuffer.allocate(16)
                            .putLong(id.getMostSignificantBits())
                            .putLong(id.getLeastSignificantBits())
                            .array());
        }

        /** Reads one frame: kind, then payload. */
        int[] readFrameHeader() throws IOException {
            int kind = in.readUnsignedByte();
            int length = in.readUnsignedShort();
            return new int[] {kind, length};
        }

        byte[] readPayload(int length) throws IOException {
            byte[] p = new byte[length];
            in.readFully(p);
            return p;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static byte[] slinLittleEndian(short... samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    @Test
    void theUuidComesFirstAndAudioArrivesAsLittleEndian20msFrames() throws Exception {
        UUID id = UUID.fromString("40325ec2-5efd-4bd3-805f-53576e581d13");
        try (Asterisk asterisk = new Asterisk()) {
            asterisk.uuid(id);
            await().atMost(WAIT).until(() -> opened.size() == 1);
            AudioSocketSession session = opened.getFirst();
            assertThat(session.uuid()).isEqualTo(id);
            assertThat(session.frameSamples()).isEqualTo(160);

            short[] sent = new short[160];
            for (int i = 0; i < sent.length; i++) {
                sent[i] = (short) (i * 200 - 16000);
            }
            // Split across two frames of the wire, as Asterisk may: the session reassembles 20 ms.
            asterisk.send(0x10, slinLittleEndian(Arrays.copyOfRange(sent, 0, 100)));
            asterisk.send(0x10, slinLittleEndian(Arrays.copyOfRange(sent, 100, 160)));
            short[] got = new short[160];
            await().atMost(WAIT).until(() -> session.poll(got));
            assertThat(got).containsExactly(sent);
            assertThat(session.poll(got)).isFalse();
        }
    }

    @Test
    void silenceFlowsEvery20msWhenNothingIsQueuedAndQueuedAudioGoesOutInOrder() throws Exception {
        try (Asterisk asterisk = new Asterisk()) {
            asterisk.uuid(UUID.randomUUID());
            await().atMost(WAIT).until(() -> opened.size() == 1);
            AudioSocketSession session = opened.getFirst();

            // One frame at the start, then one per 20 ms: 51 in the first second, and no more.
            for (int frame = 0; frame <= 50; frame++) {
                if (frame > 0) {
                    time.advance(AudioSocketSession.FRAME_NANOS);
                }
                assertThat(asterisk.readFrameHeader()).as("frame " + frame).containsExactly(0x10, 320);
                assertThat(asterisk.readPayload(320)).containsOnly(0);
            }
            await().atMost(WAIT).alias("the writer waits for the next period").until(() -> time.parked() == 1);
            assertThat(session.framesSent())
                    .as("frames sent in the first second")
                    .isEqualTo(51);
            assertThat(asterisk.in.available())
                    .as("bytes sent ahead of the next frame's time")
                    .isZero();
            assertThat(session.silenceSent()).isEqualTo(51);

            short[] tone = new short[160];
            tone[0] = 0x1234;
            tone[159] = -2;
            assertThat(session.offer(tone)).isTrue();
            time.advance(AudioSocketSession.FRAME_NANOS);
            assertThat(asterisk.readFrameHeader()).containsExactly(0x10, 320);
            byte[] payload = asterisk.readPayload(320);
            assertThat(payload[0]).isEqualTo((byte) 0x34);
            assertThat(payload[1]).isEqualTo((byte) 0x12);
            assertThat(payload[318]).isEqualTo((byte) 0xfe);
            assertThat(payload[319]).isEqualTo((byte) 0xff);
            assertThat(session.silenceSent())
                    .as("the queued frame went out in the next period")
                    .isEqualTo(51);
        }
    }

    @Test
    void parleyHangsUpWithTheHangupFrame() throws Exception {
        try (Asterisk asterisk = new Asterisk()) {
            asterisk.uuid(UUID.randomUUID());
            await().atMost(WAIT).until(() -> opened.size() == 1);
            opened.getFirst().hangup();
            int[] header;
            do {
                header = asterisk.readFrameHeader();
                if (header[0] != 0x00) {
                    asterisk.readPayload(header[1]);
                }
            } while (header[0] != 0x00);
            assertThat(header).containsExactly(0x00, 0);
            assertThat(asterisk.in.read()).as("then the connection closes").isEqualTo(-1);
            await().atMost(WAIT).until(() -> closed.contains("hung up by parley"));
        }
    }

    @Test
    void asteriskHangingUpClosesTheSession() throws Exception {
        try (Asterisk asterisk = new Asterisk()) {
            asterisk.uuid(UUID.randomUUID());
            await().atMost(WAIT).until(() -> opened.size() == 1);
            asterisk.send(0x03, new byte[] {'5'});
            await().atMost(WAIT).until(() -> opened.getFirst().pollDtmf() == '5');
            asterisk.send(0x00, new byte[0]);
            await().atMost(WAIT).until(() -> closed.contains("Asterisk hung up"));
            assertThat(opened.getFirst().open()).isFalse();
            assertThat(server.sessions()).isEmpty();
        }
    }

    @Test
    void asteriskErrorFramesAreReportedByCode() throws Exception {
        try (Asterisk asterisk = new Asterisk()) {
            asterisk.uuid(UUID.randomUUID());
            await().atMost(WAIT).until(() -> opened.size() == 1);
            asterisk.send(0xff, new byte[] {0x01});
            await().atMost(WAIT).until(() -> closed.stream().anyMatch(r -> r.contains("error 0x01")));
        }
    }

    /** Malformed openings and frames: each closes its connection with a reason; the server goes on. */
    @Test
    void malformedFramesCloseTheirConnectionNeverTheServer() throws Exception {
        record Case(String name, byte[] bytes, String reason) {}
        byte[] uuid = new byte[] {0x01, 0x00, 0x10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("audio before the UUID", new byte[] {0x10, 0x00, 0x02, 0, 0}, null));
        cases.add(new Case("short UUID", new byte[] {0x01, 0x00, 0x04, 1, 2, 3, 4}, null));
        cases.add(new Case("unknown kind", concat(uuid, new byte[] {0x42, 0x00, 0x01, 7}), "unknown kind 0x42"));
        cases.add(new Case("odd audio length", concat(uuid, new byte[] {0x10, 0x00, 0x03, 1, 2, 3}), "even, non-zero"));
        cases.add(new Case("empty audio", concat(uuid, new byte[] {0x10, 0x00, 0x00}), "even, non-zero"));
        cases.add(new Case("second UUID", concat(uuid, uuid), "second UUID"));
        cases.add(new Case("long DTMF", concat(uuid, new byte[] {0x03, 0x00, 0x02, '1', '2'}), "DTMF"));
        for (Case c : cases) {
            int before = closed.size();
            try (Asterisk asterisk = new Asterisk()) {
                asterisk.out.write(c.bytes());
                asterisk.out.flush();
                InputStream in = asterisk.socket.getInputStream();
                // The server closes: reading ends (after any frames it sent first).
                await().atMost(WAIT).until(() -> drainToEnd(in));
            }
            if (c.reason() != null) {
                await().atMost(WAIT).until(() -> closed.size() == before + 1);
                assertThat(closed.getLast())
                        .as(c.name())
                        .contains("malformed frame")
                        .contains(c.reason());
            }
        }
        try (Asterisk healthy = new Asterisk()) {
            healthy.uuid(UUID.randomUUID());
            int[] header = healthy.readFrameHeader();
            assertThat(header[0]).as("the server still serves").isEqualTo(0x10);
        }
    }

    @Test
    void aConnectionThatNeverSendsItsUuidIsDropped() throws Exception {
        try (Asterisk asterisk = new Asterisk()) {
            assertThat(asterisk.in.read())
                    .as("closed after the handshake timeout")
                    .isEqualTo(-1);
        }
        assertThat(opened).isEmpty();
    }

    private static boolean drainToEnd(InputStream in) throws IOException {
        byte[] sink = new byte[4096];
        try {
            return in.read(sink) < 0;
        } catch (SocketException e) {
            return true;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
