package io.parley.ari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.config.AriSettings;
import io.parley.config.Codec;
import io.parley.config.Secret;
import io.parley.event.AriState;
import io.parley.event.CallEvent;
import io.parley.event.EventBus;
import io.parley.event.ParleyEvent;
import io.parley.event.Subscription;
import io.parley.testing.UdpEcho;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls through parley's ARI controller against the Asterisk 22 stand-in, with real RTP to UDP peers. */
class CallFlowTest {
    /** Covers a controller's start and WebSocket handshake on a loaded machine, not only the step awaited. */
    private static final Duration WAIT = Duration.ofSeconds(15);
    /**
     * Long enough for a test to look at a call whose media channel is not in Stasis yet (two awaits
     * on a loaded machine), far shorter than {@link #WAIT}.
     */
    private static final Duration LATE_STASIS = Duration.ofSeconds(3);

    private AsteriskStandIn asterisk;
    private UdpEcho leg3333;
    private UdpEcho leg4444;
    private RecordingLegs legs;
    private EventBus bus;
    private Subscription subscription;
    private final List<ParleyEvent> published = new CopyOnWriteArrayList<>();
    private AriController controller;

    @BeforeEach
    void start() throws Exception {
        asterisk = AsteriskStandIn.start();
        leg3333 = new UdpEcho();
        leg4444 = new UdpEcho();
        legs = new RecordingLegs()
                .add(new LegBinding("en-fr", "3333", leg3333.host(), Codec.ULAW, "4444"))
                .add(new LegBinding("en-fr", "4444", leg4444.host(), Codec.SLIN, "3333"));
        bus = new EventBus();
        subscription = bus.subscribe("test", 10_000);
    }

    private void startController() {
        controller = start(AsteriskStandIn.PASSWORD);
        await().atMost(WAIT).until(asterisk::eventsConnected);
    }

