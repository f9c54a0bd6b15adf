package io.parley.sim;

import io.parley.media.MediaClock;
import io.parley.media.TimeSource;
import io.parley.media.UdpReactor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared machinery of many simulated callers: one media clock that paces them all, one UDP
 * reactor that receives for them all, and (made on first need) one delay line for jitter.
 * Closing it closes its callers.
 */
public final class Simulator implements AutoCloseable {
    private static final int DELAY_SLOTS = 8192;

    private final MediaClock clock;
    private final UdpReactor reactor;
    private final List<SimulatedCaller> callers = new ArrayList<>();
    private DelayLine delayLine;

    /** @param reactorThreads receiving threads: 1 for a call or two, 2 for a load of hundreds */
    public Simulator(int reactorThreads) {
        this.clock = new MediaClock();
        this.reactor = new UdpReactor("sim-udp", reactorThreads);
    }

    /** Opens a caller (binds its socket); it sends once {@link SimulatedCaller#start started}. */
    public synchronized SimulatedCaller caller(CallerSettings settings) throws IOException {
        if (settings.impairment().jitterMillis() > 0 && delayLine == null) {
            delayLine = new DelayLine(DELAY_SLOTS, TimeSource.SYSTEM);
        }
        SimulatedCaller caller = new SimulatedCaller(settings, clock, reactor, delayLine);
        callers.add(caller);
        return caller;
    }

    public MediaClock clock() {
        return clock;
    }

    public long nanoTime() {
        return clock.time().nanoTime();
    }

    /**
     * Stops every caller sending and, once the clock has taken that in and the delay line has
     * emptied, sends what reordering still held back. Callers keep listening.
     */
    public void stopSending() throws InterruptedException {
        List<SimulatedCaller> all;
        synchronized (this) {
            all = List.copyOf(callers);
        }
        all.forEach(SimulatedCaller::stopSending);
        long until = System.nanoTime() + 2_000_000_000L;
        while (!all.stream().allMatch(SimulatedCaller::stopped) && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        while (delayLine != null && delayLine.pending() > 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
    }

    /** Datagrams the delay line refused because it was full (0 without jitter). */
    public long delayLineRefused() {
        return delayLine == null ? 0 : delayLine.refused();
    }

    @Override
    public synchronized void close() {
        callers.forEach(SimulatedCaller::close);
        callers.clear();
        if (delayLine != null) {
            delayLine.close();
        }
        reactor.close();
        clock.close();
    }
}
