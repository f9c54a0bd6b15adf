package io.parley.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.config.BridgeConfig;
import io.parley.config.Codec;
import io.parley.config.EngineSettings;
import io.parley.config.JitterSettings;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.config.Mode;
import io.parley.config.Topology;
import io.parley.config.TranslationSettings;
import io.parley.event.EventBus;
import io.parley.event.ParleyEvent;
import io.parley.event.Subscription;
import io.parley.event.UtteranceEvent;
import io.parley.media.MediaClock;
import io.parley.media.UdpReactor;
import io.parley.speech.engines.SpeechEngines;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** English speech into one ExternalMedia leg comes out of the other in French, and is reported on the bus. */
class TranslationBridgeTest {
    private static final int BASE = 17400;
    private static SpeechEngines engines;

    @BeforeAll
    static void engines() {
        engines = new SpeechEngines(EngineSettings.DEFAULT, (e, m, r) -> { });
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    private static BridgeConfig bridge() {
        return new BridgeConfig("t", Mode.TRANSLATE, Topology.EXTERNALMEDIA, List.of(
                new LegConfig("7777", "en", Codec.ULAW, new LegPorts.ExternalMedia(BASE, BASE + 1)),
                new LegConfig("8888", "fr", Codec.ULAW, new LegPorts.ExternalMedia(BASE + 2, BASE + 3))),
                OptionalInt.empty(), OptionalInt.empty(), JitterSettings.DEFAULT, TranslationSettings.DEFAULT);
    }

    @Test
    void englishSpeechIsHeardInFrench() throws Exception {
        EventBus bus = new EventBus();
        Subscription events = bus.subscribe("test", 10_000);
        BridgeConfig config = bridge();
        try (MediaClock clock = new MediaClock(); UdpReactor reactor = new UdpReactor("t", 1);
             RtpTestPeer english = new RtpTestPeer("ulaw", 0); RtpTestPeer french = new RtpTestPeer("ulaw", 0)) {
            PortBinder ports = (port, r) -> reactor.bind(new InetSocketAddress("127.0.0.1", port), r);
            ExternalMediaLeg a = new ExternalMediaLeg(config.leg(0), config.jitter(), clock, ports);
            ExternalMediaLeg b = new ExternalMediaLeg(config.leg(1), config.jitter(), clock, ports);
            try (TranslationBridge bridge = new TranslationBridge(config, a, b, engines,
                    io.parley.audio.EndpointSettings.DEFAULT, clock, bus)) {
                bridge.start();
                InetSocketAddress legA = new InetSocketAddress("127.0.0.1", BASE);
                InetSocketAddress legB = new InetSocketAddress("127.0.0.1", BASE + 2);
                french.silence(200, legB);
                short[] speech = RtpTestPeer.speech("i would like a cup of coffee.", "en", 8000);
                short[] withTail = java.util.Arrays.copyOf(speech, speech.length + 8000);
                long[] sent = english.play(withTail, legA);

                List<UtteranceEvent> seen = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                UtteranceEvent played = null;
                while (played == null && System.nanoTime() < deadline) {
                    ParleyEvent e = events.poll(200, TimeUnit.MILLISECONDS);
                    if (e instanceof UtteranceEvent u) {
                        seen.add(u);
                        if ((u.stage() == UtteranceEvent.Stage.PLAYED || u.stage() == UtteranceEvent.Stage.FAILED)
                                && u.finalText().toLowerCase().contains("coffee")) {
                            played = u;
                        }
                    }
                }
                seen.stream().filter(u -> u.stage() != UtteranceEvent.Stage.PARTIAL).forEach(u -> System.out.println(u.stage() + " " + u.finalText() + " | " + u.translation() + " " + u.note()));
                assertThat(played).as("an utterance was played").isNotNull();
                assertThat(played.stage()).isEqualTo(UtteranceEvent.Stage.PLAYED);
                assertThat(played.finalText().toLowerCase()).contains("coffee");
                assertThat(played.translation().toLowerCase()).containsAnyOf("café", "tasse");
                UtteranceEvent.Times t = played.times();
                System.out.printf("end->stt %d mt %d tts %d play %d%n", t.sttFinal() - t.speechEnd(),
                        t.mtDone() - t.speechEnd(), t.ttsFirstAudio() - t.speechEnd(), t.playoutStart() - t.speechEnd());
                assertThat(french.firstLoudAfter(sent[speech.length / 160], -40)).isPositive();
            }
        }
    }
}
