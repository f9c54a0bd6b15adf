package io.parley.ari;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.parley.config.AriSettings;
import io.parley.config.Secret;
import io.parley.event.EventBus;
import io.parley.testing.LogCapture;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's hostile ARI server: one that accepts the WebSocket and drops it at once caused 34
 * reconnections in 17 s (the backoff reset at every handshake); invalid UTF-8, a StasisStart
 * without a channel and a 100 KB value gave a bare ProtocolException, an ERROR with a stack
 * trace, and 200 KB log lines.
 */
class AriEventStreamTest {
    private final LogCapture logs = LogCapture.start(AriEventStream.class);
    private final List<AriEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    @AfterEach
    void releaseLogs() {
        logs.close();
    }

    private AriEventStream stream(HostileAriServer server, Backoff backoff) {
        AriSettings settings = new AriSettings(URI.create(server.url()), "parley", new Secret("pw"), "parley");
        return new AriEventStream(
                settings,
                HttpClient.newHttpClient(),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                backoff,
                new EventBus(),
                new AriEventStream.Listener() {
                    @Override
                    public void connected() {
                        connections.incrementAndGet();
                    }

                    @Override
                    public void event(AriEvent event) {
                        events.add(event);
                    }

                    @Override
                    public void disconnected(String reason) {}
                });
    }

    @Test
    void aServerThatDropsEveryWebSocketAtOnceGetsEverLongerPauses() throws Exception {
        try (HostileAriServer server = new HostileAriServer(List.of())) {
            AriEventStream s =
                    stream(server, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), 0.0, new Random(1)));
            s.start();
            // The listener hears of a connection on the event thread, a moment after the server counted
            // its handshake: both are awaited together, before close() can drop a pending connected().
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .alias("5 handshakes, each told to the listener")
                    .until(() -> {
                        int handshakes = server.handshakes();
                        return handshakes >= 5 && connections.get() == handshakes;
                    });
            s.close();
            // Pauses of 0.1, 0.2, 0.4, 0.8 s between the five (a busy machine may only make them longer);
            // reset at every handshake, they were 0.1 s each.
            List<Long> at = server.handshakeTimes();
            for (int i = 1; i < 5; i++) {
                assertThat((at.get(i) - at.get(i - 1)) / 1e6)
                        .as("pause before handshake " + (i + 1) + ", ms")
                        .isGreaterThanOrEqualTo(100.0 * (1 << (i - 1)));
            }
        }
    }

    @Test
    void hostileFramesAreOneLineEachWithoutAStackTraceAndLongValuesAreCut() throws Exception {
        String longExten = "9".repeat(100_000);
        List<byte[]> frames = List.of(
                utf8("{\"type\":\"StasisStart\",\"application\":\"parley\",\"args\":[]}"),
                utf8("{\"type\":\"StasisStart\",\"application\":\"parley\",\"args\":[\"" + "x".repeat(100_000)
                        + "\"],\"channel\":{\"id\":\"1700000000.1\",\"name\":\"PJSIP/a\",\"state\":\"Ring\","
                        + "\"caller\":{\"number\":\"100\"},\"dialplan\":{\"exten\":\"" + longExten + "\"}}}"),
                utf8("not json\n\u0007 at all " + "y".repeat(50_000)),
                new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}); // invalid UTF-8
        try (HostileAriServer server = new HostileAriServer(frames)) {
            AriEventStream s =
                    stream(server, new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30), 0.0, new Random(1)));
            s.start();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> logs.events().stream()
                            .anyMatch(e -> e.getFormattedMessage().contains("UTF-8")));
            s.close();
        }
        assertThat(events)
                .as("only the event with a channel reaches the call flows")
                .hasSize(1);
        AriEvent e = events.getFirst();
        assertThat(e.channel().orElseThrow().exten()).hasSize(AriEventReader.MAX_VALUE_CHARS);
        assertThat(e.args().getFirst()).hasSize(AriEventReader.MAX_VALUE_CHARS);

        List<ILoggingEvent> warnings = logs.events().stream()
                .filter(l -> l.getLevel().isGreaterOrEqual(Level.WARN))
                .toList();
        assertThat(warnings).allSatisfy(l -> {
            assertThat(l.getThrowableProxy())
                    .as("no stack trace: " + l.getFormattedMessage())
                    .isNull();
            assertThat(l.getFormattedMessage())
                    .as("one short line")
                    .hasSizeLessThan(600)
                    .doesNotContain("\n");
        });
        assertThat(warnings)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("StasisStart without a channel"))
                .anyMatch(m -> m.contains("channel.dialplan.exten (100000 characters)") && m.contains("args[0]"))
                .anyMatch(m -> m.contains("not JSON: not json?? at all") && m.contains("(50018 characters)"))
                .anyMatch(m -> m.contains("not valid UTF-8"));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
