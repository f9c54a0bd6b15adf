package io.parley.ari;

import io.parley.audio.LevelMeter;
import io.parley.audio.Resampler;
import io.parley.config.LegConfig;
import io.parley.config.LegPorts;
import io.parley.event.LegStats;
import io.parley.leg.FrameListener;
import io.parley.leg.Frames;
import io.parley.leg.LegSide;
import io.parley.leg.StreamClock;
import io.parley.leg.WaitingTone;
import io.parley.log.KeyValueLine;
import io.parley.media.MediaClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A leg fed by Asterisk's AudioSocket: parley listens on the leg's TCP port and Asterisk connects
 * (one call at a time; a second connection is hung up as busy). The session sends silence by
 * itself whenever the bridge has nothing, as the dialplan application requires; a caller whose
 * partner has not arrived hears the waiting tone of the leg's zone instead.
 */
public final class AudioSocketLeg implements LegSide {
    private static final Logger LOG = LoggerFactory.getLogger(AudioSocketLeg.class);

    private final LegConfig config;
    private final MediaClock clock;
    private final AudioSocketServer server;
    private final int rate;
    private final Resampler up;
    private final Resampler down;
    private final short[] in;
    private final short[] frame = new short[Frames.SAMPLES];
    private final short[] out;
    private volatile AudioSocketSession current;
    private StreamClock input;
    private volatile double levelIn = LevelMeter.FLOOR_DBFS;
    private volatile double levelOut = LevelMeter.FLOOR_DBFS;
    private volatile long framesIn;
    private volatile long framesOut;
    private volatile long refused;
    private final WaitingTone waitingTone;
    private volatile Runnable callerChange = () -> {};

    public AudioSocketLeg(LegConfig config, String host, MediaClock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.rate = config.codec().sampleRate();
        this.up = new Resampler(rate, Frames.RATE);
        this.down = new Resampler(Frames.RATE, rate);
        this.in = new short[rate / 50];
        this.out = new short[rate / 50];
        this.waitingTone = new WaitingTone(config.toneZone());
        int port = ((LegPorts.AudioSocket) config.ports()).tcp();
        this.server = new AudioSocketServer(
                        new InetSocketAddress(host, port),
                        rate,
                        50,
                        Duration.ofSeconds(2),
                        new AudioSocketServer.Listener() {
                            @Override
                            public void opened(AudioSocketSession session) {
                                synchronized (AudioSocketLeg.this) {
                                    if (current != null && current.open()) {
                                        refused++;
                                        LOG.info(new KeyValueLine()
                                                .add("event", "call_refused")
                                                .add("leg", config.extension())
                                                .add("uuid", session.uuid())
                                                .add("reason", "busy")
                                                .toString());
                                        session.hangup();
                                        return;
                                    }
                                    current = session;
                                }
                                callerChange.run();
                            }

                            @Override
                            public void closed(AudioSocketSession session, String reason) {
                                synchronized (AudioSocketLeg.this) {
                                    if (current == session) {
                                        current = null;
                                    }
                                }
                                callerChange.run();
                            }
                        })
                .start();
    }

    @Override
    public LegConfig config() {
        return config;
    }

    @Override
    public void start(FrameListener listener) {
        input = new StreamClock(clock, "audiosocket " + config.extension(), deadline -> {
            AudioSocketSession s = current;
            if (s != null && s.poll(in)) {
                up.process(in, 0, in.length, frame, 0);
                framesIn++;
                levelIn = LevelMeter.rmsDbfs(frame, 0, Frames.SAMPLES);
                listener.onFrame(frame, deadline);
            } else {
                levelIn = LevelMeter.FLOOR_DBFS;
                listener.onSilence();
            }
        });
    }

    @Override
    public void send(short[] samples, long originNanos) {
        AudioSocketSession s = current;
        if (s != null) {
            down.process(samples, 0, Frames.SAMPLES, out, 0);
            if (s.offer(out)) {
                framesOut++;
            }
            levelOut = LevelMeter.rmsDbfs(samples, 0, Frames.SAMPLES);
        }
    }

    /** Nothing for the caller this tick: the session sends silence by itself, or the waiting tone while they wait. */
    @Override
    public void silent() {
        short[] tone = waitingTone.next();
        if (tone != null) {
            send(tone, 0);
        } else {
            levelOut = LevelMeter.FLOOR_DBFS;
        }
    }

    @Override
    public void waiting(boolean waiting) {
        waitingTone.waiting(waiting);
    }

    @Override
    public void onCallerChange(Runnable changed) {
        callerChange = changed;
    }

    @Override
    public boolean present() {
        AudioSocketSession s = current;
        return s != null && s.open();
    }

    @Override
    public LegStats stats(String bridge) {
        AudioSocketSession s = current;
        return new LegStats(
                System.currentTimeMillis(),
                bridge,
                config.extension(),
                config.codec().asteriskName(),
                s == null ? "" : s.uuid().toString(),
                new LegStats.Flow(framesIn, framesIn * in.length * 2, levelIn),
                new LegStats.Flow(framesOut, framesOut * out.length * 2, levelOut),
                LegStats.Network.NONE,
                LegStats.Playout.NONE,
                refused == 0 ? Map.of() : Map.of("refused_busy", refused));
    }

    @Override
    public void close() {
        if (input != null) {
            input.close();
        }
        server.close();
    }
}
