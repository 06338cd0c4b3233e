-- One counter row per live channel: append() takes the next seq with an UPDATE of this row inside
-- the change's transaction, so writers on several server instances queue on the row and can never
-- hand out the same seq or leave a gap (docs/SERVER.md, "Several instances"). Starts from the
-- history already numbered.
CREATE TABLE live_channels (
    channel TEXT PRIMARY KEY,
    seq BIGINT NOT NULL
);
INSERT INTO live_channels(channel, seq) SELECT channel, MAX(seq) FROM live_events GROUP BY channel;
