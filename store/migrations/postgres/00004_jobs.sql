-- +goose Up
-- Job postings (issue 4). Searched by city, then trade, newest first; a posting is shown only
-- while expires_at > now. Times are UTC. sample marks the postings Gongyou ships as examples.
CREATE TABLE jobs (
    id          TEXT    PRIMARY KEY,
    sample      BOOLEAN NOT NULL DEFAULT FALSE,
    title       TEXT    NOT NULL,
    employer    TEXT    NOT NULL,
    verified    TEXT    NOT NULL DEFAULT '',   -- '' | 'licence' | 'public'
    licence     TEXT    NOT NULL DEFAULT '',   -- 统一社会信用代码
    city        TEXT    NOT NULL,              -- Chinese name, as knowledge.FindCity gives it
    district    TEXT    NOT NULL DEFAULT '',
    trade       TEXT    NOT NULL,
    pay_min     DOUBLE PRECISION NOT NULL,
    pay_max     DOUBLE PRECISION NOT NULL,
    pay_unit    TEXT    NOT NULL,              -- hour | day | month | piece
    hours       TEXT    NOT NULL DEFAULT '',
    housing     TEXT    NOT NULL DEFAULT '',
    meals       TEXT    NOT NULL DEFAULT '',
    contract    BOOLEAN NOT NULL DEFAULT FALSE,
    insurance   BOOLEAN NOT NULL DEFAULT FALSE,
    apply       TEXT    NOT NULL,
    details     TEXT    NOT NULL DEFAULT '',
    source      TEXT    NOT NULL,
    posted_at   TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX jobs_city_trade ON jobs (city, trade, posted_at DESC, id, expires_at);
CREATE INDEX jobs_city ON jobs (city, posted_at DESC, id, expires_at);
CREATE INDEX jobs_expires ON jobs (expires_at);

-- Public employment service centres, odd-job markets (零工市场) and official online services.
CREATE TABLE stations (
    id          TEXT    PRIMARY KEY,
    city        TEXT    NOT NULL,              -- a city, or 全国
    district    TEXT    NOT NULL DEFAULT '',
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL DEFAULT '',
    address     TEXT    NOT NULL DEFAULT '',
    hours       TEXT    NOT NULL DEFAULT '',
    services    TEXT    NOT NULL,
    how_to_find TEXT    NOT NULL DEFAULT '',
    source      TEXT    NOT NULL,
    checked     TEXT    NOT NULL,              -- YYYY-MM-DD
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX stations_city ON stations (city, kind, id);

-- +goose Down
DROP TABLE stations;
DROP TABLE jobs;
