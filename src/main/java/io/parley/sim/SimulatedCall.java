package io.parley.sim;

import io.parley.audio.AudioCodec;
import io.parley.config.BridgeConfig;
import io.parley.config.Codec;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two simulated callers on the two legs of one configured bridge, each sending to its leg's
 * Asterisk-facing port in the leg's codec: what Asterisk does for a call on each extension.
 */
public final class SimulatedCall implements AutoCloseable {
    private final BridgeConfig bridge;
    private final SimulatedCaller a;
    private final SimulatedCaller b;

    private SimulatedCall(BridgeConfig bridge, SimulatedCaller a, SimulatedCaller b) {
        this.bridge = bridge;
        this.a = a;
        this.b = b;
    }

    /**
     * Opens both callers (binds their sockets); {@link #start} makes them talk.
     *
     * @param host       where parley listens (the configuration's {@code bind}; a wildcard means loopback)
     * @param sources    what leg 0 and leg 1 say
     * @param impairment the network between each caller and parley (each caller gets its own seed)
     */
    public static SimulatedCall open(
            Simulator simulator,
            String host,
            BridgeConfig bridge,
            List<Source> sources,
            Impairment impairment,
            int seconds,
            int recordSeconds)
            throws IOException {
        SimulatedCaller[] callers = new SimulatedCaller[2];
        try {
            for (int i = 0; i < 2; i++) {
                LegConfig leg = bridge.leg(i);
                callers[i] = simulator.caller(new CallerSettings(
                        leg.extension(),
                        AudioCodec.byAsteriskName(leg.codec().asteriskName()).orElseThrow(),
                        leg.codec().payloadType(),
                        sameRate(leg.codec()),
                        target(host, leg),
                        sources.get(i),
                        impairment.forCaller(i),
                        seconds,
                        recordSeconds));
            }
        } catch (IOException | RuntimeException e) {
            for (SimulatedCaller c : callers) {
                if (c != null) {
                    c.close();
                }
            }
            throw e;
        }
        return new SimulatedCall(bridge, callers[0], callers[1]);
    }

    /** Where Asterisk would send the leg's RTP: the gateway's {@code rtp.in}, or the ExternalMedia {@code media} port. */
    public static InetSocketAddress target(String host, LegConfig leg) {
        String address = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "127.0.0.1" : host;
        return switch (leg.ports()) {
            case LegPorts.Gateway g -> new InetSocketAddress(address, g.rtpIn());
            case LegPorts.ExternalMedia e -> new InetSocketAddress(address, e.media());
            case LegPorts.AudioSocket s ->
                throw new IllegalArgumentException(
                        "leg " + leg.extension() + " uses AudioSocket (TCP): the simulated caller speaks RTP only");
        };
    }

    /** The codecs a leg's caller accepts back: every RTP codec of the leg's clock rate, as Asterisk would. */
    private static Map<Integer, AudioCodec> sameRate(Codec codec) {
        Map<Integer, AudioCodec> accepted = new LinkedHashMap<>();
        for (Codec c : Codec.values()) {
            if (c.sampleRate() == codec.sampleRate()) {
                accepted.put(
                        c.payloadType(),
                        AudioCodec.byAsteriskName(c.asteriskName()).orElseThrow());
            }
        }
        return accepted;
    }

    /** Starts both callers, leg 0 at {@code firstDeadlineNanos}, leg 1 {@code offsetNanos} later. */
    public void start(long firstDeadlineNanos, long offsetNanos) {
        a.start(firstDeadlineNanos);
        b.start(firstDeadlineNanos + offsetNanos);
    }

    /** Both callers talk again after a pause, as {@link #start} spreads them. */
    public void resume(long firstDeadlineNanos, long offsetNanos) {
        a.resume(firstDeadlineNanos);
        b.resume(firstDeadlineNanos + offsetNanos);
    }

    /** What each direction has sent and heard so far: a baseline for {@link #reports(long, double, List)}. */
    public List<FrameCounts> counts() {
        return List.of(FrameCounts.between(a, b), FrameCounts.between(b, a));
    }

    public BridgeConfig bridge() {
        return bridge;
    }

    public SimulatedCaller a() {
        return a;
    }

    public SimulatedCaller b() {
        return b;
    }

    /** Both directions, leg 0 to leg 1 first; bursts said before {@code fromNanos} are not timed. */
    public List<DirectionReport> reports(long fromNanos, double toleranceHz) {
        return reports(fromNanos, toleranceHz, List.of(FrameCounts.ZERO, FrameCounts.ZERO));
    }

    /** Both directions counting only the frames after {@code baseline} (from {@link #counts()}). */
    public List<DirectionReport> reports(long fromNanos, double toleranceHz, List<FrameCounts> baseline) {
        return List.of(
                DirectionReport.of(a, b, fromNanos, toleranceHz, baseline.get(0)),
                DirectionReport.of(b, a, fromNanos, toleranceHz, baseline.get(1)));
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
