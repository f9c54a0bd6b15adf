package io.parley.cli;

import io.parley.ari.AriController;
import io.parley.ari.AudioSocketLeg;
import io.parley.bridge.BridgeHost;
import io.parley.bridge.LegTaps;
import io.parley.bridge.Role;
import io.parley.config.Mode;
import io.parley.config.ParleyConfig;
import io.parley.config.PlannedPort;
import io.parley.config.PortPlan;
import io.parley.event.AriState;
import io.parley.event.EngineFault;
import io.parley.event.EventBus;
import io.parley.history.History;
import io.parley.host.PortHolder;
import io.parley.host.SocketTable;
import io.parley.media.MediaClocks;
import io.parley.media.UdpReactor;
import io.parley.monitor.Monitor;
import io.parley.monitor.MonitorStartException;
import io.parley.monitor.TranscriptLog;
import io.parley.speech.engines.SpeechEngines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything one parley process runs, wired once: the media clock and reactor, the bridges for
 * its role, and the TCP services. Starting is all or nothing; closing releases every port.
 */
final class ParleyRuntime implements AutoCloseable {
    private final List<AutoCloseable> parts = new ArrayList<>();
    private final EventBus bus;
    private BridgeHost bridges;
    private Monitor monitor;
    private History history;

    private ParleyRuntime(EventBus bus) {
        this.bus = bus;
    }

    static ParleyRuntime start(ParleyConfig config, Role role) throws IOException {
        return start(config, role, new EventBus());
    }

    /** Starts on a bus the caller made, so that it can subscribe before the first event. */
    static ParleyRuntime start(ParleyConfig config, Role role, EventBus bus) throws IOException {
        ParleyRuntime r = new ParleyRuntime(bus);
        try {
            r.startParts(config, role);
            return r;
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    private void startParts(ParleyConfig config, Role role) throws IOException {
        MediaClocks clocks = own(MediaClocks.perCore());
        UdpReactor reactor = own(new UdpReactor("parley-udp", 2));
        ParleyConfig hosted = config.withBridges(
                config.bridges().stream().filter(role::runsBridge).toList());
        if (hosted.bridges().stream().anyMatch(b -> b.mode() == Mode.TRANSLATE)) {
            own(TranscriptLog.start(config.transcripts(), bus));
        }
        // The call history lives where the bridges run: their events say when calls start and end.
        if (config.history().enabled() && !hosted.bridges().isEmpty()) {
            history = own(History.start(config.history(), hosted.bridges(), bus));
        }
        if (!hosted.bridges().isEmpty()) {
            try {
                monitor = own(Monitor.start(hosted, bus, history));
            } catch (MonitorStartException e) {
                throw portTaken(hosted).orElseGet(() -> new IOException(e.getMessage(), e));
            }
        }
        SpeechEngines speech = own(new SpeechEngines(
                config.engines(),
                (engine, message, restarted) -> bus.publish(
                        new EngineFault(System.currentTimeMillis(), "", "engine", engine, message, restarted)),
                hosted.speakers()));
        PlannedPorts ports = new PlannedPorts(config, reactor);
        bridges = own(BridgeHost.start(
                config,
                role,
                clocks,
                ports,
                bus,
                speech,
                leg -> {
                    try {
                        return new AudioSocketLeg(leg, config.bind(), clocks.next());
                    } catch (IOException e) {
                        throw PortInUse.of(
                                ports.row(
                                        PlannedPort.Protocol.TCP,
                                        leg.ports().all().getFirst()),
                                e);
                    }
                },
                history == null ? LegTaps.NONE : history.taps()));
        if (config.ari().isPresent() && !(role instanceof Role.GatewayOnly)) {
            bridges.drivenBySignalling();
            own(AriController.start(config.ari().get(), new HostedLegs(config, bridges), bus));
        } else {
            bus.publish(AriState.of(AriState.State.DISABLED, "", "no ARI settings: RTP only"));
        }
    }

    /** Names the planned TCP port another process holds, if that is why the monitor could not start. */
    private static Optional<IOException> portTaken(ParleyConfig config) {
        SocketTable sockets = SocketTable.read();
        for (PlannedPort row : PortPlan.of(config).bound()) {
            if (row.protocol() == PlannedPort.Protocol.TCP) {
                Optional<PortHolder> holder = sockets.holderOf("tcp", row.port());
                if (holder.isPresent()
                        && holder.get().pid() != ProcessHandle.current().pid()) {
                    return Optional.of(PortInUse.of(row, new IOException("in use")));
                }
            }
        }
        return Optional.empty();
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

    /** The call history, or null when it is switched off or this process runs no bridge. */
    History history() {
        return history;
    }

    /** The dashboards, or null when this process runs no bridge. */
    Monitor monitor() {
        return monitor;
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
