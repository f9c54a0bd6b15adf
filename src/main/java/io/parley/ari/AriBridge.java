package io.parley.ari;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The part of ARI's {@code Bridge} model that parley reads. */
public record AriBridge(String id, String name, String bridgeType, String technology, List<String> channels) {

    public AriBridge {
        channels = List.copyOf(channels);
    }

    static AriBridge from(JsonNode json) {
        List<String> channels = new ArrayList<>();
        json.path("channels").forEach(c -> channels.add(c.asText()));
        return new AriBridge(
                json.path("id").asText(),
                json.path("name").asText(),
                json.path("bridge_type").asText(),
                json.path("technology").asText(),
                channels);
    }
}
