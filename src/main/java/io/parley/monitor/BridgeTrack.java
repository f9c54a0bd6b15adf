package io.parley.monitor;

import static io.parley.monitor.StatusDocument.text;

import io.parley.config.BridgeConfig;
import io.parley.config.LegConfig;
import io.parley.event.BridgeState;
import io.parley.event.CallEvent;
import io.parley.event.EngineFault;
import io.parley.event.EngineStatus;
import io.parley.event.LegStats;
import io.parley.event.TranscriptState;
import io.parley.event.UtteranceEvent;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the monitor knows of one bridge. Not thread-safe: {@link MonitorState} guards it. */
final class BridgeTrack {
    static final int UTTERANCES = 50;
    static final int FAULTS = 20;

    private final String name;
    private String mode;
    private final String topology;
    private Integer dashboardPort;
    private Integer feedPort;
    private String state = "idle";
    private String stateDetail = "";
    private Long stateSince;
    private final Map<String, LegTrack> legs = new LinkedHashMap<>();
    private final Map<String, EngineStatus> engines = new LinkedHashMap<>();
    private final ArrayDeque<EngineFault> faults = new ArrayDeque<>();
    private final UtteranceRing utterances = new UtteranceRing(UTTERANCES);
    private final Map<LatencyStage, LatencyHistogram> latency = new EnumMap<>(LatencyStage.class);
    private long callsStarted;
    private long callsEnded;
    private long callsRefused;
    private StatusDocument.Transcript transcript;

    BridgeTrack(BridgeConfig config, String transcriptFile) {
        this(config.name(), config.mode().key(), config.topology().key());
        transcript = new StatusDocument.Transcript(transcriptFile, "ok", "", null, 0, 0);
        for (LegConfig leg : config.legs()) {
            legs.put(leg.extension(), new LegTrack(leg));
        }
        // Port 0 means "any free port": unknown until the monitor has bound it.
        dashboardPort = config.dashboard().isPresent() && config.dashboard().getAsInt() > 0
                ? config.dashboard().getAsInt()
                : null;
        feedPort = config.feed().isPresent() && config.feed().getAsInt() > 0
                ? config.feed().getAsInt()
                : null;
    }

    /** A bridge that events mention but the configuration does not. */
    BridgeTrack(String name, String mode, String topology) {
        this.name = name;
        this.mode = mode;
        this.topology = topology;
        for (LatencyStage s : LatencyStage.values()) {
            latency.put(s, new LatencyHistogram());
        }
        transcript = new StatusDocument.Transcript("", "ok", "", null, 0, 0);
    }

    String name() {
        return name;
    }

    void boundPorts(Integer dashboard, Integer feed) {
        this.dashboardPort = dashboard;
        this.feedPort = feed;
    }

    void apply(LegStats s) {
        leg(s.leg(), s.codec()).apply(s);
    }

    void apply(CallEvent c) {
        leg(c.leg(), "").apply(c);
        switch (c.kind()) {
            case STARTED -> callsStarted++;
            case ENDED -> callsEnded++;
            case REFUSED -> callsRefused++;
        }
    }

    void apply(BridgeState b) {
        state = b.state().name().toLowerCase(Locale.ROOT);
        stateDetail = StatusDocument.text(b.detail());
        stateSince = b.at();
        if (mode.isEmpty() && b.mode() != null) {
            mode = b.mode();
        }
    }

    void apply(EngineStatus e) {
        engines.put(e.language() + "/" + e.stage(), e);
    }

    void apply(EngineFault f) {
        faults.addFirst(f);
        if (faults.size() > FAULTS) {
            faults.removeLast();
        }
    }

    void apply(TranscriptState t) {
        String state = t.writing() ? "ok" : "failing";
        Long since = state.equals(transcript.state()) && transcript.since() != null ? transcript.since() : t.at();
        transcript =
                new StatusDocument.Transcript(text(t.file()), state, text(t.detail()), since, t.pending(), t.lost());
    }

    void apply(UtteranceEvent u, UtteranceProgress.Step step) {
        utterances.put(u);
        step.measured().forEach((stage, millis) -> latency.get(stage).record(millis));
    }

    private LegTrack leg(String extension, String codec) {
        return legs.computeIfAbsent(extension, e -> new LegTrack(e, "", codec, List.of()));
    }

    StatusDocument.Bridge view() {
        Map<String, StatusDocument.Histogram> stages = new LinkedHashMap<>();
        latency.forEach((stage, h) -> stages.put(stage.key(), h.view()));
        return new StatusDocument.Bridge(
                name,
                mode,
                topology,
                state,
                stateDetail,
                stateSince,
                dashboardPort,
                feedPort,
                legs.values().stream().map(LegTrack::view).toList(),
                engines.values().stream()
                        .map(e -> new StatusDocument.Engine(
                                text(e.language()),
                                text(e.stage()),
                                text(e.engine()),
                                e.available(),
                                text(e.reason()),
                                e.at()))
                        .toList(),
                faults.stream()
                        .map(f -> new StatusDocument.Fault(
                                f.at(),
                                text(f.stage()),
                                text(f.engine()),
                                text(f.message()),
                                f.restarted(),
                                f.framesLost()))
                        .toList(),
                utterances.newestFirst().stream().map(BridgeTrack::utterance).toList(),
                new StatusDocument.Latency(LatencyHistogram.bounds(), stages),
                new StatusDocument.Calls(callsStarted, callsEnded, callsRefused),
                transcript);
    }

    private static StatusDocument.Utterance utterance(UtteranceEvent u) {
        UtteranceEvent.Times t = u.times() == null ? UtteranceEvent.Times.NONE : u.times();
        return new StatusDocument.Utterance(
                u.id(),
                u.at(),
                text(u.direction()),
                text(u.fromLanguage()),
                text(u.toLanguage()),
                u.stage().name().toLowerCase(Locale.ROOT),
                text(u.partialText()),
                text(u.finalText()),
                text(u.translation()),
                text(u.note()),
                new StatusDocument.Times(
                        t.speechStart(),
                        t.speechEnd(),
                        t.sttFinal(),
                        t.mtDone(),
                        t.ttsFirstAudio(),
                        t.playoutStart(),
                        t.playoutEnd()),
                new StatusDocument.Durations(
                        millis(LatencyStage.STT, t),
                        millis(LatencyStage.MT, t),
                        millis(LatencyStage.TTS, t),
                        millis(LatencyStage.QUEUE, t),
                        millis(LatencyStage.TOTAL, t)));
    }

    private static Long millis(LatencyStage stage, UtteranceEvent.Times t) {
        long m = stage.millis(t);
        return m < 0 ? null : m;
    }
}
