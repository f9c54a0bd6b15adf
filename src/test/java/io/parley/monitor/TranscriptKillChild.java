package io.parley.monitor;

import io.parley.event.EventBus;
import java.nio.file.Path;

/**
 * A process that writes transcripts as fast as it can until it is killed: the other side of
 * {@link TranscriptLogTest}'s SIGKILL test. Each line is longer than a page and than the 8 KB
 * buffers of java.io's writers, so that a line written in pieces would show.
 */
public final class TranscriptKillChild {
    private TranscriptKillChild() {}

    public static void main(String[] args) throws Exception {
        EventBus bus = new EventBus();
        TranscriptLog.start(Path.of(args[0]), bus);
        String words = "the quick brown fox jumps over the lazy dog ".repeat(250); // ~11 KB
        System.out.println("writing");
        System.out.flush();
        for (long id = 0; ; id++) {
            bus.publish(TranscriptLogTest.utterance(id, words + id));
            if (id % 64 == 63) {
                Thread.sleep(1); // the writer keeps up; the bus would drop what its queue cannot hold
            }
        }
    }
}
