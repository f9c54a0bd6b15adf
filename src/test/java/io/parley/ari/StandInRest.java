package io.parley.ari;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The stand-in's REST handlers for channels, bridges, playbacks and applications: answers and
 * error codes as Asterisk 22's rest-api/api-docs give them (see {@link AsteriskStandIn}). Called
 * by the stand-in under its lock.
 */
record StandInRest(
        StandInModel model,
        Object lock,
        ScheduledExecutorService later,
        Supplier<Duration> mediaStasisDelay,
        BooleanSupplier registered,
        AtomicInteger rejectedAdds,
        List<String> hangups) {
    static final String APP = AsteriskStandIn.APP;
    private static final Set<String> HANGUP_REASONS = Set.of(
            "normal",
            "busy",
            "congestion",
            "no_answer",
            "timeout",
            "rejected",
            "unallocated",
            "normal_unspecified",
            "number_incomplete",
            "codec_mismatch",
            "interworking",
            "failure",
            "answered_elsewhere");
    private static final Map<String, Integer> CAUSES =
            Map.of("normal", 16, "busy", 17, "congestion", 34, "unallocated", 1, "rejected", 21, "no_answer", 19);
    private static final Set<String> FORMATS = Set.of("ulaw", "alaw", "slin", "slin16", "g722");

    ObjectNode info() {
        ObjectNode n = model.json.createObjectNode();
        n.putObject("build")
                .put("os", "Linux")
                .put("kernel", "6.1.0")
                .put("machine", "x86_64")
                .put("options", "")
                .put("date", "2025-01-01 00:00:00 UTC")
                .put("user", "root");
        n.putObject("system").put("version", "22.5.0").put("entity_id", StandInModel.ENTITY_ID);
        n.putObject("config")
                .put("name", "")
                .put("default_language", "en")
                .putObject("setid")
                .put("user", "asterisk")
                .put("group", "asterisk");
        n.putObject("status").put("startup_time", StandInModel.now()).put("last_reload_time", StandInModel.now());
        return n;
    }

    void application(Context ctx) {
        boolean registered = registered().getAsBoolean();
        if (!ctx.pathParam("app").equals(APP)
                || (!registered && model.channels.values().stream().noneMatch(c -> c.inStasis))) {
            error(ctx, 404, "Application does not exist.");
            return;
        }
        ObjectNode n = model.json.createObjectNode();
        n.put("name", APP);
        var channels = n.putArray("channel_ids");
        model.channels.values().stream().filter(c -> c.inStasis).forEach(c -> channels.add(c.id));
        var bridges = n.putArray("bridge_ids");
        model.bridges.keySet().forEach(bridges::add);
        n.putArray("endpoint_ids");
        n.putArray("device_names");
        n.putArray("events_allowed");
        n.putArray("events_disallowed");
        ok(ctx, n);
    }

    Optional<StandInModel.Channel> inStasis(Context ctx) {
        Optional<StandInModel.Channel> c = model.channel(ctx.pathParam("id"));
        if (c.isEmpty()) {
            error(ctx, 404, "Channel not found");
            return Optional.empty();
        }
        if (!c.get().inStasis) {
            error(ctx, 409, "Channel not in a Stasis application");
            return Optional.empty();
        }
        return c;
    }

    void hangupRequest(Context ctx) {
        String reason = Optional.ofNullable(ctx.queryParam("reason")).orElse("normal");
        if (ctx.queryParam("reason") != null && ctx.queryParam("reason_code") != null) {
            error(ctx, 400, "The reason and reason_code can't both be specified");
            return;
        }
        if (!HANGUP_REASONS.contains(reason)) {
            error(ctx, 400, "Invalid reason for hangup provided");
            return;
        }
        Optional<StandInModel.Channel> c = model.channel(ctx.pathParam("id"));
        if (c.isEmpty()) {
            error(ctx, 404, "Channel not found");
            return;
        }
        c.get().hangupReason = reason;
        hangups.add(c.get().id + ":" + reason);
        model.destroy(c.get(), CAUSES.getOrDefault(reason, 16), reason);
        ctx.status(204);
    }

    void externalMedia(Context ctx) {
        String app = ctx.queryParam("app");
        String host = ctx.queryParam("external_host");
        String format = ctx.queryParam("format");
        String encapsulation =
                Optional.ofNullable(ctx.queryParam("encapsulation")).orElse("rtp");
        String transport = Optional.ofNullable(ctx.queryParam("transport")).orElse("udp");
        String direction = Optional.ofNullable(ctx.queryParam("direction")).orElse("both");
        if (app == null || host == null || format == null || !host.contains(":")) {
            error(ctx, 400, "external_host, app and format are required; external_host is host:port");
            return;
        }
        if (!encapsulation.equals("rtp") || !transport.equals("udp") || !direction.equals("both")) {
            error(ctx, 400, "this stand-in implements encapsulation=rtp, transport=udp, direction=both only");
            return;
        }
        if (!FORMATS.contains(format)) {
            error(ctx, 400, "Provided format (" + format + ") was not found");
            return;
        }
        String id = Optional.ofNullable(ctx.queryParam("channelId")).orElseGet(model::nextUniqueId);
        if (model.channels.containsKey(id)) {
            error(ctx, 409, "Channel with given unique ID already exists.");
            return;
        }
        int colon = host.lastIndexOf(':');
        StandInMedia media;
        try {
            media = new StandInMedia(
                    new InetSocketAddress(host.substring(0, colon), Integer.parseInt(host.substring(colon + 1))),
                    format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StandInModel.Channel c = new StandInModel.Channel(
                id, String.format("UnicastRTP/%s-0x7f%08x", host, model.nextSequence()), "Down", "", "s", "");
        c.media = media;
        c.vars.put("UNICASTRTP_LOCAL_ADDRESS", "127.0.0.1");
        c.vars.put("UNICASTRTP_LOCAL_PORT", String.valueOf(media.localPort()));
        model.channels.put(id, c);
        ok(ctx, model.channelJson(c));
        // "The ExternalMedia channel enters Stasis a moment after the HTTP 200."
        later.schedule(
                () -> {
                    synchronized (lock) {
                        if (model.channels.get(id) == c) {
                            model.stasisStart(c, List.of());
                        }
                    }
                },
                mediaStasisDelay.get().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void play(Context ctx, StandInModel.Channel c) {
        String media = ctx.queryParam("media");
        if (media == null || !media.matches("(sound|recording|number|digits|characters|tone):.+")) {
            error(
                    ctx,
                    400,
                    "media is required and must be a sound:, recording:, number:, digits:, characters: or tone: URI");
            return;
        }
        String id = ctx.pathParam("playbackId");
        if (model.playbacks.containsKey(id)) {
            error(ctx, 409, "A playback with the same ID already exists");
            return;
        }
        model.playbacks.put(id, c.id);
        model.plays.add(c.id + " " + media);
        model.playbackChanged(c.id);
        ObjectNode playback = playback(id, media, c.id, "playing");
        ctx.header("Location", "/playbacks/" + id);
        ctx.status(201).contentType("application/json").result(playback.toString());
        model.emit("PlaybackStarted", e -> e.set("playback", playback), id);
    }

    ObjectNode playback(String id, String media, String channel, String state) {
        return model.json
                .createObjectNode()
                .put("id", id)
                .put("media_uri", media)
                .put("target_uri", "channel:" + channel)
                .put("language", "en")
                .put("state", state);
    }

    void createBridge(Context ctx) {
        String id = ctx.pathParam("id");
        if (model.bridges.containsKey(id)) {
            error(ctx, 409, "Bridge with the same bridgeId already exists");
            return;
        }
        StandInModel.Bridge b = new StandInModel.Bridge(
                id, Optional.ofNullable(ctx.queryParam("name")).orElse(""));
        model.bridges.put(id, b);
        ok(ctx, model.bridgeJson(b));
    }

    void addChannel(Context ctx) {
        withBridgeAndChannel(ctx, (b, c) -> {
            if (!c.inStasis) {
                rejectedAdds.incrementAndGet();
                error(ctx, 422, "Channel not in Stasis application");
                return;
            }
            if (c.bridge != null) {
                model.leave(model.bridges.get(c.bridge), c);
            }
            model.enter(b, c);
            ctx.status(204);
        });
    }

    void removeChannel(Context ctx) {
        withBridgeAndChannel(ctx, (b, c) -> {
            if (!b.id.equals(c.bridge)) {
                error(ctx, 422, "Channel not in this bridge");
                return;
            }
            model.leave(b, c);
            ctx.status(204);
        });
    }

    /** bridges.json: an unknown channel is 400 "Channel not found", an unknown bridge 404. */
    private void withBridgeAndChannel(Context ctx, BiConsumer<StandInModel.Bridge, StandInModel.Channel> action) {
        Optional<StandInModel.Bridge> b = model.bridge(ctx.pathParam("id"));
        String channelId = ctx.queryParam("channel");
        Optional<StandInModel.Channel> c = channelId == null ? Optional.empty() : model.channel(channelId);
        if (c.isEmpty()) {
            error(ctx, 400, "Channel not found");
        } else if (b.isEmpty()) {
            error(ctx, 404, "Bridge not found");
        } else {
            action.accept(b.get(), c.get());
        }
    }

    static void ok(Context ctx, JsonNode body) {
        ctx.status(200).contentType("application/json").result(body.toString());
    }

    static void error(Context ctx, int status, String message) {
        ctx.status(status)
                .contentType("application/json")
                .result("{\"message\":\"" + message.replace("\"", "'") + "\"}");
    }
}
