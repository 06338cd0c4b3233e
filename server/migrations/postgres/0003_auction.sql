-- Schema version 3: protocol 1.1 (league-wide revisions, what a tiebreaker's winner paid).

-- One row per league-wide resource: 'rounds' (the rounds list) and 'players' (the catalogue).
-- A request that changes the resource bumps its value once.
CREATE TABLE league_revisions (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO league_revisions(name, value) VALUES('rounds', 1);
INSERT INTO league_revisions(name, value) VALUES('players', 1);

-- What the winner paid; null unless resolved. Older resolved tiebreakers get it from the
-- winner's spend transaction, which names the tiebreaker.
ALTER TABLE tiebreakers ADD COLUMN winning_amount BIGINT;
UPDATE tiebreakers SET winning_amount = (
    SELECT MAX(x.amount) FROM transactions x
    WHERE x.team_id = tiebreakers.winner_team_id AND x.player_id = tiebreakers.player_id
      AND x.kind = 'spend' AND x.note LIKE '% in tiebreaker ' || tiebreakers.tiebreaker_id)
WHERE status = 'resolved';

-- GET /rounds/{id}/bids for one team.
CREATE INDEX bids_round_team ON bids(round_id, team_id);
