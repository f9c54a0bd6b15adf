package io.parley.config;

import java.util.List;
import java.util.OptionalInt;

/**
 * One bridge between two legs.
 *
 * @param dashboard TCP port of the bridge's HTTP dashboard and status API, if it has one
 * @param feed      TCP port of the newline-delimited JSON metrics feed, if it has one
 */
public record BridgeConfig(
        String name,
        Mode mode,
        Topology topology,
        List<LegConfig> legs,
        OptionalInt dashboard,
        OptionalInt feed,
        JitterSettings jitter,
        TranslationSettings translation) {

    public BridgeConfig {
        legs = List.copyOf(legs);
    }

    public LegConfig leg(int index) {
        return legs.get(index);
    }

    /** The leg opposite {@code leg}. */
    public LegConfig partnerOf(LegConfig leg) {
        return legs.get(0).equals(leg) ? legs.get(1) : legs.get(0);
    }
}
