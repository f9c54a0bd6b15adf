package io.parley.sim;

import io.parley.bridge.BridgeHost;
import io.parley.bridge.LegFactory;
import io.parley.bridge.Role;
import io.parley.bridge.TranslationRig;
import io.parley.config.ConfigLoader;
import io.parley.config.ParleyConfig;
import io.parley.event.EventBus;
import io.parley.media.MediaClock;
import io.parley.media.UdpReactor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real bridges of a configuration (clock, reactor, gateways, legs, cross-patch) running in
 * this test's process, for tests of the simulator itself; the commands' tests run parley as a
 * separate process instead. Given several roles, each runs as a process of its own would (its own
 * clock and sockets), the seed's split deployment: gateways and bridge talk PCM over UDP.
 */
final class HostedParley implements AutoCloseable {
    private final List<AutoCloseable> parts = new ArrayList<>();
    private final EventBus bus = new EventBus();
    final ParleyConfig config;

    HostedParley(String yaml) throws Exception {
        this(yaml, new Role.All());
    }

    HostedParley(String yaml, Role... roles) throws Exception {
        this.config = new ConfigLoader(Map.of()).parse(yaml, "test.yaml");
        for (Role role : roles) {
            MediaClock clock = own(new MediaClock());
            UdpReactor reactor = own(new UdpReactor("parley-udp", 1));
            own(BridgeHost.start(
                    config,
                    role,
                    clock,
                    (port, receiver) -> reactor.bind(new InetSocketAddress("127.0.0.1", port), receiver),
                    bus,
                    TranslationRig.engines(),
                    LegFactory.NONE));
        }
    }

    private <T extends AutoCloseable> T own(T part) {
        parts.add(part);
        return part;
    }

    EventBus bus() {
        return bus;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable part : parts.reversed()) {
            part.close();
        }
    }
}
