package io.parley.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.event.EventBus;
import io.parley.event.ParleyEvent;
import io.parley.event.Subscription;
import io.parley.event.TranscriptState;
import io.parley.event.UtteranceEvent;
import io.parley.log.KeyValueLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every utterance, once it has reached its end (played, dropped or failed), as one JSON
 * line to {@code <dir>/<bridge>.jsonl}. Appends, so a restart keeps what was said before.
 * Reads only from the event bus, on its own thread, so a slow or failing disk never holds up
 * audio.
 *
 * <p>Each line is written whole or not at all ({@link TranscriptFile}). When the disk is full or
 * read-only, lines wait (up to {@link #MAX_PENDING} per bridge, then the oldest waiting are
 * given up and counted) and are retried every {@link #RETRY_MILLIS} ms and with each new line;
 * the failure is logged once and published as a {@link TranscriptState} for {@code /status} and
 * the dashboards, and so is the recovery.
 */
public final class TranscriptLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TranscriptLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lines a bridge keeps waiting for the disk; an hour of steady conversation is far fewer. */
    static final int MAX_PENDING = 10_000;

    static final long RETRY_MILLIS = 2_000;

    private final Path dir;
    private final EventBus bus;
    private final TranscriptFile.Opener opener;
    private final Subscription events;
    private final Map<String, Writer> writers = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private TranscriptLog(Path dir, EventBus bus, TranscriptFile.Opener opener) {
        this.dir = dir;
        this.bus = bus;
        this.opener = opener;
        this.events = bus.subscribe("transcripts", 4096);
        this.thread = Thread.ofPlatform().name("parley-transcripts").daemon().start(this::run);
    }

    /** Starts logging; the directory is created if needed. */
    public static TranscriptLog start(Path dir, EventBus bus) throws IOException {
        return start(dir, bus, TranscriptFile.Opener.FILES);
    }

    static TranscriptLog start(Path dir, EventBus bus, TranscriptFile.Opener opener) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException(
                    "cannot create the transcript directory " + dir.toAbsolutePath() + " (" + e
                            + "); set 'transcripts' in the configuration to a writable directory",
                    e);
        }
        return new TranscriptLog(dir, bus, opener);
    }

    public Path file(String bridge) {
        return dir.resolve(bridge + ".jsonl");
    }

    private void run() {
        long nextRetry = System.nanoTime();
        while (running) {
            try {
                ParleyEvent e = events.poll(200, TimeUnit.MILLISECONDS);
                if (e instanceof UtteranceEvent u && finished(u.stage())) {
                    writer(u.bridge()).add(line(u));
                }
                if (System.nanoTime() - nextRetry >= 0) {
                    nextRetry = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS);
                    writers.values().stream().filter(Writer::failing).forEach(Writer::flush);
                }
            } catch (InterruptedException ex) {
                return;
            } catch (RuntimeException ex) {
                // the next utterance is still logged
                LOG.error(new KeyValueLine()
                        .add("event", "transcript_error")
                        .add("error", ex)
                        .toString());
            }
        }
    }

    private Writer writer(String bridge) {
        return writers.computeIfAbsent(bridge, b -> new Writer(b, new TranscriptFile(file(b), opener)));
    }

    private static boolean finished(UtteranceEvent.Stage stage) {
        return stage == UtteranceEvent.Stage.PLAYED
                || stage == UtteranceEvent.Stage.DROPPED
                || stage == UtteranceEvent.Stage.FAILED;
    }

    static byte[] line(UtteranceEvent u) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", u.id());
        line.put("bridge", u.bridge());
        line.put("direction", u.direction());
        line.put("from", u.fromLanguage());
        line.put("to", u.toLanguage());
        line.put("outcome", u.stage().name().toLowerCase());
        line.put("text", u.finalText());
        line.put("translation", u.translation());
        line.put("note", u.note());
        UtteranceEvent.Times t = u.times();
        Map<String, Long> times = new LinkedHashMap<>();
        times.put("speechStart", t.speechStart());
        times.put("speechEnd", t.speechEnd());
        times.put("sttFinal", t.sttFinal());
        times.put("mtDone", t.mtDone());
        times.put("ttsFirstAudio", t.ttsFirstAudio());
        times.put("playoutStart", t.playoutStart());
        times.put("playoutEnd", t.playoutEnd());
        line.put("times", times);
        try {
            return (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an utterance cannot be written as JSON", e);
        }
    }

    /** One bridge's file and the lines waiting for it. */
    private final class Writer {
        private final String bridge;
        private final TranscriptFile file;
        private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
        private String failure;
        private long lost;
        private TranscriptState published;

        Writer(String bridge, TranscriptFile file) {
            this.bridge = bridge;
            this.file = file;
        }

        boolean failing() {
            return failure != null;
        }

        void add(byte[] line) {
            if (pending.size() >= MAX_PENDING) {
                pending.removeFirst();
                lost++;
            }
            pending.addLast(line);
            flush();
        }

        /** Writes what waits, oldest first, until done or the disk fails. */
        void flush() {
            while (!pending.isEmpty()) {
                try {
                    file.append(pending.peekFirst());
                    pending.removeFirst();
                } catch (IOException e) {
                    failed(e);
                    return;
                }
            }
            if (failure != null) {
                failure = null;
                LOG.info(new KeyValueLine()
                        .add("event", "transcript_write_recovered")
                        .add("bridge", bridge)
                        .add("file", file.path())
                        .add("lines_lost", lost)
                        .toString());
                publish();
            }
        }

        private void failed(IOException e) {
            boolean first = failure == null;
            failure = describe(e);
            if (first) {
                LOG.error(new KeyValueLine()
                        .add("event", "transcript_write_failed")
                        .add("bridge", bridge)
                        .add("file", file.path())
                        .add("error", failure)
                        .add(
                                "effect",
                                "utterances wait (up to " + MAX_PENDING + ") and are written when it works"
                                        + " again; calls and audio are not affected")
                        .toString());
            }
            publish();
        }

        /** Publishes the state when it differs from the last published (a retry that fails again says nothing new). */
        private void publish() {
            TranscriptState now = new TranscriptState(
                    System.currentTimeMillis(),
                    bridge,
                    file.path().toString(),
                    failure == null,
                    failure == null ? "" : failure,
                    pending.size(),
                    lost);
            if (published == null
                    || published.writing() != now.writing()
                    || !published.detail().equals(now.detail())
                    || published.pending() != now.pending()
                    || published.lost() != now.lost()) {
                published = now;
                bus.publish(now);
            }
        }

        private static String describe(IOException e) {
            String m = e.getMessage();
            if (m != null && m.contains("No space left")) {
                return "the disk is full (" + m + ")";
            }
            if (m != null && m.contains("Read-only file system")) {
                return "the file system is read-only (" + m + ")";
            }
            return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        }
    }

    @Override
    public void close() {
        running = false; // not an interrupt: that would close a file channel in the middle of a line
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
        for (Writer w : writers.values()) {
            if (!w.pending.isEmpty()) {
                LOG.error(new KeyValueLine()
                        .add("event", "transcript_lines_unwritten")
                        .add("bridge", w.bridge)
                        .add("file", w.file.path())
                        .add("lines", w.pending.size())
                        .add("error", w.failure)
                        .toString());
            }
            w.file.close();
        }
    }
}
