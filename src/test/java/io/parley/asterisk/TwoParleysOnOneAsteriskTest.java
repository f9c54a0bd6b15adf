package io.parley.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.cli.ParleyProcess;
import io.parley.config.ParleyConfig;
import io.parley.event.CallEvent;
import io.parley.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two parley processes with disjoint port plans and their own ARI application names serve
 * different extensions of one real Asterisk 22 at the same time, each call reaching the right one:
 * the first step of running on more than one machine.
 */
class TwoParleysOnOneAsteriskTest {
    /** The second instance's extensions go to its own Stasis application, as the docs show. */
    private static final String DIALPLAN = """

            [parley-two-in]
            exten => 5556,1,Stasis(parleytwo,${EXTEN})
             same => n,Hangup()
            exten => 6667,1,Stasis(parleytwo,${EXTEN})
             same => n,Hangup()
            """;

    @Test
    void eachParleyTakesItsOwnExtensionsCallsAtTheSameTime() throws Exception {
        Duration call = Duration.ofSeconds(30);
        try (RealAsterisk asterisk = RealAsterisk.start(DIALPLAN)) {
            Path dir = Files.createTempDirectory("parley-two");
            ParleyConfig first =
                    FreePlan.only(FreePlan.defaultBridges(asterisk, "parley", dir.resolve("t1")), "5555-6666");
            int[] p = FreePorts.udp(8);
            Path yaml = dir.resolve("second.yaml");
            Files.writeString(yaml, """
                    transcripts: %s
                    ari: {url: "%s", username: parley, password: "${ARI_SECRET}", app: parleytwo}
                    bridges:
                      - name: 5556-6667
                        mode: crosspatch
                        topology: gateway
                        legs:
                          - {extension: "5556", rtp: {in: %d, out: %d}, pcm: {toBridge: %d, fromBridge: %d}}
                          - {extension: "6667", rtp: {in: %d, out: %d}, pcm: {toBridge: %d, fromBridge: %d}}
                    """.formatted(
                            dir.resolve("t2"), asterisk.url(), p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]));
            String tone700 = asterisk.sound("tone700", DefaultBridgesThroughAsteriskTest.tone(700, 2));
            String tone1300 = asterisk.sound("tone1300", DefaultBridgesThroughAsteriskTest.tone(1300, 2));
            try (ParleyOnAsterisk one = ParleyOnAsterisk.start(first, asterisk);
                    ParleyProcess two = ParleyProcess.start(
                            Map.of("ARI_SECRET", asterisk.password()), "run", "--config", yaml.toString())) {
                await().atMost(call)
                        .pollInterval(Duration.ofMillis(100))
                        .alias("parleytwo registered\n" + two.output())
                        .until(() -> asterisk.status("GET", "/ari/applications/parleytwo") == 200);
                // Each listener stays until the talkers are done; each talker's tone plays once its parley
                // has both legs of the bridge connected, however long a parley (the second is a cold JVM)
                // takes to set them up.
                RealAsterisk.Call listenerOne = asterisk.listen("6666", 20);
                RealAsterisk.Call listenerTwo = asterisk.dial("6667", "parley-two-in", "silent", Map.of("TAIL", "20"));
                RealAsterisk.Call talkerOne = asterisk.talkOnCue("5555", tone700, 2, 0.5);
                RealAsterisk.Call talkerTwo = asterisk.dial(
                        "5556",
                        "parley-two-in",
                        "talk",
                        Map.of("SOUND", tone1300, "LEAD", "2", "TAIL", "0.5", "CUED", "yes"));
                one.awaitConnected(listenerOne, talkerOne);
                talkerOne.cue();
                two.awaitLine(l -> l.contains("connected: caller " + listenerTwo.lineId() + " "), call);
                two.awaitLine(l -> l.contains("connected: caller " + talkerTwo.lineId() + " "), call);
                talkerTwo.cue();
                talkerOne.heard(call);
                talkerTwo.heard(call);
                listenerOne.hangUp();
                listenerTwo.hangUp();
                Heard heardOne = Heard.of(listenerOne.heard(call));
                Heard heardTwo = Heard.of(listenerTwo.heard(call));
                assertThat(heardOne.framesWith(700))
                        .as("6666 hears 5555 through the first parley\n" + heardOne.picture())
                        .isGreaterThanOrEqualTo(95);
                assertThat(heardOne.framesWith(1300)).isZero();
                assertThat(heardTwo.framesWith(1300))
                        .as("6667 hears 5556 through the second parley\n" + heardTwo.picture())
                        .isGreaterThanOrEqualTo(95);
                assertThat(heardTwo.framesWith(700)).isZero();
                assertThat(one.calls(CallEvent.Kind.STARTED, "5556")).isEmpty();
                assertThat(two.output()).contains("extension 5556 connected").doesNotContain("extension 5555");
            }
        }
    }
}
