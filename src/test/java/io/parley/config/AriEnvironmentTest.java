package io.parley.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AriEnvironmentTest {
    private static final AriSettings CONFIGURED =
            new AriSettings(URI.create("http://10.0.0.5:8088"), "cfg", new Secret("cfgpw"), "cfgapp");

    @Test
    void noConfigurationAndNoVariablesMeansNoAri() {
        assertThat(AriEnvironment.apply(Optional.empty(), Map.of("PATH", "/bin")))
                .isEmpty();
        assertThat(AriEnvironment.apply(Optional.empty(), Map.of(AriEnvironment.URL, "  ")))
                .isEmpty();
    }

    @Test
    void variablesAloneUseTheDefaultsForWhatTheyDoNotSay() {
        AriSettings s = AriEnvironment.apply(
                        Optional.empty(), Map.of(AriEnvironment.USERNAME, "parley", AriEnvironment.PASSWORD, "pw"))
                .orElseThrow();
        assertThat(s.url()).isEqualTo(URI.create("http://127.0.0.1:8088"));
        assertThat(s.app()).isEqualTo("parley");
        assertThat(s.username()).isEqualTo("parley");
        assertThat(s.password().value()).isEqualTo("pw");
        assertThat(s.toString()).doesNotContain("pw");
    }

    @Test
    void variablesOverrideTheConfigurationOneByOne() {
        assertThat(AriEnvironment.apply(Optional.of(CONFIGURED), Map.of())).contains(CONFIGURED);
        AriSettings s = AriEnvironment.apply(
                        Optional.of(CONFIGURED),
                        Map.of(AriEnvironment.URL, "http://127.0.0.1:9088/", AriEnvironment.APP, "other"))
                .orElseThrow();
        assertThat(s)
                .isEqualTo(new AriSettings(URI.create("http://127.0.0.1:9088"), "cfg", new Secret("cfgpw"), "other"));
    }

    @Test
    void unusableSettingsAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> AriEnvironment.apply(Optional.empty(), Map.of(AriEnvironment.PASSWORD, "pw")))
                .hasMessageContaining("PARLEY_ARI_USERNAME");
        assertThatThrownBy(() -> AriEnvironment.apply(Optional.of(CONFIGURED), Map.of(AriEnvironment.URL, "ftp://x:1")))
                .hasMessageContaining("PARLEY_ARI_URL")
                .hasMessageContaining("http");
        assertThatThrownBy(
                        () -> AriEnvironment.apply(Optional.of(CONFIGURED), Map.of(AriEnvironment.URL, "http://a b")))
                .hasMessageContaining("PARLEY_ARI_URL");
        assertThatThrownBy(() -> AriEnvironment.apply(Optional.of(CONFIGURED), Map.of(AriEnvironment.APP, "par ley")))
                .hasMessageContaining("PARLEY_ARI_APP")
                .hasMessageContaining("Stasis(");
    }
}
