-- LeagueDesk reference server, schema version 1 (PostgreSQL variant: BIGINT money, BIGSERIAL ids).
-- Statements are separated by a semicolon at the end of a line (Database splits on that).

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE teams (
    team_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    manager TEXT NOT NULL,
    squad_revision BIGINT NOT NULL DEFAULT 1,
    wallet_revision BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE players (
    player_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    position TEXT NOT NULL CHECK (position IN ('GK', 'DEF', 'MID', 'FWD')),
    club TEXT NOT NULL
);

-- One balance per team and currency; balance + spent == initial_budget at all times.
CREATE TABLE wallets (
    team_id TEXT NOT NULL REFERENCES teams(team_id),
    currency_type TEXT NOT NULL,
    initial_budget BIGINT NOT NULL,
    balance BIGINT NOT NULL,
    spent BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (team_id, currency_type)
);

CREATE TABLE rounds (
    round_id TEXT PRIMARY KEY,
    position TEXT NOT NULL,
    currency_type TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'finalized')),
    closes_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    finalized_at TEXT
);

CREATE TABLE round_players (
    round_id TEXT NOT NULL REFERENCES rounds(round_id),
    player_id TEXT NOT NULL REFERENCES players(player_id),
    PRIMARY KEY (round_id, player_id)
);

-- Sealed bids: one per team and player in a round, replaced by a later one.
CREATE TABLE bids (
    round_id TEXT NOT NULL REFERENCES rounds(round_id),
    player_id TEXT NOT NULL REFERENCES players(player_id),
    team_id TEXT NOT NULL REFERENCES teams(team_id),
    amount BIGINT NOT NULL CHECK (amount >= 1),
    ts TEXT NOT NULL,
    PRIMARY KEY (round_id, player_id, team_id)
);

-- A player belongs to at most one squad.
CREATE TABLE squad_players (
    player_id TEXT PRIMARY KEY REFERENCES players(player_id),
    team_id TEXT NOT NULL REFERENCES teams(team_id),
    price BIGINT NOT NULL,
    currency_type TEXT NOT NULL,
    round_id TEXT NOT NULL,
    acquired_at TEXT NOT NULL
);
CREATE INDEX squad_players_team ON squad_players(team_id);

CREATE TABLE transactions (
    id BIGSERIAL PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(team_id),
    ts TEXT NOT NULL,
    currency_type TEXT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount > 0),
    kind TEXT NOT NULL CHECK (kind IN ('spend', 'refund')),
    player_id TEXT,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX transactions_team ON transactions(team_id, id);

CREATE TABLE tiebreakers (
    tiebreaker_id TEXT PRIMARY KEY,
    player_id TEXT NOT NULL REFERENCES players(player_id),
    round_id TEXT NOT NULL REFERENCES rounds(round_id),
    currency_type TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'resolved', 'cancelled')),
    starting_amount BIGINT NOT NULL,
    min_increment BIGINT NOT NULL,
    deadline TEXT NOT NULL,
    winner_team_id TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE tiebreaker_participants (
    tiebreaker_id TEXT NOT NULL REFERENCES tiebreakers(tiebreaker_id),
    team_id TEXT NOT NULL REFERENCES teams(team_id),
    PRIMARY KEY (tiebreaker_id, team_id)
);

CREATE TABLE tiebreaker_bids (
    id BIGSERIAL PRIMARY KEY,
    tiebreaker_id TEXT NOT NULL REFERENCES tiebreakers(tiebreaker_id),
    team_id TEXT NOT NULL REFERENCES teams(team_id),
    amount BIGINT NOT NULL,
    ts TEXT NOT NULL
);

-- Only SHA-256 hashes of tokens are kept; the tokens themselves leave through --tokens-out.
CREATE TABLE tokens (
    token_hash TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager')),
    team_id TEXT REFERENCES teams(team_id),
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Live channel history, so `since` recovery survives restarts (the epoch lives in meta).
CREATE TABLE live_events (
    channel TEXT NOT NULL,
    seq BIGINT NOT NULL,
    ts TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (channel, seq)
);
