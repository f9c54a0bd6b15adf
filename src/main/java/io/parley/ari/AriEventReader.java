package io.parley.ari;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one message of ARI's events WebSocket into an {@link AriEvent}, or says in one line why it
 * cannot: not JSON, not an object, no {@code type}, or a channel or bridge event without the
 * channel or bridge it is about. Text values longer than {@link #MAX_VALUE_CHARS} (no id,
 * extension or variable of Asterisk's comes near) are cut before the call flows see them, so
 * that a hostile value cannot flood the logs; the reading says which were cut.
 *
 * <p>Stateless and thread-safe; never throws.
 */
final class AriEventReader {
    static final int MAX_VALUE_CHARS = 256;
    /** Characters of a message shown in a log line. */
    static final int EXCERPT_CHARS = 120;

    private static final int MAX_DEPTH = 32;

    private static final Set<String> CHANNEL_EVENTS = Set.of(
            AriEvent.STASIS_START,
            AriEvent.STASIS_END,
            AriEvent.CHANNEL_DESTROYED,
            AriEvent.CHANNEL_HANGUP_REQUEST,
            AriEvent.CHANNEL_STATE_CHANGE,
            AriEvent.CHANNEL_ENTERED_BRIDGE,
            AriEvent.CHANNEL_LEFT_BRIDGE);
    private static final Set<String> BRIDGE_EVENTS =
            Set.of(AriEvent.CHANNEL_ENTERED_BRIDGE, AriEvent.CHANNEL_LEFT_BRIDGE, AriEvent.BRIDGE_DESTROYED);

    /**
     * What was read: the event, or the problem that kept it from being one.
     *
     * @param cut the fields whose values were cut, with their lengths, e.g. {@code channel.dialplan.exten (102400 characters)}
     */
    record Reading(Optional<AriEvent> event, String problem, List<String> cut) {}

    private AriEventReader() {}

    static Reading read(String message) {
        JsonNode json;
        try {
            json = AriClient.JSON.readTree(message);
        } catch (JacksonException | RuntimeException e) {
            return refused("not JSON: " + excerpt(message));
        }
        if (json == null || !json.isObject()) {
            return refused("not a JSON object: " + excerpt(message));
        }
        List<String> cut = new ArrayList<>();
        cutLongValues(json, "", 0, cut);
        JsonNode type = json.get("type");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
            return new Reading(Optional.empty(), "no 'type': " + excerpt(message), cut);
        }
        String t = type.asText();
        if (CHANNEL_EVENTS.contains(t) && !hasId(json.get("channel"))) {
            return new Reading(Optional.empty(), t + " without a channel (or its id): ignored", cut);
        }
        if (BRIDGE_EVENTS.contains(t) && !hasId(json.get("bridge"))) {
            return new Reading(Optional.empty(), t + " without a bridge (or its id): ignored", cut);
        }
        try {
            return new Reading(Optional.of(AriEvent.from(json)), "", cut);
        } catch (RuntimeException e) {
            return new Reading(
                    Optional.empty(), t + " could not be read (" + e.getClass().getSimpleName() + ")", cut);
        }
    }

    private static Reading refused(String problem) {
        return new Reading(Optional.empty(), problem, List.of());
    }

    private static boolean hasId(JsonNode node) {
        return node != null
                && node.isObject()
                && node.path("id").isTextual()
                && !node.path("id").asText().isEmpty();
    }

    /** Replaces every text value longer than {@link #MAX_VALUE_CHARS} with its start, noting where. */
    private static void cutLongValues(JsonNode node, String path, int depth, List<String> cut) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = path.isEmpty() ? shortKey(e.getKey()) : path + "." + shortKey(e.getKey());
                if (e.getValue().isTextual() && e.getValue().asText().length() > MAX_VALUE_CHARS) {
                    cut.add(at + " (" + e.getValue().asText().length() + " characters)");
                    e.setValue(TextNode.valueOf(e.getValue().asText().substring(0, MAX_VALUE_CHARS)));
                } else {
                    cutLongValues(e.getValue(), at, depth + 1, cut);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isTextual() && item.asText().length() > MAX_VALUE_CHARS) {
                    cut.add(path + "[" + i + "] (" + item.asText().length() + " characters)");
                    array.set(i, TextNode.valueOf(item.asText().substring(0, MAX_VALUE_CHARS)));
                } else {
                    cutLongValues(item, path + "[" + i + "]", depth + 1, cut);
                }
            }
        }
    }

    private static String shortKey(String key) {
        return key.length() > 40 ? excerpt(key).substring(0, 40) + "..." : excerpt(key);
    }

    /** The fields that were cut, for one log line: at most five named. */
    static String describeCut(List<String> cut) {
        return cut.size() <= 5
                ? String.join(", ", cut)
                : String.join(", ", cut.subList(0, 5)) + " and " + (cut.size() - 5) + " more";
    }

    /** The start of {@code text} for a log line: control characters shown as {@code ?}, cut with its length. */
    static String excerpt(String text) {
        int n = Math.min(text.length(), EXCERPT_CHARS);
        StringBuilder s = new StringBuilder(n + 32);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            s.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        if (text.length() > n) {
            s.append("... (").append(text.length()).append(" characters)");
        }
        return s.toString();
    }
}
