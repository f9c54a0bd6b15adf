-- Call history, version 1: one row per call, per leg, per utterance and per engine fault.
-- Times are epoch milliseconds. Children carry their call's id without a foreign key: rows are
-- written as the call goes, through a queue that may drop under pressure, and a child must never
-- be refused because its call's row came later; retention deletes children explicitly.
-- Utterances have an explicit integer key so that the search index of version 2 can follow their
-- rows (an implicit rowid may change on VACUUM).

CREATE TABLE calls (
    id          TEXT    NOT NULL PRIMARY KEY,
    node        TEXT    NOT NULL,
    bridge      TEXT    NOT NULL,
    mode        TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,
    answered_at INTEGER,
    ended_at    INTEGER,
    duration_ms INTEGER,
    ended_by    TEXT,
    end_reason  TEXT,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX calls_started ON calls (started_at);
CREATE INDEX calls_bridge_started ON calls (bridge, started_at);

CREATE TABLE call_legs (
    call_id       TEXT    NOT NULL,
    extension     TEXT    NOT NULL,
    language      TEXT    NOT NULL,
    codec         TEXT    NOT NULL,
    channel_id    TEXT,
    joined_at     INTEGER,
    left_at       INTEGER,
    left_reason   TEXT,
    remote        TEXT,
    packets_in    INTEGER NOT NULL DEFAULT 0,
    packets_out   INTEGER NOT NULL DEFAULT 0,
    bytes_in      INTEGER NOT NULL DEFAULT 0,
    bytes_out     INTEGER NOT NULL DEFAULT 0,
    lost          INTEGER NOT NULL DEFAULT 0,
    duplicates    INTEGER NOT NULL DEFAULT 0,
    reordered     INTEGER NOT NULL DEFAULT 0,
    late          INTEGER NOT NULL DEFAULT 0,
    concealed     INTEGER NOT NULL DEFAULT 0,
    discarded     INTEGER NOT NULL DEFAULT 0,
    malformed     TEXT    NOT NULL DEFAULT '{}',
    jitter_ms     REAL    NOT NULL DEFAULT 0,
    max_jitter_ms REAL    NOT NULL DEFAULT 0,
    PRIMARY KEY (call_id, extension)
);
CREATE INDEX call_legs_extension ON call_legs (extension);

CREATE TABLE utterances (
    row_id          INTEGER PRIMARY KEY,
    call_id         TEXT    NOT NULL,
    utterance_id    INTEGER NOT NULL,
    direction       TEXT    NOT NULL,
    speaker         TEXT    NOT NULL,
    listener        TEXT    NOT NULL,
    from_language   TEXT    NOT NULL,
    to_language     TEXT    NOT NULL,
    outcome         TEXT    NOT NULL,
    text            TEXT    NOT NULL,
    translation     TEXT    NOT NULL,
    note            TEXT    NOT NULL,
    speech_start    INTEGER NOT NULL,
    speech_end      INTEGER NOT NULL,
    stt_final       INTEGER NOT NULL,
    mt_done         INTEGER NOT NULL,
    tts_first_audio INTEGER NOT NULL,
    playout_start   INTEGER NOT NULL,
    playout_end     INTEGER NOT NULL,
    UNIQUE (call_id, utterance_id)
);

CREATE TABLE faults (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    call_id   TEXT    NOT NULL,
    at        INTEGER NOT NULL,
    stage     TEXT    NOT NULL,
    engine    TEXT    NOT NULL,
    message   TEXT    NOT NULL,
    restarted INTEGER NOT NULL
);
CREATE INDEX faults_call ON faults (call_id);