    private AriController start(String password) {
        AriSettings settings = new AriSettings(
                URI.create(asterisk.url()), AsteriskStandIn.USER, new Secret(password), AsteriskStandIn.APP);
        Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), 0.2, new Random(7));
        // The product's REST timeout, and pings every 5 s: a socket is dropped after 10 s without a
        // pong, which a loaded machine still answers (no test here relies on a ping timing out).
        return AriController.start(settings, legs, bus, backoff, AriController.TIMEOUT, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws Exception {
        if (controller != null) {
            controller.close();
        }
        asterisk.close();
        leg3333.close();
        leg4444.close();
        subscription.close();
    }

    private List<ParleyEvent> events() throws InterruptedException {
        ParleyEvent e;
        while ((e = subscription.poll(0, TimeUnit.MILLISECONDS)) != null) {
            published.add(e);
        }
        return published;
    }

    private List<CallEvent> callEvents(CallEvent.Kind kind) throws InterruptedException {
        List<CallEvent> list = new ArrayList<>();
        for (ParleyEvent e : events()) {
            if (e instanceof CallEvent c && c.kind() == kind) {
                list.add(c);
            }
        }
        return list;
    }

    /** Dials {@code extension}; returns once the leg was told and the media channel is in the caller's bridge. */
    private String connect(String extension) {
        return connect(extension, 0);
    }

    /** The same with a caller whose voice is a tone of {@code hz} (0: silent, no RTP at all). */
    private String connect(String extension, double hz) {
        long before = legs.count("connected:" + extension);
        String caller = asterisk.call(extension, "1001", hz);
        await().atMost(WAIT)
                .until(() -> legs.count("connected:" + extension) == before + 1
                        && asterisk.mediaChannelOf(caller).isPresent());
        return caller;
    }

    private String mediaOf(String callerId) {
        return asterisk.mediaChannelOf(callerId).orElseThrow();
    }

    @Test
    void aCallIsAnsweredBridgedAndGetsExternalMediaOnlyAfterItsStasisStart() throws Exception {
        startController();
        String caller = connect("3333");

        assertThat(legs.connectedChannel("3333")).isEqualTo(caller);
        assertThat(asterisk.state(caller)).contains("Up");
        String bridge = asterisk.bridgeOf(caller).orElseThrow();
        String media = mediaOf(caller);
        assertThat(asterisk.bridgeMembers(bridge)).containsExactly(caller, media);
        assertThat(asterisk.externalMediaTo(leg3333.host())).containsExactly(media);
        assertThat(asterisk.rejectedAdds())
                .as("no addChannel before the media channel's StasisStart")
                .isZero();
        List<String> log = asterisk.eventLog();
        assertThat(log.indexOf("StasisStart:" + media))
                .isLessThan(log.indexOf("ChannelEnteredBridge:" + bridge + "/" + media));
        // Published once addChannel's answer is back, which may be after the stand-in shows the bridge.
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(callEvents(CallEvent.Kind.STARTED))
                        .extracting(CallEvent::leg, CallEvent::channelId, CallEvent::bridge)
                        .containsExactly(Tuple.tuple("3333", caller, "en-fr")));
        assertThat(legs.threads)
                .as("directory callbacks run on the event thread")
                .containsOnly("ari-events");
    }

    @Test
    void realRtpMovesBothWaysInTheLegsFormat() {
        startController();
        String media3333 = mediaOf(connect("3333", 450));
        String media4444 = mediaOf(connect("4444", 650));

        StandInMedia ulaw = asterisk.media(media3333);
        StandInMedia slin = asterisk.media(media4444);
        await().atMost(WAIT).until(() -> ulaw.received() >= 10 && slin.received() >= 10);
        // The echo counts a datagram after sending it back: the 10th may be in ulaw's count first.
        await().atMost(WAIT).until(() -> leg3333.echoed() >= 10);
        assertThat(ulaw.lastPayloadType()).isZero();
        assertThat(slin.lastPayloadType()).isEqualTo(10);
        assertThat(ulaw.lastSource().toString()).endsWith(":" + leg3333.port());
    }

    @Test
    void theLegIsToldWhereTheMediaIsAtOnceAndTheBridgeWaitsForTheMediaChannelsStasisStart() {
        asterisk.mediaStasisDelay(LATE_STASIS);
        startController();
        String caller = asterisk.call("3333");
        await().atMost(WAIT)
                .until(() -> asterisk.externalMediaTo(leg3333.host()).size() == 1);
        String media = asterisk.externalMediaTo(leg3333.host()).getFirst();
        // A caller who only listens sends nothing: the leg must know where to send before any RTP.
        await().atMost(WAIT).until(() -> legs.count("connected:3333") == 1);
        assertThat(legs.media.get("3333"))
                .as("the ExternalMedia answer's UNICASTRTP_LOCAL_ADDRESS/PORT")
                .contains(
                        new InetSocketAddress("127.0.0.1", asterisk.media(media).localPort()));
        assertThat(asterisk.mediaChannelOf(caller))
                .as("not bridged before the media channel is in Stasis")
                .isEmpty();
        await().atMost(WAIT).until(() -> asterisk.mediaChannelOf(caller).isPresent());
        assertThat(asterisk.bridgeMembers(asterisk.bridgeOf(caller).orElseThrow()))
                .containsExactly(caller, media);
        assertThat(asterisk.rejectedAdds()).isZero();
    }

    @Test
    void noPlaybackIsStartedTheBridgePlaysTheWaitingToneInTheMedia() {
        startController();
        String first = connect("3333");
        connect("4444");
        asterisk.hangUp(first);
        await().atMost(WAIT).until(() -> legs.count("gone:3333") == 1);
        assertThat(asterisk.eventLog()).noneMatch(e -> e.startsWith("Playback"));
    }

    @Test
    void aHangUpTearsDownTheCallInAsterisksEventOrderAndTheLegTakesTheNextCall() throws Exception {
        startController();
        String caller = connect("3333");
        String bridge = asterisk.bridgeOf(caller).orElseThrow();
        String media = mediaOf(caller);

        asterisk.hangUp(caller);
        await().atMost(WAIT).until(() -> legs.count("gone:3333") == 1);
        await().atMost(WAIT)
                .until(() ->
                        asterisk.bridgeIds().isEmpty() && asterisk.channelIds().isEmpty());
        List<String> log = asterisk.eventLog();
        assertThat(log)
                .containsSubsequence(
                        "ChannelHangupRequest:" + caller,
                        "ChannelLeftBridge:" + bridge + "/" + caller,
                        "StasisEnd:" + caller,
                        "ChannelDestroyed:" + caller,
                        "StasisEnd:" + media,
                        "ChannelDestroyed:" + media,
                        "BridgeDestroyed:" + bridge);
        await().atMost(WAIT).until(() -> callEvents(CallEvent.Kind.ENDED).size() == 1);

        String next = connect("3333");
        assertThat(next).isNotEqualTo(caller);
    }

    @Test
    void theMediaChannelGoingFirstEndsTheCallToo() {
        startController();
        String caller = connect("3333");
        asterisk.hangUp(mediaOf(caller));
        await().atMost(WAIT).until(() -> legs.count("gone:3333") == 1);
        await().atMost(WAIT)
                .until(() ->
                        asterisk.channelIds().isEmpty() && asterisk.bridgeIds().isEmpty());
    }

    @Test
    void theBridgeDestroyedFirstEndsTheCallToo() {
        startController();
        String caller = connect("3333");
        controller.client().destroyBridge(asterisk.bridgeOf(caller).orElseThrow());
        await().atMost(WAIT).until(() -> legs.count("gone:3333") == 1);
        await().atMost(WAIT).until(() -> asterisk.channelIds().isEmpty());
    }

    @Test
    void aSecondCallToABusyExtensionIsRefusedWithCauseBusy() throws Exception {
        startController();
        String first = connect("3333");
        String second = asterisk.call("3333", "1002");
        await().atMost(WAIT).until(() -> asterisk.hangups().contains(second + ":busy"));
        assertThat(asterisk.channelIds()).contains(first).doesNotContain(second);
        await().atMost(WAIT).until(() -> callEvents(CallEvent.Kind.REFUSED).size() == 1);
        assertThat(callEvents(CallEvent.Kind.REFUSED).getFirst().detail()).contains("busy");
        assertThat(legs.count("gone:")).isZero();
    }

    @Test
    void aCallToAnUnknownExtensionIsHungUpAndReported() throws Exception {
        startController();
        String caller = asterisk.call("9999");
        await().atMost(WAIT).until(() -> asterisk.hangups().contains(caller + ":unallocated"));
        await().atMost(WAIT).until(() -> callEvents(CallEvent.Kind.REFUSED).size() == 1);
        assertThat(callEvents(CallEvent.Kind.REFUSED).getFirst().detail()).contains("9999");
        assertThat(asterisk.bridgeIds()).isEmpty();
    }

    @Test
    void aDroppedWebSocketReconnectsAndKeepsCallsThatAreStillUp() {
        startController();
        String caller = connect("3333");
        asterisk.dropEventsWebSocket();
        await().atMost(WAIT).until(asterisk::eventsConnected);
        connect("4444");
        assertThat(legs.count("gone:")).isZero();
        assertThat(asterisk.channelIds()).contains(caller);
        asterisk.hangUp(caller);
        await().atMost(WAIT).until(() -> legs.count("gone:3333") == 1);
    }

    @Test
    void aHangUpMissedWhileTheWebSocketWasDownIsRecoveredFromRest() {
        startController();
        String caller = connect("3333");
        asterisk.dropEventsWebSocket();
        asterisk.hangUp(caller); // its events go nowhere
        await().atMost(WAIT).until(() -> legs.count("gone:3333") == 1);
        await().atMost(WAIT)
                .until(() ->
                        asterisk.channelIds().isEmpty() && asterisk.bridgeIds().isEmpty());
    }

    @Test
    void anAsteriskRestartEndsTheLostCallsAndNewCallsWork() {
        startController();
        connect("3333");
        asterisk.restart();
        await().atMost(WAIT).until(() -> legs.count("gone:3333") == 1);
        await().atMost(WAIT).until(asterisk::eventsConnected);
        connect("3333");
    }

    @Test
    void leftoversOfAnEarlierRunAreCleanedUpAtStart() {
        asterisk.leaveOver("parley-br-3333-0ld00000", "parley-em-3333-0ld00000", "3333");
        startController();
        await().atMost(WAIT)
                .until(() ->
                        asterisk.bridgeIds().isEmpty() && asterisk.channelIds().isEmpty());
        connect("3333");
    }

    @Test
    void aCallerEnteringStasisWhileParleyConnectsIsTakenOnItsStasisStartNotRefused() throws Exception {
        // Asterisk's channel list still shows the caller before Stasis() while the application has them.
        asterisk.callEnteringStasisAsChannelsAreListed("3333");
        startController();
        await().atMost(WAIT).until(() -> callEvents(CallEvent.Kind.STARTED).size() == 1);
        assertThat(legs.count("connected:3333")).isEqualTo(1);
        assertThat(callEvents(CallEvent.Kind.REFUSED)).isEmpty();
        assertThat(callEvents(CallEvent.Kind.ENDED)).isEmpty();
        assertThat(asterisk.hangups()).isEmpty();
    }

    @Test
    void badCredentialsAreReportedClearlyAndRetried() throws Exception {
        controller = start("wrong");
        await().atMost(WAIT)
                .until(() -> events().stream()
                                .filter(e -> e instanceof AriState s
                                        && s.state() == AriState.State.DISCONNECTED
                                        && s.detail().contains("401"))
                                .count()
                        >= 2);
        assertThat(asterisk.eventsConnected()).isFalse();
        AriState refused = (AriState) events().stream()
                .filter(e -> e instanceof AriState s && s.state() == AriState.State.DISCONNECTED)
                .findFirst()
                .orElseThrow();
        assertThat(refused.detail()).contains("PARLEY_ARI_PASSWORD").contains("ari.conf");
    }

    @Test
    void reconnectionAttemptsBackOff() throws Exception {
        int port = asterisk.port();
        asterisk.close();
        AriSettings settings = new AriSettings(
                URI.create("http://127.0.0.1:" + port),
                AsteriskStandIn.USER,
                new Secret(AsteriskStandIn.PASSWORD),
                AsteriskStandIn.APP);
        Backoff backoff = new Backoff(Duration.ofMillis(40), Duration.ofMillis(1280), 0.0, new Random(1));
        controller = AriController.start(settings, legs, bus, backoff, Duration.ofSeconds(1), Duration.ofSeconds(1));
        await().atMost(WAIT)
                .until(() -> events().stream()
                                .filter(e -> e instanceof AriState s && s.state() == AriState.State.CONNECTING)
                                .count()
                        >= 6);
        List<Long> at = events().stream()
                .filter(e -> e instanceof AriState s && s.state() == AriState.State.CONNECTING)
                .map(ParleyEvent::at)
                .toList();
        // Each gap is an attempt (refused at once, but a busy machine may make it last) plus its delay:
        // 40, 80, 160, 320, 640 ms. A machine can only lengthen a gap.
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            long gap = at.get(i) - at.get(i - 1);
            assertThat(gap).as("gap after failure " + i + ", ms").isGreaterThanOrEqualTo(40L << (i - 1));
            gaps.add(gap);
        }
        // They grow: the shortest of the first three (40-160 ms delays, the first one with the cold
        // client's first attempt) is under half the fifth; a stall may lengthen two of them.
        long shortestEarly =
                gaps.subList(0, 3).stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(shortestEarly)
                .as("shortest of the first three gaps vs the fifth " + gaps)
                .isLessThan(gaps.get(4) / 2);
        asterisk = AsteriskStandIn.start(); // for tearDown
    }
}
