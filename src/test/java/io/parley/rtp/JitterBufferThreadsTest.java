package io.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One network thread inserting and one clock thread polling, racing for real: every packet that
 * comes out is intact and in sequence order, and every packet put in is accounted for (played, or
 * counted as discarded), whatever the interleaving.
 */
class JitterBufferThreadsTest {
    private static final int PACKETS = 200_000;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a buffer that never drains would keep the poller going
    void oneInserterAndOnePollerNeverSeeTornOrDisorderedPackets() throws Exception {
        JitterBuffer buffer = new JitterBuffer(JitterBufferSettings.forCodec(8000, 1, 160));
        long start = System.nanoTime();

        CompletableFuture<Void> network = CompletableFuture.runAsync(() -> {
            RtpPacket packet = new RtpPacket();
            byte[] payload = new byte[160];
            for (int i = 0; i < PACKETS; i++) {
                Arrays.fill(payload, (byte) i);
                packet.setSsrc(1)
                        .setSequenceNumber(i & 0xFFFF)
                        .setTimestamp(160L * i)
                        .setPayload(payload, 0, 160);
                // Virtual arrival times 20 ms apart keep the stream consistent however fast we go.
                buffer.insert(packet, start + i * 20_000_000L);
            }
        });

        PlayoutFrame frame = buffer.newFrame();
        long played = 0;
        long lastExtended = -1;
        long tick = 0;
        while (!(network.isDone() && buffer.snapshot().depthMillis() == 0)) {
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
        // Sent in order with consistent times: nothing is late, duplicated, lost or a new stream.
        assertThat(s.accepted()).as("accepted").isEqualTo(PACKETS);
        assertThat(s.late() + s.duplicates() + s.resyncs() + s.lost())
                .as("late, duplicates, resyncs, lost")
                .isZero();
        // Each accepted packet was played, or discarded and counted (a burst beyond the slots or the target).
        assertThat(played + s.trimmed() + s.overflow())
                .as("played + trimmed + overflow")
                .isEqualTo(s.accepted());
    }
}
