package io.parley.leg;

import io.parley.media.UdpEndpoint;
import io.parley.media.UdpReactor;
import java.io.IOException;

/**
 * Binds a planned UDP port for a component. The implementation knows the port plan, so that a
 * port that cannot be bound is reported with what it was planned for and who holds it.
 */
@FunctionalInterface
public interface PortBinder {
    UdpEndpoint udp(int port, UdpReactor.Receiver receiver) throws IOException;
}
