package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.ari.AsteriskStandIn;
import io.parley.bridge.Role;
import io.parley.config.AriSettings;
import io.parley.config.ConfigLoader;
import io.parley.config.HistorySettings;
import io.parley.config.ParleyConfig;
import io.parley.config.Secret;
import io.parley.history.CallDetail;
import io.parley.history.CallQuery;
import io.parley.history.CallSummary;
import io.parley.history.LegRow;
import io.parley.testing.FreePorts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call signalled over ARI (the Asterisk stand-in, parley's real runtime) as the history keeps
 * it: both callers' channels, who hung up first and why, and the media each leg carried.
 */
class AriHistoryTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void aSignalledCallIsKeptWithItsChannelsAndWhoHungUpFirst() throws Exception {
        try (AsteriskStandIn asterisk = AsteriskStandIn.start()) {
            int[] p = FreePorts.udp(8);
            ParleyConfig plan = new ConfigLoader(Map.of())
                    .parse(
                            "bridges:\n  - name: 5555-6666\n    mode: crosspatch\n"
                                    + "    topology: gateway\n    legs:\n"
                                    + "      - {extension: \"5555\", rtp: {in: " + p[0] + ", out: " + p[1]
                                    + "}, pcm: {toBridge: "
                                    + p[2] + ", fromBridge: " + p[3] + "}}\n"
                                    + "      - {extension: \"6666\", rtp: {in: " + p[4] + ", out: " + p[5]
                                    + "}, pcm: {toBridge: "
                                    + p[6] + ", fromBridge: " + p[7] + "}}\n",
                            "ari-history.yaml");
            ParleyConfig config = new ParleyConfig(
                    plan.bind(),
                    Optional.of(new AriSettings(
                            URI.create(asterisk.url()),
                            AsteriskStandIn.USER,
                            new Secret(AsteriskStandIn.PASSWORD),
                            AsteriskStandIn.APP)),
                    plan.monitor(),
                    plan.engines(),
                    plan.bridges(),
                    dir.resolve("transcripts"),
                    plan.pcm(),
                    new HistorySettings(
                            true,
                            dir.resolve("data"),
                            Optional.empty(),
                            90,
                            "ari-node",
                            HistorySettings.Recordings.NONE));
            try (ParleyRuntime parley = ParleyRuntime.start(config, new Role.All())) {
                await().atMost(WAIT).until(asterisk::eventsConnected);
                long dialled = System.currentTimeMillis();
                String first = asterisk.call("5555", "1001", 600);
                String second = asterisk.call("6666", "1002", 1000);
                await().atMost(WAIT)
                        .until(() -> asterisk.mediaChannelOf(first).isPresent()
                                && asterisk.mediaChannelOf(second).isPresent());
                await().atMost(WAIT)
                        .until(() -> calls(parley).size() == 1
                                && calls(parley).getFirst().answeredAt() != null);
                String id = calls(parley).getFirst().id();
                await().atMost(WAIT)
                        .until(() -> detail(parley, id).legs().stream().allMatch(l -> l.packetsIn() > 50));

                asterisk.hangUp(second);
                await().atMost(WAIT).until(() -> leg(detail(parley, id), "6666").leftAt() != null);
                assertThat(detail(parley, id).call().endedAt())
                        .as("5555 is still on the line")
                        .isNull();
                asterisk.hangUp(first);
                await().atMost(WAIT).until(() -> detail(parley, id).call().endedAt() != null);

                CallDetail call = detail(parley, id);
                assertThat(calls(parley)).hasSize(1);
                assertThat(call.call().node()).isEqualTo("ari-node");
                assertThat(call.call().endedBy()).isEqualTo("6666");
                assertThat(call.call().endReason()).contains(second);
                LegRow a = leg(call, "5555");
                LegRow b = leg(call, "6666");
                assertThat(a.channelId()).isEqualTo(first);
                assertThat(b.channelId()).isEqualTo(second);
                assertThat(b.leftAt()).isLessThanOrEqualTo(a.leftAt());
                assertThat(a.joinedAt()).isLessThanOrEqualTo(b.joinedAt());
                // The call begins when parley takes the first caller's media, which can be a sample or two
                // before the signalling says the caller is connected: not before the dial, not after the join.
                assertThat(call.call().startedAt()).isBetween(dialled, a.joinedAt());
                assertThat(call.call().endedAt()).isEqualTo(a.leftAt());
                assertThat(a.packetsIn()).isPositive();
                assertThat(b.packetsOut()).isPositive();
            }
        }
    }

    private static List<CallSummary> calls(ParleyRuntime parley) throws Exception {
        return parley.history().archive().search(CallQuery.all());
    }

    private static CallDetail detail(ParleyRuntime parley, String id) throws Exception {
        return parley.history().archive().find(id).orElseThrow();
    }

    private static LegRow leg(CallDetail call, String extension) {
        return call.legs().stream()
                .filter(l -> l.extension().equals(extension))
                .findFirst()
                .orElseThrow();
    }
}
