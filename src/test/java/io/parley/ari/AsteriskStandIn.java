package io.parley.ari;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process stand-in for Asterisk 22's REST Interface: the REST answers and event JSON that the
 * Asterisk documentation gives, for the resources parley uses, and chan_rtp's media for
 * ExternalMedia channels. The only stand-in of the project; keep it faithful to the documentation.
 *
 * <p>Sources: rest-api/api-docs/channels.json, bridges.json, applications.json, events.json of
 * Asterisk 22 (error codes and reasons, e.g. addChannel's 422 "Channel not in Stasis application",
 * hangup's 400 "Invalid reason for hangup provided"); docs.asterisk.org "External Media and ARI"
 * (channelvars UNICASTRTP_LOCAL_ADDRESS/PORT, StasisStart of the ExternalMedia channel after the
 * HTTP answer); "ARI and Channels: Simple Media Manipulation" (tone: plays until stopped;
 * DELETE /playbacks/{id}); events.json's ApplicationReplaced (a newer WebSocket for an application
 * wins). Authentication failures answer 401 with {@code WWW-Authenticate: Basic realm="Asterisk REST
 * Interface"}; ARI errors are {@code {"message": ...}}.
 *
 * <p>Media ({@link StandInMedia}): a caller speaks a tone of its own frequency, or nothing at all;
 * a mixing bridge sends its callers' voices to its ExternalMedia channels in their format (nothing,
 * not even silence, while no caller speaks: a real Asterisk 22.10.1 sends no RTP then) from the
 * channel's own port, and gives the callers what comes back, learning a source other than
 * {@code external_host} only after strict RTP's probation. Where the real Asterisk showed parley
 * something this stand-in had not (no RTP for a caller who only listens, the 422 before
 * {@code StasisStart}), it now does the same; the tests in {@code io.parley.asterisk} run the same
 * calls through a real Asterisk and keep it honest. A playback to a bridged caller suspends it from the bridge while it plays
 * (res_stasis_playback.c queues it with ast_bridge_channel_queue_playfile_sync; bridge_channel.c
 * suspends the channel for the play-file action), so a caller hearing the waiting tone sends
 * nothing to parley.
 *
 * <p>Test hooks: {@link #call}, {@link #hangUp}, {@link #dropEventsWebSocket}, {@link #restart},
 * {@link #holdEventsHandshakes}.
 */
public final class AsteriskStandIn implements AutoCloseable {
    public static final String USER = "parley";
    public static final String PASSWORD = "s3cret";
    public static final String APP = "parley";

    private final Object lock = new Object();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("standin-later").daemon(true).unstarted(r));
    private final AtomicInteger rejectedAdds = new AtomicInteger();
    private final List<String> hangups = new CopyOnWriteArrayList<>();
    private volatile Duration mediaStasisDelay = Duration.ofMillis(30);
    /** Open (count 0) unless {@link #holdEventsHandshakes} closed it. */
    private volatile CountDownLatch handshakeGate = new CountDownLatch(0);

    private final AtomicInteger heldHandshakes = new AtomicInteger();
    private int port;
    private Javalin http;
    private WsContext events;
    private StandInModel model;
    private StandInRest rest;
    private volatile String enteringStasisAsListed;

    public static AsteriskStandIn start() {
        AsteriskStandIn s = new AsteriskStandIn();
        s.boot(0);
        return s;
    }

    private void boot(int wanted) {
        synchronized (lock) {
            model = new StandInModel(APP, this::send);
            rest = new StandInRest(
                    model, lock, later, () -> mediaStasisDelay, () -> events != null, rejectedAdds, hangups);
            events = null;
        }
        http = Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.jetty.modifyServer(server -> server.setStopTimeout(0));
                    config.jetty.modifyWebSocketServletFactory(f -> f.setIdleTimeout(Duration.ofMinutes(5)));
                    routes(config.routes);
                })
                .start("127.0.0.1", wanted);
        port = http.port();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** How long after the externalMedia answer the new channel's StasisStart comes. */
    public void mediaStasisDelay(Duration delay) {
        mediaStasisDelay = delay;
    }

    // ---- routes ----

    private void routes(RoutesConfig r) {
        r.before("/ari/*", this::authenticate);
        r.get("/ari/asterisk/info", ctx -> StandInRest.ok(ctx, rest.info()));
        r.get("/ari/applications/{app}", ctx -> locked(ctx, () -> rest.application(ctx)));
        r.get(
                "/ari/channels",
                ctx -> locked(ctx, () -> {
                    var list = model.json.createArrayNode();
                    model.channels.values().forEach(c -> list.add(model.channelJson(c)));
                    String entering = enteringStasisAsListed;
                    enteringStasisAsListed = null;
                    if (entering != null) {
                        // Listed as it was a moment ago, before Stasis(); in Stasis by the time this answers.
                        StandInModel.Channel c = caller(entering, "1001");
                        list.add(model.channelJson(c));
                        model.stasisStart(c, List.of(entering));
                    }
                    StandInRest.ok(ctx, list);
                }));
        r.post("/ari/channels/externalMedia", ctx -> locked(ctx, () -> rest.externalMedia(ctx)));
        r.get(
                "/ari/channels/{id}",
                ctx -> locked(
                        ctx,
                        () -> model.channel(ctx.pathParam("id"))
                                .ifPresentOrElse(
                                        c -> StandInRest.ok(ctx, model.channelJson(c)),
                                        () -> StandInRest.error(ctx, 404, "Channel not found"))));
        r.delete("/ari/channels/{id}", ctx -> locked(ctx, () -> rest.hangupRequest(ctx)));
        r.post(
                "/ari/channels/{id}/answer",
                ctx -> locked(
                        ctx,
                        () -> rest.inStasis(ctx).ifPresent(c -> {
                            if (!c.state.equals("Up")) {
                                c.state = "Up";
                                model.emitChannel("ChannelStateChange", c);
                            }
                            ctx.status(204);
                        })));
        r.post(
                "/ari/channels/{id}/play/{playbackId}",
                ctx -> locked(ctx, () -> rest.inStasis(ctx).ifPresent(c -> rest.play(ctx, c))));
        r.delete(
                "/ari/playbacks/{id}",
                ctx -> locked(ctx, () -> {
                    String channel = model.playbacks.remove(ctx.pathParam("id"));
                    if (channel == null) {
                        StandInRest.error(ctx, 404, "The playback cannot be found");
                        return;
                    }
                    model.playbackChanged(channel);
                    model.emit(
                            "PlaybackFinished",
                            e -> e.set("playback", rest.playback(ctx.pathParam("id"), "", channel, "done")),
                            ctx.pathParam("id"));
                    ctx.status(204);
                }));
        r.get(
                "/ari/bridges",
                ctx -> locked(ctx, () -> {
                    var list = model.json.createArrayNode();
                    model.bridges.values().forEach(b -> list.add(model.bridgeJson(b)));
                    StandInRest.ok(ctx, list);
                }));
        r.post("/ari/bridges/{id}", ctx -> locked(ctx, () -> rest.createBridge(ctx)));
        r.get(
                "/ari/bridges/{id}",
                ctx -> locked(
                        ctx,
                        () -> model.bridge(ctx.pathParam("id"))
                                .ifPresentOrElse(
                                        b -> StandInRest.ok(ctx, model.bridgeJson(b)),
                                        () -> StandInRest.error(ctx, 404, "Bridge not found"))));
        r.delete(
                "/ari/bridges/{id}",
                ctx -> locked(
                        ctx,
                        () -> model.bridge(ctx.pathParam("id"))
                                .ifPresentOrElse(
                                        b -> {
                                            model.destroyBridge(b);
                                            ctx.status(204);
                                        },
                                        () -> StandInRest.error(ctx, 404, "Bridge not found"))));
        r.post("/ari/bridges/{id}/addChannel", ctx -> locked(ctx, () -> rest.addChannel(ctx)));
        r.post("/ari/bridges/{id}/removeChannel", ctx -> locked(ctx, () -> rest.removeChannel(ctx)));
        r.wsBeforeUpgrade("/ari/events", ctx -> {
            if (authenticate(ctx)) {
                awaitHandshakeGate();
            }
        });
        r.ws("/ari/events", ws -> {
            ws.onConnect(this::eventsConnected);
            ws.onClose(ctx -> {
                synchronized (lock) {
                    if (ctx.equals(events)) {
                        events = null;
                    }
                }
            });
        });
    }

    /** Whether the request carries the credentials; if not, it is answered 401. */
    private boolean authenticate(Context ctx) {
        String expected =
                "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        String apiKey = ctx.queryParam("api_key");
        if (expected.equals(ctx.header("Authorization")) || (USER + ":" + PASSWORD).equals(apiKey)) {
            return true;
        }
        ctx.header("WWW-Authenticate", "Basic realm=\"Asterisk REST Interface\"");
        ctx.status(401).contentType("application/json").result("{\"error\":\"Authentication required\"}");
        ctx.skipRemainingHandlers();
        return false;
    }

    /** An events handshake waits here while {@link #holdEventsHandshakes} holds them (at most 30 s). */
    private void awaitHandshakeGate() {
        CountDownLatch gate = handshakeGate;
        if (gate.getCount() == 0) {
            return;
        }
        heldHandshakes.incrementAndGet();
        try {
            gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void eventsConnected(WsContext ctx) {
        if (ctx.queryParam("app") == null || !ctx.queryParam("app").equals(APP)) {
            ctx.closeSession(1008, "this stand-in serves application " + APP + " only");
            return;
        }
        WsContext old;
        synchronized (lock) {
            old = events;
            events = ctx;
        }
        if (old != null) {
            old.send("{\"type\":\"ApplicationReplaced\",\"timestamp\":\"" + StandInModel.now() + "\",\"asterisk_id\":\""
                    + StandInModel.ENTITY_ID + "\",\"application\":\"" + APP + "\"}");
            old.closeSession();
        }
    }

    private void locked(Context ctx, Runnable handler) {
        synchronized (lock) {
            handler.run();
        }
    }

    private void send(String message) {
        WsContext ws = events;
        if (ws != null && ws.session.isOpen()) {
            ws.send(message);
        }
    }

    // ---- test hooks ----

    /**
     * A phone dials {@code extension}; the dialplan runs {@code Stasis(parley,EXTEN)}. Returns the new
     * channel's id. The caller speaks a steady tone of {@code voiceHz}: that is what a bridge they are
     * in (and not held by a playback) sends to its ExternalMedia channels; 0 for a caller who says
     * nothing, for whom nothing is sent.
     *
     * @throws IllegalStateException when no client holds the application: a real {@code Stasis()}
     *                               fails then and the dialplan goes on
     */
    public String call(String extension, String callerNumber, double voiceHz) {
        synchronized (lock) {
            if (events == null) {
                throw new IllegalStateException("Stasis application " + APP + " is not registered");
            }
            StandInModel.Channel c = caller(extension, callerNumber);
            c.voiceHz = voiceHz;
            model.stasisStart(c, List.of(extension));
            return c.id;
        }
    }

    /** A new caller's channel, ringing, still in the dialplan before {@code Stasis(parley,EXTEN)}. */
    private StandInModel.Channel caller(String extension, String callerNumber) {
        StandInModel.Channel c = new StandInModel.Channel(
                model.nextUniqueId(),
                String.format("PJSIP/%s-%08x", callerNumber, model.nextSequence()),
                "Ring",
                callerNumber,
                extension,
                APP + "," + extension);
        model.channels.put(c.id, c);
        return c;
    }

    /**
     * The next time parley lists the channels ({@code GET /channels}), a silent caller to {@code
     * extension} enters Stasis. As with a real Asterisk, whose channel list is made of cached snapshots
     * a moment behind the channels, the list shows the caller still before {@code Stasis()}, while the
     * application already has them and their StasisStart follows.
     */
    public void callEnteringStasisAsChannelsAreListed(String extension) {
        enteringStasisAsListed = extension;
    }

    /**
     * A caller who says nothing: as with a real Asterisk, whose mixing bridge forwards only the frames
     * a caller produces, their ExternalMedia channel sends parley no RTP at all.
     */
    public String call(String extension, String callerNumber) {
        return call(extension, callerNumber, 0);
    }

    /** A silent caller from 1001. */
    public String call(String extension) {
        return call(extension, "1001");
    }

    /** The phone on {@code channelId} hangs up: ChannelHangupRequest, ChannelLeftBridge, StasisEnd, ChannelDestroyed. */
    public void hangUp(String channelId) {
        synchronized (lock) {
            StandInModel.Channel c = model.channels.get(channelId);
            if (c == null) {
                throw new IllegalArgumentException("no channel " + channelId);
            }
            model.emit(
                    "ChannelHangupRequest",
                    e -> {
                        e.put("cause", 16);
                        e.set("channel", model.channelJson(c));
                    },
                    c.id);
            model.destroy(c, 16, "Normal Clearing");
        }
    }

    /** The events WebSocket breaks (as a network fault would); channels and bridges stay up. */
    public void dropEventsWebSocket() {
        WsContext ws;
        synchronized (lock) {
            ws = events;
            events = null;
        }
        if (ws != null) {
            ws.session.disconnect();
        }
    }

    /**
     * From now on a handshake of the events WebSocket gets no answer until
     * {@link #answerEventsHandshakes}, as from an Asterisk too busy to answer: after a drop, the
     * WebSocket stays down for as long as a test needs. Counts the held handshakes from zero.
     */
    public void holdEventsHandshakes() {
        heldHandshakes.set(0);
        handshakeGate = new CountDownLatch(1);
    }

    /** Handshakes that waited (or wait) since {@link #holdEventsHandshakes}. */
    public int heldEventsHandshakes() {
        return heldHandshakes.get();
    }

    /** Lets the held handshakes, and those that follow, go on at once. */
    public void answerEventsHandshakes() {
        handshakeGate.countDown();
    }

    public boolean eventsConnected() {
        synchronized (lock) {
            return events != null;
        }
    }

    /** Asterisk restarts: the WebSocket breaks and every channel and bridge is lost. Same port. */
    public void restart() {
        answerEventsHandshakes();
        dropEventsWebSocket();
        http.stop();
        synchronized (lock) {
            model.closeMedia();
        }
        boot(port);
    }

    // ---- inspection ----

    /** addChannel requests answered 422 because the channel was not in Stasis yet. */
    public int rejectedAdds() {
        return rejectedAdds.get();
    }

    /** Every emitted event as {@code Type:id}, in order. */
    public List<String> eventLog() {
        synchronized (lock) {
            return List.copyOf(model.log);
        }
    }

    /** Hang-ups requested over REST, as {@code channelId:reason}. */
    public List<String> hangups() {
        synchronized (lock) {
            return List.copyOf(hangups);
        }
    }

    public Set<String> channelIds() {
        synchronized (lock) {
            return Set.copyOf(model.channels.keySet());
        }
    }

    public Set<String> bridgeIds() {
        synchronized (lock) {
            return Set.copyOf(model.bridges.keySet());
        }
    }

    public List<String> bridgeMembers(String bridgeId) {
        synchronized (lock) {
            return model.bridge(bridgeId).map(b -> List.copyOf(b.members)).orElse(List.of());
        }
    }

    /** The bridge {@code channelId} is in, if any. */
    public Optional<String> bridgeOf(String channelId) {
        synchronized (lock) {
            return model.channel(channelId).map(c -> c.bridge);
        }
    }

    /** The ExternalMedia channel that shares a bridge with the caller on {@code callerId}, if any. */
    public Optional<String> mediaChannelOf(String callerId) {
        synchronized (lock) {
            return model.channel(callerId)
                    .map(c -> c.bridge)
                    .flatMap(model::bridge)
                    .flatMap(b -> b.members.stream()
                            .filter(id -> model.channel(id)
                                    .map(StandInModel.Channel::externalMedia)
                                    .orElse(false))
                            .findFirst());
        }
    }

    public Optional<String> state(String channelId) {
        synchronized (lock) {
            return model.channel(channelId).map(c -> c.state);
        }
    }

    /** Whether a playback plays to {@code channelId} now. */
    public boolean playingTo(String channelId) {
        synchronized (lock) {
            return model.playbacks.containsValue(channelId);
        }
    }

    /** The media URIs played to {@code channelId}, in order. */
    public List<String> played(String channelId) {
        synchronized (lock) {
            return model.plays.stream()
                    .filter(p -> p.startsWith(channelId + " "))
                    .map(p -> p.substring(channelId.length() + 1))
                    .toList();
        }
    }

    /** The ExternalMedia channels whose external_host is {@code host}. */
    public List<String> externalMediaTo(String host) {
        synchronized (lock) {
            return model.channels.values().stream()
                    .filter(c -> c.externalMedia() && c.name.startsWith("UnicastRTP/" + host + "-"))
                    .map(c -> c.id)
                    .toList();
        }
    }

    public StandInMedia media(String externalMediaChannelId) {
        synchronized (lock) {
            return model.channel(externalMediaChannelId).map(c -> c.media).orElseThrow();
        }
    }

    /** Plants a bridge and an ExternalMedia-like channel as an earlier parley run would have left them. */
    void leaveOver(String bridgeId, String mediaChannelId, String callerExtension) {
        synchronized (lock) {
            StandInModel.Bridge b = new StandInModel.Bridge(bridgeId, "parley/old/" + callerExtension);
            model.bridges.put(bridgeId, b);
            StandInModel.Channel caller = new StandInModel.Channel(
                    model.nextUniqueId(),
                    "PJSIP/old-00000001",
                    "Up",
                    "1009",
                    callerExtension,
                    APP + "," + callerExtension);
            caller.inStasis = true;
            model.channels.put(caller.id, caller);
            StandInModel.Channel media =
                    new StandInModel.Channel(mediaChannelId, "UnicastRTP/127.0.0.1:1-0x7f000001", "Down", "", "s", "");
            media.inStasis = true;
            model.channels.put(media.id, media);
            b.members.add(caller.id);
            caller.bridge = b.id;
            b.members.add(media.id);
            media.bridge = b.id;
        }
    }

    @Override
    public void close() {
        answerEventsHandshakes();
        dropEventsWebSocket();
        http.stop();
        synchronized (lock) {
            model.closeMedia();
        }
        later.shutdownNow();
    }
}
