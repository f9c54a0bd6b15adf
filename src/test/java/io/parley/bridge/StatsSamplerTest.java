package io.parley.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatsSamplerTest {

    /** Few legs: five samples a second each; many: at most 2000 leg samples a second in all. */
    @ParameterizedTest
    @CsvSource({"2, 200", "400, 200", "401, 200", "1000, 500", "1500, 750", "10000, 5000"})
    void thePeriodGrowsWithTheLegsPastTheSampleBudget(long legs, long periodMillis) {
        assertThat(StatsSampler.periodMillis(legs)).isEqualTo(periodMillis);
        assertThat(legs * 1000 / StatsSampler.periodMillis(legs)).isLessThanOrEqualTo(Math.max(2000, legs * 5));
    }
}
