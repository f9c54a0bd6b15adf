package io.parley.history;

import io.parley.event.LegStats;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * One leg during a call: who is on it and how its media went. The leg's counters are cumulative
 * since the leg started, so the call's share is the latest sample less the {@code baseline}
 * taken before the call's media began. Used by the tracker's thread only.
 */
final class LegProgress {
    final String extension;
    final String language;
    private final LegStats baseline;
    private LegStats latest;
    private String codec;
    private double maxJitter;
    String channelId = "";
    Long joinedAt;
    Long leftAt;
    String leftReason;
    /** Whether signalling (ARI) spoke about this leg; without it, arrival and departure come from the media. */
    boolean signalled;

    Long lastPacketAt;
    boolean dirty = true;

    LegProgress(String extension, String language, String codec, LegStats baseline) {
        this.extension = extension;
        this.language = language;
        this.codec = codec;
        this.baseline = baseline;
    }

    void apply(LegStats s) {
        long before = latest != null
                ? latest.in().packets()
                : baseline != null ? baseline.in().packets() : 0;
        if (s.in().packets() > before) {
            lastPacketAt = s.at();
            if (joinedAt == null && !signalled) {
                joinedAt = s.at();
            }
        }
        latest = s;
        if (s.codec() != null && !s.codec().isEmpty()) {
            codec = s.codec();
        }
        if (Double.isFinite(s.network().jitterMillis())) {
            maxJitter = Math.max(maxJitter, s.network().jitterMillis());
        }
        dirty = true;
    }

    LegStats latest() {
        return latest;
    }

    LegRow row(String callId) {
        LegStats now = latest;
        LegStats base = baseline;
        if (now != null && base != null && now.in().packets() < base.in().packets()) {
            base = null; // the leg's counters restarted during the call
        }
        Map<String, Long> malformed = new HashMap<>();
        if (now != null) {
            for (Map.Entry<String, Long> e : now.malformed().entrySet()) {
                long d = e.getValue() - (base == null ? 0 : base.malformed().getOrDefault(e.getKey(), 0L));
                if (d > 0) {
                    malformed.put(e.getKey(), d);
                }
            }
        }
        return new LegRow(
                callId,
                extension,
                language,
                codec,
                channelId,
                joinedAt,
                leftAt,
                leftReason,
                now == null ? "" : text(now.remote()),
                delta(now, base, x -> x.in().packets()),
                delta(now, base, x -> x.out().packets()),
                delta(now, base, x -> x.in().bytes()),
                delta(now, base, x -> x.out().bytes()),
                delta(now, base, x -> x.network().lost()),
                delta(now, base, x -> x.network().duplicates()),
                delta(now, base, x -> x.network().reordered()),
                delta(now, base, x -> x.playout().late()),
                delta(now, base, x -> x.playout().concealed()),
                delta(now, base, x -> x.playout().discarded()),
                malformed,
                now == null || !Double.isFinite(now.network().jitterMillis())
                        ? 0
                        : now.network().jitterMillis(),
                maxJitter);
    }

    private static long delta(LegStats now, LegStats base, ToLongFunction<LegStats> counter) {
        if (now == null) {
            return 0;
        }
        return Math.max(0, counter.applyAsLong(now) - (base == null ? 0 : counter.applyAsLong(base)));
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
