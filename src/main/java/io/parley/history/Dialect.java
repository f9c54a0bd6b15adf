package io.parley.history;

import java.util.List;
import java.util.stream.Collectors;

/** What differs between the two databases: where their migrations are, and how text is searched. */
enum Dialect {
    /** FTS5 over the utterances ({@code utterance_search}); each word a quoted prefix query. */
    SQLITE(
            "sqlite",
            "c.id IN (SELECT u.call_id FROM utterances u JOIN utterance_search s ON s.rowid = u.row_id"
                    + " WHERE utterance_search MATCH ?)"),
    /** A generated tsvector over text and translation with a GIN index; each word a prefix lexeme. */
    POSTGRESQL("postgresql", "c.id IN (SELECT u.call_id FROM utterances u WHERE u.search @@ to_tsquery('simple', ?))");

    private final String key;
    private final String textCondition;

    Dialect(String key, String textCondition) {
        this.key = key;
        this.textCondition = textCondition;
    }

    static Dialect of(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL : SQLITE;
    }

    /** Flyway's location of this database's migrations. */
    String migrations() {
        return "classpath:io/parley/history/db/" + key;
    }

    /** The condition on calls {@code c} that a text search adds; one parameter, {@link #textQuery}. */
    String textCondition() {
        return textCondition;
    }

    /** The search expression for {@code words}: all of them, each also as the start of a longer word. */
    String textQuery(List<String> words) {
        return switch (this) {
            // Words hold only letters and digits (CallQuery.words), so quoting cannot be broken out of.
            case SQLITE -> words.stream().map(w -> "\"" + w + "\"*").collect(Collectors.joining(" AND "));
            case POSTGRESQL -> words.stream().map(w -> w + ":*").collect(Collectors.joining(" & "));
        };
    }
}
