package io.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SequenceNumberTest {

    @ParameterizedTest(name = "distance({0} -> {1}) = {2}")
    @CsvSource({
        "65534, 65535, 1",
        "65535, 0, 1",
        "65534, 0, 2",
        "65535, 1, 2",
        "0, 65535, -1",
        "0, 65534, -2",
        "1, 65535, -2",
        "65535, 65535, 0",
        "0, 0, 0",
        "100, 200, 100",
        "200, 100, -100",
        "0, 32767, 32767",
        "0, 32768, -32768",
        "65000, 500, 1036",
    })
    void distanceIsSignedAndWrapsModulo65536(int from, int to, int expected) {
        assertThat(SequenceNumber.distance(from, to)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} newer than {1}: {2}")
    @CsvSource({
        "65535, 65534, true",
        "0, 65535, true",
        "1, 65535, true",
        "0, 65534, true",
        "65535, 0, false",
        "65534, 0, false",
        "0, 0, false",
        "5, 4, true",
        "4, 5, false",
    })
    void newerFollowsWrapAroundOrder(int candidate, int reference, boolean newer) {
        assertThat(SequenceNumber.isNewer(candidate, reference)).isEqualTo(newer);
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
        "65534, 1, 65535",
        "65535, 1, 0",
        "65534, 2, 0",
        "0, -1, 65535",
        "1, -3, 65534",
        "65535, 65536, 65535",
    })
    void addWrapsModulo65536(int seq, int delta, int expected) {
        assertThat(SequenceNumber.add(seq, delta)).isEqualTo(expected);
        if (delta == 1) {
            assertThat(SequenceNumber.next(seq)).isEqualTo(expected);
        }
    }
}
