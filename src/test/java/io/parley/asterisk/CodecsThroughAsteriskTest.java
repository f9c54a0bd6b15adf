package io.parley.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.config.BridgeConfig;
import io.parley.config.Codec;
import io.parley.config.Mode;
import io.parley.config.ParleyConfig;
import io.parley.testing.UdpEcho;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each codec a leg may send Asterisk (ulaw, alaw, slin; slin16 Asterisk drops) carries a silent
 * listener's audio through a real Asterisk 22, over gateway legs (5555-6666) and over ExternalMedia
 * legs (7777-8888, cross-patched here, which relays payloads without decoding them), at the level
 * a perfect relay would give: a UDP echo in parley's place (Asterisk's own path from a played file
 * to a recording through an RTP channel is about 12 dB down, with or without parley).
 */
class CodecsThroughAsteriskTest {
    private static final Duration CALL = Duration.ofSeconds(30);
    /** How far from the perfect relay's level a listener may hear the tone: G.711 steps, not a loss. */
    private static final double LEVEL_TOLERANCE_DB = 1;

    private static UdpEcho relay;
    private static RealAsterisk asterisk;
    private static String tone700;
    private static String tone1300;
    private static double perfectRelayDbfs;

    @BeforeAll
    static void start() throws IOException {
        relay = new UdpEcho();
        // The caller's audio leaves Asterisk on an RTP channel, as it does for parley, and comes back.
        asterisk = RealAsterisk.start("""

                [reference]
                exten => echo,1,Answer()
                 same => n,Dial(UnicastRTP/%s/c(ulaw))
                """.formatted(relay.host()));
        tone700 = asterisk.sound("tone700", DefaultBridgesThroughAsteriskTest.tone(700, 1.5));
        tone1300 = asterisk.sound("tone1300", DefaultBridgesThroughAsteriskTest.tone(1300, 1.5));
        RealAsterisk.Call reference = asterisk.dial("echo", "reference", "talk", Map.of("SOUND", tone700, "LEAD", "1"));
        perfectRelayDbfs = Heard.of(reference.heard(CALL)).toneDbfs(700);
        assertThat(relay.echoed()).as("datagrams the perfect relay returned").isPositive();
        assertThat(perfectRelayDbfs)
                .as("the tone through the perfect relay, dBFS")
                .isGreaterThan(-40);
    }

    @AfterAll
    static void stop() throws IOException {
        if (asterisk != null) {
            asterisk.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Codec.class,
            names = {"ULAW", "ALAW", "SLIN"})
    void aSilentListenerHearsTheOtherCallerInEveryCodecOverGatewaysAndExternalMedia(Codec codec) throws Exception {
        ParleyConfig plan = FreePlan.only(
                FreePlan.defaultBridges(asterisk, "parley", Files.createTempDirectory("parley-transcripts")),
                "5555-6666",
                "7777-8888");
        ParleyConfig config = FreePlan.mapLegs(
                plan.withBridges(plan.bridges().stream()
                        .map(b -> new BridgeConfig(
                                b.name(),
                                Mode.CROSSPATCH,
                                b.topology(),
                                b.legs(),
                                b.dashboard(),
                                b.feed(),
                                b.jitter(),
                                b.translation()))
                        .toList()),
                leg -> leg.withCodec(codec));
        try (ParleyOnAsterisk parley = ParleyOnAsterisk.start(config, asterisk)) {
            // The tones play once parley has all four legs connected; the listeners stay until the
            // talkers are done.
            RealAsterisk.Call gatewayListener = asterisk.listen("6666", 20);
            RealAsterisk.Call mediaListener = asterisk.listen("8888", 20);
            RealAsterisk.Call gatewayTalker = asterisk.talkOnCue("5555", tone700, 2, 0.5);
            RealAsterisk.Call mediaTalker = asterisk.talkOnCue("7777", tone1300, 2, 0.5);
            parley.awaitConnected(gatewayListener, mediaListener, gatewayTalker, mediaTalker);
            gatewayTalker.cue();
            mediaTalker.cue();
            gatewayTalker.heard(CALL);
            mediaTalker.heard(CALL);
            gatewayListener.hangUp();
            mediaListener.hangUp();
            Heard overGateways = Heard.of(gatewayListener.heard(CALL));
            Heard overMedia = Heard.of(mediaListener.heard(CALL));
            assertThat(overGateways.framesWith(700))
                    .as(codec + " over gateways\n" + overGateways.picture())
                    .isGreaterThanOrEqualTo(70);
            assertThat(overMedia.framesWith(1300))
                    .as(codec + " over ExternalMedia\n" + overMedia.picture())
                    .isGreaterThanOrEqualTo(70);
            assertThat(overGateways.toneDbfs(700))
                    .as(codec + " over gateways: the tone's level, dBFS, beside a perfect relay's " + perfectRelayDbfs)
                    .isCloseTo(perfectRelayDbfs, Offset.offset(LEVEL_TOLERANCE_DB));
            assertThat(overMedia.toneDbfs(1300))
                    .as(codec + " over ExternalMedia: the tone's level, dBFS, beside a perfect relay's "
                            + perfectRelayDbfs)
                    .isCloseTo(perfectRelayDbfs, Offset.offset(LEVEL_TOLERANCE_DB));
            assertThat(parley.stats("8888").orElseThrow().codec()).isEqualTo(codec.asteriskName());
            await().atMost(CALL)
                    .until(() ->
                            asterisk.channels().isEmpty() && asterisk.bridges().isEmpty());
        }
    }
}
