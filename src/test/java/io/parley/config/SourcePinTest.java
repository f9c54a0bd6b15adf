package io.parley.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourcePinTest {
    private static SourcePin pin(String text) {
        String[] problem = new String[1];
        return SourcePin.parse(text, problem).orElseThrow(() -> new AssertionError(problem[0]));
    }

    private static String problem(String text) {
        String[] problem = new String[1];
        Optional<SourcePin> pin = SourcePin.parse(text, problem);
        assertThat(pin).as(text).isEmpty();
        return problem[0];
    }

    private static InetSocketAddress at(String host, int port) {
        return new InetSocketAddress(host, port);
    }

    @Test
    void anAddressAnAddressAndPortOrANetwork() {
        assertThat(pin("10.0.0.5").matches(at("10.0.0.5", 1234))).isTrue();
        assertThat(pin("10.0.0.5").matches(at("10.0.0.6", 1234))).isFalse();
        assertThat(pin("10.0.0.5:4000").matches(at("10.0.0.5", 4000))).isTrue();
        assertThat(pin("10.0.0.5:4000").matches(at("10.0.0.5", 4001))).isFalse();
        assertThat(pin("10.0.0.0/24").matches(at("10.0.0.250", 1))).isTrue();
        assertThat(pin("10.0.0.0/24").matches(at("10.0.1.1", 1))).isFalse();
        assertThat(pin("10.0.0.0/9").matches(at("10.127.255.255", 1))).isTrue();
        assertThat(pin("10.0.0.0/9").matches(at("10.128.0.0", 1))).isFalse();
        assertThat(pin("0.0.0.0/0").matches(at("192.0.2.1", 1))).isTrue();
        assertThat(pin("fd00::/64").matches(at("fd00::1", 1))).isTrue();
        assertThat(pin("fd00::/64").matches(at("fd00:0:0:1::1", 1))).isFalse();
        assertThat(pin("[::1]:4000").matches(at("::1", 4000))).isTrue();
        assertThat(pin("10.0.0.0/8").matches(at("::1", 1))).as("another family").isFalse();
        assertThat(pin("10.0.0.0/24")).hasToString("10.0.0.0/24");
        assertThat(pin("10.0.0.5:4000")).hasToString("10.0.0.5:4000");
    }

    @Test
    void badTextIsExplained() {
        assertThat(problem("asterisk.example.com")).contains("not an address");
        assertThat(problem("10.0.0.0/33")).contains("/33").contains("0..32");
        assertThat(problem("10.0.0.5:70000")).contains("70000");
        assertThat(problem("::1:4000x")).contains("not an address");
    }
}
