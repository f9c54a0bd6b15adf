package io.parley.bridge;

import io.parley.config.BridgeConfig;
import io.parley.config.LegConfig;
import io.parley.event.BridgeState;
import io.parley.event.LegStats;
import io.parley.gateway.Gateway;
import io.parley.leg.LegSide;
import io.parley.pcmlink.PcmLegSide;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

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
    /** Extensions signalling says have a caller now (signalling thread only). */
    private final Set<String> callers = new HashSet<>();

    /** Whether the bridge is translating right now (a translation bridge says; others never are). */
    @FunctionalInterface
    interface Activity {
        Activity NEVER = () -> false;

        boolean translating();
    }

    HostedBridge(
            BridgeConfig config,
            Map<String, Gateway> gateways,
            Map<String, LegSide> sides,
            AutoCloseable logic,
            Activity activity) {
        this.config = config;
        this.gateways = Map.copyOf(gateways);
        this.sides = Map.copyOf(sides);
        this.logic = logic;
        this.activity = activity;
        sides.forEach((extension, side) -> untapped(side).onCallerChange(() -> callerChanged(extension)));
    }

    /** A leg without signalling (AudioSocket) found a caller arrived or left: who waits may have changed. */
    private synchronized void callerChanged(String extension) {
        setCaller(extension, present(extension));
    }

    BridgeConfig config() {
        return config;
    }

    /** What joins the legs here (a relay or a translation bridge), or null when only gateways run here. */
    AutoCloseable logic() {
        return logic;
    }

    /**
     * Each leg's statistics, from its gateway when it runs here (the RTP side, with the PCM the
     * bridge's end dropped added), else from the bridge's end.
     */
    List<LegStats> stats() {
        List<LegStats> out = new ArrayList<>();
        for (LegConfig leg : config.legs()) {
            Gateway g = gateways.get(leg.extension());
            LegSide s = sides.get(leg.extension());
            if (g != null) {
                LegStats stats = g.stats(config.name());
                out.add(untapped(s) instanceof PcmLegSide p ? p.addDropsTo(stats) : stats);
            } else if (s != null) {
                out.add(s.stats(config.name()));
            }
        }
        return out;
    }

    BridgeState.State state() {
        long present =
                config.legs().stream().filter(l -> present(l.extension())).count();
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

    /**
     * Signalling says a caller arrived on one of this bridge's legs, their media at {@code media};
     * false when no leg here has {@code extension}.
     */
    boolean callerConnected(String extension, Optional<InetSocketAddress> media) {
        return signal(extension, true, g -> g.callerConnected(media), e -> e.callerConnected(media));
    }

    /** Signalling says the caller on {@code extension} left; false when no leg here has it. */
    boolean callerGone(String extension) {
        return signal(extension, false, Gateway::callerGone, LegSide::callerGone);
    }

    private synchronized boolean signal(
            String extension, boolean present, Consumer<Gateway> gateway, Consumer<LegSide> side) {
        Gateway g = gateways.get(extension);
        if (g != null) {
            gateway.accept(g);
        }
        LegSide s = separateSide(extension);
        if (s != null) {
            side.accept(s);
        }
        if (g == null && s == null) {
            return false;
        }
        setCaller(extension, present);
        return true;
    }

    /** Whether {@code extension} has a caller now, and so who waits for whom. */
    private void setCaller(String extension, boolean present) {
        if (present) {
            callers.add(extension);
        } else {
            callers.remove(extension);
        }
        updateWaiting();
    }

    /** A caller whose partner's leg has no caller waits, and hears the waiting tone. */
    private void updateWaiting() {
        for (LegConfig leg : config.legs()) {
            boolean waiting = callers.contains(leg.extension())
                    && !callers.contains(config.partnerOf(leg).extension());
            Gateway g = gateways.get(leg.extension());
            if (g != null) {
                g.waiting(waiting);
            }
            LegSide s = separateSide(leg.extension());
            if (s != null) {
                s.waiting(waiting);
            }
        }
    }

    /** Signalling drives every leg here: a leg has a caller only when it says so (an RTP leg takes RTP then only). */
    void drivenBySignalling() {
        gateways.values().forEach(Gateway::drivenBySignalling);
        for (String extension : sides.keySet()) {
            LegSide s = separateSide(extension);
            if (s != null) {
                s.drivenBySignalling();
            }
        }
    }

    /**
     * The bridge's end of a leg when it is a part of its own (ExternalMedia, a PCM link, AudioSocket),
     * null when there is none or it is the gateway here itself, which signalling reaches through the gateway.
     */
    private LegSide separateSide(String extension) {
        LegSide s = sides.get(extension);
        Gateway g = gateways.get(extension);
        if (g != null && g.bridgeSide().isPresent()) {
            return null;
        }
        return untapped(s);
    }

    /** The leg itself, under its recording tap if it has one. */
    private static LegSide untapped(LegSide s) {
        return s instanceof TappedLeg t ? t.inner() : s;
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
