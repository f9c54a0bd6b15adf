package io.parley.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.parley.event.UtteranceEvent;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The history as JSON and CSV, for {@code GET /calls}, its exports and {@code parley calls}.
 *
 * <p>JSON carries the records as they are (times in epoch milliseconds). CSV is for spreadsheets:
 * a list of calls is one line per call, a call (or a search exported whole) one line per
 * utterance with its call's columns repeated; times are ISO-8601 UTC, durations milliseconds, and a
 * cell that a spreadsheet would run as a formula (starting with {@code = + - @}) is prefixed
 * with {@code '}, since transcripts are text callers said.
 */
public final class CallExport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> CALL_HEADER = List.of(
            "call_id",
            "node",
            "bridge",
            "mode",
            "started_at",
            "answered_at",
            "ended_at",
            "duration_ms",
            "extensions",
            "ended_by",
            "end_reason",
            "utterances");
    private static final List<String> UTTERANCE_HEADER = List.of(
            "call_id",
            "bridge",
            "call_started_at",
            "utterance_id",
            "speaker",
            "listener",
            "from_language",
            "to_language",
            "outcome",
            "text",
            "translation",
            "note",
            "speech_start",
            "speech_end",
            "stt_ms",
            "mt_ms",
            "tts_ms",
            "queue_ms",
            "total_ms");

    private CallExport() {}

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(
                    "history: cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A search's result: {@code {"calls": [...], "limit": N, "offset": N}}. */
    public static String json(List<CallSummary> calls, CallQuery query) {
        return json(Map.of("calls", calls, "limit", query.limit(), "offset", query.offset()));
    }

    /** One line per call. */
    public static String csvCalls(List<CallSummary> calls) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(CALL_HEADER);
        for (CallSummary c : calls) {
            rows.add(List.of(
                    c.id(),
                    c.node(),
                    c.bridge(),
                    c.mode(),
                    time(c.startedAt()),
                    time(c.answeredAt()),
                    time(c.endedAt()),
                    number(c.durationMillis()),
                    String.join(" ", c.extensions()),
                    text(c.endedBy()),
                    text(c.endReason()),
                    Integer.toString(c.utterances())));
        }
        return csv(rows);
    }

    /** One line per utterance of {@code calls}, in call order. */
    public static String csvUtterances(List<CallDetail> calls) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(UTTERANCE_HEADER);
        for (CallDetail d : calls) {
            CallSummary c = d.call();
            for (UtteranceRow u : d.utterances()) {
                UtteranceEvent.Times t = u.times();
                rows.add(List.of(
                        c.id(),
                        c.bridge(),
                        time(c.startedAt()),
                        Long.toString(u.utteranceId()),
                        u.speaker(),
                        u.listener(),
                        u.fromLanguage(),
                        u.toLanguage(),
                        u.outcome(),
                        u.text(),
                        u.translation(),
                        u.note(),
                        time(t.speechStart()),
                        time(t.speechEnd()),
                        span(t.speechEnd(), t.sttFinal()),
                        span(t.sttFinal(), t.mtDone()),
                        span(t.mtDone(), t.ttsFirstAudio()),
                        span(t.ttsFirstAudio(), t.playoutStart()),
                        span(t.speechEnd(), t.playoutStart())));
            }
        }
        return csv(rows);
    }

    private static String csv(List<List<String>> rows) {
        return rows.stream()
                .map(r -> r.stream().map(CallExport::cell).collect(Collectors.joining(",")))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static String time(Long millis) {
        return millis == null || millis == 0 ? "" : Instant.ofEpochMilli(millis).toString();
    }

    private static String number(Long n) {
        return n == null ? "" : Long.toString(n);
    }

    private static String span(long from, long to) {
        return from > 0 && to >= from ? Long.toString(to - from) : "";
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
