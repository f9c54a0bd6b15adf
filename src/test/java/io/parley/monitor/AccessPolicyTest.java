package io.parley.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.config.MonitorSettings;
import io.parley.config.Secret;
import io.parley.monitor.AccessPolicy.Decision;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The access rules as decisions, without a network: which binds need a token, which requests pass. */
class AccessPolicyTest {
    private static final MonitorSettings OPEN = MonitorSettings.DEFAULT;
    private static final MonitorSettings TOKEN = new MonitorSettings(
            Optional.of(new Secret("t0ken")), List.of("http://Dash.Example:9000/", "https://ops.example"));

    @ParameterizedTest(name = "bind {0} without a token: allowed={1}")
    @CsvSource({
        "127.0.0.1, true",
        "127.0.0.2, true",
        "::1, true",
        "localhost, true",
        "0.0.0.0, false",
        "::, false",
        "192.0.2.10, false",
        "10.1.2.3, false"
    })
    void aTokenIsRequiredOffLoopback(String bind, boolean allowed) {
        if (allowed) {
            assertThat(AccessPolicy.of(bind, OPEN).tokenRequired()).isFalse();
        } else {
            assertThatThrownBy(() -> AccessPolicy.of(bind, OPEN))
                    .isInstanceOf(MonitorStartException.class)
                    .hasMessageContaining(bind)
                    .hasMessageContaining("monitor.token")
                    .hasMessageContaining("bind 127.0.0.1");
            assertThat(AccessPolicy.of(bind, TOKEN).tokenRequired()).isTrue();
        }
    }

    @Test
    void aBlankTokenCountsAsNone() {
        MonitorSettings blank = new MonitorSettings(Optional.of(new Secret("  ")), List.of());
        assertThatThrownBy(() -> AccessPolicy.of("0.0.0.0", blank)).isInstanceOf(MonitorStartException.class);
        assertThat(AccessPolicy.of("127.0.0.1", blank).tokenRequired()).isFalse();
    }

    @ParameterizedTest(name = "token: Authorization={0} ?token={1} -> {2}")
    @CsvSource(
            nullValues = "null",
            value = {
                "Bearer t0ken, null, ALLOW",
                "bearer t0ken, null, ALLOW",
                "null, t0ken, ALLOW",
                "Bearer wrong, t0ken, WRONG_TOKEN",
                "Bearer wrong, null, WRONG_TOKEN",
                "null, wrong, WRONG_TOKEN",
                "null, null, MISSING_TOKEN",
                "Basic dDBrZW4=, null, MISSING_TOKEN",
                "null, '', MISSING_TOKEN",
                "Bearer t0ken2, null, WRONG_TOKEN"
            })
    void withATokenEveryRequestMustCarryIt(String authorization, String tokenParam, Decision expected) {
        AccessPolicy p = AccessPolicy.of("0.0.0.0", TOKEN);
        assertThat(p.checkHttp("parley.example:3020", authorization, tokenParam))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "open, Host {0} -> {1}")
    @CsvSource(
            nullValues = "null",
            value = {
                "127.0.0.1:3020, ALLOW",
                "127.0.0.1, ALLOW",
                "localhost:3020, ALLOW",
                "LOCALHOST:3020, ALLOW",
                "[::1]:3020, ALLOW",
                "null, ALLOW",
                "evil.example:3020, FOREIGN_HOST",
                "127.0.0.1.evil.example:3020, FOREIGN_HOST",
                "192.168.1.5:3020, FOREIGN_HOST"
            })
    void withoutATokenOnlyLoopbackHostNamesAreAnswered(String host, Decision expected) {
        assertThat(AccessPolicy.of("127.0.0.1", OPEN).checkHttp(host, null, null))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "origin {1} on host {0} -> {2}")
    @CsvSource(
            nullValues = "null",
            value = {
                "127.0.0.1:3020, http://127.0.0.1:3020, ALLOW",
                "127.0.0.1:3020, null, ALLOW",
                "127.0.0.1:3020, http://127.0.0.1:8081, FOREIGN_ORIGIN",
                "127.0.0.1:3020, http://evil.example, FOREIGN_ORIGIN",
                "127.0.0.1:3020, http://dash.example:9000, ALLOW",
                "127.0.0.1:3020, https://ops.example:443, ALLOW",
                "127.0.0.1:3020, https://ops.example.evil, FOREIGN_ORIGIN",
                "127.0.0.1:3020, null, ALLOW"
            })
    void webSocketOriginsAreTheDashboardsOwnOrConfigured(String host, String origin, Decision expected) {
        AccessPolicy p = AccessPolicy.of("127.0.0.1", TOKEN);
        assertThat(p.checkWebSocket(host, origin, "Bearer t0ken", null)).isEqualTo(expected);
    }

    @Test
    void aWebSocketWithoutTheTokenIsRefusedBeforeItsOriginIsLookedAt() {
        AccessPolicy p = AccessPolicy.of("127.0.0.1", TOKEN);
        assertThat(p.checkWebSocket("127.0.0.1:3020", "http://127.0.0.1:3020", null, null))
                .isEqualTo(Decision.MISSING_TOKEN);
    }

    @ParameterizedTest(name = "feed first line {0} -> {1}")
    @CsvSource(
            nullValues = "null",
            value = {
                "AUTH t0ken, ALLOW",
                "AUTH  t0ken , ALLOW",
                "AUTH wrong, WRONG_TOKEN",
                "auth t0ken, FEED_MISSING_TOKEN",
                "t0ken, FEED_MISSING_TOKEN",
                "null, FEED_MISSING_TOKEN"
            })
    void feedClientsAuthenticateWithTheirFirstLine(String line, Decision expected) {
        assertThat(AccessPolicy.of("127.0.0.1", TOKEN).checkFeed(line)).isEqualTo(expected);
        assertThat(AccessPolicy.of("127.0.0.1", OPEN).checkFeed(line)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void refusalsCarryTheirHttpStatus() {
        assertThat(Decision.MISSING_TOKEN.status()).isEqualTo(401);
        assertThat(Decision.WRONG_TOKEN.status()).isEqualTo(401);
        assertThat(Decision.FOREIGN_HOST.status()).isEqualTo(403);
        assertThat(Decision.FOREIGN_ORIGIN.status()).isEqualTo(403);
    }
}
