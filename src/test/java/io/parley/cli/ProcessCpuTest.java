package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void readsUserAndSystemTicksAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 27393 0 9 0 1234 567 0 0 20 0 40 0 100 ...";
        assertThat(ProcessCpu.parse(stat)).isCloseTo((1234 + 567) / 100.0, within(1e-9));
    }

    @Test
    void thisProcessHasUsedSomeCpu() {
        assertThat(ProcessCpu.seconds(ProcessHandle.current().pid())).isPositive();
        assertThat(ProcessCpu.seconds(Long.MAX_VALUE)).isNaN();
    }
}
