package io.parley.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.config.ConfigLoader;
import io.parley.config.LegPorts;
import io.parley.config.ParleyConfig;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The AudioSocket topology through a real Asterisk 22's {@code AudioSocket()} dialplan application,
 * as docs/asterisk/extensions.conf shows it (answer, then connect to the leg's TCP port): two
 * callers cross-patched, the silent one hears the waiting tone while alone, then the other.
 */
class AudioSocketThroughAsteriskTest {
    /** The docs' example, with the leg's port taken from the extension dialled ({@code AS<port>}). */
    private static final String DIALPLAN = """

            [test-audiosocket]
            exten => _AS.,1,NoOp(parley: AudioSocket leg on port ${EXTEN:2})
             same => n,Answer()
             same => n,AudioSocket(40325ec2-5efd-4bd3-805f-53576e581d13,127.0.0.1:${EXTEN:2})
             same => n,Hangup()
            """;

    private static final String PLAN = """
            bridges:
              - name: as
                mode: crosspatch
                topology: audiosocket
                legs:
                  - {extension: "9001", codec: slin, audioSocket: {tcp: 1}}
                  - {extension: "9002", codec: slin, audioSocket: {tcp: 2}}
            """;

    @Test
    void aCallerThroughTheAudioSocketApplicationHearsTheOther() throws Exception {
        try (RealAsterisk asterisk = RealAsterisk.start(DIALPLAN)) {
            ParleyConfig config = FreePlan.onFreePorts(
                    new ConfigLoader(Map.of()).parse(PLAN, "test.yaml"),
                    asterisk,
                    "parley",
                    Files.createTempDirectory("parley-transcripts"));
            int portA =
                    ((LegPorts.AudioSocket) config.bridges().getFirst().leg(0).ports()).tcp();
            int portB =
                    ((LegPorts.AudioSocket) config.bridges().getFirst().leg(1).ports()).tcp();
            String tone = asterisk.sound("tone1000", DefaultBridgesThroughAsteriskTest.tone(1000, 2));
            try (ParleyOnAsterisk parley = ParleyOnAsterisk.start(config, asterisk)) {
                long mark = asterisk.logMark();
                RealAsterisk.Call listener =
                        asterisk.dial("AS" + portB, "test-audiosocket", "silent", Map.of("TAIL", "10"));
                // Alone on the bridge, the listener hears the waiting tone (us: 440 + 480 Hz, 2 s on):
                // the talker dials once parley has sent them a second of it.
                await().atMost(Duration.ofSeconds(20))
                        .alias("a second of waiting tone sent to 9002")
                        .until(() -> parley.stats("9002")
                                .map(s -> s.out().packets() >= 50)
                                .orElse(false));
                RealAsterisk.Call talker = asterisk.dial(
                        "AS" + portA, "test-audiosocket", "talk", Map.of("SOUND", tone, "LEAD", "1.5", "TAIL", "1"));
                Heard heard = Heard.of(listener.heard(Duration.ofSeconds(30)));
                talker.heard(Duration.ofSeconds(30));
                assertThat(heard.framesWith(1000))
                        .as("the 2 s tone through AudioSocket\n" + heard.picture())
                        .isGreaterThanOrEqualTo(95);
                int first = heard.firstFrameWith(1000);
                int last = heard.lastFrameWith(1000);
                assertThat(heard.framesWith(0, first, 440, 480))
                        .as("the waiting tone before the partner came\n" + heard.picture())
                        .isGreaterThanOrEqualTo(40);
                assertThat(heard.framesWith(first, last, 440, 480))
                        .as("no waiting tone while the partner is there\n" + heard.picture())
                        .isZero();
                // The talker hangs up a second after their tone, the listener stays three more: alone again.
                assertThat(heard.framesWith(last, heard.frames() - 1, 440, 480))
                        .as("the waiting tone again once the partner left\n" + heard.picture())
                        .isGreaterThanOrEqualTo(25);
                // AudioSocket() itself warns "Failed to receive frame from channel" whenever the caller hangs
                // up while it runs (its ast_read returns nothing), and "Failed to forward frame from AudioSocket
                // server" when parley's next frame comes in as the caller hangs up (its ast_write on a channel
                // being hung up fails; nothing tells parley before the socket closes): Asterisk's, at hang-up.
                assertThat(asterisk.problemsSince(mark))
                        .as("warnings and errors in Asterisk's log")
                        .allMatch(l -> l.contains("app_audiosocket.c: Failed to receive frame from channel")
                                || l.contains("app_audiosocket.c: Failed to forward frame from AudioSocket server"));
            }
        }
    }
}
