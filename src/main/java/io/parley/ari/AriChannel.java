package io.parley.ari;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of ARI's {@code Channel} model that parley reads.
 *
 * @param callerNumber {@code caller.number}
 * @param exten        {@code dialplan.exten}: the extension dialled
 * @param appName      {@code dialplan.app_name}, the dialplan application it runs ({@code Stasis} once in one)
 * @param appData      {@code dialplan.app_data}, e.g. {@code parley,3333} while in {@code Stasis()}
 * @param variables    {@code channelvars}; ExternalMedia channels carry {@code UNICASTRTP_LOCAL_ADDRESS/_PORT}
 */
public record AriChannel(
        String id,
        String name,
        String state,
        String callerNumber,
        String exten,
        String appName,
        String appData,
        Map<String, String> variables) {

    public AriChannel {
        variables = Map.copyOf(variables);
    }

    static AriChannel from(JsonNode json) {
        Map<String, String> vars = new LinkedHashMap<>();
        json.path("channelvars")
                .properties()
                .forEach(e -> vars.put(e.getKey(), e.getValue().asText()));
        JsonNode dialplan = json.path("dialplan");
        return new AriChannel(
                json.path("id").asText(),
                json.path("name").asText(),
                json.path("state").asText(),
                json.path("caller").path("number").asText(),
                dialplan.path("exten").asText(),
                dialplan.path("app_name").asText(),
                dialplan.path("app_data").asText(),
                vars);
    }
}
