package io.parley.monitor;

import io.parley.config.LegConfig;
import io.parley.event.CallEvent;
import io.parley.event.LegStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the monitor knows of one leg: its plan, its call, its latest statistics and recent levels. Not thread-safe. */
final class LegTrack {
    static final int HISTORY = 120;

    private final String extension;
    private final String language;
    private final String codec;
    private final List<Integer> ports;
    private final double[] levelsIn = new double[HISTORY];
    private final double[] levelsOut = new double[HISTORY];
    private int samples;
    private LegStats latest;
    private boolean callActive;
    private String channelId = "";
    private Long callSince;
    private String callDetail = "";

    LegTrack(LegConfig leg) {
        this(
                leg.extension(),
                leg.language(),
                leg.codec().asteriskName(),
                leg.ports().all());
    }

    LegTrack(String extension, String language, String codec, List<Integer> ports) {
        this.extension = extension;
        this.language = language;
        this.codec = codec;
        this.ports = List.copyOf(ports);
    }

    void apply(LegStats s) {
        latest = s;
        int slot = samples % HISTORY;
        levelsIn[slot] = clampLevel(s.in().levelDbfs());
        levelsOut[slot] = clampLevel(s.out().levelDbfs());
        samples++;
    }

    void apply(CallEvent c) {
        switch (c.kind()) {
            case STARTED -> {
                callActive = true;
                channelId = StatusDocument.text(c.channelId());
                callSince = c.at();
            }
            case ENDED -> {
                callActive = false;
                callSince = c.at();
            }
            case REFUSED -> {}
        }
        callDetail = StatusDocument.text(c.detail()) + (c.kind() == CallEvent.Kind.REFUSED ? " (refused)" : "");
    }

    StatusDocument.Leg view() {
        return new StatusDocument.Leg(
                extension,
                language,
                codec,
                ports,
                new StatusDocument.Call(callActive, channelId, callSince, callDetail),
                latest == null ? null : stats(latest),
                new StatusDocument.LevelHistory(history(levelsIn), history(levelsOut)));
    }

    private List<Double> history(double[] ring) {
        int n = Math.min(samples, HISTORY);
        List<Double> out = new ArrayList<>(n);
        for (int i = samples - n; i < samples; i++) {
            out.add(ring[i % HISTORY]);
        }
        return out;
    }

    /** A leg's statistics as /status shows them: one flat record, its loss ratio worked out. */
    static StatusDocument.Stats stats(LegStats s) {
        LegStats.Network n = s.network();
        LegStats.Playout p = s.playout();
        long expected = s.in().packets() + n.lost();
        double lossRatio = expected == 0 ? 0.0 : (double) n.lost() / expected;
        return new StatusDocument.Stats(
                s.at(),
                StatusDocument.text(s.codec()).toLowerCase(Locale.ROOT),
                StatusDocument.text(s.remote()),
                s.in().packets(),
                s.out().packets(),
                s.in().bytes(),
                s.out().bytes(),
                n.lost(),
                lossRatio,
                n.duplicates(),
                n.reordered(),
                p.late(),
                p.concealed(),
                p.discarded(),
                s.malformed(),
                finite(n.jitterMillis()),
                p.bufferDepthMillis(),
                p.bufferTargetMillis(),
                clampLevel(s.in().levelDbfs()),
                clampLevel(s.out().levelDbfs()));
    }

    static double clampLevel(double dbfs) {
        return Double.isNaN(dbfs) || dbfs < StatusDocument.Stats.FLOOR_DBFS ? StatusDocument.Stats.FLOOR_DBFS : dbfs;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }
}
