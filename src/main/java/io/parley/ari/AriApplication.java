package io.parley.ari;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** ARI's {@code Application}: a Stasis application and the channels and bridges it is subscribed to. */
public record AriApplication(String name, List<String> channelIds, List<String> bridgeIds) {

    public AriApplication {
        channelIds = List.copyOf(channelIds);
        bridgeIds = List.copyOf(bridgeIds);
    }

    static AriApplication from(JsonNode json) {
        List<String> channels = new ArrayList<>();
        json.path("channel_ids").forEach(c -> channels.add(c.asText()));
        List<String> bridges = new ArrayList<>();
        json.path("bridge_ids").forEach(b -> bridges.add(b.asText()));
        return new AriApplication(json.path("name").asText(), channels, bridges);
    }
}
