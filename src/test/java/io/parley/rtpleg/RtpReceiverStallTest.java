package io.parley.rtpleg;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.config.Codec;
import io.parley.config.JitterSettings;
import io.parley.leg.Frames;
import io.parley.media.MediaClock;
import io.parley.rtp.RtpStreamWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * After the media clock skipped ticks (a stall longer than it catches up on), a receiver drops
 * the audio those ticks would have played instead of carrying the delay for the rest of the call.
 */
class RtpReceiverStallTest {
    private static final long PERIOD = MediaClock.PERIOD_NANOS;
    private final RtpReceiver receiver = new RtpReceiver(Codec.ULAW);
    private final JitterPlayout playout = new JitterPlayout(Codec.ULAW, JitterSettings.DEFAULT);
    private final RtpStreamWriter writer = new RtpStreamWriter(0, 42, 100, 0);
    private final byte[] datagram = new byte[172];
    private final short[] frame = new short[Frames.SAMPLES];
    private final InetSocketAddress caller = new InetSocketAddress("127.0.0.1", 5000);
    private int sent;

    @Test
    void skippedTicksDropTheirAudioAndTheBufferReturnsToItsTarget() {
        long t = 1_000_000_000L;
        for (int i = 0; i < 100; i++, t += PERIOD) { // two seconds of steady stream: buffer settled
            arrive(t);
            playout.pull(t + 1_000_000, frame);
        }
        double settled = playout.buffer().depthMillis();
        assertThat(settled).isLessThanOrEqualTo(playout.buffer().targetMillis() + Frames.MILLIS);

        // The clock stalls for 10 periods and then skips them; packets kept arriving meanwhile.
        for (int i = 0; i < 10; i++, t += PERIOD) {
            arrive(t);
        }
        arrive(t);
        assertThat(playout.buffer().depthMillis()).isGreaterThan(settled + 150);
        assertThat(playout.pull(t + 1_000_000, frame)).isTrue();

        assertThat(playout.framesSkipped()).isBetween(9L, 11L);
        assertThat(playout.discarded())
                .as("shown to the monitors as discarded")
                .isGreaterThanOrEqualTo(playout.framesSkipped());
        assertThat(playout.buffer().depthMillis())
                .isLessThanOrEqualTo(playout.buffer().targetMillis() + Frames.MILLIS);
        assertThat(playout.buffer().lost()).isZero();
    }

    @Test
    void aLateTickAfterSilenceDropsNothing() {
        long t = 1_000_000_000L;
        for (int i = 0; i < 50; i++, t += PERIOD) {
            arrive(t);
            playout.pull(t + 1_000_000, frame);
        }
        // The caller pauses; the clock is rephased to the next packet (a tick later than its schedule).
        t += 10 * PERIOD;
        playout.pull(t, frame);
        t += 33_000_000L;
        arrive(t);
        playout.pull(t + 1_000_000, frame);
        assertThat(playout.framesSkipped()).isZero();
        assertThat(playout.discarded()).isZero();
    }

    {
        receiver.deliverTo(playout);
    }

    private void arrive(long nanos) {
        int n = writer.write(new byte[160], 0, 160, 160, datagram, 0);
        receiver.onDatagram(ByteBuffer.wrap(datagram, 0, n).slice(), caller, nanos);
        sent++;
    }
}
