package io.parley.ari;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One message from ARI's events WebSocket, reduced to what the call flows read. Every event
 * carries {@code type}, {@code application}, {@code timestamp} and {@code asterisk_id}; the
 * channel and bridge snapshots are present on channel and bridge events.
 *
 * @param args  {@code args} of {@code StasisStart}: the arguments of {@code Stasis(app,...)}
 * @param cause {@code cause} of {@code ChannelDestroyed} and {@code ChannelHangupRequest}, else 0
 */
public record AriEvent(
        String type,
        String application,
        String timestamp,
        Optional<AriChannel> channel,
        Optional<AriBridge> bridge,
        List<String> args,
        int cause) {

    public static final String STASIS_START = "StasisStart";
    public static final String STASIS_END = "StasisEnd";
    public static final String CHANNEL_DESTROYED = "ChannelDestroyed";
    public static final String CHANNEL_HANGUP_REQUEST = "ChannelHangupRequest";
    public static final String CHANNEL_STATE_CHANGE = "ChannelStateChange";
    public static final String CHANNEL_ENTERED_BRIDGE = "ChannelEnteredBridge";
    public static final String CHANNEL_LEFT_BRIDGE = "ChannelLeftBridge";
    public static final String BRIDGE_DESTROYED = "BridgeDestroyed";
    public static final String APPLICATION_REPLACED = "ApplicationReplaced";

    public AriEvent {
        args = List.copyOf(args);
    }

    static AriEvent from(JsonNode json) {
        List<String> args = new ArrayList<>();
        json.path("args").forEach(a -> args.add(a.asText()));
        Optional<AriChannel> channel =
                json.hasNonNull("channel") ? Optional.of(AriChannel.from(json.get("channel"))) : Optional.empty();
        Optional<AriBridge> bridge =
                json.hasNonNull("bridge") ? Optional.of(AriBridge.from(json.get("bridge"))) : Optional.empty();
        return new AriEvent(
                json.path("type").asText(),
                json.path("application").asText(),
                json.path("timestamp").asText(),
                channel,
                bridge,
                args,
                json.path("cause").asInt(0));
    }

    /** Id of the channel the event is about, or the empty string. */
    public String channelId() {
        return channel.map(AriChannel::id).orElse("");
    }

    /** Id of the bridge the event is about, or the empty string. */
    public String bridgeId() {
        return bridge.map(AriBridge::id).orElse("");
    }
}
