package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.ari.AsteriskStandIn;
import io.parley.ari.StandInMedia;
import io.parley.audio.Tone;
import io.parley.audio.ToneGenerator;
import io.parley.bridge.Role;
import io.parley.config.AriSettings;
import io.parley.config.ParleyConfig;
import io.parley.config.Secret;
import io.parley.event.BridgeState;
import io.parley.event.CallEvent;
import io.parley.event.LegStats;
import io.parley.event.UtteranceEvent;
import io.parley.testing.FreePorts;
import io.parley.testing.RtpTestPeer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls through the Asterisk 22 stand-in into parley's real runtime (the default plan on free ports, ARI on): the
 * callers' voices (a tone each) travel as RTP through the gateways, the PCM links and the bridges,
 * and come back to the other caller's ExternalMedia channel, where the stand-in decodes them.
 */
class AriBridgesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CROSSPATCH = "5555-6666";
    private static final String EXTERNAL = "7777-8888";

    @TempDir
    static Path transcripts;

    private static AsteriskStandIn asterisk;
    private static ParleyRuntime parley;
    private static BusWatch bus;
    private static ParleyConfig config;

    /** One parley for the class (its engines take seconds to start); each test leaves it idle. */
    @BeforeAll
    static void start() throws Exception {
        asterisk = AsteriskStandIn.start();
        ParleyConfig plan = FreePorts.defaultPlan(transcripts);
        config = new ParleyConfig(
                plan.bind(),
                Optional.of(new AriSettings(
                        URI.create(asterisk.url()),
                        AsteriskStandIn.USER,
                        new Secret(AsteriskStandIn.PASSWORD),
                        AsteriskStandIn.APP)),
                plan.monitor(),
                plan.engines(),
                plan.bridges(),
                plan.transcripts());
        parley = ParleyRuntime.start(config, new Role.All());
        bus = new BusWatch(parley.bus());
    }

    @BeforeEach
    void connected() {
        await().atMost(WAIT).until(asterisk::eventsConnected);
    }

    /** Hangs up whatever a test left; parley must tear it all down and every bridge go idle. */
    @AfterEach
    void idle() {
        asterisk.mediaStasisDelay(Duration.ofMillis(30));
        for (String channel : asterisk.channelIds()) {
            try {
                asterisk.hangUp(channel);
            } catch (IllegalArgumentException gone) {
                // parley hung it up already, tearing down the call of a channel hung up before
            }
        }
        await().atMost(WAIT)
                .until(() ->
                        asterisk.channelIds().isEmpty() && asterisk.bridgeIds().isEmpty());
        for (String bridge : parley.bridges().bridgeNames()) {
            awaitState(bridge, BridgeState.State.IDLE);
        }
    }

    @AfterAll
    static void stop() {
        if (bus != null) {
            bus.close();
        }
        if (parley != null) {
            parley.close();
        }
        asterisk.close();
    }

    /** The call events about these channels. */
    private static List<CallEvent> callEvents(CallEvent.Kind kind, String... channels) {
        return bus.all(CallEvent.class).stream()
                .filter(e -> e.kind() == kind && List.of(channels).contains(e.channelId()))
                .toList();
    }

    /** Dials {@code extension} with a voice of {@code hz}; returns the caller's channel once its media is bridged. */
    private String dial(String extension, double hz) {
        String caller = asterisk.call(extension, "1001", hz);
        await().atMost(WAIT).until(() -> asterisk.mediaChannelOf(caller).isPresent());
        return caller;
    }

    /** Where Asterisk sends the leg's RTP (the gateway's RTP in, or the ExternalMedia port), as host:port. */
    private static String rtpAddress(String extension) {
        return config.bind() + ":" + ports(extension).getFirst();
    }

    private static List<Integer> ports(String extension) {
        return config.bridges().stream()
                .flatMap(b -> b.legs().stream())
                .filter(l -> l.extension().equals(extension))
                .findFirst()
                .orElseThrow()
                .ports()
                .all();
    }

    private StandInMedia mediaOf(String caller) {
        return asterisk.media(asterisk.mediaChannelOf(caller).orElseThrow());
    }

    private static void awaitState(String bridge, BridgeState.State state) {
        await().atMost(WAIT).alias(bridge + " " + state).until(() -> bus.state(bridge) == state);
    }

    /** What parley sends into {@code media}'s channel carries a tone of {@code hz} (within 5 Hz). */
    private static void awaitHears(StandInMedia media, double hz) {
        await().atMost(WAIT)
                .alias("the caller hears " + hz + " Hz")
                .until(() -> media.toneHeard()
                        .map(t -> Math.abs(t.frequencyHz() - hz) < 5)
                        .orElse(false));
    }

    /** The caller hears the waiting tone of its leg's zone: 5555 and 6666 have no language, so Asterisk's default, us. */
    private static void awaitWaitingTone(StandInMedia media) {
        // 2 s on, 4 s off: within one cadence it plays.
        await().atMost(WAIT)
                .alias("the caller hears the waiting tone (440+480 Hz)")
                .until(() -> media.hears(440, 480));
    }

    @Test
    void crossPatchedCallersHearEachOtherThroughTheGateways() {
        String first = dial("5555", 600);
        String media5555 = asterisk.mediaChannelOf(first).orElseThrow();
        assertThat(asterisk.state(first)).contains("Up");
        assertThat(asterisk.externalMediaTo(rtpAddress("5555"))).containsExactly(media5555);
        assertThat(asterisk.media(media5555).format()).isEqualTo("ulaw");
        awaitWaitingTone(mediaOf(first));
        assertThat(asterisk.eventLog())
                .as("parley plays the waiting tone itself")
                .noneMatch(e -> e.startsWith("Playback"));
        awaitState(CROSSPATCH, BridgeState.State.WAITING);

        String second = dial("6666", 1000);
        assertThat(asterisk.externalMediaTo(rtpAddress("6666")))
                .containsExactly(asterisk.mediaChannelOf(second).orElseThrow());
        awaitState(CROSSPATCH, BridgeState.State.CONNECTED);

        awaitHears(mediaOf(first), 1000);
        awaitHears(mediaOf(second), 600);
        assertThat(mediaOf(first).lastPayloadType()).isZero();
        assertThat(mediaOf(first).lastSource().toString())
                .as("driven by ARI, the gateway answers from the port" + " Asterisk sends to")
                .endsWith(":" + ports("5555").getFirst());
        assertThat(mediaOf(first).droppedLearning())
                .as("strict RTP takes that source at once")
                .isZero();
        // STARTED follows addChannel's answer, which may come after the caller hears the other.
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(callEvents(CallEvent.Kind.STARTED, first, second))
                        .extracting(CallEvent::leg)
                        .containsExactly("5555", "6666"));
    }

    @Test
    void externalMediaLegsPassTheUntranslatableFrenchVoiceAndTranslateNoTone() {
        String english = dial("7777", 500);
        assertThat(asterisk.externalMediaTo(rtpAddress("7777")))
                .containsExactly(asterisk.mediaChannelOf(english).orElseThrow());
        awaitState(EXTERNAL, BridgeState.State.WAITING);
        String french = dial("8888", 900);
        assertThat(asterisk.externalMediaTo(rtpAddress("8888")))
                .containsExactly(asterisk.mediaChannelOf(french).orElseThrow());
        awaitState(EXTERNAL, BridgeState.State.CONNECTED);

        // No French recogniser: 8888's voice reaches 7777 as it is.
        awaitHears(mediaOf(english), 900);
        // 7777's tone is no speech: nothing to translate, the original voice passes.
        awaitHears(mediaOf(french), 500);
        assertThat(mediaOf(english).lastSource().toString())
                .as("symmetric: from the media port")
                .endsWith(":" + ports("7777").getFirst());
        assertThat(mediaOf(english).droppedLearning()).isZero();
        assertThat(bus.all(UtteranceEvent.class))
                .as("nothing recognised, nothing translated")
                .noneMatch(u -> u.bridge().equals(EXTERNAL));
    }

    @Test
    void aHangUpTearsDownAndTheNextCallerIsHeardFromItsNewPort() {
        String first = dial("5555", 600);
        String second = dial("6666", 1000);
        awaitHears(mediaOf(first), 1000);
        String secondMedia = asterisk.mediaChannelOf(second).orElseThrow();
        String secondBridge = asterisk.bridgeOf(second).orElseThrow();

        asterisk.hangUp(second);
        await().atMost(WAIT)
                .until(() -> !asterisk.channelIds().contains(secondMedia)
                        && !asterisk.bridgeIds().contains(secondBridge));
        assertThat(asterisk.channelIds()).doesNotContain(second);
        awaitState(CROSSPATCH, BridgeState.State.WAITING);
        awaitWaitingTone(mediaOf(first));

        String third = dial("6666", 1400);
        assertThat(mediaOf(third).localPort()).isNotEqualTo(mediaOf(first).localPort());
        awaitState(CROSSPATCH, BridgeState.State.CONNECTED);
        awaitHears(mediaOf(first), 1400);
        awaitHears(mediaOf(third), 600);

        asterisk.hangUp(first);
        awaitState(CROSSPATCH, BridgeState.State.WAITING);
        awaitWaitingTone(mediaOf(third));
        asterisk.hangUp(third);
        await().atMost(WAIT)
                .until(() ->
                        asterisk.channelIds().isEmpty() && asterisk.bridgeIds().isEmpty());
        awaitState(CROSSPATCH, BridgeState.State.IDLE);
        // ENDED follows the REST teardown, whose last answer may come after the stand-in and the
        // bridge (told first) show it.
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(callEvents(CallEvent.Kind.ENDED, first, second, third))
                        .extracting(CallEvent::leg)
                        .containsExactly("6666", "5555", "6666"));
    }

    @Test
    void theExternalMediaLegRelatchesForTheNextCall() {
        String english = dial("7777", 500);
        String french = dial("8888", 900);
        awaitHears(mediaOf(english), 900);
        asterisk.hangUp(french);
        awaitState(EXTERNAL, BridgeState.State.WAITING);
        String again = dial("8888", 1300);
        awaitState(EXTERNAL, BridgeState.State.CONNECTED);
        awaitHears(mediaOf(english), 1300);
        awaitHears(mediaOf(again), 500);
    }

    @Test
    void aBusyExtensionAndAnUnknownOneAreRefused() {
        String first = dial("5555", 600);
        String second = asterisk.call("5555", "1002", 700);
        await().atMost(WAIT).until(() -> asterisk.hangups().contains(second + ":busy"));
        String unknown = asterisk.call("9999", "1003", 800);
        await().atMost(WAIT).until(() -> asterisk.hangups().contains(unknown + ":unallocated"));
        assertThat(asterisk.channelIds()).contains(first).doesNotContain(second, unknown);
        // REFUSED is published once the hang-up's answer is back, after the stand-in recorded it.
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(callEvents(CallEvent.Kind.REFUSED, first, second, unknown))
                        .extracting(CallEvent::leg)
                        .containsExactly("5555", "9999"));
        awaitState(CROSSPATCH, BridgeState.State.WAITING);
    }

    @Test
    void theMediaChannelsLateStasisStartIsWaitedFor() {
        // Long enough to look at the call before its media channel enters Stasis on a loaded machine.
        asterisk.mediaStasisDelay(Duration.ofSeconds(3));
        String first = asterisk.call("5555", "1001", 600);
        await().atMost(WAIT)
                .until(() -> asterisk.externalMediaTo(rtpAddress("5555")).size() == 1);
        assertThat(asterisk.mediaChannelOf(first))
                .as("not bridged before its StasisStart")
                .isEmpty();
        asterisk.mediaStasisDelay(Duration.ofMillis(30)); // the second caller's comes at once
        String second = dial("6666", 1000);
        await().atMost(WAIT).until(() -> asterisk.mediaChannelOf(first).isPresent());
        awaitHears(mediaOf(first), 1000);
        awaitHears(mediaOf(second), 600);
        assertThat(asterisk.rejectedAdds()).isZero();
    }

    @Test
    void audioFlowsWhileTheEventsWebSocketIsDownAndStateIsRecoveredAfter() {
        String first = dial("5555", 600);
        String second = dial("6666", 1000);
        String firstMedia = asterisk.mediaChannelOf(first).orElseThrow();
        StandInMedia toFirst = mediaOf(first);
        StandInMedia toSecond = mediaOf(second);
        awaitHears(toFirst, 1000);

        // The WebSocket stays down (its handshakes unanswered) until the caller has had half a
        // second of the other's voice.
        asterisk.holdEventsHandshakes();
        asterisk.dropEventsWebSocket();
        await().atMost(WAIT).alias("parley tries to reconnect").until(() -> asterisk.heldEventsHandshakes() > 0);
        long before = toFirst.received();
        await().atMost(WAIT)
                .alias("25 packets while the WebSocket is down")
                .until(() -> toFirst.received() - before >= 25);
        asterisk.answerEventsHandshakes();
        await().atMost(WAIT).until(asterisk::eventsConnected);
        awaitHears(toFirst, 1000);
        awaitHears(toSecond, 600);
        assertThat(callEvents(CallEvent.Kind.ENDED, first, second)).isEmpty();

        // A hang-up while the WebSocket is down: its events are lost; the reconnection finds it out.
        asterisk.dropEventsWebSocket();
        asterisk.hangUp(second);
        await().atMost(WAIT).until(asterisk::eventsConnected);
        await().atMost(WAIT)
                .until(() -> asterisk.channelIds().equals(Set.of(first, firstMedia))
                        && asterisk.bridgeIds()
                                .equals(Set.of(asterisk.bridgeOf(first).orElseThrow())));
        awaitState(CROSSPATCH, BridgeState.State.WAITING);
        awaitWaitingTone(mediaOf(first));
        String third = dial("6666", 1400);
        awaitHears(mediaOf(first), 1400);
        awaitHears(mediaOf(third), 600);
    }

    /**
     * A real Asterisk sends nothing for a caller who only listens; the stand-in's silent caller (no
     * voice) does the same. The listener must still hear the talker: parley sends to the address the
     * ExternalMedia answer gave, not to a source it waits to learn.
     */
    @Test
    void aSilentListenerHearsTheTalkerOverGatewaysAndExternalMedia() {
        String listener = dial("6666", 0);
        String talker = dial("5555", 1000);
        awaitHears(mediaOf(listener), 1000);
        assertThat(mediaOf(listener).sent())
                .as("the stand-in sent nothing for the silent caller")
                .isZero();
        String frenchListener = dial("8888", 0);
        dial("7777", 700);
        awaitHears(mediaOf(frenchListener), 700);
        assertThat(mediaOf(talker).droppedLearning()).isZero();
    }

    /** A stranger who sends RTP to a leg's port before the call and during it owns nothing. */
    @Test
    void aStrangerWhoSendsFirstIsNeitherHeardNorAnswered() throws Exception {
        try (RtpTestPeer stranger = new RtpTestPeer("ulaw", 0)) {
            Thread noise = Thread.ofVirtual().start(() -> {
                short[] tone = new short[8000 * 8];
                new ToneGenerator(8000, 300, -10).fill(tone, 0, tone.length);
                try {
                    stranger.play(
                            tone,
                            new InetSocketAddress("127.0.0.1", ports("5555").getFirst()));
                } catch (IOException e) {
                    // the test ends it
                }
            });
            await().atMost(WAIT)
                    .until(() -> bus.all(LegStats.class).stream()
                            .anyMatch(
                                    l -> l.leg().equals("5555") && l.malformed().getOrDefault("no_call", 0L) > 0));
            String talker = dial("5555", 600);
            String listener = dial("6666", 0);
            awaitHears(mediaOf(listener), 600);
            await().atMost(WAIT)
                    .until(() -> bus.all(LegStats.class).stream()
                            .anyMatch(l ->
                                    l.leg().equals("5555") && l.malformed().getOrDefault("unexpected_source", 0L) > 0));
            assertThat(stranger.heard()).as("parley sent the stranger nothing").isEmpty();
            // What the listener hears now (it is forgotten 300 ms after the last packet): the talker alone.
            Tone heard = await().atMost(WAIT)
                    .until(mediaOf(listener)::toneHeard, Optional::isPresent)
                    .orElseThrow();
            assertThat(heard.frequencyHz()).as("the stranger is not heard").isCloseTo(600, Offset.offset(5.0));
            assertThat(asterisk.channelIds()).contains(talker);
            noise.interrupt();
        }
    }
}
