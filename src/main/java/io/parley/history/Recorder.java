package io.parley.history;

import io.parley.bridge.LegTaps;
import io.parley.config.BridgeConfig;
import io.parley.config.HistorySettings;
import io.parley.config.LegConfig;
import io.parley.log.KeyValueLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recordings of the legs {@code history.recordings.record} names: per leg, what the caller said
 * and what they heard, one 16 kHz WAV file each per call, under the recordings directory by day.
 * The media threads only fill {@link FrameRing}s; the files are written on {@code parley-recorder}.
 * With no leg recorded this is a do-nothing object: no taps, no thread.
 */
final class Recorder implements CallListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    /** 128 frames: 2.56 s of audio for the recorder's thread to fall behind by before frames drop. */
    static final int RING_FRAMES = 128;

    private static final long PERIOD_NANOS = 40_000_000L;

    /** The call a bridge is carrying now. */
    record Active(String callId, long startedAt) {}

    private final Path dir;
    private final Clock clock;
    private final List<RecordedStream> streams;
    private final Map<String, LegTaps.Tap> taps;
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    /** Calls that ended and whose files are still to be closed: id to end time. */
    private final Map<String, Long> ends;

    private volatile Consumer<Write> out = w -> {};
    private final Thread thread;
    private volatile boolean running = true;

    private Recorder(
            Path dir,
            Clock clock,
            List<RecordedStream> streams,
            Map<String, LegTaps.Tap> taps,
            Map<String, Long> ends) {
        this.ends = ends;
        this.dir = dir;
        this.clock = clock;
        this.streams = streams;
        this.taps = taps;
        this.thread = streams.isEmpty()
                ? null
                : Thread.ofPlatform().name("parley-recorder").daemon().start(this::run);
    }

    static Recorder of(HistorySettings settings, List<BridgeConfig> bridges, Clock clock) {
        List<RecordedStream> streams = new ArrayList<>();
        Map<String, LegTaps.Tap> taps = new HashMap<>();
        Map<String, Long> ends = new ConcurrentHashMap<>();
        for (BridgeConfig b : bridges) {
            for (LegConfig leg : b.legs()) {
                if (settings.enabled() && settings.recordings().records(b.name(), leg.extension())) {
                    FrameRing said = new FrameRing(RING_FRAMES);
                    FrameRing heard = new FrameRing(RING_FRAMES);
                    streams.add(new RecordedStream(
                            b.name(), leg.extension(), "said", said, settings.recordingsDir(), ends));
                    streams.add(new RecordedStream(
                            b.name(), leg.extension(), "heard", heard, settings.recordingsDir(), ends));
                    taps.put(b.name() + "/" + leg.extension(), new LegTaps.Tap(said, heard));
                }
            }
        }
        return new Recorder(settings.recordingsDir(), clock, List.copyOf(streams), Map.copyOf(taps), ends);
    }

    /** Where the rows of new and finished recordings go (the history's writer). */
    void output(Consumer<Write> writes) {
        this.out = writes;
    }

    LegTaps taps() {
        return taps.isEmpty() ? LegTaps.NONE : (bridge, extension) -> taps.get(bridge + "/" + extension);
    }

    @Override
    public void started(String bridge, String callId, long at) {
        active.put(bridge, new Active(callId, at));
    }

    @Override
    public void ended(String bridge, String callId, long at) {
        if (!streams.isEmpty()) {
            ends.put(callId, at);
        }
        active.computeIfPresent(bridge, (b, call) -> call.callId().equals(callId) ? null : call);
    }

    private void run() {
        while (running) {
            pumpAll();
            LockSupport.parkNanos(PERIOD_NANOS);
        }
        pumpAll();
        for (RecordedStream s : streams) {
            s.finish(out, Long.MAX_VALUE);
        }
    }

    private void pumpAll() {
        long wall = clock.millis();
        long nano = System.nanoTime();
        for (RecordedStream s : streams) {
            try {
                s.pump(active.get(s.bridge), out, wall, nano);
            } catch (RuntimeException e) {
                LOG.warn(new KeyValueLine()
                        .add("event", "recording_error")
                        .add("bridge", s.bridge)
                        .add("leg", s.extension)
                        .add("error", e)
                        .toString());
            }
        }
        // Every stream has closed its files of the calls that ended before this pass.
        ends.keySet()
                .removeIf(
                        id -> active.values().stream().noneMatch(a -> a.callId().equals(id))
                                && streams.stream().noneMatch(s -> s.recording(id)));
    }

    /** Frames lost: the recorder fell behind, or a file could not be written. */
    long framesDropped() {
        return streams.stream().mapToLong(RecordedStream::framesLost).sum();
    }

    /** Deletes this node's recording files made before {@code cutoffMillis}, and emptied day directories. */
    void deleteOlderThan(long cutoffMillis) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(p)
                        && p.toString().endsWith(".wav")
                        && Files.getLastModifiedTime(p).toMillis() < cutoffMillis) {
                    Files.delete(p);
                } else if (Files.isDirectory(p) && !p.equals(dir) && isEmpty(p)) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            LOG.warn(new KeyValueLine()
                    .add("event", "recording_retention_failed")
                    .add("dir", dir)
                    .add("error", e.getMessage())
                    .toString());
        }
    }

    private static boolean isEmpty(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.findAny().isEmpty();
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
