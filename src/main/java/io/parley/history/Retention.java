package io.parley.history;

import java.time.Clock;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * When to prune the history: once at start, then once a day by {@code clock} (a test moves the
 * clock instead of waiting a day). Calls are kept {@code callDays}, recordings
 * {@code recordingDays}; a call whose row stopped being updated {@link #STALE_MILLIS} ago without
 * an end is closed. Used by the writer's thread only.
 */
final class Retention {
    static final long DAY_MILLIS = 86_400_000L;
    /** Open calls are rewritten every second; one silent this long lost its node. */
    static final long STALE_MILLIS = 60_000L;

    private final Clock clock;
    private final int callDays;
    private final int recordingDays;
    private final LongConsumer recordingFiles;
    private long nextAt = Long.MIN_VALUE;

    /** @param recordingFiles told the cut-off time after each purge, to delete this node's older recording files */
    Retention(Clock clock, int callDays, int recordingDays, LongConsumer recordingFiles) {
        this.clock = clock;
        this.callDays = callDays;
        this.recordingDays = recordingDays;
        this.recordingFiles = recordingFiles;
    }

    /** The purge to run now, if a day has passed since the last one. */
    Optional<Purge> due() {
        long now = clock.millis();
        if (now < nextAt) {
            return Optional.empty();
        }
        nextAt = now + DAY_MILLIS;
        return Optional.of(
                new Purge(now - callDays * DAY_MILLIS, now - recordingDays * DAY_MILLIS, now - STALE_MILLIS));
    }

    /** A purge was committed: its recordings' files go too. */
    void done(Purge p) {
        recordingFiles.accept(p.recordingsBefore());
    }
}
