package io.parley.monitor;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.parley.history.History;
import java.util.Map;
import java.util.Set;

/**
 * Every route of one dashboard port, listed in {@link #register}, and the plain handlers behind
 * them. Handlers return an {@link HttpReply} and can be called directly.
 *
 * <pre>
 *   GET /                          the page of this port's own bridge
 *   GET /monitoring-dashboard.html the same page (an older dashboard's address, kept for bookmarks)
 *   GET /overview                  every bridge at a glance
 *   GET /bridges/{name}            the page of any bridge
 *   GET /status[?bridge=NAME]      the status document (docs/status-schema.json)
 *   GET /healthz                   liveness, open to all
 *   GET /metrics                   Prometheus text format
 *   GET /assets/{file}             CSS, JavaScript, icon; open to all (they hold no data)
 *   WS  /ws[?bridge=NAME]          the status document, pushed every 200 ms
 *   GET /history, /calls...        the call history ({@link HistoryRoutes})
 * </pre>
 */
final class DashboardRoutes {
    /** Paths anyone may fetch: they reveal nothing about calls. */
    private static final Set<String> OPEN = Set.of("/healthz", "/favicon.ico");

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final String home;
    private final MonitorState state;
    private final PrometheusMeters meters;
    private final WebAssets assets;
    private final AccessPolicy access;
    private final LivePush push;
    private final HistoryRoutes history;

    DashboardRoutes(
            String home,
            MonitorState state,
            PrometheusMeters meters,
            WebAssets assets,
            AccessPolicy access,
            LivePush push) {
        this(home, state, meters, assets, access, push, null);
    }

    /** @param history the process's call history, or null when it is switched off */
    DashboardRoutes(
            String home,
            MonitorState state,
            PrometheusMeters meters,
            WebAssets assets,
            AccessPolicy access,
            LivePush push,
            History history) {
        this.history = new HistoryRoutes(history, assets, home);
        this.home = home;
        this.state = state;
        this.meters = meters;
        this.assets = assets;
        this.access = access;
        this.push = push;
    }

    void register(RoutesConfig routes) {
        routes.before(this::guard);
        routes.wsBeforeUpgrade("/ws", this::guardWebSocket);
        routes.get("/", ctx -> send(ctx, home()));
        routes.get("/monitoring-dashboard.html", ctx -> send(ctx, home()));
        routes.get("/overview", ctx -> send(ctx, overview()));
        routes.get("/bridges/{name}", ctx -> send(ctx, bridgePage(ctx.pathParam("name"))));
        routes.get("/status", ctx -> send(ctx, status(ctx.queryParam("bridge"))));
        routes.get("/healthz", ctx -> send(ctx, health()));
        routes.get("/metrics", ctx -> send(ctx, metrics()));
        routes.get("/assets/{file}", ctx -> send(ctx, asset(ctx.pathParam("file"))));
        routes.get("/favicon.ico", ctx -> send(ctx, asset("favicon.svg")));
        routes.ws("/ws", push::configure);
        history.register(routes);
    }

    HttpReply home() {
        return bridgePage(home);
    }

    HttpReply bridgePage(String name) {
        if (!state.knows(name)) {
            return HttpReply.notFound("no bridge named '" + name + "'; see /overview for the bridges of this process");
        }
        return assets.page("bridge.html", Map.of("bridge", name, "home", home));
    }

    HttpReply overview() {
        return assets.page("overview.html", Map.of("home", home));
    }

    HttpReply status(String bridge) {
        if (bridge != null && !bridge.isEmpty()) {
            if (!state.knows(bridge)) {
                return HttpReply.notFound("no bridge named '" + bridge + "'");
            }
            return HttpReply.ok(HttpReply.JSON, Json.write(state.snapshot(bridge::equals)));
        }
        return HttpReply.ok(HttpReply.JSON, Json.write(state.snapshot()));
    }

    HttpReply health() {
        return HttpReply.ok(HttpReply.JSON, "{\"status\":\"ok\"}");
    }

    HttpReply metrics() {
        return HttpReply.ok(HttpReply.PROMETHEUS, meters.scrape());
    }

    HttpReply asset(String file) {
        return assets.asset(file).orElseGet(() -> HttpReply.notFound("no asset named '" + file + "'"));
    }

    private void guard(Context ctx) {
        String path = ctx.path();
        if (OPEN.contains(path) || path.startsWith("/assets/")) {
            return;
        }
        refuseUnless(ctx, access.checkHttp(ctx.header("Host"), ctx.header("Authorization"), ctx.queryParam("token")));
    }

    private void guardWebSocket(Context ctx) {
        refuseUnless(
                ctx,
                access.checkWebSocket(
                        ctx.header("Host"),
                        ctx.header("Origin"),
                        ctx.header("Authorization"),
                        ctx.queryParam("token")));
    }

    private static void refuseUnless(Context ctx, AccessPolicy.Decision d) {
        if (d.allowed()) {
            return;
        }
        if (d.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"parley\"");
        }
        throw new HttpResponseException(d.status(), d.reason());
    }

    static void send(Context ctx, HttpReply reply) {
        securityHeaders(ctx);
        ctx.status(reply.status()).contentType(reply.contentType()).result(reply.body());
    }

    static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store");
    }
}
