package io.parley.monitor;

import io.parley.event.UtteranceEvent;
import io.parley.event.UtteranceEvent.Stage;
import io.parley.event.UtteranceEvent.Times;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers how far each recent utterance had come, so that an utterance published again and
 * again is measured, counted and logged once per milestone. Not thread-safe: the event pump
 * owns it.
 */
final class UtteranceProgress {

    /** What one publication of an utterance added: stages newly measured, and whether it just ended. */
    record Step(Map<LatencyStage, Long> measured, boolean ended) {
        static final Step NOTHING = new Step(Map.of(), false);
    }

    private record Key(String bridge, long id) {}

    private record Seen(Times times, boolean ended) {}

    private final Map<Key, Seen> seen;

    UtteranceProgress(int capacity) {
        this.seen = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Seen> eldest) {
                return size() > capacity;
            }
        };
    }

    Step advance(UtteranceEvent u) {
        Key key = new Key(u.bridge(), u.id());
        Seen before = seen.get(key);
        Times old = before == null ? Times.NONE : before.times();
        Times now = u.times() == null ? Times.NONE : u.times();
        Map<LatencyStage, Long> measured = new EnumMap<>(LatencyStage.class);
        for (LatencyStage s : LatencyStage.values()) {
            long was = s.millis(old);
            long is = s.millis(now);
            if (was < 0 && is >= 0) {
                measured.put(s, is);
            }
        }
        boolean terminal = isTerminal(u.stage());
        boolean ended = terminal && (before == null || !before.ended());
        seen.put(key, new Seen(now, terminal || (before != null && before.ended())));
        return measured.isEmpty() && !ended ? Step.NOTHING : new Step(measured, ended);
    }

    static boolean isTerminal(Stage stage) {
        return stage == Stage.PLAYED || stage == Stage.DROPPED || stage == Stage.FAILED;
    }
}
