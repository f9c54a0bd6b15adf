package io.parley.asterisk;

import io.parley.config.AriSettings;
import io.parley.config.BridgeConfig;
import io.parley.config.ConfigLoader;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.config.ParleyConfig;
import io.parley.config.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A configuration with the default plan's bridges, topologies, modes, extensions and languages, on
 * ports the system says are free, so that these tests never collide with a running parley or with
 * another suite; ARI points at a {@link RealAsterisk}.
 */
final class FreePlan {
    private final Set<Integer> taken = new HashSet<>();

    private FreePlan() {
    }

    /** The default plan on free ports, talking to {@code asterisk} as ARI application {@code app}. */
    static ParleyConfig defaultBridges(RealAsterisk asterisk, String app, Path transcripts) {
        return onFreePorts(new ConfigLoader(Map.of()).loadDefault(), asterisk, app, transcripts);
    }

    /** {@code plan} (e.g. parsed YAML) with every port replaced by a free one and ARI set. */
    static ParleyConfig onFreePorts(ParleyConfig plan, RealAsterisk asterisk, String app, Path transcripts) {
        FreePlan free = new FreePlan();
        List<BridgeConfig> bridges = plan.bridges().stream().map(free::remap).toList();
        AriSettings ari = new AriSettings(URI.create(asterisk.url()), RealAsterisk.USER, new Secret(asterisk.password()),
                app);
        return new ParleyConfig(plan.bind(), Optional.of(ari), plan.monitor(), plan.engines(), bridges, transcripts);
    }

    /** Only the bridges named. */
    static ParleyConfig only(ParleyConfig config, String... names) {
        return config.withBridges(config.bridges().stream().filter(b -> List.of(names).contains(b.name())).toList());
    }

    /** The same bridge with its legs changed. */
    static ParleyConfig mapLegs(ParleyConfig config, UnaryOperator<LegConfig> change) {
        return config.withBridges(config.bridges().stream().map(b -> new BridgeConfig(b.name(), b.mode(), b.topology(),
                b.legs().stream().map(change).toList(), b.dashboard(), b.feed(), b.jitter(), b.translation())).toList());
    }

    /** {@code n} distinct UDP ports free now. */
    static int[] udpPorts(int n) {
        FreePlan free = new FreePlan();
        int[] ports = new int[n];
        for (int i = 0; i < n; i++) {
            ports[i] = free.udp();
        }
        return ports;
    }

    private BridgeConfig remap(BridgeConfig b) {
        List<LegConfig> legs = b.legs().stream().map(l -> new LegConfig(l.extension(), l.language(), l.codec(),
                remap(l.ports()))).toList();
        return new BridgeConfig(b.name(), b.mode(), b.topology(), legs, tcp(b.dashboard()), tcp(b.feed()), b.jitter(),
                b.translation());
    }

    private LegPorts remap(LegPorts ports) {
        return switch (ports) {
            case LegPorts.Gateway g -> new LegPorts.Gateway(udp(), g.symmetric() ? 0 : udp(), g.symmetric(), udp(),
                    udp());
            case LegPorts.ExternalMedia e -> new LegPorts.ExternalMedia(udp(), udp());
            case LegPorts.AudioSocket a -> new LegPorts.AudioSocket(tcp());
        };
    }

    private OptionalInt tcp(OptionalInt port) {
        return port.isPresent() ? OptionalInt.of(tcp()) : port;
    }

    private int tcp() {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (taken.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private int udp() {
        while (true) {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                if (taken.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
