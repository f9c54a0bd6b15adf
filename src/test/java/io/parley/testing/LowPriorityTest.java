package io.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class LowPriorityTest {

    @Test
    void theWorkRunsAtNice19AndTheCallerKeepsItsPriority() throws Exception {
        int before = LowPriority.niceOfThisThread();
        assertThat(LowPriority.call(LowPriority::niceOfThisThread)).isEqualTo(19);
        assertThat(LowPriority.niceOfThisThread()).isEqualTo(before);
    }

    @Test
    void theWorksFailureReachesTheCaller() {
        assertThatThrownBy(() -> LowPriority.call(() -> {
                    throw new IOException("no corpus");
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("no corpus");
    }
}
