package io.parley.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.rtp.ArrivalOrder.Order;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArrivalOrderTest {

    /** Sequence numbers in arrival order, and what each is: N(ew), R(eordered), D(uplicate). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "in order                       | 10 11 12 13          | N N N N",
                "a gap (loss) is still in order | 10 11 14 15          | N N N N",
                "swapped pair                   | 10 12 11 13          | N N R N",
                "a copy three behind            | 10 11 12 13 14 11    | N N N N N D",
                "late original, then its copy   | 10 12 13 11 11       | N N N R D",
                "duplicate of the newest        | 10 11 11 12          | N N D N",
                "across the wrap                | 65534 65535 0 1      | N N N N",
                "reordered across the wrap      | 65534 0 65535 1      | N N R N",
                "duplicate across the wrap      | 65535 0 65535 1      | N N D N",
                "63 behind: still remembered    | 100 163 100          | N N D",
                "64 behind: beyond the window   | 100 164 100          | N N R",
                "99 behind: late                | 1000 1099 1000       | N N R",
                "100 behind: a restart          | 1000 1100 1000 1001  | N N N N",
                "a big jump ahead               | 10 5000 5001 10      | N N N N",
            })
    void classifiesEachPacket(String name, String sequences, String expected) {
        ArrivalOrder order = new ArrivalOrder();
        List<String> got = new ArrayList<>();
        for (String s : sequences.trim().split(" +")) {
            got.add(order.classify(Integer.parseInt(s)).name().substring(0, 1));
        }
        assertThat(String.join(" ", got)).isEqualTo(expected.trim());
        long reordered = got.stream().filter("R"::equals).count();
        long duplicates = got.stream().filter("D"::equals).count();
        assertThat(order.reordered()).isEqualTo(reordered);
        assertThat(order.duplicates()).isEqualTo(duplicates);
    }

    @ParameterizedTest
    @CsvSource({"10, 9", "10, 10"})
    void aResetStartsANewStreamAndKeepsTheCounts(int before, int after) {
        ArrivalOrder order = new ArrivalOrder();
        order.classify(before);
        order.classify(before + 1);
        order.classify(before); // a duplicate, counted
        order.reset();
        assertThat(order.classify(after)).as("the first packet of a new SSRC").isEqualTo(Order.NEW);
        assertThat(order.duplicates()).isEqualTo(1);
    }
}
