package io.parley.cli;

import io.parley.config.ParleyConfig;
import io.parley.event.UtteranceEvent;
import io.parley.history.CallArchive;
import io.parley.history.CallDetail;
import io.parley.history.CallExport;
import io.parley.history.CallQuery;
import io.parley.history.CallSummary;
import io.parley.history.FaultRow;
import io.parley.history.LegRow;
import io.parley.history.RecordingRow;
import io.parley.history.UtteranceRow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley calls list|show|export}: the call history on the command line, read straight from
 * the database of the configuration (the same {@code --config} parley runs with), also while
 * parley runs.
 */
@Command(
        name = "calls",
        mixinStandardHelpOptions = true,
        description = "The call history: list and search calls, show one with its transcript, export as JSON or CSV.",
        subcommands = {CallsCommand.ListCalls.class, CallsCommand.Show.class, CallsCommand.Export.class})
final class CallsCommand implements Runnable {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** Filters shared by list and export. */
    static final class Filters {
        @Option(names = "--bridge", paramLabel = "NAME", description = "Only calls of this bridge.")
        String bridge;

        @Option(names = "--extension", paramLabel = "EXT", description = "Only calls with a leg on this extension.")
        String extension;

        @Option(
                names = "--from",
                paramLabel = "TIME",
                description =
                        "Only calls that started at or after TIME (2026-12-06T10:00, ISO-8601 with or without a zone, or epoch ms).")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "Only calls that started before TIME.")
        String to;

        @Option(
                names = {"--text", "-q"},
                paramLabel = "WORDS",
                description = "Only calls in which these words were said or translated.")
        String text;

        @Option(
                names = "--limit",
                defaultValue = "50",
                paramLabel = "N",
                description = "At most N calls, newest first (1 to 1000, default ${DEFAULT-VALUE}).")
        int limit;

        CallQuery query() {
            return new CallQuery(
                    Optional.ofNullable(bridge),
                    Optional.ofNullable(extension),
                    Optional.ofNullable(from).map(Filters::time),
                    Optional.ofNullable(to).map(Filters::time),
                    Optional.ofNullable(text),
                    limit,
                    0);
        }

