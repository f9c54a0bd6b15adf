package io.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One network thread inserting and one clock thread polling, racing for real: every packet that
 * comes out is intact and in sequence order, whatever the interleaving.
 */
class JitterBufferThreadsTest {
    private static final int PACKETS = 200_000;

    @Test
    void oneInserterAndOnePollerNeverSeeTornOrDisorderedPackets() throws Exception {
        JitterBuffer buffer = new JitterBuffer(JitterBufferSettings.forCodec(8000, 1, 160));
        long start = System.nanoTime();

        CompletableFuture<Void> network = CompletableFuture.runAsync(() -> {
            RtpPacket packet = new RtpPacket();
            byte[] payload = new byte[160];
            for (int i = 0; i < PACKETS; i++) {
                java.util.Arrays.fill(payload, (byte) i);
                packet.setSsrc(1).setSequenceNumber(i & 0xFFFF).setTimestamp(160L * i).setPayload(payload, 0, 160);
                // Virtual arrival times 20 ms apart keep the stream consistent however fast we go.
                buffer.insert(packet, start + i * 20_000_000L);
            }
        });

        PlayoutFrame frame = buffer.newFrame();
        long played = 0;
        long lastExtended = -1;
        long tick = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!(network.isDone() && buffer.snapshot().depthMillis() == 0) && System.nanoTime() < deadline) {
            // The clock may run ahead of or behind the network: poll with the newest virtual time seen.
            PollResult r = buffer.poll(start + (tick++) * 20_000_000L, frame);
            if (r == PollResult.PACKET) {
                for (int b = 0; b < frame.length(); b++) {
                    assertThat(frame.payload()[b]).isEqualTo((byte) frame.sequenceNumber());
                }
                long extended = frame.timestamp() / 160;
                assertThat(extended).isGreaterThan(lastExtended);
                lastExtended = extended;
                played++;
            }
        }
        network.get(5, TimeUnit.SECONDS);

        JitterBufferSnapshot s = buffer.snapshot();
        assertThat(played).isPositive();
        assertThat(s.accepted() + s.late() + s.duplicates()).isEqualTo(PACKETS);
        assertThat(played + s.trimmed() + s.overflow()).isLessThanOrEqualTo(s.accepted());
    }
}
