package io.parley.ari;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What the Asterisk 22 stand-in holds between requests: channels, bridges and playbacks, rendered
 * as ARI's JSON models, and the events it emits about them. Everything here is lost by a restart,
 * as a real Asterisk restart loses every channel and bridge.
 *
 * <p>Models follow rest-api/api-docs/{channels,bridges,events}.json of Asterisk 22: {@code Channel}
 * (id, name, state, protocol_id, caller, connected, accountcode, dialplan {context, exten, priority,
 * app_name, app_data}, creationtime, language, channelvars), {@code Bridge} (id, technology,
 * bridge_type, bridge_class, creator, name, channels, video_mode, creationtime), and the
 * {@code Message}/{@code Event} base (type, asterisk_id, application, timestamp).
 *
 * <p>Not thread-safe: the stand-in calls it under one lock, which also keeps events in order.
 */
final class StandInModel {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    static final String ENTITY_ID = "02:42:ac:11:00:02";

    final ObjectMapper json = new ObjectMapper();
    final Map<String, Channel> channels = new LinkedHashMap<>();
    final Map<String, Bridge> bridges = new LinkedHashMap<>();
    final Map<String, String> playbacks = new LinkedHashMap<>(); // playback id -> channel id
    final List<String> log = new ArrayList<>();
    /** Every playback started, as {@code channelId mediaUri}. */
    final List<String> plays = new ArrayList<>();

    private final String app;
    private final Consumer<String> sink;
    private static final AtomicLong BOOTS = new AtomicLong();
    /** Asterisk's ids start with its start-up time; a restart must not reuse the ids of before. */
    private final long epoch = System.currentTimeMillis() / 1000 + BOOTS.getAndIncrement() * 100_000;

    private int sequence;

    /** @param sink where event JSON goes (the app's WebSocket, or nowhere) */
    StandInModel(String app, Consumer<String> sink) {
        this.app = app;
        this.sink = sink;
    }

    static final class Channel {
        final String id;
        final String name;
        final String callerNumber;
        final String exten;
        final String appData;
        final String created = now();
        final Map<String, String> vars = new LinkedHashMap<>();
        String state;
        boolean inStasis;
        String bridge;
        StandInMedia media;
        String hangupReason;
        /** The caller's voice: a tone of this frequency; 0 for a silent channel. */
        double voiceHz;

        Channel(String id, String name, String state, String callerNumber, String exten, String appData) {
            this.id = id;
            this.name = name;
            this.state = state;
            this.callerNumber = callerNumber;
            this.exten = exten;
            this.appData = appData;
        }

        boolean externalMedia() {
            return media != null;
        }
    }

    static final class Bridge {
        final String id;
        final String name;
        final String created = now();
        final List<String> members = new ArrayList<>();

