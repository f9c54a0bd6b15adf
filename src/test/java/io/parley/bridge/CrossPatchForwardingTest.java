package io.parley.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.audio.LevelMeter;
import io.parley.audio.ToneGenerator;
import io.parley.config.Codec;
import io.parley.config.JitterSettings;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.config.SourcePin;
import io.parley.config.ToneZone;
import io.parley.event.LegStats;
import io.parley.leg.PortBinder;
import io.parley.leg.Presence;
import io.parley.media.MediaClock;
import io.parley.media.TimeSource;
import io.parley.media.UdpEndpoint;
import io.parley.media.UdpReactor;
import io.parley.rtp.RtpStreamWriter;
import io.parley.rtpleg.ExternalMediaLeg;
import io.parley.rtpleg.RtpTransmitter;
import io.parley.testing.RtpTestPeer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cross-patch of two ExternalMedia legs over real loopback sockets forwards each caller's packets
 * to the other the moment they arrive: the media clock here never ticks unless a test runs it, so
 * anything heard was forwarded on arrival. The listener gets one continuous stream however the
 * caller's stream changes; the caller's loss and reordering are counted; only the accepted source
 * is forwarded.
 */
class CrossPatchForwardingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final MediaClock clock = new MediaClock(TimeSource.SYSTEM, false);
    private final UdpReactor reactor = new UdpReactor("forward-test", 1);
    private final List<UdpEndpoint> bound = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final PortBinder ports = (port, receiver) -> {
        UdpEndpoint e = reactor.bind(new InetSocketAddress("127.0.0.1", 0), receiver);
        bound.add(e);
        return e;
    };
    private final byte[] payload = new byte[160];
    private final byte[] datagram = new byte[172];

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        reactor.close();
    }

    /** An ExternalMedia leg on free ports, and where its caller sends. */
    private record Leg(ExternalMediaLeg side, InetSocketAddress media) {}

    private Leg leg(String extension, Codec codec, Optional<SourcePin> pin) throws IOException {
        return leg(extension, codec, pin, clock, ports, bound);
    }

    /** A leg on {@code clock}, bound by {@code binder}, which records its sockets in {@code sockets}. */
    private Leg leg(
            String extension,
            Codec codec,
            Optional<SourcePin> pin,
            MediaClock on,
            PortBinder binder,
            List<UdpEndpoint> sockets)
            throws IOException {
        int first = sockets.size();
        ExternalMediaLeg side = new ExternalMediaLeg(
                new LegConfig(
                        extension, "en", codec, new LegPorts.ExternalMedia(0, 0), pin, ToneZone.forLanguage("en")),
                JitterSettings.DEFAULT,
                on,
                binder);
        open.add(side);
        return new Leg(side, sockets.get(first).localAddress());
    }

    private Leg leg(String extension) throws IOException {
        return leg(extension, Codec.ULAW, Optional.empty());
    }

    private RtpTestPeer peer(String codec, int payloadType) throws IOException {
        RtpTestPeer p = new RtpTestPeer(codec, payloadType);
        open.add(p);
        return p;
    }

    /** Two legs on {@code on}, bridged. */
    private List<Leg> bridged(MediaClock on, PortBinder binder, List<UdpEndpoint> sockets) throws IOException {
        List<Leg> legs = List.of(
                leg("9301", Codec.ULAW, Optional.empty(), on, binder, sockets),
                leg("9302", Codec.ULAW, Optional.empty(), on, binder, sockets));
        bridge(legs.get(0), legs.get(1));
        return legs;
    }

    /** Two bridged ulaw legs, a talker on the first, and a listener whose address the second has learned. */
    private record Call(Leg a, Leg b, RtpTestPeer talker, RtpTestPeer listener) {}

    private Call call() throws IOException {
        Leg a = leg("9301");
        Leg b = leg("9302");
        bridge(a, b);
        RtpTestPeer listener = peer("ulaw", 0);
        listener.silence(60, b.media());
        return new Call(a, b, peer("ulaw", 0), listener);
    }

    private static void bridge(Leg a, Leg b) {
        new CrossPatchBridge(a.side(), b.side()).start();
    }

    private void send(RtpTestPeer from, RtpStreamWriter writer, InetSocketAddress to) throws IOException {
        from.send(datagram, writer.write(payload, 0, payload.length, 160, datagram, 0), to);
    }

    private static short[] tone(int rate, double seconds) {
        short[] tone = new short[(int) (rate * seconds)];
        new ToneGenerator(rate, 1000, -12).fill(tone, 0, tone.length);
        return tone;
    }

    private static int loudPackets(RtpTestPeer peer) {
        return peer.loudPacketsBetween(Long.MIN_VALUE, Long.MAX_VALUE, -30);
    }

    @Test
    void eachPacketGoesOnAsItArrivesWithoutAClockTick() throws Exception {
        Leg a = leg("9301");
        Leg b = leg("9302");
        bridge(a, b);
        RtpTestPeer talker = peer("ulaw", 0);
        RtpTestPeer listener = peer("ulaw", 0);
        listener.silence(60, b.media()); // B's leg learns where its caller is
        talker.play(tone(8000, 1), a.media());

        await().atMost(WAIT).until(() -> loudPackets(listener) >= 50);
        assertThat(clock.ticks()).as("no media-clock tick ran").isZero();
        List<RtpTestPeer.Header> heard = listener.headers();
        assertThat(heard)
                .extracting(RtpTestPeer.Header::ssrc)
                .containsOnly(heard.getFirst().ssrc());
        for (int i = 1; i < heard.size(); i++) {
            assertThat(heard.get(i).sequence()).isEqualTo((heard.get(i - 1).sequence() + 1) & 0xFFFF);
            assertThat(heard.get(i).timestamp() - heard.get(i - 1).timestamp()).isEqualTo(160);
        }
        assertThat(heard.getFirst().marker()).as("a talk spurt starts").isTrue();
        LegStats stats = a.side().stats("b");
        assertThat(stats.in().packets()).isEqualTo(50);
        assertThat(stats.playout())
                .as("no jitter buffer: nothing waits, nothing is discarded")
                .isEqualTo(LegStats.Playout.NONE);
        // The transmitter counts a packet after its send returns, which may be after the listener has it.
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(b.side().stats("b").out().packets()).isEqualTo(50));
    }

    @Test
    void theCallersOwnChangesReachTheListenerAsOneContinuousStreamAndAreCounted() throws Exception {
        Call call = call();
        Leg a = call.a();
        Leg b = call.b();
        RtpTestPeer talker = call.talker();
        RtpTestPeer listener = call.listener();
        RtpStreamWriter first = new RtpStreamWriter(0, 0x1111, 100, 5000);
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            packets.add(Arrays.copyOf(datagram, first.write(payload, 0, 160, 160, datagram, 0)));
        }
        // 100 101 102 103 105 104 104 107: 104 late, then again (a copy), 106 lost.
        for (int i : new int[] {0, 1, 2, 3, 5, 4, 4, 7}) {
            talker.send(packets.get(i), packets.get(i).length, a.media());
        }
        RtpStreamWriter second = new RtpStreamWriter(0, 0x2222, 40_000, 123_456_789L); // the caller's SSRC changes
        for (int i = 0; i < 3; i++) {
            send(talker, second, a.media());
        }
        await().atMost(WAIT).until(() -> listener.headers().size() >= 10);

        List<RtpTestPeer.Header> heard = listener.headers();
        int base = heard.getFirst().sequence();
        long t0 = heard.getFirst().timestamp();
        int[] steps =
                heard.stream().mapToInt(h -> (h.sequence() - base) & 0xFFFF).toArray();
        assertThat(steps)
                .as("the copy is dropped; order and the gap pass through; the new SSRC carries on")
                .containsExactly(0, 1, 2, 3, 5, 4, 7, 8, 9, 10);
        assertThat(heard)
                .extracting(RtpTestPeer.Header::ssrc)
                .containsOnly(heard.getFirst().ssrc());
        assertThat(heard.get(6).timestamp() - t0).isEqualTo(7 * 160);
        assertThat(heard.get(7).marker())
                .as("the new stream starts a talk spurt")
                .isTrue();
        assertThat(heard.get(7).timestamp() - t0).isGreaterThanOrEqualTo(8 * 160);
        assertThat(heard.get(8).timestamp() - heard.get(7).timestamp()).isEqualTo(160);

        LegStats.Network network = a.side().stats("b").network();
        assertThat(network.duplicates()).isEqualTo(1);
        assertThat(network.reordered()).isEqualTo(1);
        assertThat(network.lost()).as("106 never came").isEqualTo(1);
        assertThat(clock.ticks()).isZero();
    }

    @Test
    void aStrangerIsNotForwardedWhileTheCallerIsAlive() throws Exception {
        Leg a = leg("9301");
        Leg b = leg("9302");
        bridge(a, b);
        RtpTestPeer talker = peer("ulaw", 0);
        RtpTestPeer stranger = peer("ulaw", 0);
        RtpTestPeer listener = peer("ulaw", 0);
        listener.silence(60, b.media());
        talker.silence(100, a.media());
        await().atMost(WAIT).until(() -> listener.packetsHeard() >= 5);
        stranger.play(tone(8000, 0.2), a.media());

        await().atMost(WAIT).until(() -> a.side().stats("b").malformed().getOrDefault("unexpected_source", 0L) == 10);
        assertThat(loudPackets(listener)).as("the stranger's tone").isZero();
        assertThat(listener.packetsHeard()).isEqualTo(5);
    }

    @Test
    void aPinnedLegForwardsNothingFromOutsideThePin() throws Exception {
        String[] problem = new String[1];
        Leg a = leg("9301", Codec.ULAW, SourcePin.parse("127.0.0.2", problem));
        Leg b = leg("9302");
        bridge(a, b);
        RtpTestPeer talker = peer("ulaw", 0);
        RtpTestPeer listener = peer("ulaw", 0);
        listener.silence(60, b.media());
        talker.play(tone(8000, 0.2), a.media());

        await().atMost(WAIT).until(() -> a.side().stats("b").malformed().getOrDefault("source_not_allowed", 0L) == 10);
        assertThat(listener.packetsHeard()).isZero();
    }

    @Test
    void aLegDrivenBySignallingForwardsOnlyTheCallsAddressFromItsFirstPacket() throws Exception {
        Leg a = leg("9301");
        Leg b = leg("9302");
        bridge(a, b);
        a.side().drivenBySignalling();
        RtpTestPeer talker = peer("ulaw", 0);
        RtpTestPeer listener = peer("ulaw", 0);
        listener.silence(60, b.media());
        RtpStreamWriter w = new RtpStreamWriter(0, 7, 1, 0);
        send(talker, w, a.media()); // no call yet
        await().atMost(WAIT).until(() -> a.side().stats("b").malformed().getOrDefault("no_call", 0L) == 1);

        a.side().callerConnected(Optional.of(talker.address()));
        send(talker, w, a.media());
        await().atMost(WAIT).until(() -> listener.packetsHeard() == 1); // no probation: the address is the call's
        a.side().callerGone();
        send(talker, w, a.media());
        await().atMost(WAIT).until(() -> a.side().stats("b").malformed().getOrDefault("no_call", 0L) == 2);
        assertThat(listener.packetsHeard()).isEqualTo(1);
    }

    @Test
    void packetsLongerThanATickKeepTheirOwnPace() throws Exception {
        Call call = call();
        Leg a = call.a();
        Leg b = call.b();
        RtpTestPeer talker = call.talker();
        RtpTestPeer listener = call.listener();
        talker.play(tone(8000, 2), a.media(), 100); // ptime 100: 800-byte payloads

        await().atMost(WAIT)
                .until(() -> listener.timestampsAndSamples().stream()
                                .filter(p -> p[1] == 800)
                                .count()
                        == 20);
        List<long[]> packets = listener.timestampsAndSamples().stream()
                .filter(p -> p[1] == 800)
                .toList();
        for (int i = 1; i < packets.size(); i++) {
            assertThat((packets.get(i)[0] - packets.get(i - 1)[0]) & 0xFFFF_FFFFL)
                    .isEqualTo(800);
        }
    }

    @Test
    void legsOfOneClockRateInDifferentCodecsAreTranscodedOnTheWay() throws Exception {
        Leg a = leg("9301", Codec.ULAW, Optional.empty());
        Leg b = leg("9302", Codec.ALAW, Optional.empty());
        bridge(a, b);
        RtpTestPeer talker = peer("ulaw", 0);
        RtpTestPeer listener = peer("alaw", 8);
        listener.silence(60, b.media());
        talker.play(tone(8000, 0.5), a.media());

        await().atMost(WAIT).until(() -> loudPackets(listener) >= 25);
        assertThat(listener.headers())
                .extracting(RtpTestPeer.Header::payloadType)
                .containsOnly(8);
        short[] heard = listener.heard();
        double level = LevelMeter.rmsDbfs(heard, heard.length - 1600, 1600);
        assertThat(level).as("the tone at its level after ulaw -> alaw").isBetween(-15.5, -13.5);
        assertThat(clock.ticks()).isZero();
    }

    @Test
    void aWaitingCallerHearsTheWaitingToneAndThenTheOtherCallerInOneStream() throws Exception {
        Call call = call();
        Leg a = call.a();
        Leg b = call.b();
        RtpTestPeer talker = call.talker();
        RtpTestPeer listener = call.listener();
        b.side().waiting(true);
        await().atMost(WAIT).until(() -> {
            clock.runDue();
            return loudPackets(listener) >= 10;
        });
        b.side().waiting(false);
        clock.runDue(); // the tone's task is cancelled
        // Every tone packet the leg sent has arrived (loopback, but on the receiver's own thread) before
        // the count that marks where the tone ends is taken.
        long toneSent = b.side().stats("b").out().packets();
        await().atMost(WAIT).until(() -> listener.packetsHeard() >= toneSent);
        int toneHeard = listener.packetsHeard();
        assertThat(toneHeard).as("tone packets heard, of those sent").isEqualTo(toneSent);
        talker.play(tone(8000, 0.2), a.media());
        await().atMost(WAIT).until(() -> listener.packetsHeard() >= toneHeard + 10);

        List<RtpTestPeer.Header> heard = listener.headers();
        assertThat(heard)
                .extracting(RtpTestPeer.Header::ssrc)
                .containsOnly(heard.getFirst().ssrc());
        RtpTestPeer.Header lastTone = heard.get(toneHeard - 1);
        RtpTestPeer.Header firstForwarded = heard.get(toneHeard);
        assertThat(firstForwarded.sequence()).isEqualTo((lastTone.sequence() + 1) & 0xFFFF);
        assertThat(firstForwarded.marker()).isTrue();
        assertThat(firstForwarded.timestamp() - lastTone.timestamp()).isGreaterThanOrEqualTo(160);
    }

    @Test
    void whatTheCallerSaysBeforeTheListenersAddressIsKnownIsSentOnceItIs() throws Exception {
        assertHeardAfterTheListenerWaited(RtpTransmitter.HOLD_NANOS, 4, "three held, then the fourth");
    }

    @Test
    void whatWaitedLongerThanAMomentForTheListenerIsDropped() throws Exception {
        assertHeardAfterTheListenerWaited(RtpTransmitter.HOLD_NANOS + 1, 1, "the fourth alone");
    }

    /**
     * The talker says three packets before the listener's leg knows where the listener is, the
     * listener's first packets arrive {@code nanos} later (in the legs' time), then the talker says
     * a fourth. Asserts that the listener hears {@code expected} packets, in sequence.
     */
    private void assertHeardAfterTheListenerWaited(long nanos, int expected, String what) throws Exception {
        SettableTime time = new SettableTime();
        List<Leg> legs = bridged(new MediaClock(time, false), ports, bound);
        ExternalMediaLeg a = legs.get(0).side();
        ExternalMediaLeg b = legs.get(1).side();
        InetSocketAddress aMedia = legs.get(0).media();
        InetSocketAddress bMedia = legs.get(1).media();
        RtpTestPeer talker = peer("ulaw", 0);
        RtpTestPeer listener = peer("ulaw", 0);
        RtpStreamWriter w = new RtpStreamWriter(0, 7, 1, 0);
        for (int i = 0; i < 3; i++) {
            send(talker, w, aMedia);
        }
        await().atMost(WAIT).until(() -> a.stats("b").in().packets() == 3);
        time.now += nanos;
        RtpStreamWriter back = new RtpStreamWriter(0, 8, 1, 0);
        send(listener, back, bMedia);
        send(listener, back, bMedia);
        await().atMost(WAIT).until(() -> b.stats("b").in().packets() == 2);
        send(talker, w, aMedia);

        // The held packets and the fourth leave in one burst, each counted after its send: both
        // counts move until the burst is over. They must reach the expected count and stay there.
        await().atMost(WAIT)
                .during(Duration.ofMillis(300))
                .alias(what + ": " + expected + " sent and heard")
                .until(() -> b.stats("b").out().packets() == expected && listener.packetsHeard() == expected);
        List<RtpTestPeer.Header> heard = listener.headers();
        assertThat(heard).as(what).hasSize(expected);
        for (int i = 1; i < heard.size(); i++) {
            assertThat(heard.get(i).sequence()).isEqualTo((heard.get(i - 1).sequence() + 1) & 0xFFFF);
        }
    }

    @Test
    void theNextCallersFirstWordsNeverReachThePreviousListener() throws Exception {
        SettableTime time = new SettableTime();
        try (UdpReactor timed = new UdpReactor("forward-test-timed", 1, time)) {
            List<UdpEndpoint> sockets = new ArrayList<>();
            PortBinder binder = (port, receiver) -> {
                UdpEndpoint e = timed.bind(new InetSocketAddress("127.0.0.1", 0), receiver);
                sockets.add(e);
                return e;
            };
            List<Leg> legs = bridged(new MediaClock(time, false), binder, sockets);
            ExternalMediaLeg a = legs.get(0).side();
            ExternalMediaLeg b = legs.get(1).side();
            InetSocketAddress aMedia = legs.get(0).media();
            InetSocketAddress bMedia = legs.get(1).media();
            RtpTestPeer earlier = peer("ulaw", 0);
            RtpStreamWriter earlierVoice = new RtpStreamWriter(0, 1, 1, 0);
            send(earlier, earlierVoice, bMedia);
            send(earlier, earlierVoice, bMedia); // B's leg knows the earlier caller
            await().atMost(WAIT).until(() -> b.stats("b").in().packets() == 2);

            time.now += Presence.RTP_NANOS; // they hung up long ago; a new call starts on both legs
            RtpTestPeer talker = peer("ulaw", 0);
            RtpTestPeer listener = peer("ulaw", 0);
            RtpStreamWriter w = new RtpStreamWriter(0, 7, 1, 0);
            send(talker, w, aMedia);
            send(talker, w, aMedia);
            await().atMost(WAIT).until(() -> a.stats("b").in().packets() == 2);
            RtpStreamWriter back = new RtpStreamWriter(0, 8, 1, 0);
            send(listener, back, bMedia);
            send(listener, back, bMedia);
            await().atMost(WAIT).until(() -> b.stats("b").in().packets() == 4);
            send(talker, w, aMedia);

            await().atMost(WAIT).until(() -> listener.packetsHeard() == 3);
            assertThat(earlier.packetsHeard())
                    .as("the earlier caller heard nothing of the new call")
                    .isZero();
        }
    }

    /** Time a test sets, read from any thread. */
    private static final class SettableTime implements TimeSource {
        volatile long now = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void parkUntil(long deadlineNanos) {}
    }

    @Test
    void aCallerWhoStopsIsShownSilentWhileTheLastLevelWasLoud() throws Exception {
        Call call = call();
        Leg a = call.a();
        Leg b = call.b();
        RtpTestPeer talker = call.talker();
        RtpTestPeer listener = call.listener();
        talker.play(tone(8000, 0.5), a.media());
        await().atMost(WAIT).until(() -> loudPackets(listener) >= 25);
        await().atMost(WAIT)
                .until(() -> a.side().stats("b").in().levelDbfs() <= LevelMeter.FLOOR_DBFS
                        && b.side().stats("b").out().levelDbfs() <= LevelMeter.FLOOR_DBFS);
    }
}
