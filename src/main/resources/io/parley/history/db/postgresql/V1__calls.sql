-- Call history, version 1: one row per call, per leg, per utterance and per engine fault.
-- Times are epoch milliseconds. Children carry their call's id without a foreign key: rows are
-- written as the call goes, through a queue that may drop under pressure, and a child must never
-- be refused because its call's row came later; retention deletes children explicitly.

CREATE TABLE calls (
    id          VARCHAR(36) NOT NULL PRIMARY KEY,
    node        TEXT        NOT NULL,
    bridge      TEXT        NOT NULL,
    mode        TEXT        NOT NULL,
    started_at  BIGINT      NOT NULL,
    answered_at BIGINT,
    ended_at    BIGINT,
    duration_ms BIGINT,
    ended_by    TEXT,
    end_reason  TEXT,
    updated_at  BIGINT      NOT NULL
);
CREATE INDEX calls_started ON calls (started_at);
CREATE INDEX calls_bridge_started ON calls (bridge, started_at);

CREATE TABLE call_legs (
    call_id       VARCHAR(36)      NOT NULL,
    extension     TEXT             NOT NULL,
    language      TEXT             NOT NULL,
    codec         TEXT             NOT NULL,
    channel_id    TEXT,
    joined_at     BIGINT,
    left_at       BIGINT,
    left_reason   TEXT,
    remote        TEXT,
    packets_in    BIGINT           NOT NULL DEFAULT 0,
    packets_out   BIGINT           NOT NULL DEFAULT 0,
    bytes_in      BIGINT           NOT NULL DEFAULT 0,
    bytes_out     BIGINT           NOT NULL DEFAULT 0,
    lost          BIGINT           NOT NULL DEFAULT 0,
    duplicates    BIGINT           NOT NULL DEFAULT 0,
    reordered     BIGINT           NOT NULL DEFAULT 0,
    late          BIGINT           NOT NULL DEFAULT 0,
    concealed     BIGINT           NOT NULL DEFAULT 0,
    discarded     BIGINT           NOT NULL DEFAULT 0,
    malformed     TEXT             NOT NULL DEFAULT '{}',
    jitter_ms     DOUBLE PRECISION NOT NULL DEFAULT 0,
    max_jitter_ms DOUBLE PRECISION NOT NULL DEFAULT 0,
    PRIMARY KEY (call_id, extension)
);
CREATE INDEX call_legs_extension ON call_legs (extension);

CREATE TABLE utterances (
    call_id         VARCHAR(36) NOT NULL,
    utterance_id    BIGINT      NOT NULL,
    direction       TEXT        NOT NULL,
    speaker         TEXT        NOT NULL,
    listener        TEXT        NOT NULL,
    from_language   TEXT        NOT NULL,
    to_language     TEXT        NOT NULL,
    outcome         TEXT        NOT NULL,
    text            TEXT        NOT NULL,
    translation     TEXT        NOT NULL,
    note            TEXT        NOT NULL,
    speech_start    BIGINT      NOT NULL,
    speech_end      BIGINT      NOT NULL,
    stt_final       BIGINT      NOT NULL,
    mt_done         BIGINT      NOT NULL,
    tts_first_audio BIGINT      NOT NULL,
    playout_start   BIGINT      NOT NULL,
    playout_end     BIGINT      NOT NULL,
    PRIMARY KEY (call_id, utterance_id)
);

CREATE TABLE faults (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id   VARCHAR(36) NOT NULL,
    at        BIGINT      NOT NULL,
    stage     TEXT        NOT NULL,
    engine    TEXT        NOT NULL,
    message   TEXT        NOT NULL,
    restarted BOOLEAN     NOT NULL
);
CREATE INDEX faults_call ON faults (call_id);
