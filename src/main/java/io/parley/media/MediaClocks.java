package io.parley.media;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few {@link MediaClock}s, one per core, handed out in turn: a bridge's tasks all run on the
 * clock it was given (so a bridge's legs never tick concurrently), while different bridges spread
 * over the cores instead of queueing behind one thread.
 */
public final class MediaClocks implements AutoCloseable {
    private final List<MediaClock> clocks = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    public MediaClocks(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one media clock, got " + count);
        }
        for (int i = 0; i < count; i++) {
            clocks.add(new MediaClock("parley-media-clock-" + i));
        }
    }

    /** One clock per available processor. */
    public static MediaClocks perCore() {
        return new MediaClocks(Runtime.getRuntime().availableProcessors());
    }

    /** The clocks already made, as a pool of one. */
    public static MediaClocks of(MediaClock clock) {
        MediaClocks pool = new MediaClocks();
        pool.clocks.add(clock);
        return pool;
    }

    private MediaClocks() {}

    /** The next clock in turn. */
    public MediaClock next() {
        return clocks.get(Math.floorMod(next.getAndIncrement(), clocks.size()));
    }

    public List<MediaClock> all() {
        return List.copyOf(clocks);
    }

    @Override
    public void close() {
        clocks.forEach(MediaClock::close);
    }
}
