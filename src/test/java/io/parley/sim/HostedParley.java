package io.parley.sim;

import io.parley.bridge.BridgeHost;
import io.parley.bridge.Role;
import io.parley.config.ConfigLoader;
import io.parley.config.ParleyConfig;
import io.parley.event.EventBus;
import io.parley.media.MediaClock;
import io.parley.media.UdpReactor;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The real bridges of a configuration (clock, reactor, gateways, legs, cross-patch) running in
 * this test's process, for tests of the simulator itself; the commands' tests run parley as a
 * separate process instead.
 */
final class HostedParley implements AutoCloseable {
    private final MediaClock clock = new MediaClock();
    private final UdpReactor reactor = new UdpReactor("parley-udp", 1);
    private final EventBus bus = new EventBus();
    private final BridgeHost host;
    final ParleyConfig config;

    HostedParley(String yaml) throws Exception {
        this.config = new ConfigLoader(Map.of()).parse(yaml, "test.yaml");
        this.host = BridgeHost.start(config, new Role.All(), clock, (port, receiver) ->
                reactor.bind(new InetSocketAddress("127.0.0.1", port), receiver), bus,
                io.parley.bridge.TranslationRig.engines(), io.parley.bridge.LegFactory.NONE);
    }

    EventBus bus() {
        return bus;
    }

    @Override
    public void close() {
        host.close();
        reactor.close();
        clock.close();
    }
}