        Bridge(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    static String now() {
        return ZonedDateTime.now().format(TIME);
    }

    /** Asterisk's unique ids look like {@code 1718000000.42}. */
    String nextUniqueId() {
        return epoch + "." + (++sequence);
    }

    int nextSequence() {
        return ++sequence;
    }

    ObjectNode channelJson(Channel c) {
        ObjectNode n = json.createObjectNode();
        n.put("id", c.id).put("name", c.name).put("state", c.state).put("protocol_id", "");
        n.putObject("caller").put("name", "").put("number", c.callerNumber);
        n.putObject("connected").put("name", "").put("number", "");
        n.put("accountcode", "");
        ObjectNode dialplan = n.putObject("dialplan");
        if (c.externalMedia()) {
            dialplan.put("context", "default")
                    .put("exten", "s")
                    .put("priority", 1)
                    .put("app_name", "")
                    .put("app_data", "");
        } else {
            dialplan.put("context", "parley")
                    .put("exten", c.exten)
                    .put("priority", 1)
                    .put("app_name", c.inStasis ? "Stasis" : "")
                    .put("app_data", c.inStasis ? c.appData : "");
        }
        n.put("creationtime", c.created).put("language", "en");
        if (!c.vars.isEmpty()) {
            ObjectNode vars = n.putObject("channelvars");
            c.vars.forEach(vars::put);
        }
        return n;
    }

    ObjectNode bridgeJson(Bridge b) {
        ObjectNode n = json.createObjectNode();
        n.put("id", b.id)
                .put("technology", b.members.size() > 2 ? "softmix" : "simple_bridge")
                .put("bridge_type", "mixing")
                .put("bridge_class", "stasis")
                .put("creator", "Stasis")
                .put("name", b.name);
        ArrayNode members = n.putArray("channels");
        b.members.forEach(members::add);
        n.put("video_mode", "none").put("creationtime", b.created);
        return n;
    }

    /** Emits one event (type, timestamp, the given fields, asterisk_id, application) and logs it. */
    void emit(String type, Consumer<ObjectNode> fields, String about) {
        ObjectNode event = json.createObjectNode();
        event.put("type", type).put("timestamp", now());
        fields.accept(event);
        event.put("asterisk_id", ENTITY_ID).put("application", app);
        log.add(type + ":" + about);
        sink.accept(event.toString());
    }

    void emitChannel(String type, Channel c) {
        emit(type, e -> e.set("channel", channelJson(c)), c.id);
    }

    void stasisStart(Channel c, List<String> args) {
        c.inStasis = true;
        emit(
                "StasisStart",
                e -> {
                    ArrayNode a = e.putArray("args");
                    args.forEach(a::add);
                    e.set("channel", channelJson(c));
                },
                c.id);
    }

    /**
     * A channel goes away: out of its bridge, out of Stasis, destroyed; in that order, as Asterisk
     * reports a hang-up (ChannelLeftBridge, StasisEnd, ChannelDestroyed).
     */
    void destroy(Channel c, int cause, String causeText) {
        if (c.bridge != null) {
            leave(bridges.get(c.bridge), c);
        }
        if (c.inStasis) {
            c.inStasis = false;
            emitChannel("StasisEnd", c);
        }
        c.state = "Down";
        emit(
                "ChannelDestroyed",
                e -> {
                    e.put("cause", cause).put("cause_txt", causeText);
                    e.set("channel", channelJson(c));
                },
                c.id);
        channels.remove(c.id);
        playbacks.values().removeIf(c.id::equals);
        if (c.media != null) {
            c.media.close();
        }
    }

    void enter(Bridge b, Channel c) {
        b.members.add(c.id);
        c.bridge = b.id;
        emit(
                "ChannelEnteredBridge",
                e -> {
                    e.set("bridge", bridgeJson(b));
                    e.set("channel", channelJson(c));
                },
                b.id + "/" + c.id);
        updateMedia(b);
    }

    void leave(Bridge b, Channel c) {
        b.members.remove(c.id);
        c.bridge = null;
        if (c.media != null) {
            c.media.hears(List.of());
        }
        emit(
                "ChannelLeftBridge",
                e -> {
                    e.set("bridge", bridgeJson(b));
                    e.set("channel", channelJson(c));
                },
                b.id + "/" + c.id);
        updateMedia(b);
    }

    void destroyBridge(Bridge b) {
        for (String id : List.copyOf(b.members)) {
            leave(b, channels.get(id));
        }
        bridges.remove(b.id);
        emit("BridgeDestroyed", e -> e.set("bridge", bridgeJson(b)), b.id);
    }

    /**
     * What each ExternalMedia channel of {@code b} gets from the bridge: the voices of its callers,
     * except those a playback holds. A playback to a channel in a bridge suspends the channel from
     * the bridge while it plays (res_stasis_playback's play_uri queues it with
     * ast_bridge_channel_queue_playfile_sync; bridge_channel.c suspends the channel for
     * BRIDGE_CHANNEL_ACTION_PLAY_FILE): the caller hears the playback, the bridge hears nothing of them.
     */
    void updateMedia(Bridge b) {
        List<Double> voices = b.members.stream()
                .map(channels::get)
                .filter(c -> c != null && !c.externalMedia() && c.voiceHz > 0 && !held(c))
                .map(c -> c.voiceHz)
                .toList();
        for (String id : b.members) {
            Channel c = channels.get(id);
            if (c != null && c.externalMedia()) {
                c.media.hears(voices);
            }
        }
    }

    /** Whether a playback holds {@code c} (it hears the playback, not its bridge). */
    boolean held(Channel c) {
        return playbacks.containsValue(c.id);
    }

    /** A playback to {@code channelId} started or ended: its bridge's media changes. */
    void playbackChanged(String channelId) {
        channel(channelId).map(c -> c.bridge).map(bridges::get).ifPresent(this::updateMedia);
    }

    Optional<Channel> channel(String id) {
        return Optional.ofNullable(channels.get(id));
    }

    Optional<Bridge> bridge(String id) {
        return Optional.ofNullable(bridges.get(id));
    }

    void closeMedia() {
        channels.values().forEach(c -> {
            if (c.media != null) {
                c.media.close();
            }
        });
    }
}
