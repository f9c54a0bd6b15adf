package io.parley.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.event.EventBus;
import io.parley.event.ParleyEvent;
import io.parley.event.Subscription;
import io.parley.event.UtteranceEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every utterance, once it has reached its end (played, dropped or failed), as one JSON
 * line to {@code <dir>/<bridge>.jsonl}. Appends, so a restart keeps what was said before.
 * Reads only from the event bus, on its own thread.
 */
public final class TranscriptLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TranscriptLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Subscription events;
    private final Map<String, BufferedWriter> files = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private TranscriptLog(Path dir, EventBus bus) {
        this.dir = dir;
        this.events = bus.subscribe("transcripts", 4096);
        this.thread = Thread.ofPlatform().name("parley-transcripts").daemon().start(this::run);
    }

    /** Starts logging; the directory is created if needed. */
    public static TranscriptLog start(Path dir, EventBus bus) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the transcript directory " + dir.toAbsolutePath()
                    + " (" + e + "); set 'transcripts' in the configuration to a writable directory", e);
        }
        return new TranscriptLog(dir, bus);
    }

    public Path file(String bridge) {
        return dir.resolve(bridge + ".jsonl");
    }

    private void run() {
        while (running) {
            try {
                ParleyEvent e = events.poll(200, TimeUnit.MILLISECONDS);
                if (e instanceof UtteranceEvent u && finished(u.stage())) {
                    write(u);
                }
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    private static boolean finished(UtteranceEvent.Stage stage) {
        return stage == UtteranceEvent.Stage.PLAYED || stage == UtteranceEvent.Stage.DROPPED
                || stage == UtteranceEvent.Stage.FAILED;
    }

    private void write(UtteranceEvent u) {
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
            BufferedWriter w = files.get(u.bridge());
            if (w == null) {
                w = Files.newBufferedWriter(file(u.bridge()), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                files.put(u.bridge(), w);
            }
            w.write(JSON.writeValueAsString(line));
            w.newLine();
            w.flush();
        } catch (IOException e) {
            LOG.error("event=transcript_write_failed bridge={} file={} error=\"{}\"", u.bridge(), file(u.bridge()),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
        for (BufferedWriter w : files.values()) {
            try {
                w.close();
            } catch (IOException e) {
                LOG.debug("closing a transcript", e);
            }
        }
    }
}
