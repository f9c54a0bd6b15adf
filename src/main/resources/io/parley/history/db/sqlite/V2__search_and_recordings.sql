-- Version 2: full-text search over what was said and how it was translated (FTS5, accents folded,
-- so that "etes" finds "êtes"), kept in step with the utterances by triggers and built for the rows
-- version 1 already holds; and the recordings of each leg.

CREATE VIRTUAL TABLE utterance_search USING fts5(
    text, translation,
    content = 'utterances', content_rowid = 'row_id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER utterances_search_insert AFTER INSERT ON utterances BEGIN
    INSERT INTO utterance_search (rowid, text, translation) VALUES (new.row_id, new.text, new.translation);
END;

CREATE TRIGGER utterances_search_delete AFTER DELETE ON utterances BEGIN
    INSERT INTO utterance_search (utterance_search, rowid, text, translation)
    VALUES ('delete', old.row_id, old.text, old.translation);
END;

CREATE TRIGGER utterances_search_update AFTER UPDATE OF text, translation ON utterances BEGIN
    INSERT INTO utterance_search (utterance_search, rowid, text, translation)
    VALUES ('delete', old.row_id, old.text, old.translation);
    INSERT INTO utterance_search (rowid, text, translation) VALUES (new.row_id, new.text, new.translation);
END;

INSERT INTO utterance_search (utterance_search) VALUES ('rebuild');

CREATE TABLE recordings (
    call_id     TEXT    NOT NULL,
    extension   TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    path        TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    sample_rate INTEGER NOT NULL,
    PRIMARY KEY (call_id, extension, kind)
);
CREATE INDEX recordings_started ON recordings (started_at);
