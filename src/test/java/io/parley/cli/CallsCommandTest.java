package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.config.ConfigLoader;
import io.parley.config.ParleyConfig;
import io.parley.event.EventBus;
import io.parley.history.CallEvents;
import io.parley.history.CallQuery;
import io.parley.history.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley calls list|show|export} on a real SQLite history that a running parley wrote. */
class CallsCommandTest {
    private static final long T0 = 1_800_000_000_000L;

    @TempDir
    Path dir;

    private Path config;
    private String callId;

    @BeforeEach
    void oneCall() throws Exception {
        config = dir.resolve("parley.yaml");
        Files.writeString(
                config,
                "bind: 127.0.0.1\nhistory:\n  dataDir: " + dir.resolve("data") + "\nbridges:\n"
                        + "  - name: 3333-4444\n    mode: translate\n    topology: externalmedia\n    legs:\n"
                        + "      - {extension: \"3333\", language: en, externalMedia: {media: 27000, translated: 27001}}\n"
                        + "      - {extension: \"4444\", language: fr, externalMedia: {media: 27002, translated: 27003}}\n");
        ParleyConfig parsed = new ConfigLoader(Map.of()).load(config);
        EventBus bus = new EventBus();
        try (History history = History.start(parsed.history(), parsed.bridges(), bus)) {
            new CallEvents(bus::publish).rtpOnlyCall(T0);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> history.archive().search(CallQuery.all()).stream()
                            .anyMatch(c -> c.endedAt() != null && c.utterances() == 2));
            callId = history.archive().search(CallQuery.all()).getFirst().id();
        }
    }

    @Test
    void listShowsTheCallsNewestFirstAndFiltersThem() {
        Cli list = Cli.run("calls", "list", "--config", config.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        String[] lines = list.out().split("\n");
        assertThat(lines[0]).startsWith("STARTED").contains("BRIDGE").contains("UTTERANCES");
        assertThat(lines[1])
                .contains("3333-4444")
                .contains("3333 4444")
                .contains("0:10")
                .contains(callId.substring(0, 8))
                .contains("3333: media stopped");

        assertThat(Cli.run("calls", "list", "--config", config.toString(), "--text", "entendez")
                        .out())
                .contains(callId.substring(0, 8));
        assertThat(Cli.run("calls", "list", "--config", config.toString(), "-q", "goodbye")
                        .out())
                .isEqualTo("no calls\n");
        assertThat(Cli.run("calls", "list", "--config", config.toString(), "--extension", "5555")
                        .out())
                .isEqualTo("no calls\n");
        assertThat(Cli.run("calls", "list", "--config", config.toString(), "--from", "2027-01-15T08:00:00Z")
                        .out())
                .contains("3333-4444");
        assertThat(Cli.run("calls", "list", "--config", config.toString(), "--to", "2027-01-15")
                        .out())
                .isEqualTo("no calls\n");
        assertThat(Cli.run("calls", "list", "--config", config.toString(), "--format", "csv")
                        .out())
                .startsWith("call_id,node,bridge,")
                .contains(callId);
        assertThat(Cli.run("calls", "list", "--config", config.toString(), "--format", "json")
                        .out())
                .contains("\"id\" : \"" + callId + "\"");
    }

    @Test
    void showPrintsOneCallWithItsLegsAndTranscriptByItsShortId() {
        Cli show = Cli.run("calls", "show", callId.substring(0, 8), "--config", config.toString());
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out())
                .contains("call " + callId)
                .contains("bridge 3333-4444 (translate)")
                .contains("both connected after 1.0 s")
                .contains("3333   en ulaw  channel -              packets in 510 out 510, loss 1.0% (5)")
                .contains("0:02.0  3333 (en) -> 4444 (fr)  played")
                .contains("said:  Hello, can you hear me?")
                .contains("heard: Bonjour, vous m'entendez ?")
                .contains("recognised 250 ms, translated 260 ms, synthesised 300 ms, first audio 340 ms")
                .contains("fault 0:04.0 stt pocketsphinx: decoder hung; restarted (restarted)");
        Cli csv = Cli.run("calls", "show", callId, "--format", "csv", "--config", config.toString());
        assertThat(csv.out().split("\r\n")).hasSize(3);
    }

    @Test
    void exportWritesEveryCallOfASearchWhole() throws Exception {
        Path out = dir.resolve("calls.json");
        Cli export = Cli.run("calls", "export", "--config", config.toString(), "--text", "clair", "-o", out.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.err()).contains("wrote 1 calls to " + out);
        assertThat(Files.readString(out))
                .contains("\"utterances\"")
                .contains("Oui, vous êtes très clair.")
                .contains("\"packetsIn\" : 510");
        Cli csv = Cli.run("calls", "export", "--config", config.toString(), "--format", "csv");
        assertThat(csv.out()).startsWith("call_id,bridge,call_started_at,utterance_id,speaker,listener,");
    }

    @Test
    void mistakesAreReportedWithWhatToDo() throws Exception {
        Cli badTime = Cli.run("calls", "list", "--config", config.toString(), "--from", "yesterday");
        assertThat(badTime.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(badTime.err()).contains("'yesterday' is not a time");
        Cli unknown = Cli.run("calls", "show", "ffffffff", "--config", config.toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(unknown.err()).contains("no call with id 'ffffffff'");

        Path elsewhere = dir.resolve("other.yaml");
        Files.writeString(
                elsewhere,
                Files.readString(config)
                        .replace(
                                dir.resolve("data").toString(),
                                dir.resolve("nothing-here").toString()));
        Cli missing = Cli.run("calls", "list", "--config", elsewhere.toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(missing.err())
                .contains("no call history at " + dir.resolve("nothing-here").resolve("history.db"));
        assertThat(Files.exists(dir.resolve("nothing-here")))
                .as("reading creates nothing")
                .isFalse();
        assertThat(List.of(Cli.run("calls").err()))
                .allMatch(e -> e.contains("list") && e.contains("show") && e.contains("export"));
    }
}
