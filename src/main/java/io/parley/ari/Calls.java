package io.parley.ari;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The live calls, found by extension, by either of their channels, or by bridge. Event thread only. */
final class Calls {
    private final Map<String, Call> byExtension = new HashMap<>();
    private final Map<String, Call> byChannel = new HashMap<>();
    private final Map<String, Call> byBridge = new HashMap<>();

    void add(Call call) {
        byExtension.put(call.extension(), call);
        byChannel.put(call.callerId, call);
        byChannel.put(call.mediaId, call);
        byBridge.put(call.bridgeId, call);
    }

    void remove(Call call) {
        byExtension.remove(call.extension(), call);
        byChannel.remove(call.callerId, call);
        byChannel.remove(call.mediaId, call);
        byBridge.remove(call.bridgeId, call);
    }

    Optional<Call> onExtension(String extension) {
        return Optional.ofNullable(byExtension.get(extension));
    }

    Optional<Call> withChannel(String channelId) {
        return Optional.ofNullable(byChannel.get(channelId));
    }

    Optional<Call> withBridge(String bridgeId) {
        return Optional.ofNullable(byBridge.get(bridgeId));
    }

    boolean tracksChannel(String channelId) {
        return byChannel.containsKey(channelId);
    }

    boolean tracksBridge(String bridgeId) {
        return byBridge.containsKey(bridgeId);
    }

    /** A copy, so that calls can end while the caller iterates. */
    List<Call> all() {
        return new ArrayList<>(byExtension.values());
    }
}
