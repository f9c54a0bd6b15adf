package io.parley.cli;

import io.parley.config.ParleyConfig;
import io.parley.config.PlannedPort;
import io.parley.config.PortPlan;
import io.parley.leg.PortBinder;
import io.parley.media.UdpEndpoint;
import io.parley.media.UdpReactor;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Binds the plan's UDP ports through the reactor, turning a failure into a message that names the port's purpose and holder. */
final class PlannedPorts implements PortBinder {
    private final ParleyConfig config;
    private final PortPlan plan;
    private final UdpReactor reactor;

    PlannedPorts(ParleyConfig config, UdpReactor reactor) {
        this.config = config;
        this.plan = PortPlan.of(config);
        this.reactor = reactor;
    }

    @Override
    public UdpEndpoint udp(int port, UdpReactor.Receiver receiver) throws IOException {
        try {
            return reactor.bind(new InetSocketAddress(config.bind(), port), receiver);
        } catch (IOException e) {
            throw PortInUse.of(row(PlannedPort.Protocol.UDP, port), e);
        }
    }

    PlannedPort row(PlannedPort.Protocol protocol, int port) {
        return plan.bound().stream()
                .filter(r -> r.protocol() == protocol && r.port() == port)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(protocol + " " + port + " is not in the port plan"));
    }
}
