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
        this(leg.extension(), leg.language(), leg.codec().asteriskName(), leg.ports().all());
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
        levelsIn[slot] = clampLevel(s.levelInDbfs());
        levelsOut[slot] = clampLevel(s.levelOutDbfs());
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
            case REFUSED -> { }
        }
        callDetail = StatusDocument.text(c.detail()) + (c.kind() == CallEvent.Kind.REFUSED ? " (refused)" : "");
    }

    StatusDocument.Leg view() {
        return new StatusDocument.Leg(extension, language, codec, ports,
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

    private static StatusDocument.Stats stats(LegStats s) {
        long expected = s.packetsIn() + s.lost();
        double lossRatio = expected == 0 ? 0.0 : (double) s.lost() / expected;
        return new StatusDocument.Stats(s.at(), StatusDocument.text(s.codec()).toLowerCase(Locale.ROOT),
                StatusDocument.text(s.remote()), s.packetsIn(),
                s.packetsOut(), s.bytesIn(), s.bytesOut(), s.lost(), lossRatio, s.duplicates(), s.reordered(),
                s.late(), s.concealed(), s.discarded(), s.malformed(), finite(s.jitterMillis()), s.bufferDepthMillis(),
                s.bufferTargetMillis(), clampLevel(s.levelInDbfs()), clampLevel(s.levelOutDbfs()));
    }

    static double clampLevel(double dbfs) {
        return Double.isNaN(dbfs) || dbfs < StatusDocument.Stats.FLOOR_DBFS ? StatusDocument.Stats.FLOOR_DBFS : dbfs;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }
}
