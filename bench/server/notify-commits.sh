#!/bin/sh
# How many committing transactions per second one PostgreSQL takes when each one NOTIFYs, next to
# the same transactions without NOTIFY (docs/SERVER.md, "Several instances"):
#   bench/server/notify-commits.sh [CLIENTS [SECONDS [SYNC]]]   (default 8 clients, 10 s, SYNC=on)
# SYNC=off runs with synchronous_commit=off, which takes the disk out and leaves the lock.
# Each transaction is what a LeagueDesk change costs the bus: take the next seq of one of 64
# channels (UPDATE ... RETURNING), insert the event row, and (second run) NOTIFY. A throwaway
# cluster in a temporary directory. Needs pgbench.
set -eu
CLIENTS=${1:-8}
SECONDS_RUN=${2:-10}
SYNC=${3:-on}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -x "$PGBIN/pgbench" ] || { echo "notify-commits: pgbench not found (apt-get install postgresql)" >&2; exit 77; }
ROOT=$(mktemp -d)
RUNAS=""
if [ "$(id -u)" = 0 ]; then chown postgres "$ROOT"; RUNAS="runuser -u postgres --"; fi
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop() { $RUNAS "$PGBIN/pg_ctl" -D "$ROOT/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$ROOT"; }
trap stop EXIT INT TERM
$RUNAS "$PGBIN/initdb" -D "$ROOT/data" -U bench --auth=trust --no-locale -E UTF8 >/dev/null
$RUNAS "$PGBIN/pg_ctl" -D "$ROOT/data" -l "$ROOT/log" -w -o "-c listen_addresses=127.0.0.1 -p $PORT -k $ROOT -c max_connections=200 -c synchronous_commit=$SYNC" start >/dev/null
PSQL="$PGBIN/psql -h 127.0.0.1 -p $PORT -U bench -d postgres -q"
$PSQL -c "CREATE TABLE live_channels(channel TEXT PRIMARY KEY, seq BIGINT NOT NULL);
          INSERT INTO live_channels SELECT 'team:' || g, 0 FROM generate_series(1, 64) g;
          CREATE TABLE live_events(channel TEXT, seq BIGINT, ts TEXT, type TEXT, data TEXT, PRIMARY KEY(channel, seq));"
cat > "$ROOT/plain.sql" <<'SQL'
\set c random(1, 64)
BEGIN;
UPDATE live_channels SET seq = seq + 1 WHERE channel = 'team:' || :c RETURNING seq \gset
INSERT INTO live_events VALUES('team:' || :c, :seq, now()::text, 'round_bid', '{"amount": 1}');
COMMIT;
SQL
sed 's/^COMMIT;/NOTIFY leaguedesk_live;\nCOMMIT;/' "$ROOT/plain.sql" > "$ROOT/notify.sql"
chmod a+r "$ROOT"/*.sql
for script in plain notify; do
    tps=$("$PGBIN/pgbench" -h 127.0.0.1 -p "$PORT" -U bench -n -c "$CLIENTS" -j 2 -T "$SECONDS_RUN" -f "$ROOT/$script.sql" postgres 2>/dev/null \
          | awk '/^tps/ {print int($3)}')
    echo "notify-commits: $script: $tps commits/s ($CLIENTS clients, ${SECONDS_RUN} s, synchronous_commit=$SYNC)"
done