        static long time(String s) {
            String t = s.strip();
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                // try the forms below
            }
            try {
                return Instant.parse(t).toEpochMilli();
            } catch (DateTimeParseException e) {
                // a local time
            }
            try {
                String local = t.length() == 10 ? t + "T00:00" : t.replace(' ', 'T');
                return LocalDateTime.parse(local)
                        .atZone(ZoneId.systemDefault())
                        .toInstant()
                        .toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + s + "' is not a time: write 2026-12-06, 2026-12-06T10:00,"
                        + " 2026-12-06T10:00:00Z or epoch milliseconds");
            }
        }
    }

    /** What the subcommands share: opening the history, and reporting its failures. */
    abstract static class HistoryCommand extends ConfiguredCommand {
        @Override
        final int run(ParleyConfig config) throws Exception {
            if (!config.history().enabled()) {
                err().println("call history is switched off in " + this.config.source() + " (history.enabled: false)");
                return ExitCodes.FAILED;
            }
            try (CallArchive archive = CallArchive.open(config.history())) {
                return run(archive);
            } catch (IllegalArgumentException e) {
                err().println(e.getMessage());
                return ExitCodes.INVALID;
            } catch (IOException | SQLException e) {
                err().println(e.getMessage());
                return ExitCodes.FAILED;
            }
        }

        abstract int run(CallArchive archive) throws IOException, SQLException;
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List calls, newest first; filters narrow them.")
    static final class ListCalls extends HistoryCommand {
        @picocli.CommandLine.Mixin
        Filters filters;

        @Option(
                names = "--format",
                defaultValue = "table",
                paramLabel = "FORMAT",
                description = "table, json or csv (default ${DEFAULT-VALUE}).")
        String format;

        @Override
        int run(CallArchive archive) throws SQLException {
            CallQuery query = filters.query();
            List<CallSummary> calls = archive.search(query);
            PrintWriter out = out();
            switch (format) {
                case "json" -> out.println(CallExport.json(calls, query));
                case "csv" -> out.print(CallExport.csvCalls(calls));
                case "table" -> table(calls, out);
                default -> {
                    err().println("--format " + format + ": use table, json or csv");
                    return ExitCodes.INVALID;
                }
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static void table(List<CallSummary> calls, PrintWriter out) {
            if (calls.isEmpty()) {
                out.println("no calls");
                return;
            }
            out.printf(
                    "%-19s  %-12s  %-11s  %8s  %10s  %-8s  %s%n",
                    "STARTED", "BRIDGE", "EXTENSIONS", "DURATION", "UTTERANCES", "ID", "ENDED");
            for (CallSummary c : calls) {
                out.printf(
                        "%-19s  %-12s  %-11s  %8s  %10d  %-8s  %s%n",
                        local(c.startedAt()),
                        c.bridge(),
                        String.join(" ", c.extensions()),
                        c.endedAt() == null ? "going on" : duration(c.durationMillis()),
                        c.utterances(),
                        c.id().substring(0, Math.min(8, c.id().length())),
                        c.endedAt() == null ? "in progress" : join(c.endedBy(), c.endReason()));
            }
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Show one call: its legs' quality, its transcript with timings, faults and recordings.")
    static final class Show extends HistoryCommand {
        @Parameters(paramLabel = "ID", description = "The call's id, or the start of it as 'calls list' shows it.")
        String id;

        @Option(
                names = "--format",
                defaultValue = "text",
                paramLabel = "FORMAT",
                description = "text, json or csv (one line per utterance; default ${DEFAULT-VALUE}).")
        String format;

        @Override
        int run(CallArchive archive) throws SQLException {
            Optional<CallDetail> call = resolve(archive, id, err());
            if (call.isEmpty()) {
                return ExitCodes.FAILED;
            }
            PrintWriter out = out();
            switch (format) {
                case "json" -> out.println(CallExport.json(call.get()));
                case "csv" -> out.print(CallExport.csvUtterances(List.of(call.get())));
                case "text" -> text(call.get(), out);
                default -> {
                    err().println("--format " + format + ": use text, json or csv");
                    return ExitCodes.INVALID;
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Export every call a search selects, in full: JSON, or CSV with one line per utterance.")
    static final class Export extends HistoryCommand {
        @picocli.CommandLine.Mixin
        Filters filters;

        @Option(
                names = "--format",
                defaultValue = "json",
                paramLabel = "FORMAT",
                description = "json or csv (default ${DEFAULT-VALUE}).")
        String format;

        @Option(
                names = {"-o", "--out"},
                paramLabel = "FILE",
                description = "Write to FILE instead of the terminal.")
        Path file;

        @Override
        int run(CallArchive archive) throws IOException, SQLException {
            if (!format.equals("json") && !format.equals("csv")) {
                err().println("--format " + format + ": use json or csv");
                return ExitCodes.INVALID;
            }
            List<CallDetail> calls = new ArrayList<>();
            for (CallSummary s : archive.search(filters.query())) {
                archive.find(s.id()).ifPresent(calls::add);
            }
            String text = format.equals("json") ? CallExport.json(calls) + "\n" : CallExport.csvUtterances(calls);
            if (file == null) {
                out().print(text);
                out().flush();
            } else {
                Files.writeString(file, text, StandardCharsets.UTF_8);
                err().printf("wrote %d calls to %s%n", calls.size(), file);
            }
            return ExitCodes.OK;
        }
    }

    static Optional<CallDetail> resolve(CallArchive archive, String id, PrintWriter err) throws SQLException {
        Optional<CallDetail> exact = archive.find(id);
        if (exact.isPresent()) {
            return exact;
        }
        List<String> ids = id.length() >= 4 ? archive.idsStartingWith(id, 2) : List.of();
        if (ids.size() == 1) {
            return archive.find(ids.getFirst());
        }
        err.println(
                ids.isEmpty()
                        ? "no call with id '" + id + "' (see parley calls list)"
                        : "'" + id + "' starts more than one call's id; give more of it");
        return Optional.empty();
    }

    static void text(CallDetail d, PrintWriter out) {
        CallSummary c = d.call();
        out.printf("call %s  bridge %s (%s)  node %s%n", c.id(), c.bridge(), c.mode(), c.node());
        out.printf("started %s", local(c.startedAt()));
        if (c.answeredAt() != null) {
            out.printf(", both connected after %.1f s", (c.answeredAt() - c.startedAt()) / 1000.0);
        }
        if (c.endedAt() != null) {
            out.printf(
                    ", ended %s after %s, by %s%n",
                    local(c.endedAt()), duration(c.durationMillis()), join(c.endedBy(), c.endReason()));
        } else {
            out.println(", going on");
        }
        out.println("legs:");
        for (LegRow l : d.legs()) {
            out.printf(
                    "  %-6s %-2s %-5s channel %-14s packets in %d out %d, loss %.1f%% (%d), jitter %.1f ms (max %.1f),"
                            + " concealed %d, discarded %d, malformed %s, from %s%n",
                    l.extension(),
                    l.language(),
                    l.codec(),
                    l.channelId().isEmpty() ? "-" : l.channelId(),
                    l.packetsIn(),
                    l.packetsOut(),
                    l.lossRatio() * 100,
                    l.lost(),
                    l.jitterMillis(),
                    l.maxJitterMillis(),
                    l.concealed(),
                    l.discarded(),
                    l.malformed().isEmpty() ? "0" : l.malformed(),
                    l.remote().isEmpty() ? "-" : l.remote());
        }
        if (d.utterances().isEmpty()) {
            out.println(
                    c.mode().equals("crosspatch")
                            ? "no transcript: the bridge cross-patches audio as is"
                            : "nobody spoke");
        } else {
            out.println("transcript:");
        }
        for (UtteranceRow u : d.utterances()) {
            UtteranceEvent.Times t = u.times();
            long at = (t.speechStart() > 0 ? t.speechStart() : t.speechEnd()) - c.startedAt();
            out.printf(
                    "  %s  %s (%s) -> %s (%s)  %s%n",
                    offset(at),
                    u.speaker(),
                    u.fromLanguage(),
                    u.listener(),
                    u.toLanguage(),
                    u.outcome() + (u.note().isEmpty() ? "" : ": " + u.note()));
            out.printf("      said:  %s%n", u.text());
            if (!u.translation().isEmpty()) {
                out.printf("      heard: %s%n", u.translation());
            }
            if (t.speechEnd() > 0 && t.playoutStart() > 0) {
                out.printf(
                        "      after the end of speech: recognised %d ms, translated %d ms, synthesised %d ms,"
                                + " first audio %d ms%n",
                        t.sttFinal() - t.speechEnd(),
                        t.mtDone() - t.speechEnd(),
                        t.ttsFirstAudio() - t.speechEnd(),
                        t.playoutStart() - t.speechEnd());
            }
        }
        for (FaultRow f : d.faults()) {
            out.printf(
                    "fault %s %s %s: %s%s%n",
                    offset(f.at() - c.startedAt()),
                    f.stage(),
                    f.engine(),
                    f.message(),
                    f.restarted() ? " (restarted)" : "");
        }
        for (RecordingRow r : d.recordings()) {
            out.printf("recording %s %s: %s (%s)%n", r.extension(), r.kind(), r.path(), duration(r.durationMillis()));
        }
    }

    private static String local(long millis) {
        return LOCAL.format(Instant.ofEpochMilli(millis).atZone(ZoneId.systemDefault()));
    }

    private static String duration(Long millis) {
        if (millis == null) {
            return "-";
        }
        long s = Math.round(millis / 1000.0);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String offset(long millis) {
        double s = Math.max(0, millis) / 1000.0;
        return String.format(Locale.ROOT, "%d:%04.1f", (long) (s / 60), s % 60);
    }

    private static String join(String by, String why) {
        String b = by == null ? "" : by;
        String w = why == null ? "" : why;
        return b.isEmpty() ? w : w.isEmpty() ? b : b + ": " + w;
    }
}
