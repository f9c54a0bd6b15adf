package io.parley.ari;

import io.parley.config.AriSettings;
import io.parley.config.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The stand-in answers as Asterisk 22's documentation says, through parley's own REST client. */
class AsteriskStandInTest {
    private AsteriskStandIn asterisk;
    private AriClient ari;

    @BeforeEach
    void start() {
        asterisk = AsteriskStandIn.start();
        ari = AriClient.create(settings(AsteriskStandIn.PASSWORD), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        asterisk.close();
    }

    private AriSettings settings(String password) {
        return new AriSettings(URI.create(asterisk.url()), AsteriskStandIn.USER, new Secret(password), AsteriskStandIn.APP);
    }

    @Test
    void badCredentialsAre401WithAClearMessage() {
        AriClient wrong = AriClient.create(settings("nope"), Duration.ofSeconds(2));
        assertThatThrownBy(wrong::channels)
                .isInstanceOfSatisfying(AriException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("Authentication required")
                .hasMessageContaining("PARLEY_ARI_PASSWORD");
    }

    @Test
    void infoNamesTheVersion() {
        assertThat(ari.asteriskInfo().path("system").path("version").asText()).startsWith("22.");
    }

    @Test
    void unknownResourcesAre404() {
        assertThat(ari.channel("no-such")).isEmpty();
        assertThat(ari.application(AsteriskStandIn.APP)).as("no WebSocket holds the app").isEmpty();
        assertThat(ari.destroyBridge("no-such")).isFalse();
        assertThat(ari.hangup("no-such", HangupReason.NORMAL)).isFalse();
        assertThat(ari.stopPlayback("no-such")).isFalse();
        assertThatThrownBy(() -> ari.addChannel("no-such", "no-such"))
                .isInstanceOfSatisfying(AriException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("Channel not found");
    }

    @Test
    void externalMediaAnswersWithItsLocalRtpAddressAndEntersStasisOnlyLater() {
        asterisk.mediaStasisDelay(Duration.ofSeconds(2));
        ari.createMixingBridge("b1", "test");
        AriChannel media = ari.externalMedia("em1", "127.0.0.1:40000", "ulaw");
        assertThat(media.id()).isEqualTo("em1");
        assertThat(media.name()).startsWith("UnicastRTP/127.0.0.1:40000-");
        assertThat(media.variables()).containsEntry("UNICASTRTP_LOCAL_ADDRESS", "127.0.0.1")
                .containsKey("UNICASTRTP_LOCAL_PORT");
        assertThatThrownBy(() -> ari.addChannel("b1", "em1"))
                .isInstanceOfSatisfying(AriException.class, e -> assertThat(e.status()).isEqualTo(422))
                .hasMessageContaining("Channel not in Stasis application");
        await().atMost(Duration.ofSeconds(5)).until(() -> asterisk.eventLog().contains("StasisStart:em1"));
        ari.addChannel("b1", "em1");
        assertThat(asterisk.bridgeMembers("b1")).containsExactly("em1");
        assertThat(asterisk.rejectedAdds()).isEqualTo(1);
    }

    @Test
    void unknownFormatAndHangupReasonAre400() {
        assertThatThrownBy(() -> ari.externalMedia("em2", "127.0.0.1:40000", "slin8"))
                .isInstanceOfSatisfying(AriException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("slin8");
        ari.externalMedia("em3", "127.0.0.1:40000", "ulaw");
        assertThatThrownBy(() -> ari.externalMedia("em3", "127.0.0.1:40000", "ulaw"))
                .isInstanceOfSatisfying(AriException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void bridgeIdsAreUnique() {
        ari.createMixingBridge("b2", "x");
        assertThatThrownBy(() -> ari.createMixingBridge("b2", "x"))
                .isInstanceOfSatisfying(AriException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(ari.bridges()).extracting(AriBridge::id).containsExactly("b2");
        assertThat(ari.bridges().getFirst().bridgeType()).isEqualTo("mixing");
    }
}
