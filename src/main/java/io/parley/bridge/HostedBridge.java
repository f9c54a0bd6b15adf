package io.parley.bridge;

import io.parley.config.BridgeConfig;
import io.parley.config.LegConfig;
import io.parley.event.BridgeState;
import io.parley.event.LegStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One configured bridge as far as this process runs it: its gateways (when they run here), the
 * bridge's ends of its legs and the logic joining them (when the bridge runs here).
 */
final class HostedBridge implements AutoCloseable {
    private final BridgeConfig config;
    private final Map<String, Gateway> gateways;
    private final Map<String, LegSide> sides;
    private final AutoCloseable logic;
    private final Activity activity;

    /** Whether the bridge is translating right now (a translation bridge says; others never are). */
    @FunctionalInterface
    interface Activity {
        Activity NEVER = () -> false;

        boolean translating();
    }

    HostedBridge(BridgeConfig config, Map<String, Gateway> gateways, Map<String, LegSide> sides,
                 AutoCloseable logic, Activity activity) {
        this.config = config;
        this.gateways = Map.copyOf(gateways);
        this.sides = Map.copyOf(sides);
        this.logic = logic;
        this.activity = activity;
    }

    BridgeConfig config() {
        return config;
    }

    /** What joins the legs here (a relay or a translation bridge), or null when only gateways run here. */
    AutoCloseable logic() {
        return logic;
    }

    /** Each leg's statistics, from its gateway when it runs here (the RTP side), else from the bridge's end. */
    List<LegStats> stats() {
        List<LegStats> out = new ArrayList<>();
        for (LegConfig leg : config.legs()) {
            Gateway g = gateways.get(leg.extension());
            LegSide s = sides.get(leg.extension());
            if (g != null) {
                out.add(g.stats(config.name()));
            } else if (s != null) {
                out.add(s.stats(config.name()));
            }
        }
        return out;
    }

    BridgeState.State state() {
        long present = config.legs().stream().filter(l -> present(l.extension())).count();
        if (present == 2) {
            return activity.translating() ? BridgeState.State.TRANSLATING : BridgeState.State.CONNECTED;
        }
        return present == 1 ? BridgeState.State.WAITING : BridgeState.State.IDLE;
    }

    private boolean present(String extension) {
        Gateway g = gateways.get(extension);
        LegSide s = sides.get(extension);
        return g != null && g.present() || s != null && s.present();
    }

    /** Signalling says a caller arrived on, or left, one of this bridge's legs. */
    boolean signal(String extension, boolean present) {
        boolean known = false;
        Gateway g = gateways.get(extension);
        if (g != null) {
            g.signal(present);
            known = true;
        }
        LegSide s = sides.get(extension);
        if (s instanceof TappedLeg t) {
            s = t.inner();
        }
        if (s instanceof ExternalMediaLeg e) {
            e.signal(present);
            known = true;
        } else if (s instanceof PcmLegSide p) {
            p.signal(present);
            known = true;
        }
        return known;
    }

    Optional<LegSide> side(String extension) {
        return Optional.ofNullable(sides.get(extension));
    }

    @Override
    public void close() {
        try {
            if (logic != null) {
                logic.close();
            }
        } catch (Exception e) {
            // shutting down
        }
        sides.values().forEach(LegSide::close);
        gateways.values().forEach(Gateway::close);
    }
}
