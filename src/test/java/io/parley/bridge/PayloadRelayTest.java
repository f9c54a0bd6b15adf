package io.parley.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.audio.LevelMeter;
import io.parley.audio.ToneGenerator;
import io.parley.config.Codec;
import io.parley.config.JitterSettings;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.media.MediaClock;
import io.parley.media.UdpReactor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A cross-patch of two ExternalMedia legs relays payloads without decoding them. Packets longer
 * than 20 ms (a leg whose ptime is 100 ms: 800-byte ulaw payloads) must not stop the relay, and
 * each must play out for its own duration before the next tick sends anything.
 */
class PayloadRelayTest {
    private static final int BASE = 17620;

    @Test
    void packetsLongerThanATickAreRelayedAtTheirOwnPace() throws Exception {
        try (MediaClock clock = new MediaClock(); UdpReactor reactor = new UdpReactor("relay-test", 1);
             RtpTestPeer a = new RtpTestPeer("ulaw", 0); RtpTestPeer b = new RtpTestPeer("ulaw", 0)) {
            PortBinder ports = (port, r) -> reactor.bind(new InetSocketAddress("127.0.0.1", port), r);
            ExternalMediaLeg legA = new ExternalMediaLeg(new LegConfig("9301", "en", Codec.ULAW,
                    new LegPorts.ExternalMedia(BASE, BASE + 1)), JitterSettings.DEFAULT, clock, ports);
            ExternalMediaLeg legB = new ExternalMediaLeg(new LegConfig("9302", "en", Codec.ULAW,
                    new LegPorts.ExternalMedia(BASE + 2, BASE + 3)), JitterSettings.DEFAULT, clock, ports);
            try (CrossPatchBridge bridge = new CrossPatchBridge(legA, legB)) {
                bridge.start();
                b.silence(100, new InetSocketAddress("127.0.0.1", BASE + 2)); // B's leg learns where B is
                short[] tone = new short[8000 * 2];
                new ToneGenerator(8000, 1000, -12).fill(tone, 0, tone.length);
                a.play(tone, new InetSocketAddress("127.0.0.1", BASE), 100);
                Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> loudSamples(b.heard()) >= tone.length * 9 / 10);
                // A packet's timestamp follows the one before by that packet's samples when the relay sent
                // nothing, not even a silent tick (which moves the timestamp on), while the packet played.
                // Only an underrun of the jitter buffer (a packet arriving just too late) may break that.
                List<long[]> packets = b.timestampsAndSamples().stream().filter(p -> p[1] == 800).toList();
                assertThat(packets).hasSizeGreaterThanOrEqualTo(18);
                int continuous = 0;
                StringBuilder steps = new StringBuilder();
                for (int i = 1; i < packets.size(); i++) {
                    long step = (packets.get(i)[0] - packets.get(i - 1)[0]) & 0xFFFF_FFFFL;
                    steps.append(step).append(' ');
                    if (step == 800) {
                        continuous++;
                    }
                }
                assertThat(continuous).as("timestamp steps " + steps).isGreaterThanOrEqualTo((packets.size() - 1) * 3 / 4);
            } finally {
                legA.close();
                legB.close();
            }
        }
    }

    private static int loudSamples(short[] heard) {
        int loud = 0;
        for (int i = 0; i + 160 <= heard.length; i += 160) {
            if (LevelMeter.rmsDbfs(heard, i, 160) > -30) {
                loud += 160;
            }
        }
        return loud;
    }
}
