package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code parley ports} prints the plan; these tests read the default plan's own port numbers (a test
 * of the default port plan itself) and bind none of them.
 */
class PortsCommandTest {

    @Test
    void tableListsEachComponentThenTheRangeSummary() {
        Cli cli = Cli.run("ports");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out())
                .contains("3333-4444: 3333 (en) <-> 4444 (fr), translate over gateway")
                .containsPattern("gateway 3333 +4020 +UDP +IN +Receive RTP from Asterisk for 3333 \\(en\\)")
                .containsPattern("translation bridge +6120 +UDP +IN +Receive PCM from gateway 3333")
                .containsPattern("ExternalMedia bridge +7001 +UDP +IN/OUT +Extension 7777 \\(en\\) translated audio")
                .containsPattern("Asterisk RTP +4020-4023 +3333-4444 +3333 \\(4020/4021\\), 4444 \\(4022/4023\\)")
                .containsPattern("PCM UDP +6100-6103 +5555-6666 +Cross-patch PCM \\(5555/6666\\)")
                .containsPattern("ExternalMedia UDP +7000-7003 +7777-8888 +7777 \\(7000/7001\\), 8888 \\(7002/7003\\)")
                .doesNotContain("3021");
    }

    @Test
    void jsonHasEveryRowWithItsField() throws Exception {
        Cli cli = Cli.run("ports", "--format", "json");
        JsonNode doc = new ObjectMapper().readTree(cli.out());
        assertThat(doc.get("bind").asText()).isEqualTo("127.0.0.1");
        JsonNode bridge = doc.get("bridges").get(0);
        assertThat(bridge.get("name").asText()).isEqualTo("3333-4444");
        JsonNode first = bridge.get("ports").get(0);
        assertThat(first.get("port").asInt()).isEqualTo(4020);
        assertThat(first.get("field").asText()).isEqualTo("bridges[0].legs[0].rtp.in");
        assertThat(doc.get("summary")).hasSize(8);
    }

    @Test
    void markdownIsTheSeedsTableShape() {
        Cli cli = Cli.run("ports", "--format", "markdown");
        assertThat(cli.out())
                .contains("#### gateway 3333\n| Port | Protocol | Direction | Purpose |\n")
                .contains("| 6211 | TCP | Listen | TCP metrics feed (newline-delimited JSON) |")
                .contains("## Port Range Summary")
                .contains("| 7000-7003 | 7777-8888 |");
    }

    @Test
    void badFormatIsAUsageError() {
        assertThat(Cli.run("ports", "--format", "yaml").exitCode()).isEqualTo(2);
    }

    @Test
    void rangesAreCompressedLikeTheSeed() {
        assertThat(PortRanges.of(List.of(4023, 4020, 4021, 4022))).isEqualTo("4020-4023");
        assertThat(PortRanges.of(List.of(3020, 6211))).isEqualTo("3020, 6211");
        assertThat(PortRanges.of(List.of(7000, 7001))).isEqualTo("7000, 7001");
        assertThat(PortRanges.of(List.of(1, 2, 3, 9))).isEqualTo("1-3, 9");
        assertThat(PortRanges.of(List.of())).isEmpty();
    }

    @Test
    void printDefaultLoadsBackAsTheDefault() {
        Cli cli = Cli.run("config", "--print-default");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).startsWith("# parley configuration").contains("bridges:");
    }

    @Test
    void configCheckReportsProblemsWithExitTwo() throws Exception {
        var file = Files.createTempFile("parley", ".yaml");
        try {
            Files.writeString(file, "bridges:\n  - name: x\n    mode: translate\n");
            Cli cli = Cli.run("config", "--check", "--config", file.toString());
            assertThat(cli.exitCode()).isEqualTo(2);
            assertThat(cli.err()).contains(file + ":2:5 bridges[0]: missing required field 'topology'");
        } finally {
            Files.delete(file);
        }
    }
}
