package io.parley.monitor;

import io.parley.config.BridgeConfig;
import io.parley.config.ParleyConfig;
import io.parley.event.EventBus;
import io.parley.event.Subscription;
import io.parley.history.History;
import io.parley.log.KeyValueLine;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running monitor: one subscription on the event bus, a dashboard server on every planned
 * dashboard port, a TCP metrics feed on every planned feed port, and Prometheus meters.
 *
 * <p>{@link #start} binds every port before it returns and fails fast, naming the port and the
 * reason, if one cannot be bound or if the access settings are unsafe; {@link #close()}
 * releases everything within about a second. A bridge without a dashboard port of its own is
 * shown at {@code /bridges/NAME} of the first dashboard, and every dashboard has
 * {@code /overview}. A port of 0 in the plan binds any free port ({@link #dashboardPort} tells
 * which), for tests.
 */
public final class Monitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);
    private static final int QUEUE_EVENTS = 16_384;

    private final Subscription subscription;
    private final MonitorState state;
    private final PrometheusMeters meters;
    private final LivePush push;
    private final EventPump pump;
    private final List<DashboardServer> servers;
    private final List<MetricsFeed> feeds;
    private final Map<String, URI> pages;
    private final URI overview;

    private Monitor(
            Subscription subscription,
            MonitorState state,
            PrometheusMeters meters,
            LivePush push,
            EventPump pump,
            List<DashboardServer> servers,
            List<MetricsFeed> feeds,
            Map<String, URI> pages,
            URI overview) {
        this.subscription = subscription;
        this.state = state;
        this.meters = meters;
        this.push = push;
        this.pump = pump;
        this.servers = servers;
        this.feeds = feeds;
        this.pages = pages;
        this.overview = overview;
    }

    /**
     * Subscribes to {@code bus}, binds every dashboard and feed port of {@code config} on
     * {@code config.bind()}, and starts pushing.
     *
     * @throws MonitorStartException if a port cannot be bound or the access settings are unsafe
     *                               (nothing stays bound or subscribed then)
     */
    public static Monitor start(ParleyConfig config, EventBus bus) {
        return start(config, bus, null);
    }

    /**
     * The same with the process's call history (null when it is switched off) behind {@code /history}
     * and {@code /calls}, and its health in {@code /status} and {@code /metrics}.
     */
    public static Monitor start(ParleyConfig config, EventBus bus, History history) {
        AccessPolicy access = AccessPolicy.of(config.bind(), config.monitor());
        Subscription subscription = bus.subscribe("monitor", QUEUE_EVENTS);
        SelfCounters counters = new SelfCounters(subscription::dropped, history == null ? null : history::health);
        MonitorState state = new MonitorState(config, System.currentTimeMillis(), counters);
        PrometheusMeters meters = new PrometheusMeters(config, counters);
        LivePush push = new LivePush(state, counters);
        WebAssets assets = new WebAssets();
        List<DashboardServer> servers = new ArrayList<>();
        List<MetricsFeed> feeds = new ArrayList<>();
        try {
            bind(
                    config,
                    bridge -> new DashboardRoutes(bridge, state, meters, assets, access, push, history),
                    (bridge, port) -> new MetricsFeed(bridge, config.bind(), port, access, state, counters),
                    servers,
                    feeds);
        } catch (RuntimeException e) {
            feeds.forEach(MetricsFeed::close);
            servers.forEach(DashboardServer::close);
            push.close();
            meters.close();
            subscription.close();
            throw e;
        }
        for (BridgeConfig b : config.bridges()) {
            state.boundPorts(
                    b.name(),
                    portOf(servers, b.name()),
                    feeds.stream()
                            .filter(f -> f.bridge().equals(b.name()))
                            .map(MetricsFeed::port)
                            .findFirst()
                            .orElse(null));
        }
        EventPump pump = new EventPump(subscription, state, feeds, meters);
        pump.start();
        feeds.forEach(MetricsFeed::start);

        String host = urlHost(config.bind());
        URI overview = servers.isEmpty()
                ? null
                : URI.create("http://" + host + ":" + servers.getFirst().port() + "/overview");
        Monitor monitor = new Monitor(
                subscription,
                state,
                meters,
                push,
                pump,
                List.copyOf(servers),
                List.copyOf(feeds),
                pages(config, host, servers),
                overview);
        monitor.announce(host, access);
        return monitor;
    }

    /**
     * Binds each bridge's dashboard server and feed, in plan order, into {@code servers} and
     * {@code feeds} (which hold what was bound so far when a port fails).
     */
    private static void bind(
            ParleyConfig config,
            Function<String, DashboardRoutes> routes,
            BiFunction<String, Integer, MetricsFeed> feed,
            List<DashboardServer> servers,
            List<MetricsFeed> feeds) {
        Set<Integer> homed = new HashSet<>();
        for (BridgeConfig b : config.bridges()) {
            if (b.dashboard().isPresent()) {
                int port = b.dashboard().getAsInt();
                // Two bridges planned on one port share a server; the first is its home. Port 0 is never shared.
                if (port == 0 || homed.add(port)) {
                    servers.add(new DashboardServer(b.name(), config.bind(), port, routes.apply(b.name())));
                }
            }
            if (b.feed().isPresent()) {
                feeds.add(feed.apply(b.name(), b.feed().getAsInt()));
            }
        }
    }

    /** Each bridge's page: on its own dashboard port, else under the first one; none without a dashboard. */
    private static Map<String, URI> pages(ParleyConfig config, String host, List<DashboardServer> servers) {
        Map<String, URI> pages = new LinkedHashMap<>();
        if (!servers.isEmpty()) {
            int primary = servers.getFirst().port();
            for (BridgeConfig b : config.bridges()) {
                Integer own = portOf(servers, b.name());
                pages.put(
                        b.name(),
                        own != null
                                ? URI.create("http://" + host + ":" + own + "/")
                                : URI.create("http://" + host + ":" + primary + "/bridges/" + b.name()));
            }
        }
        return Collections.unmodifiableMap(pages);
    }

    private void announce(String host, AccessPolicy access) {
        String auth =
                access.tokenRequired() ? " (token required: add ?token=... or send Authorization: Bearer ...)" : "";
        pages.forEach((bridge, url) -> LOG.info(new KeyValueLine()
                        .add("event", "dashboard")
                        .add("bridge", bridge)
                        .add("url", url)
                        .toString()
                + auth));
        if (overview != null) {
            LOG.info(new KeyValueLine()
                            .add("event", "dashboard")
                            .add("bridge", "*")
                            .add("url", overview)
                    + auth);
        }
        for (MetricsFeed f : feeds) {
            LOG.info(new KeyValueLine()
                            .add("event", "feed")
                            .add("bridge", f.bridge())
                            .add("address", host + ":" + f.port())
                            .toString()
                    + (access.tokenRequired() ? " (first line: AUTH <token>)" : ""));
        }
        if (pages.isEmpty()) {
            LOG.info(new KeyValueLine()
                    .add("event", "dashboard")
                    .add("bridge", "*")
                    .add("url", "none")
                    .add("note", "no bridge has a dashboard port")
                    .toString());
        }
    }

    /** Page URL of every bridge, in plan order; empty if no bridge has a dashboard port. */
    public Map<String, URI> dashboards() {
        return pages;
    }

    /** URL of the overview of all bridges, on the first dashboard port; null if there is none. */
    public URI overview() {
        return overview;
    }

    /** The port the bridge's own dashboard listens on, if it has one. */
    public OptionalInt dashboardPort(String bridge) {
        Integer p = portOf(servers, bridge);
        return p == null ? OptionalInt.empty() : OptionalInt.of(p);
    }

    /** The port the bridge's TCP metrics feed listens on, if it has one. */
    public OptionalInt feedPort(String bridge) {
        return feeds.stream()
                .filter(f -> f.bridge().equals(bridge))
                .mapToInt(MetricsFeed::port)
                .findFirst();
    }

    /** The status document as {@code /status} would answer it now. */
    public StatusDocument status() {
        return state.snapshot();
    }

    /** Stops the servers and feeds, leaves the bus, and returns within about a second. */
    @Override
    public void close() {
        subscription.close();
        feeds.forEach(MetricsFeed::close);
        servers.forEach(DashboardServer::close);
        push.close();
        pump.close();
        meters.close();
    }

    private static Integer portOf(List<DashboardServer> servers, String bridge) {
        return servers.stream()
                .filter(s -> s.bridge().equals(bridge))
                .map(DashboardServer::port)
                .findFirst()
                .orElse(null);
    }

    private static String urlHost(String bind) {
        try {
            InetAddress a = InetAddress.getByName(bind);
            if (a.isAnyLocalAddress()) {
                return InetAddress.getLocalHost().getHostName();
            }
        } catch (UnknownHostException e) {
            return bind;
        }
        return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }
}
