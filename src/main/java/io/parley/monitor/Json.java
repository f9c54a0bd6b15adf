package io.parley.monitor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.event.AriState;
import io.parley.event.BridgeState;
import io.parley.event.CallEvent;
import io.parley.event.EngineFault;
import io.parley.event.EngineStatus;
import io.parley.event.LegStats;
import io.parley.event.ParleyEvent;
import io.parley.event.TranscriptState;
import io.parley.event.UtteranceEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The JSON the monitor writes: the status document, and one line per event on the TCP feed.
 * Enumerated values are written lower-case, and a non-finite number (the level of digital
 * silence is -Infinity dBFS) as null, since JSON has no such numbers. Thread-safe.
 */
final class Json {
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Class<Enum<?>> ANY_ENUM = (Class) Enum.class;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("parley-monitor")
                    .addSerializer(ANY_ENUM, new LowerCaseEnum())
                    .addSerializer(Double.class, new FiniteDouble())
                    .addSerializer(double.class, new FiniteDouble()));

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(
                    "monitor: cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The feed's name for an event's kind: the {@code type} field of its line. */
    static String type(ParleyEvent event) {
        return switch (event) {
            case LegStats s -> "legStats";
            case BridgeState b -> "bridgeState";
            case UtteranceEvent u -> "utterance";
            case EngineStatus e -> "engineStatus";
            case EngineFault f -> "engineFault";
            case CallEvent c -> "call";
            case AriState a -> "ari";
            case TranscriptState t -> "transcript";
        };
    }

    /**
     * One feed line for an event: {@code {"type":"legStats", ...the event's fields}}, without the
     * newline. A leg's statistics are written as one flat object, as they always were, rather than
     * in the parts they are built from.
     */
    static String eventLine(ParleyEvent event) {
        ObjectNode node = MAPPER.createObjectNode().put("type", type(event));
        node.setAll(event instanceof LegStats s ? flat(s) : (ObjectNode) MAPPER.valueToTree(event));
        return write(node);
    }

    private static ObjectNode flat(LegStats s) {
        ObjectNode n = MAPPER.createObjectNode()
                .put("at", s.at())
                .put("bridge", s.bridge())
                .put("leg", s.leg())
                .put("codec", s.codec())
                .put("remote", s.remote())
                .put("packetsIn", s.in().packets())
                .put("packetsOut", s.out().packets())
                .put("bytesIn", s.in().bytes())
                .put("bytesOut", s.out().bytes())
                .put("lost", s.network().lost())
                .put("duplicates", s.network().duplicates())
                .put("reordered", s.network().reordered())
                .put("late", s.playout().late())
                .put("concealed", s.playout().concealed())
                .put("discarded", s.playout().discarded());
        n.set("malformed", MAPPER.valueToTree(s.malformed()));
        n.set("jitterMillis", MAPPER.valueToTree(s.network().jitterMillis()));
        n.put("bufferDepthMillis", s.playout().bufferDepthMillis())
                .put("bufferTargetMillis", s.playout().bufferTargetMillis());
        n.set("levelInDbfs", MAPPER.valueToTree(s.in().levelDbfs()));
        n.set("levelOutDbfs", MAPPER.valueToTree(s.out().levelDbfs()));
        return n;
    }

    /** The feed's first line: the status document of the bridges the feed serves. */
    static String snapshotLine(StatusDocument status) {
        ObjectNode node = MAPPER.createObjectNode().put("type", "snapshot");
        node.set("status", MAPPER.valueToTree(status));
        return write(node);
    }

    private static final class LowerCaseEnum extends JsonSerializer<Enum<?>> {
        @Override
        public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.name().toLowerCase(Locale.ROOT));
        }
    }

    private static final class FiniteDouble extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }
}
