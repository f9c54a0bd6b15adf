package io.parley.ari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.config.AriSettings;
import io.parley.config.Secret;
import io.parley.event.EventBus;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AriProbeTest {

    private static AriSettings settings(String url, String password) {
        return new AriSettings(URI.create(url), AsteriskStandIn.USER, new Secret(password), AsteriskStandIn.APP);
    }

    @Test
    void nothingListeningIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AriProbe p = AriProbe.run(settings("http://127.0.0.1:" + port, "x"), Duration.ofSeconds(1));
        assertThat(p.reachable().ok()).isFalse();
        assertThat(p.reachable().explanation()).contains("cannot reach").contains(String.valueOf(port));
        assertThat(p.authenticated().ok()).isFalse();
        assertThat(p.ok()).isFalse();
    }

    @Test
    void wrongPasswordIsReachableButNotAuthenticated() {
        try (AsteriskStandIn asterisk = AsteriskStandIn.start()) {
            AriProbe p = AriProbe.run(settings(asterisk.url(), "wrong"), Duration.ofSeconds(2));
            assertThat(p.reachable().ok()).isTrue();
            assertThat(p.authenticated().ok()).isFalse();
            assertThat(p.authenticated().explanation()).contains("401").contains("ari.conf");
        }
    }

    @Test
    void theApplicationIsRegisteredOnlyWhileParleyListens() {
        try (AsteriskStandIn asterisk = AsteriskStandIn.start()) {
            AriSettings s = settings(asterisk.url(), AsteriskStandIn.PASSWORD);
            AriProbe before = AriProbe.run(s, Duration.ofSeconds(2));
            assertThat(before.reachable().explanation()).contains("Asterisk 22.");
            assertThat(before.authenticated().ok()).isTrue();
            assertThat(before.registered().ok()).isFalse();
            assertThat(before.registered().explanation()).contains("not registered");
            try (AriController c = AriController.start(s, new RecordingLegs(), new EventBus())) {
                await().atMost(Duration.ofSeconds(5)).until(asterisk::eventsConnected);
                AriProbe during = AriProbe.run(s, Duration.ofSeconds(2));
                assertThat(during.ok()).isTrue();
                assertThat(during.registered().explanation()).contains("'parley' is registered");
            }
        }
    }
}
