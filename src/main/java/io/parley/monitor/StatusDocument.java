package io.parley.monitor;

import io.parley.history.HistoryHealth;
import java.util.List;
import java.util.Map;

/**
 * What {@code /status} answers, what the WebSocket pushes and what the TCP feed sends first:
 * one consistent picture of every bridge. Its JSON form is described by
 * {@code docs/status-schema.json}; change {@link #VERSION} with any incompatible change.
 * Enumerated values are lower-case; times are epoch milliseconds; a field the monitor has not
 * heard of yet is null. {@code history} is the call history's writer as it reports itself (its
 * queue in front of the database, which drops and counts when full); null when the history is off.
 */
public record StatusDocument(
        String schema,
        int version,
        long generatedAt,
        long startedAt,
        Ari ari,
        MonitorCounters monitor,
        List<Bridge> bridges,
        HistoryHealth history) {

    public static final String SCHEMA = "parley-status";
    public static final int VERSION = 1;

    public StatusDocument {
        bridges = List.copyOf(bridges);
    }

    public StatusDocument(
            String schema,
            int version,
            long generatedAt,
            long startedAt,
            Ari ari,
            MonitorCounters monitor,
            List<Bridge> bridges) {
        this(schema, version, generatedAt, startedAt, ari, monitor, bridges, null);
    }

    /** Text from an event, never null in the document. */
    static String text(String s) {
        return s == null ? "" : s;
    }

    /** The process-wide connection to Asterisk's REST Interface; {@code state} is {@code unknown} before any report. */
    public record Ari(String state, String url, String detail, Long since) {}

    /** The monitor's own health: events it lost, feed and WebSocket clients. */
    public record MonitorCounters(
            long eventsReceived, long eventsDropped, int feedClients, long feedClientsDropped, int webSocketClients) {}

    public record Bridge(
            String name,
            String mode,
            String topology,
            String state,
            String stateDetail,
            Long stateSince,
            Integer dashboardPort,
            Integer feedPort,
            List<Leg> legs,
            List<Engine> engines,
            List<Fault> faults,
            List<Utterance> utterances,
            Latency latency,
            Calls calls,
            Transcript transcript) {}

    /**
     * The bridge's transcript log: {@code state} is {@code ok}, or {@code failing} while lines cannot
     * be written (a full or read-only disk; {@code detail} says which), since {@code since};
     * {@code pending} lines wait to be written, {@code lost} were given up.
     */
    public record Transcript(String file, String state, String detail, Long since, long pending, long lost) {}

    public record Leg(
            String extension,
            String language,
            String codec,
            List<Integer> ports,
            Call call,
            Stats stats,
            LevelHistory levelHistory) {}

    public record Call(boolean active, String channelId, Long since, String detail) {}

    /** The latest {@link io.parley.event.LegStats} of a leg; levels are clamped to {@link #FLOOR_DBFS}. */
    public record Stats(
            long at,
            String codec,
            String remote,
            long packetsIn,
            long packetsOut,
            long bytesIn,
            long bytesOut,
            long lost,
            double lossRatio,
            long duplicates,
            long reordered,
            long late,
            long concealed,
            long discarded,
            Map<String, Long> malformed,
            double jitterMillis,
            int bufferDepthMillis,
            int bufferTargetMillis,
            double levelInDbfs,
            double levelOutDbfs) {

        /** Silence and anything quieter is shown as this level, so that JSON never carries -Infinity. */
        public static final double FLOOR_DBFS = -100.0;
    }

    /** Recent levels, oldest first, one sample per {@link io.parley.event.LegStats}. */
    public record LevelHistory(List<Double> in, List<Double> out) {}

    public record Engine(String language, String stage, String engine, boolean available, String reason, long at) {}

    public record Fault(long at, String stage, String engine, String message, boolean restarted, long framesLost) {}

    /** The latest version of one utterance. Durations are null until both of their milestones are reached. */
    public record Utterance(
            long id,
            long at,
            String direction,
            String fromLanguage,
            String toLanguage,
            String stage,
            String partialText,
            String finalText,
            String translation,
            String note,
            Times times,
            Durations durations) {}

    public record Times(
            long speechStart,
            long speechEnd,
            long sttFinal,
            long mtDone,
            long ttsFirstAudio,
            long playoutStart,
            long playoutEnd) {}

    /**
     * @param sttMillis   end of speech to the final recognition
     * @param mtMillis    final recognition to translation done
     * @param ttsMillis   translation done to synthesised audio ready
     * @param queueMillis synthesised audio ready to the first frame played
     * @param totalMillis end of speech to the first frame played
     */
    public record Durations(Long sttMillis, Long mtMillis, Long ttsMillis, Long queueMillis, Long totalMillis) {}

    /**
     * Histograms of stage durations. {@code counts} has one entry per bound in
     * {@code boundsMillis} (values at or below it, above the previous bound) and a last entry for
     * everything above the last bound.
     */
    public record Latency(List<Long> boundsMillis, Map<String, Histogram> stages) {}

    public record Histogram(long count, long sumMillis, List<Long> counts) {}

    public record Calls(long started, long ended, long refused) {}
}
