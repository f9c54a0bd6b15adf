package io.parley.ari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.config.Codec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class LegBindingTest {

    @ParameterizedTest
    @EnumSource(
            value = Codec.class,
            names = {"ULAW", "ALAW", "SLIN"})
    void formatsAsteriskTakesBackAreAccepted(Codec codec) {
        LegBinding leg = new LegBinding("em", "7777", "127.0.0.1:7000", codec, "8888");
        assertThat(leg.format()).isEqualTo(codec.asteriskName());
    }

    @Test
    void slin16IsAConfigurationErrorBecauseAsteriskDropsIt() {
        assertThatThrownBy(() -> new LegBinding("em", "7777", "127.0.0.1:7000", Codec.SLIN16, "8888"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7777")
                .hasMessageContaining("slin16")
                .hasMessageContaining("ulaw, alaw or slin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:", ":7000", ""})
    void theExternalHostMustBeHostAndPort(String host) {
        assertThatThrownBy(() -> new LegBinding("em", "7777", host, Codec.ULAW, "8888"))
                .hasMessageContaining("host:port");
    }
}
