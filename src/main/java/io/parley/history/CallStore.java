package io.parley.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.event.UtteranceEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SQL of the history: upserts of whole rows, retention, and the queries behind
 * {@code GET /calls} and {@code parley calls}. Stateless; every method takes its connection.
 */
final class CallStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL_COLUMNS = "c.id, c.node, c.bridge, c.mode, c.started_at, c.answered_at,"
            + " c.ended_at, c.duration_ms, c.ended_by, c.end_reason, c.updated_at";
    private static final String LEG_COLUMNS = "call_id, extension, language, codec, channel_id, joined_at, left_at,"
            + " left_reason, remote, packets_in, packets_out, bytes_in, bytes_out, lost, duplicates, reordered, late,"
            + " concealed, discarded, malformed, jitter_ms, max_jitter_ms";
    private static final String UTTERANCE_COLUMNS = "call_id, utterance_id, direction, speaker, listener,"
            + " from_language, to_language, outcome, text, translation, note, speech_start, speech_end, stt_final,"
            + " mt_done, tts_first_audio, playout_start, playout_end";
    private static final String RECORDING_COLUMNS =
            "call_id, extension, kind, path, started_at, duration_ms," + " sample_rate";

    private static final String UPSERT_CALL = "INSERT INTO calls (id, node, bridge, mode, started_at, answered_at,"
            + " ended_at, duration_ms, ended_by, end_reason, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
            + " ON CONFLICT (id) DO UPDATE SET node = excluded.node, bridge = excluded.bridge, mode = excluded.mode,"
            + " started_at = excluded.started_at, answered_at = excluded.answered_at, ended_at = excluded.ended_at,"
            + " duration_ms = excluded.duration_ms, ended_by = excluded.ended_by, end_reason = excluded.end_reason,"
            + " updated_at = excluded.updated_at";
    private static final String UPSERT_LEG = "INSERT INTO call_legs (" + LEG_COLUMNS + ") VALUES"
            + " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (call_id, extension) DO UPDATE SET"
            + " language = excluded.language, codec = excluded.codec, channel_id = excluded.channel_id,"
            + " joined_at = excluded.joined_at, left_at = excluded.left_at, left_reason = excluded.left_reason,"
            + " remote = excluded.remote, packets_in = excluded.packets_in, packets_out = excluded.packets_out,"
            + " bytes_in = excluded.bytes_in, bytes_out = excluded.bytes_out, lost = excluded.lost,"
            + " duplicates = excluded.duplicates, reordered = excluded.reordered, late = excluded.late,"
            + " concealed = excluded.concealed, discarded = excluded.discarded, malformed = excluded.malformed,"
            + " jitter_ms = excluded.jitter_ms, max_jitter_ms = excluded.max_jitter_ms";
    private static final String UPSERT_UTTERANCE = "INSERT INTO utterances (" + UTTERANCE_COLUMNS + ") VALUES"
            + " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (call_id, utterance_id) DO UPDATE SET"
            + " direction = excluded.direction, speaker = excluded.speaker, listener = excluded.listener,"
            + " from_language = excluded.from_language, to_language = excluded.to_language,"
            + " outcome = excluded.outcome, text = excluded.text, translation = excluded.translation,"
            + " note = excluded.note, speech_start = excluded.speech_start, speech_end = excluded.speech_end,"
            + " stt_final = excluded.stt_final, mt_done = excluded.mt_done,"
            + " tts_first_audio = excluded.tts_first_audio, playout_start = excluded.playout_start,"
            + " playout_end = excluded.playout_end";
    private static final String INSERT_FAULT =
            "INSERT INTO faults (call_id, at, stage, engine, message, restarted)" + " VALUES (?,?,?,?,?,?)";
    private static final String UPSERT_RECORDING = "INSERT INTO recordings (" + RECORDING_COLUMNS + ") VALUES"
            + " (?,?,?,?,?,?,?) ON CONFLICT (call_id, extension, kind) DO UPDATE SET path = excluded.path,"
            + " started_at = excluded.started_at, duration_ms = excluded.duration_ms,"
            + " sample_rate = excluded.sample_rate";
    static final String STALE_REASON = "the node stopped without ending the call; its last second may be missing";

    private final Dialect dialect;

    CallStore(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Applies one write on {@code c}, inside the caller's transaction. */
    void apply(Connection c, Write write) throws SQLException {
        switch (write) {
            case CallRow r ->
                update(
                        c,
                        UPSERT_CALL,
                        r.id(),
                        r.node(),
                        r.bridge(),
                        r.mode(),
                        r.startedAt(),
                        r.answeredAt(),
                        r.endedAt(),
                        r.durationMillis(),
                        r.endedBy(),
                        r.endReason(),
                        r.updatedAt());
            case LegRow r ->
                update(
                        c,
                        UPSERT_LEG,
                        r.callId(),
                        r.extension(),
                        r.language(),
                        r.codec(),
                        r.channelId(),
                        r.joinedAt(),
                        r.leftAt(),
                        r.leftReason(),
                        r.remote(),
                        r.packetsIn(),
                        r.packetsOut(),
                        r.bytesIn(),
                        r.bytesOut(),
                        r.lost(),
                        r.duplicates(),
                        r.reordered(),
                        r.late(),
                        r.concealed(),
                        r.discarded(),
                        json(r.malformed()),
                        r.jitterMillis(),
                        r.maxJitterMillis());
            case UtteranceRow r -> {
                UtteranceEvent.Times t = r.times();
                update(
                        c,
                        UPSERT_UTTERANCE,
                        r.callId(),
                        r.utteranceId(),
                        r.direction(),
                        r.speaker(),
                        r.listener(),
                        r.fromLanguage(),
                        r.toLanguage(),
                        r.outcome(),
                        r.text(),
                        r.translation(),
                        r.note(),
                        t.speechStart(),
                        t.speechEnd(),
                        t.sttFinal(),
                        t.mtDone(),
                        t.ttsFirstAudio(),
                        t.playoutStart(),
                        t.playoutEnd());
            }
            case FaultRow r ->
                update(c, INSERT_FAULT, r.callId(), r.at(), r.stage(), r.engine(), r.message(), r.restarted());
            case RecordingRow r ->
                update(
                        c,
                        UPSERT_RECORDING,
                        r.callId(),
                        r.extension(),
                        r.kind(),
                        r.path(),
                        r.startedAt(),
                        r.durationMillis(),
                        r.sampleRate());
            case Purge p -> purge(c, p);
        }
    }

    private static void purge(Connection c, Purge p) throws SQLException {
        update(
                c,
                "UPDATE calls SET ended_at = updated_at, duration_ms = updated_at - started_at,"
                        + " ended_by = 'parley', end_reason = ? WHERE ended_at IS NULL AND updated_at < ?",
                STALE_REASON,
                p.staleBefore());
        update(c, "DELETE FROM recordings WHERE started_at < ?", p.recordingsBefore());
        String old = "(SELECT id FROM calls WHERE started_at < ?)";
        for (String table : List.of("call_legs", "utterances", "faults", "recordings")) {
            update(c, "DELETE FROM " + table + " WHERE call_id IN " + old, p.callsBefore());
        }
        update(c, "DELETE FROM calls WHERE started_at < ?", p.callsBefore());
    }

    /** The calls {@code q} selects, newest first. */
    List<CallSummary> search(Connection c, CallQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + CALL_COLUMNS
                + ", (SELECT COUNT(*) FROM utterances u WHERE u.call_id = c.id) AS utterance_count FROM calls c"
                + " WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        q.bridge().ifPresent(b -> {
            sql.append(" AND c.bridge = ?");
            args.add(b);
        });
        q.extension().ifPresent(e -> {
            sql.append(" AND c.id IN (SELECT l.call_id FROM call_legs l WHERE l.extension = ?)");
            args.add(e);
        });
        q.from().ifPresent(t -> {
            sql.append(" AND c.started_at >= ?");
            args.add(t);
        });
        q.to().ifPresent(t -> {
            sql.append(" AND c.started_at < ?");
            args.add(t);
        });
        q.text().ifPresent(t -> {
            sql.append(" AND ").append(dialect.textCondition());
            args.add(dialect.textQuery(CallQuery.words(t)));
        });
        sql.append(" ORDER BY c.started_at DESC, c.id LIMIT ? OFFSET ?");
        args.add(q.limit());
        args.add(q.offset());
        List<CallRow> rows = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        try (PreparedStatement s = prepare(c, sql.toString(), args.toArray());
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(callRow(rs));
                counts.add(rs.getInt("utterance_count"));
            }
        }
        Map<String, List<String>> extensions =
                extensions(c, rows.stream().map(CallRow::id).toList());
        List<CallSummary> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(CallSummary.of(
                    rows.get(i), extensions.getOrDefault(rows.get(i).id(), List.of()), counts.get(i)));
        }
        return out;
    }

    private static Map<String, List<String>> extensions(Connection c, List<String> ids) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String marks = ids.stream().map(id -> "?").collect(Collectors.joining(","));
        try (PreparedStatement s = prepare(
                        c,
                        "SELECT call_id, extension FROM call_legs WHERE call_id IN (" + marks
                                + ") ORDER BY call_id, extension",
                        ids.toArray());
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return out;
    }

    /** The ids of calls that start with {@code prefix}, at most {@code limit} of them. */
    List<String> idsStartingWith(Connection c, String prefix, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement s = prepare(
                        c,
                        "SELECT id FROM calls WHERE id LIKE ? ORDER BY id LIMIT ?",
                        prefix.replaceAll("[^0-9a-fA-F-]", "") + "%",
                        limit);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** Everything about call {@code id}; empty when there is no such call. */
    Optional<CallDetail> find(Connection c, String id) throws SQLException {
        CallRow call;
        try (PreparedStatement s = prepare(c, "SELECT " + CALL_COLUMNS + " FROM calls c WHERE c.id = ?", id);
                ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            call = callRow(rs);
        }
        List<LegRow> legs = new ArrayList<>();
        try (PreparedStatement s = prepare(
                        c, "SELECT " + LEG_COLUMNS + " FROM call_legs WHERE call_id = ?" + " ORDER BY extension", id);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                legs.add(legRow(rs));
            }
        }
        List<UtteranceRow> utterances = new ArrayList<>();
        try (PreparedStatement s = prepare(
                        c,
                        "SELECT " + UTTERANCE_COLUMNS + " FROM utterances WHERE call_id = ?"
                                + " ORDER BY CASE WHEN speech_start = 0 THEN speech_end ELSE speech_start END, utterance_id",
                        id);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                utterances.add(utteranceRow(rs));
            }
        }
        List<FaultRow> faults = new ArrayList<>();
        try (PreparedStatement s = prepare(
                        c,
                        "SELECT call_id, at, stage, engine, message, restarted FROM faults"
                                + " WHERE call_id = ? ORDER BY at, id",
                        id);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                faults.add(new FaultRow(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getBoolean(6)));
            }
        }
        List<RecordingRow> recordings = new ArrayList<>();
        try (PreparedStatement s = prepare(
                        c,
                        "SELECT " + RECORDING_COLUMNS + " FROM recordings WHERE call_id = ?"
                                + " ORDER BY extension, kind",
                        id);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                recordings.add(new RecordingRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getInt(7)));
            }
        }
        List<String> extensions = legs.stream().map(LegRow::extension).toList();
        return Optional.of(new CallDetail(
                CallSummary.of(call, extensions, utterances.size()), legs, utterances, faults, recordings));
    }

    private static CallRow callRow(ResultSet rs) throws SQLException {
        return new CallRow(
                rs.getString("id"),
                rs.getString("node"),
                rs.getString("bridge"),
                rs.getString("mode"),
                rs.getLong("started_at"),
                nullableLong(rs, "answered_at"),
                nullableLong(rs, "ended_at"),
                nullableLong(rs, "duration_ms"),
                rs.getString("ended_by"),
                rs.getString("end_reason"),
                rs.getLong("updated_at"));
    }

    private static LegRow legRow(ResultSet rs) throws SQLException {
        return new LegRow(
                rs.getString("call_id"),
                rs.getString("extension"),
                rs.getString("language"),
                rs.getString("codec"),
                rs.getString("channel_id"),
                nullableLong(rs, "joined_at"),
                nullableLong(rs, "left_at"),
                rs.getString("left_reason"),
                rs.getString("remote"),
                rs.getLong("packets_in"),
                rs.getLong("packets_out"),
                rs.getLong("bytes_in"),
                rs.getLong("bytes_out"),
                rs.getLong("lost"),
                rs.getLong("duplicates"),
                rs.getLong("reordered"),
                rs.getLong("late"),
                rs.getLong("concealed"),
                rs.getLong("discarded"),
                malformed(rs.getString("malformed")),
                rs.getDouble("jitter_ms"),
                rs.getDouble("max_jitter_ms"));
    }

    private static UtteranceRow utteranceRow(ResultSet rs) throws SQLException {
        return new UtteranceRow(
                rs.getString("call_id"),
                rs.getLong("utterance_id"),
                rs.getString("direction"),
                rs.getString("speaker"),
                rs.getString("listener"),
                rs.getString("from_language"),
                rs.getString("to_language"),
                rs.getString("outcome"),
                rs.getString("text"),
                rs.getString("translation"),
                rs.getString("note"),
                new UtteranceEvent.Times(
                        rs.getLong("speech_start"),
                        rs.getLong("speech_end"),
                        rs.getLong("stt_final"),
                        rs.getLong("mt_done"),
                        rs.getLong("tts_first_audio"),
                        rs.getLong("playout_start"),
                        rs.getLong("playout_end")));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static String json(Map<String, Long> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of counters is always JSON", e);
        }
    }

    private static Map<String, Long> malformed(String json) {
        try {
            return json == null || json.isEmpty()
                    ? Map.of()
                    : JSON.readValue(json, new TypeReference<Map<String, Long>>() {});
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, args)) {
            return s.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                switch (a) {
                    case null -> s.setNull(i + 1, Types.NULL);
                    case String v -> s.setString(i + 1, v);
                    case Long v -> s.setLong(i + 1, v);
                    case Integer v -> s.setInt(i + 1, v);
                    case Double v -> s.setDouble(i + 1, v);
                    case Boolean v -> s.setBoolean(i + 1, v);
                    default -> throw new IllegalArgumentException("no SQL type for " + a.getClass());
                }
            }
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
