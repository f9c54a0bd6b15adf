package io.parley.cli;

import io.parley.bridge.BridgeHost;
import io.parley.bridge.Role;
import io.parley.config.ParleyConfig;
import io.parley.event.EventBus;
import io.parley.media.MediaClock;
import io.parley.media.UdpReactor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one parley process runs, wired once: the media clock and reactor, the bridges for
 * its role, and the TCP services. Starting is all or nothing; closing releases every port.
 */
final class ParleyRuntime implements AutoCloseable {
    private final List<AutoCloseable> parts = new ArrayList<>();
    private final EventBus bus = new EventBus();
    private BridgeHost bridges;

    static ParleyRuntime start(ParleyConfig config, Role role) throws IOException {
        ParleyRuntime r = new ParleyRuntime();
        try {
            r.startParts(config, role);
            return r;
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    private void startParts(ParleyConfig config, Role role) throws IOException {
        MediaClock clock = own(new MediaClock());
        UdpReactor reactor = own(new UdpReactor("parley-udp", 2));
        bridges = own(BridgeHost.start(config, role, clock, new PlannedPorts(config, reactor), bus));
        own(PortReservation.bind(config, row -> bridges.bridgeNames().contains(row.bridge())
                && !(role instanceof Role.GatewayOnly)));
    }

    private <T extends AutoCloseable> T own(T part) {
        parts.add(part);
        return part;
    }

    EventBus bus() {
        return bus;
    }

    BridgeHost bridges() {
        return bridges;
    }

    @Override
    public void close() {
        for (AutoCloseable part : parts.reversed()) {
            try {
                part.close();
            } catch (Exception e) {
                // releasing the rest matters more
            }
        }
        parts.clear();
    }
}
