package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.config.HistorySettings;
import io.parley.config.Secret;
import io.parley.event.BridgeState;
import io.parley.event.EventBus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the history must do on every database it supports, run against the real engines by
 * {@link SqliteHistoryTest} and {@link PostgresHistoryTest}.
 */
abstract class HistoryContract {
    static final long T0 = 1_800_000_000_000L;

    @TempDir
    Path dir;

    /** Settings for a fresh, empty history. The same value until the test ends. */
    abstract HistorySettings settings() throws Exception;

    /** A plain JDBC connection to the test's database, for what the history itself would never write. */
    Connection raw() throws Exception {
        return DriverManager.getConnection(settings()
                .database()
                .map(Secret::value)
                .orElse("jdbc:sqlite:" + settings().sqliteFile()));
    }

    private static CallQuery text(String words) {
        return new CallQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(words), 50, 0);
    }

    private static List<CallSummary> ended(History history) throws Exception {
        return history.archive().search(CallQuery.all()).stream()
                .filter(c -> c.endedAt() != null)
                .toList();
    }

    @Test
    void aCallIsKeptWithItsLegsUtterancesAndFaultsAndFoundByWhatWasSaid() throws Exception {
        EventBus bus = new EventBus();
        try (History history = History.start(settings(), List.of(CallEvents.CONFIG), bus, new MutableClock(T0), 1000)) {
            new CallEvents(bus::publish).rtpOnlyCall(T0);
            await().atMost(Duration.ofSeconds(10)).until(() -> ended(history).size() == 1);

            CallSummary call = ended(history).getFirst();
            assertThat(call.bridge()).isEqualTo(CallEvents.BRIDGE);
            assertThat(call.extensions()).containsExactly("3333", "4444");
            assertThat(call.utterances()).isEqualTo(2);
            assertThat(call.durationMillis()).isEqualTo(10_000);
            CallDetail detail = history.archive().find(call.id()).orElseThrow();
            assertThat(detail.legs()).extracting(LegRow::packetsIn).containsExactly(510L, 460L);
            assertThat(detail.legs().getFirst().malformed()).containsEntry("too_short", 2L);
            assertThat(detail.utterances())
                    .extracting(UtteranceRow::text)
                    .containsExactly("Hello, can you hear me?", "Oui, vous êtes très clair.");
            assertThat(detail.faults()).extracting(FaultRow::message).containsExactly("decoder hung; restarted");

            CallArchive archive = history.archive();
            assertThat(archive.search(text("bonjour")))
                    .extracting(CallSummary::id)
                    .containsExactly(call.id());
            assertThat(archive.search(text("ENTEND")))
                    .as("a word's start, any case")
                    .hasSize(1);
            assertThat(archive.search(text("etes tres")))
                    .as("accents folded, every word")
                    .hasSize(1);
            assertThat(archive.search(text("ÊTES")))
                    .as("accents folded in the search too")
                    .hasSize(1);
            assertThat(archive.search(text("bonjour goodbye")))
                    .as("every word must be there")
                    .isEmpty();
            assertThat(archive.search(text("\"*) OR (")))
                    .as("search syntax is only words")
                    .isEmpty();
            assertThat(archive.search(new CallQuery(
                            Optional.empty(),
                            Optional.of("4444"),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            10,
                            0)))
                    .hasSize(1);
            assertThat(archive.search(new CallQuery(
                            Optional.empty(),
                            Optional.of("5555"),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            10,
                            0)))
                    .isEmpty();
            assertThat(archive.search(new CallQuery(
                            Optional.of("5555-6666"),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            10,
                            0)))
                    .isEmpty();
            assertThat(archive.search(new CallQuery(
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of(T0),
                            Optional.of(T0 + 1),
                            Optional.empty(),
                            10,
                            0)))
                    .hasSize(1);
            assertThat(archive.search(new CallQuery(
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of(T0 + 1),
                            Optional.empty(),
                            Optional.empty(),
                            10,
                            0)))
                    .isEmpty();
            assertThat(history.health().state()).isEqualTo("ok");
            assertThat(history.health().dropped()).isZero();
            assertThat(history.health().database())
                    .startsWith(settings().database().isPresent() ? "postgresql://" : "sqlite:");
        }
    }

    @Test
    void aCallStillOpenWhenParleyStopsIsEndedAndWritten() throws Exception {
        EventBus bus = new EventBus();
        CallEvents events = new CallEvents(bus::publish);
        History history = History.start(settings(), List.of(CallEvents.CONFIG), bus, new MutableClock(T0), 1000);
        events.stats(T0, "3333", 10, 1);
        events.state(T0, BridgeState.State.WAITING);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> history.archive().search(CallQuery.all()).size() == 1);
        history.close();

        try (CallArchive archive = CallArchive.open(settings())) {
            CallSummary call = archive.search(CallQuery.all()).getFirst();
            assertThat(call.endedAt()).isNotNull();
            assertThat(call.endedBy()).isEqualTo("parley");
            assertThat(call.endReason()).isEqualTo("parley stopped");
        }
    }

    @Test
    void theSchemaMigratesFromThePreviousVersionAndSearchesWhatItHeld() throws Exception {
        try (Database v1 = Database.open(settings())) {
            v1.migrate(MigrationVersion.fromVersion("1"));
            try (Connection c = v1.connection();
                    Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO calls (id, node, bridge, mode, started_at, ended_at, duration_ms,"
                        + " updated_at) VALUES ('0b4f7c1e-0000-4000-8000-000000000001', 'old', '3333-4444',"
                        + " 'translate', " + T0 + ", " + (T0 + 5000) + ", 5000, " + (T0 + 5000) + ")");
                s.executeUpdate("INSERT INTO utterances (call_id, utterance_id, direction, speaker, listener,"
                        + " from_language, to_language, outcome, text, translation, note, speech_start, speech_end,"
                        + " stt_final, mt_done, tts_first_audio, playout_start, playout_end) VALUES"
                        + " ('0b4f7c1e-0000-4000-8000-000000000001', 7, '3333->4444', '3333', '4444', 'en', 'fr',"
                        + " 'played', 'The parcel arrived.', 'Le colis est arrivé.', '', 1, 2, 3, 4, 5, 6, 7)");
            }
        }

        try (History history =
                History.start(settings(), List.of(CallEvents.CONFIG), new EventBus(), new MutableClock(T0), 100)) {
            assertThat(history.archive().search(text("colis arrive")))
                    .extracting(CallSummary::id)
                    .containsExactly("0b4f7c1e-0000-4000-8000-000000000001");
            CallDetail old = history.archive()
                    .find("0b4f7c1e-0000-4000-8000-000000000001")
                    .orElseThrow();
            assertThat(old.utterances().getFirst().translation()).isEqualTo("Le colis est arrivé.");
            assertThat(old.recordings()).isEmpty();
        }
        try (Connection c = raw();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT version FROM flyway_schema_history WHERE success" + " ORDER BY installed_rank DESC")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(Database.VERSION);
        }
    }

    @Test
    void retentionDeletesCallsOlderThanItsDaysOnceADayAndClosesCallsWhoseNodeDied() throws Exception {
        MutableClock clock = new MutableClock(T0);
        long day = Retention.DAY_MILLIS;
        try (History history = History.start(settings(), List.of(CallEvents.CONFIG), new EventBus(), clock, 100)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> history.health().written() >= 1);
            try (Connection c = raw();
                    Statement s = c.createStatement()) {
                insertCall(
                        s, "00000000-0000-4000-8000-000000000091", T0 - 91 * day + day, T0 - 91 * day + day + 60_000);
                insertCall(s, "00000000-0000-4000-8000-000000000030", T0 - 30 * day, T0 - 30 * day + 60_000);
                // Open, and silent for longer than a live node would let it be.
                s.executeUpdate("INSERT INTO calls (id, node, bridge, mode, started_at, updated_at) VALUES"
                        + " ('00000000-0000-4000-8000-0000000000de', 'dead', 'b', 'crosspatch', " + (T0 - 3_600_000)
                        + ", " + (T0 - 3_000_000) + ")");
            }
            // Not yet a day since the purge at start: nothing goes.
            clock.advance(day - 1);
            assertThat(history.archive().search(CallQuery.all())).hasSize(3);

            clock.advance(1);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> history.archive()
                            .find("00000000-0000-4000-8000-000000000091")
                            .isEmpty());
            assertThat(history.archive().find("00000000-0000-4000-8000-000000000030"))
                    .isPresent();
            CallSummary dead = history.archive()
                    .find("00000000-0000-4000-8000-0000000000de")
                    .orElseThrow()
                    .call();
            assertThat(dead.endedAt()).isEqualTo(T0 - 3_000_000);
            assertThat(dead.endReason()).isEqualTo(CallStore.STALE_REASON);
            assertThat(history.archive().find("00000000-0000-4000-8000-000000000091"))
                    .isEmpty();
        }
    }

    private static void insertCall(Statement s, String id, long start, long end) throws Exception {
        s.executeUpdate("INSERT INTO calls (id, node, bridge, mode, started_at, ended_at, duration_ms, updated_at)"
                + " VALUES ('" + id + "', 'n', '3333-4444', 'translate', " + start + ", " + end + ", " + (end - start)
                + ", " + end + ")");
        s.executeUpdate("INSERT INTO utterances (call_id, utterance_id, direction, speaker, listener, from_language,"
                + " to_language, outcome, text, translation, note, speech_start, speech_end, stt_final, mt_done,"
                + " tts_first_audio, playout_start, playout_end) VALUES ('" + id + "', 1, 'a->b', 'a', 'b', 'en', 'fr',"
                + " 'played', 'old words', 'vieux mots', '', 0, 0, 0, 0, 0, 0, 0)");
    }
}
