package io.parley.sim;

import io.parley.media.MediaClock;
import io.parley.media.TimeSource;
import io.parley.media.UdpReactor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The shared machinery of many simulated callers: one media clock that paces them all, one UDP
 * reactor that receives for them all, and (made on first need) one delay line for jitter.
 * Closing it closes its callers.
 */
public final class Simulator implements AutoCloseable {
    private static final int DELAY_SLOTS = 8192;
    private static final long STOP_NANOS = 2_000_000_000L;

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

    /** Every caller sends no frame due at or after {@code atNanos} ({@link SimulatedCaller#stopSendingAt}). */
    public void stopSendingAt(long atNanos) {
        callers().forEach(c -> c.stopSendingAt(atNanos));
    }

    /**
     * Stops every caller sending and returns once each has sent its last packet (what reordering
     * still held back included) and the delay line has emptied, or after 2 s. Callers keep listening.
     */
    public void stopSending() throws InterruptedException {
        List<SimulatedCaller> all = callers();
        all.forEach(SimulatedCaller::stopSending);
        long until = System.nanoTime() + STOP_NANOS;
        for (SimulatedCaller c : all) {
            c.awaitStopped(until - System.nanoTime());
        }
        if (delayLine != null) {
            delayLine.awaitEmpty(until - System.nanoTime());
        }
    }

    /**
     * Waits until the audio still in flight towards the callers has arrived: until no caller has
     * heard a frame for {@code quiet} (parley sends a leg's frames 20 ms apart, so a few periods of
     * silence mean its buffers are empty), or {@code atMost} passed. Returns whether it went quiet.
     */
    public boolean awaitQuiet(Duration quiet, Duration atMost) {
        long until = System.nanoTime() + atMost.toNanos();
        while (true) {
            long last = 0;
            for (SimulatedCaller c : callers()) {
                last = Math.max(last, c.heard().lastArrivalNanos());
            }
            long now = System.nanoTime();
            long quietUntil = last + quiet.toNanos();
            if (now >= quietUntil) {
                return true;
            }
            if (now >= until) {
                return false;
            }
            LockSupport.parkNanos(Math.min(quietUntil, until) - now);
        }
    }

    private synchronized List<SimulatedCaller> callers() {
        return List.copyOf(callers);
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
