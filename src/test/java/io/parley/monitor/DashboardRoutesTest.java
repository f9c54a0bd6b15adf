package io.parley.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.config.ParleyConfig;
import io.parley.event.BridgeState;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dashboard's handlers called directly, without a server. */
class DashboardRoutesTest {
    private final ParleyConfig config = MonitorPlans.defaultPlan();
    private final SelfCounters counters = new SelfCounters(() -> 0);
    private final MonitorState state = new MonitorState(config, 1, counters);
    private final PrometheusMeters meters = new PrometheusMeters(config, counters);
    private final LivePush push = new LivePush(state, counters);
    private final DashboardRoutes routes = new DashboardRoutes(
            MonitorPlans.TRANSLATED,
            state,
            meters,
            new WebAssets(),
            AccessPolicy.of("127.0.0.1", config.monitor()),
            push);

    @AfterEach
    void close() {
        push.close();
        meters.close();
    }

    @Test
    void theHomePageIsTheBridgePageOfThisPortsBridge() {
        HttpReply home = routes.home();
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.contentType()).startsWith("text/html");
        assertThat(home.text())
                .contains("<body data-view=\"bridge\" data-bridge=\"3333-4444\"")
                .contains("<title>parley · 3333-4444</title>")
                .doesNotContain("{{");
    }

    @Test
    void everyPlannedBridgeHasAPageAndOthersAre404() {
        assertThat(routes.bridgePage("5555-6666").text()).contains("data-bridge=\"5555-6666\"");
        HttpReply unknown = routes.bridgePage("<script>");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("text/plain");
    }

    @Test
    void pagesLoadOnlyTheirOwnAssets() {
        for (HttpReply page : new HttpReply[] {routes.home(), routes.overview()}) {
            assertThat(page.text())
                    .doesNotContainPattern("(src|href)=\"(https?:)?//")
                    .contains("src=\"/assets/common.js\"")
                    .contains("href=\"/assets/dashboard.css\"");
        }
        assertThat(routes.asset("dashboard.css").status()).isEqualTo(200);
        assertThat(routes.asset("favicon.svg").contentType()).isEqualTo("image/svg+xml");
        assertThat(routes.asset("../bridge.html").status()).isEqualTo(404);
        assertThat(routes.asset("bridge.html").status()).isEqualTo(404);
    }

    @Test
    void statusIsTheDocumentAndNarrowsToABridge() {
        state.apply(
                new BridgeState(5, MonitorPlans.CROSSPATCH, "crosspatch", BridgeState.State.CONNECTED, ""),
                UtteranceProgress.Step.NOTHING);

        HttpReply all = routes.status(null);
        assertThat(all.contentType()).isEqualTo(HttpReply.JSON);
        assertThat(StatusSchema.violations(all.text())).isEmpty();
        HttpReply one = routes.status(MonitorPlans.CROSSPATCH);
        assertThat(one.text())
                .contains("\"name\":\"5555-6666\"")
                .doesNotContain("\"name\":\"3333-4444\"")
                .contains("\"state\":\"connected\"");
        assertThat(routes.status("nope").status()).isEqualTo(404);
        assertThat(routes.status("").text()).contains("\"name\":\"3333-4444\"");
    }

    @Test
    void metricsAndHealth() {
        PrometheusText metrics = PrometheusText.parse(routes.metrics().text());
        assertThat(routes.metrics().contentType()).isEqualTo(HttpReply.PROMETHEUS);
        assertThat(metrics.value("parley_bridge_state", Map.of("bridge", "7777-8888", "state", "idle")))
                .isEqualTo(1.0);
        assertThat(metrics.value("parley_ari_state", Map.of("state", "disabled")))
                .isZero();
        assertThat(routes.health().text()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void placeholdersAreHtmlEscaped() {
        assertThat(WebAssets.escape("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
