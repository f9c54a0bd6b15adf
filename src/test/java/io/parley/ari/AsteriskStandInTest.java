package io.parley.ari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import io.parley.audio.AudioCodec;
import io.parley.audio.Tone;
import io.parley.audio.ToneDetector;
import io.parley.audio.ToneGenerator;
import io.parley.config.AriSettings;
import io.parley.config.Secret;
import io.parley.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stand-in answers as Asterisk 22's documentation says, through parley's own REST client. */
class AsteriskStandInTest {
    /** Where the stand-in's ExternalMedia channels would send RTP: a free port, so that nothing else gets it. */
    private static final String PARLEY_SIDE = "127.0.0.1:" + FreePorts.udp();

    private AsteriskStandIn asterisk;
    private AriClient ari;

    @BeforeEach
    void start() {
        asterisk = AsteriskStandIn.start();
        ari = AriClient.create(settings(AsteriskStandIn.PASSWORD), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        asterisk.close();
    }

    private AriSettings settings(String password) {
        return new AriSettings(
                URI.create(asterisk.url()), AsteriskStandIn.USER, new Secret(password), AsteriskStandIn.APP);
    }

    @Test
    void badCredentialsAre401WithAClearMessage() {
        AriClient wrong = AriClient.create(settings("nope"), Duration.ofSeconds(2));
        assertThatThrownBy(wrong::channels)
                .isInstanceOfSatisfying(
                        AriException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("Authentication required")
                .hasMessageContaining("PARLEY_ARI_PASSWORD");
    }

    @Test
    void infoNamesTheVersion() {
        assertThat(ari.asteriskInfo().path("system").path("version").asText()).startsWith("22.");
    }

    @Test
    void unknownResourcesAre404() {
        assertThat(ari.channel("no-such")).isEmpty();
        assertThat(ari.application(AsteriskStandIn.APP))
                .as("no WebSocket holds the app")
                .isEmpty();
        assertThat(ari.destroyBridge("no-such")).isFalse();
        assertThat(ari.hangup("no-such", HangupReason.NORMAL)).isFalse();
        assertThat(ari.stopPlayback("no-such")).isFalse();
        assertThatThrownBy(() -> ari.addChannel("no-such", "no-such"))
                .isInstanceOfSatisfying(
                        AriException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("Channel not found");
    }

    @Test
    void externalMediaAnswersWithItsLocalRtpAddressAndEntersStasisOnlyLater() {
        asterisk.mediaStasisDelay(Duration.ofSeconds(2));
        ari.createMixingBridge("b1", "test");
        AriChannel media = ari.externalMedia("em1", PARLEY_SIDE, "ulaw");
        assertThat(media.id()).isEqualTo("em1");
        assertThat(media.name()).startsWith("UnicastRTP/" + PARLEY_SIDE + "-");
        assertThat(media.variables())
                .containsEntry("UNICASTRTP_LOCAL_ADDRESS", "127.0.0.1")
                .containsKey("UNICASTRTP_LOCAL_PORT");
        assertThatThrownBy(() -> ari.addChannel("b1", "em1"))
                .isInstanceOfSatisfying(
                        AriException.class, e -> assertThat(e.status()).isEqualTo(422))
                .hasMessageContaining("Channel not in Stasis application");
        await().atMost(Duration.ofSeconds(5)).until(() -> asterisk.eventLog().contains("StasisStart:em1"));
        ari.addChannel("b1", "em1");
        assertThat(asterisk.bridgeMembers("b1")).containsExactly("em1");
        assertThat(asterisk.rejectedAdds()).isEqualTo(1);
    }

    @Test
    void unknownFormatAndHangupReasonAre400() {
        assertThatThrownBy(() -> ari.externalMedia("em2", PARLEY_SIDE, "slin8"))
                .isInstanceOfSatisfying(
                        AriException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("slin8");
        ari.externalMedia("em3", PARLEY_SIDE, "ulaw");
        assertThatThrownBy(() -> ari.externalMedia("em3", PARLEY_SIDE, "ulaw"))
                .isInstanceOfSatisfying(
                        AriException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    /**
     * chan_rtp's media: the caller's voice in the channel's format while the caller is in the bridge
     * and no playback holds them; what comes back is decoded; strict RTP learns a new source.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ulaw", "alaw", "slin"})
    void theExternalMediaChannelCarriesTheCallersVoiceAndKeepsWhatComesBack(String format) throws Exception {
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                DatagramSocket other = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setSoTimeout(2000);
            ari.createMixingBridge("b3", "voice");
            ari.externalMedia("em4", "127.0.0.1:" + peer.getLocalPort(), format);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> asterisk.eventLog().contains("StasisStart:em4"));
            ari.addChannel("b3", "em4");
            StandInMedia media = asterisk.media("em4");
            assertThat(media.isSending())
                    .as("no caller in the bridge: nothing to send")
                    .isFalse();
            String caller = callerJoins("b3", 700);
            assertThat(media.isSending()).isTrue();

            ari.play(caller, "pb1", "tone:ring;tonezone=fr");
            assertThat(media.isSending())
                    .as("a playback suspends the caller from the bridge")
                    .isFalse();
            long held = media.sent();
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> media.sent() <= held + 1);
            assertThat(asterisk.played(caller)).containsExactly("tone:ring;tonezone=fr");
            ari.stopPlayback("pb1");
            assertThat(media.isSending()).isTrue();

            AudioCodec codec = AudioCodec.byAsteriskName(format).orElseThrow();
            short[] voice = new short[4000];
            DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
            int n = 0;
            int packets = 0;
            while (n <= voice.length - 160) {
                peer.receive(in);
                if (packets++ == 0) {
                    assertThat(in.getSocketAddress().toString()).endsWith(":" + media.localPort());
                    assertThat(in.getData()[1] & 0x7f)
                            .isEqualTo(
                                    switch (format) {
                                        case "ulaw" -> 0;
                                        case "alaw" -> 8;
                                        default -> 10;
                                    });
                    assertThat(in.getLength() - 12).as("20 ms").isEqualTo(codec.encodedSize(160));
                }
                n += codec.decode(in.getData(), 12, in.getLength() - 12, voice, n);
            }
            Tone tone = new ToneDetector(8000).detect(voice, 0, n).orElseThrow();
            assertThat(tone.frequencyHz()).isCloseTo(700, offset(2.0));

            // What comes back: from external_host's address at once, from elsewhere after learning.
            // What was heard is forgotten 300 ms after the last packet: each tone is sent as a phone
            // sends it, paced, while the test looks, and the test keeps the tone it saw.
            InetSocketAddress rtp = new InetSocketAddress("127.0.0.1", media.localPort());
            Thread speaking = sendTone(peer, rtp, codec, 1200, 50);
            Tone heard = await().atMost(Duration.ofSeconds(5))
                    .until(media::toneHeard, Optional::isPresent)
                    .orElseThrow();
            assertThat(heard.frequencyHz()).isCloseTo(1200, offset(3.0));
            speaking.join();
            assertThat(media.droppedLearning()).isZero();
            sendTone(other, rtp, codec, 300, StandInMedia.PROBATION).join();
            await().atMost(Duration.ofSeconds(5)).until(() -> media.droppedLearning() == StandInMedia.PROBATION);
            speaking = sendTone(other, rtp, codec, 300, 40);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> media.toneHeard()
                            .map(t -> Math.abs(t.frequencyHz() - 300) < 3)
                            .orElse(false));
            speaking.join();
        }
    }

    /** A caller with a voice of {@code hz} enters Stasis (an events WebSocket must hold the app) and joins {@code bridge}. */
    private String callerJoins(String bridge, double hz) throws Exception {
        WebSocket events = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((AsteriskStandIn.USER + ":" + AsteriskStandIn.PASSWORD)
                                                .getBytes(StandardCharsets.UTF_8)))
                .buildAsync(
                        URI.create(asterisk.url().replace("http", "ws") + "/ari/events?app=" + AsteriskStandIn.APP),
                        new WebSocket.Listener() {})
                .get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(asterisk::eventsConnected);
        String caller = asterisk.call("3333", "1001", hz);
        events.abort();
        ari.addChannel(bridge, caller);
        return caller;
    }

    /**
     * Sends {@code packets} packets of 20 ms of a tone of {@code hz} from {@code from}, one every 20 ms
     * as a phone does, on a thread of its own; returns that thread.
     */
    private static Thread sendTone(
            DatagramSocket from, InetSocketAddress to, AudioCodec codec, double hz, int packets) {
        return Thread.ofVirtual().name("tone-" + hz).start(() -> {
            ToneGenerator tone = new ToneGenerator(8000, hz, -10);
            short[] samples = new short[160];
            byte[] payload = new byte[320];
            int pt = switch (codec.name()) {
                case "ulaw" -> 0;
                case "alaw" -> 8;
                default -> 10;
            };
            long start = System.nanoTime();
            for (int seq = 0; seq < packets; seq++) {
                LockSupport.parkNanos(start + seq * 20_000_000L - System.nanoTime());
                tone.fill(samples, 0, 160);
                int bytes = codec.encode(samples, 0, 160, payload, 0);
                ByteBuffer packet = ByteBuffer.allocate(12 + bytes)
                        .put((byte) 0x80)
                        .put((byte) pt)
                        .putShort((short) seq)
                        .putInt(seq * 160)
                        .putInt(0x1234)
                        .put(payload, 0, bytes);
                try {
                    from.send(new DatagramPacket(packet.array(), packet.capacity(), to));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    @Test
    void bridgeIdsAreUnique() {
        ari.createMixingBridge("b2", "x");
        assertThatThrownBy(() -> ari.createMixingBridge("b2", "x"))
                .isInstanceOfSatisfying(
                        AriException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(ari.bridges()).extracting(AriBridge::id).containsExactly("b2");
        assertThat(ari.bridges().getFirst().bridgeType()).isEqualTo("mixing");
    }
}
