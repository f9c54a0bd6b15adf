package io.parley.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatencyHistogramTest {

    @ParameterizedTest(name = "{0} ms lands in bucket {1}")
    @CsvSource({"0, 0", "100, 0", "101, 1", "250, 1", "251, 2", "999, 4", "1000, 4", "6000, 9", "6001, 10", "60000, 10"
    })
    void aDurationLandsInTheFirstBucketWhoseBoundHoldsIt(long millis, int bucket) {
        LatencyHistogram h = new LatencyHistogram();
        h.record(millis);
        StatusDocument.Histogram view = h.view();
        assertThat(view.counts()).hasSize(LatencyHistogram.BOUNDS_MILLIS.length + 1);
        assertThat(view.counts().get(bucket)).isEqualTo(1);
        assertThat(view.count()).isEqualTo(1);
        assertThat(view.sumMillis()).isEqualTo(millis);
    }
}
