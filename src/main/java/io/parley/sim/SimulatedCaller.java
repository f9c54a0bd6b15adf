package io.parley.sim;

import io.parley.media.MediaClock;
import io.parley.media.UdpEndpoint;
import io.parley.media.UdpReactor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Plays Asterisk's part on one leg over real UDP on loopback: a socket bound to 127.0.0.1 on an
 * ephemeral port sends the caller's RTP to parley's Asterisk-facing port every 20 ms (paced by a
 * {@link MediaClock} task) and records what parley sends back to that socket.
 *
 * <p>Many callers share one clock and one reactor. Threading contract: the sending half runs on
 * the clock, the receiving half on a reactor thread, the lifecycle methods from one control
 * thread; the analysis getters are meant for after {@link #stopSending()} and a drain.
 */
public final class SimulatedCaller implements AutoCloseable {
    /** Length of the window of heard tone analysed for its frequency. */
    static final int TONE_WINDOW_MILLIS = 160;

    private final CallerSettings settings;
    private final UdpEndpoint socket;
    private final CallerVoice voice;
    private final CallerEar ear;
    private final MediaClock clock;
    private volatile MediaClock.Registration registration;
    private volatile boolean stopping;
    /** The caller sends no frame due at or after this instant (clock nanos). */
    private volatile long stopAtNanos = Long.MAX_VALUE;

    private volatile boolean stopped;
    private volatile CountDownLatch stoppedSignal = new CountDownLatch(1);

    SimulatedCaller(CallerSettings settings, MediaClock clock, UdpReactor reactor, DelayLine delayLine)
            throws IOException {
        this.settings = settings;
        this.clock = clock;
        int period = settings.source() instanceof ToneBursts b ? b.periodMillis() : 1000;
        int rate = settings.codec().sampleRate();
        this.ear = new CallerEar(
                settings.accepted(),
                new HeardAudio(
                        rate,
                        OnsetLog.forRun(settings.seconds(), period),
                        TONE_WINDOW_MILLIS,
                        settings.recordSeconds()));
        this.socket = reactor.bind(new InetSocketAddress("127.0.0.1", 0), ear);
        this.voice = new CallerVoice(
                settings.source(),
                settings.codec(),
                settings.payloadType(),
                socket,
                settings.target(),
                settings.impairment(),
                delayLine,
                clock.time(),
                OnsetLog.forRun(settings.seconds(), period));
    }

    /** Starts sending, the first packet at {@code firstDeadlineNanos} (spread callers over the 20 ms period). */
    public void start(long firstDeadlineNanos) {
        if (registration != null) {
            throw new IllegalStateException(settings.name() + " already started");
        }
        registration = clock.schedule("sim " + settings.name(), this::tick, firstDeadlineNanos);
    }

    /**
     * Talks again after {@link #stopSending()} took effect (a pause in the call), from
     * {@code firstDeadlineNanos}; counters and logs go on.
     */
    public void resume(long firstDeadlineNanos) {
        if (!stopped) {
            throw new IllegalStateException(settings.name() + " has not stopped sending");
        }
        voice.resumeAt(firstDeadlineNanos);
        stoppedSignal = new CountDownLatch(1);
        stopAtNanos = Long.MAX_VALUE;
        stopping = false;
        stopped = false;
        registration = clock.schedule("sim " + settings.name(), this::tick, firstDeadlineNanos);
    }

    private void tick(long deadlineNanos) {
        if (stopping || deadlineNanos >= stopAtNanos) {
            voice.flush(); // what the reorder impairment still held back
            registration.cancel();
            stopped = true;
            stoppedSignal.countDown();
            return;
        }
        voice.tick(deadlineNanos);
    }

    /** Asks the caller to stop sending at its next tick; it goes on listening until closed. */
    public void stopSending() {
        stopping = true;
        if (registration == null) {
            stopped = true;
            stoppedSignal.countDown();
        }
    }

    /**
     * Sends no frame due at or after {@code atNanos} (clock time), however late the control thread
     * wakes: a call of N seconds is N seconds of frames. Returns at once; {@link #stopSending()}
     * still stops it sooner.
     */
    public void stopSendingAt(long atNanos) {
        stopAtNanos = atNanos;
    }

    /** Waits until the caller has sent its last packet (after {@link #stopSending()}); false when the time ran out. */
    public boolean awaitStopped(long timeoutNanos) throws InterruptedException {
        return stoppedSignal.await(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Whether the caller has sent its last packet. */
    public boolean stopped() {
        return stopped;
    }

    public CallerSettings settings() {
        return settings;
    }

    public String name() {
        return settings.name();
    }

    /** The caller's own address, where parley's RTP for it arrives. */
    public InetSocketAddress localAddress() {
        return socket.localAddress();
    }

    public long framesSent() {
        return voice.framesSent();
    }

    /** Frames the simulated network dropped on the way to parley. */
    public long framesDropped() {
        return voice.framesDropped();
    }

    public long framesReordered() {
        return voice.framesReordered();
    }

    /** When each tone burst this caller said started. */
    public OnsetLog saidOnsets() {
        return voice.onsets();
    }

    public HeardAudio heard() {
        return ear.heard();
    }

    /** Datagrams that reached the caller's socket but were not RTP it plays. */
    public long rejected() {
        return ear.rejected();
    }

    /** Where parley's RTP came from, or null when nothing came. */
    public InetSocketAddress parleySource() {
        return ear.lastSource();
    }

    public double frequencyHz() {
        return voice.source().frequencyHz();
    }

    @Override
    public void close() {
        MediaClock.Registration r = registration;
        if (r != null) {
            r.cancel();
        }
        socket.close();
    }
}
