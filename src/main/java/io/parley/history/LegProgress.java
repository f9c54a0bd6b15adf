package io.parley.history;

import io.parley.event.LegStats;
import java.util.HashMap;
import java.util.Map;

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
        long before = latest != null ? latest.packetsIn() : baseline != null ? baseline.packetsIn() : 0;
        if (s.packetsIn() > before) {
            lastPacketAt = s.at();
            if (joinedAt == null && !signalled) {
                joinedAt = s.at();
            }
        }
        latest = s;
        if (s.codec() != null && !s.codec().isEmpty()) {
            codec = s.codec();
        }
        if (Double.isFinite(s.jitterMillis())) {
            maxJitter = Math.max(maxJitter, s.jitterMillis());
        }
        dirty = true;
    }

    LegStats latest() {
        return latest;
    }

    LegRow row(String callId) {
        LegStats now = latest;
        LegStats base = baseline;
        if (now != null && base != null && now.packetsIn() < base.packetsIn()) {
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
        return new LegRow(callId, extension, language, codec, channelId, joinedAt, leftAt, leftReason,
                now == null ? "" : text(now.remote()),
                delta(now, base, LegStats::packetsIn), delta(now, base, LegStats::packetsOut),
                delta(now, base, LegStats::bytesIn), delta(now, base, LegStats::bytesOut),
                delta(now, base, LegStats::lost), delta(now, base, LegStats::duplicates),
                delta(now, base, LegStats::reordered), delta(now, base, LegStats::late),
                delta(now, base, LegStats::concealed), delta(now, base, LegStats::discarded), malformed,
                now == null || !Double.isFinite(now.jitterMillis()) ? 0 : now.jitterMillis(), maxJitter);
    }

    private static long delta(LegStats now, LegStats base, java.util.function.ToLongFunction<LegStats> counter) {
        if (now == null) {
            return 0;
        }
        return Math.max(0, counter.applyAsLong(now) - (base == null ? 0 : counter.applyAsLong(base)));
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
