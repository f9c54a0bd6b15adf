package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.host.SocketTable;
import io.parley.testing.FreePorts;
import org.junit.jupiter.api.Test;

/** {@code parley load} end to end at a size this machine runs in seconds: the report, and no child left behind. */
class LoadCommandTest {

    @Test
    void runsPairsInAChildParleyAndReportsEveryFigure() {
        // 4 ExternalMedia pairs: the dashboard on the base port, then 4 UDP ports a pair.
        int base = FreePorts.block(17);
        Cli run = Cli.run(
                "load", "--pairs", "4", "--seconds", "3", "--warmup", "1", "--base-port", Integer.toString(base));

        String out = run.out();
        assertThat(run.exitCode()).as(out + run.err()).isIn(0, 1); // the verdict depends on this machine's load
        assertThat(out)
                .contains("parley load: 4 cross-patched pairs over externalmedia on 127.0.0.1 ports " + base + "-"
                        + (base + 16) + ",")
                .contains("pairs                4 (8 callers; 8 of 8 heard their partner's tone)")
                .containsPattern("packets              sent 1,[0-9]{3}, heard 1,[0-9]{3}")
                .containsPattern("one-way latency      p50 \\d+\\.\\d ms, p99 \\d+\\.\\d ms")
                .containsPattern("added latency        p50 -?\\d+\\.\\d ms")
                .containsPattern(
                        "parley CPU           \\d+\\.\\d% of one core, \\d+\\.\\d% per 100 pairs \\(pid \\d+\\)")
                .containsPattern("verdict              (PASS|FAIL)");
        assertThat(SocketTable.read().holderOf("tcp", base))
                .as("the child parley is gone")
                .isEmpty();
        assertThat(SocketTable.read().holderOf("udp", base + 1)).isEmpty();
    }

    @Test
    void anUnknownTopologyIsAnInvalidCommandLine() {
        Cli run = Cli.run("load", "--pairs", "4", "--topology", "audiosocket");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--topology audiosocket: use externalmedia or gateway");
    }
}
