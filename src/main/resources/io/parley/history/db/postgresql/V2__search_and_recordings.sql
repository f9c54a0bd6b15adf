-- Version 2: full-text search over what was said and how it was translated (the 'simple'
-- configuration: no stemming, since one call mixes languages; lower-case with the accents of
-- Latin letters folded, as SQLite's index does, so that "etes" finds "êtes"), a generated column
-- that PostgreSQL fills for the rows version 1 already holds; and the recordings of each leg.
-- translate() rather than the unaccent extension: a generated column needs an immutable
-- expression, and the history's user may not be allowed to create extensions.

ALTER TABLE utterances ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', translate(lower(text || ' ' || translation),
        'àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳ',
        'aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzouaiouuuuuaagkoojgnaaaeeiioorruusthaeooooy'))) STORED;
CREATE INDEX utterances_search ON utterances USING GIN (search);

CREATE TABLE recordings (
    call_id     VARCHAR(36) NOT NULL,
    extension   TEXT        NOT NULL,
    kind        TEXT        NOT NULL,
    path        TEXT        NOT NULL,
    started_at  BIGINT      NOT NULL,
    duration_ms BIGINT      NOT NULL,
    sample_rate INTEGER     NOT NULL,
    PRIMARY KEY (call_id, extension, kind)
);
CREATE INDEX recordings_started ON recordings (started_at);
