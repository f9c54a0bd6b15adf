package io.parley.monitor;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.parley.history.CallArchive;
import io.parley.history.CallDetail;
import io.parley.history.CallExport;
import io.parley.history.CallQuery;
import io.parley.history.CallSummary;
import io.parley.history.History;
import io.parley.history.RecordingRow;
import io.parley.log.KeyValueLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call history over HTTP, behind the same access checks as every other dashboard route.
 *
 * <pre>
 *   GET /history                         the History page
 *   GET /calls[?filters][&amp;format=csv]     a search: bridge, extension, from, to (epoch ms or ISO-8601),
 *                                        q (words said or translated), limit, offset; newest first
 *   GET /calls/export?filters&amp;format=F   every call of a search in full: F json, or csv (one line per utterance)
 *   GET /calls/{id}[?format=csv]         one call: legs, utterances, faults, recordings
 *   GET /calls/{id}/recordings/{extension}/{kind}.wav   a recording (kind: said or heard)
 * </pre>
 *
 * Without a history (switched off) these answer 404 with the reason.
 */
final class HistoryRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryRoutes.class);
    private static final String CSV = "text/csv; charset=utf-8";
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F-]{1,64}");
    private static final String OFF = "call history is switched off (history.enabled: false in the configuration)";

    private final History history;
    private final WebAssets assets;
    private final String home;

    /** @param history the process's history, or null when it is switched off */
    HistoryRoutes(History history, WebAssets assets, String home) {
        this.history = history;
        this.assets = assets;
        this.home = home;
    }

    void register(RoutesConfig routes) {
        routes.get("/history", ctx -> DashboardRoutes.send(ctx, page()));
        routes.get("/calls", ctx -> DashboardRoutes.send(ctx, search(ctx::queryParam)));
        routes.get("/calls/export", ctx -> DashboardRoutes.send(ctx, export(ctx::queryParam)));
        routes.get(
                "/calls/{id}", ctx -> DashboardRoutes.send(ctx, call(ctx.pathParam("id"), ctx.queryParam("format"))));
        routes.get("/calls/{id}/recordings/{extension}/{file}", this::recording);
    }

    HttpReply page() {
        return assets.page("history.html", Map.of("home", home));
    }

    /** A search; {@code param} gives the request's query parameters. */
    HttpReply search(Function<String, String> param) {
        if (history == null) {
            return HttpReply.notFound(OFF);
        }
        CallQuery query;
        try {
            query = query(param);
        } catch (IllegalArgumentException e) {
            return badRequest(e.getMessage());
        }
        try {
            List<CallSummary> calls = history.archive().search(query);
            return "csv".equals(param.apply("format"))
                    ? new HttpReply(200, CSV, CallExport.csvCalls(calls).getBytes(StandardCharsets.UTF_8))
                    : HttpReply.ok(HttpReply.JSON, CallExport.json(calls, query));
        } catch (SQLException e) {
            return unavailable(e);
        }
    }

    /** Every call of a search, whole. */
    HttpReply export(Function<String, String> param) {
        if (history == null) {
            return HttpReply.notFound(OFF);
        }
        try {
            CallQuery query = query(param);
            CallArchive archive = history.archive();
            List<CallDetail> calls = new ArrayList<>();
            for (CallSummary s : archive.search(query)) {
                archive.find(s.id()).ifPresent(calls::add);
            }
            return "csv".equals(param.apply("format"))
                    ? new HttpReply(200, CSV, CallExport.csvUtterances(calls).getBytes(StandardCharsets.UTF_8))
                    : HttpReply.ok(HttpReply.JSON, CallExport.json(calls));
        } catch (IllegalArgumentException e) {
            return badRequest(e.getMessage());
        } catch (SQLException e) {
            return unavailable(e);
        }
    }

    HttpReply call(String id, String format) {
        if (history == null) {
            return HttpReply.notFound(OFF);
        }
        if (!ID.matcher(id).matches()) {
            return HttpReply.notFound("no call with id '" + id + "'");
        }
        try {
            Optional<CallDetail> call = history.archive().find(id);
            if (call.isEmpty()) {
                return HttpReply.notFound("no call with id '" + id + "'; it may be older than history.retentionDays");
            }
            return "csv".equals(format)
                    ? new HttpReply(
                            200,
                            CSV,
                            CallExport.csvUtterances(List.of(call.get())).getBytes(StandardCharsets.UTF_8))
                    : HttpReply.ok(HttpReply.JSON, CallExport.json(call.get()));
        } catch (SQLException e) {
            return unavailable(e);
        }
    }

    private void recording(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        String extension = ctx.pathParam("extension");
        String file = ctx.pathParam("file");
        Optional<Path> path = Optional.empty();
        String why = "no recording " + extension + "/" + file + " of call '" + id + "'";
        if (history == null) {
            why = OFF;
        } else if (ID.matcher(id).matches() && file.endsWith(".wav")) {
            String kind = file.substring(0, file.length() - 4);
            try {
                Optional<RecordingRow> row = history.archive()
                        .find(id)
                        .flatMap(d -> d.recordings().stream()
                                .filter(r -> r.extension().equals(extension)
                                        && r.kind().equals(kind))
                                .findFirst());
                path = row.flatMap(history.archive()::recordingFile);
                if (row.isPresent() && path.isEmpty()) {
                    why = "the recording is not on this node (recordings stay on the node that made them) or was"
                            + " deleted by history.recordings.retentionDays";
                }
            } catch (SQLException e) {
                DashboardRoutes.send(ctx, unavailable(e));
                return;
            }
        }
        if (path.isEmpty()) {
            DashboardRoutes.send(ctx, HttpReply.notFound(why));
            return;
        }
        DashboardRoutes.securityHeaders(ctx);
        // Seekable: the page's player asks for ranges when the listener jumps along the call.
        ctx.writeSeekableStream(Files.newInputStream(path.get()), "audio/wav", Files.size(path.get()));
    }

    private static CallQuery query(Function<String, String> param) {
        return new CallQuery(
                Optional.ofNullable(param.apply("bridge")),
                Optional.ofNullable(param.apply("extension")),
                Optional.ofNullable(param.apply("from"))
                        .filter(s -> !s.isBlank())
                        .map(HistoryRoutes::time),
                Optional.ofNullable(param.apply("to")).filter(s -> !s.isBlank()).map(HistoryRoutes::time),
                Optional.ofNullable(param.apply("q")),
                integer(param.apply("limit"), "limit", CallQuery.DEFAULT_LIMIT),
                integer(param.apply("offset"), "offset", 0));
    }

    /** Epoch milliseconds, or an ISO-8601 instant such as 2026-12-06T10:00:00Z. */
    static long time(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(s.strip()).toEpochMilli();
            } catch (DateTimeParseException p) {
                throw new IllegalArgumentException("'" + s + "' is not a time: give epoch milliseconds or ISO-8601"
                        + " such as 2026-12-06T10:00:00Z");
            }
        }
    }

    private static int integer(String s, String name, int fallback) {
        if (s == null || s.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + s + "' is not a whole number");
        }
    }

    private static HttpReply badRequest(String why) {
        return new HttpReply(400, HttpReply.TEXT, why.getBytes(StandardCharsets.UTF_8));
    }

    private HttpReply unavailable(SQLException e) {
        LOG.warn(new KeyValueLine()
                .add("event", "history_read_failed")
                .add("database", history.archive().database())
                .add("error", e.getMessage())
                .toString());
        return new HttpReply(
                503,
                HttpReply.TEXT,
                ("the call history cannot be read now: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
    }
}
