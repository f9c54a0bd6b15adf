package io.parley.monitor;

import io.parley.event.UtteranceEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most recent utterances of one bridge, the latest version of each: a new id enters at the
 * front and pushes the oldest out; a known id is replaced where it stands. Not thread-safe.
 */
final class UtteranceRing {
    private final int capacity;
    private final LinkedHashMap<Long, UtteranceEvent> byId = new LinkedHashMap<>();

    UtteranceRing(int capacity) {
        this.capacity = capacity;
    }

    void put(UtteranceEvent u) {
        byId.put(u.id(), u);
        if (byId.size() > capacity) {
            Map.Entry<Long, UtteranceEvent> eldest = byId.entrySet().iterator().next();
            byId.remove(eldest.getKey());
        }
    }

    /** Newest first. */
    List<UtteranceEvent> newestFirst() {
        List<UtteranceEvent> list = new ArrayList<>(byId.values());
        return list.reversed();
    }

    int size() {
        return byId.size();
    }
}
