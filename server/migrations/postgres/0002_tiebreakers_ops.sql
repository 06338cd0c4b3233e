-- Schema version 2: soft-deleted rounds, idempotency keys, token revocation counter.

-- A deleted round stays as a row (tiebreakers and transactions keep pointing at it) but is
-- invisible to the API.
ALTER TABLE rounds ADD COLUMN deleted_at TEXT;

-- Idempotency-Key answers, scoped to the token (hash) and path, kept at least 24 hours.
CREATE TABLE idempotency_keys (
    token_hash TEXT NOT NULL,
    path TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (token_hash, path, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);

CREATE INDEX tiebreakers_status_deadline ON tiebreakers(status, deadline);
CREATE INDEX tiebreakers_round ON tiebreakers(round_id);
CREATE INDEX squad_players_round ON squad_players(round_id);
