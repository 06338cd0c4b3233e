#!/bin/sh
# Runs the server tests against a throwaway PostgreSQL cluster:
#   tests/server/pg-tests.sh [BUILD_DIR [NAME TEST...]]      (default: build)
# With NAME and TESTs (paths under BUILD_DIR/tests) it runs those instead, in BUILD_DIR/pg-NAME
# (tests/server/tst_server_cluster runs this way, several servers on one database).
# initdb into BUILD_DIR/pg (fsync off, trust auth, C locale), start it on a free loopback port with
# its unix socket inside BUILD_DIR/pg, run tst_server_api, tst_server_money and the PROTOCOL.md
# conformance suite (tests/conformance) with
# LEAGUEDESK_TEST_DATABASE pointing at it (each server gets a fresh database), stop and delete the
# cluster afterwards, whatever happened. LEAGUEDESK_TEST_PG_STOP / LEAGUEDESK_TEST_PG_START are
# shell commands that stop and start it again (tests that restart PostgreSQL under servers).
# As root, the cluster runs as the `postgres` user (PostgreSQL refuses to run as root). Exit code: that of the tests; 77 if PostgreSQL is missing.
set -eu

BUILD=$(cd "${1:-build}" && pwd)
[ $# -gt 0 ] && shift
NAME=""
TESTS="server/tst_server_api server/tst_server_money conformance/tst_conformance"
if [ $# -gt 1 ]; then
    NAME=-$1
    shift
    TESTS="$*"
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    echo "pg-tests: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
    exit 77
fi

ROOT=$BUILD/pg$NAME
DATA=$ROOT/data
SOCK=$ROOT/sock
rm -rf "$ROOT"
mkdir -p "$SOCK"

RUNAS=""
if [ "$(id -u)" = 0 ]; then
    chown -R postgres "$ROOT"
    RUNAS="runuser -u postgres --"
fi

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
    $RUNAS "$PGBIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$ROOT"
}
trap stop EXIT INT TERM

$RUNAS "$PGBIN/initdb" -D "$DATA" -U leaguedesk --auth=trust --no-locale -E UTF8 >"$ROOT/initdb.log" 2>&1 \
    || { cat "$ROOT/initdb.log" >&2; exit 1; }
PGOPTS="-c listen_addresses=127.0.0.1 -p $PORT -k $SOCK -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
$RUNAS "$PGBIN/pg_ctl" -D "$DATA" -l "$ROOT/server.log" -w -t 30 -o "$PGOPTS" start >/dev/null \
    || { cat "$ROOT/server.log" >&2; exit 1; }
# Tests that take the database away under running servers (tst_server_cluster) run these.
export LEAGUEDESK_TEST_PG_STOP="$RUNAS $PGBIN/pg_ctl -D $DATA -m fast -w -t 30 stop"
export LEAGUEDESK_TEST_PG_START="$RUNAS $PGBIN/pg_ctl -D $DATA -l $ROOT/server.log -w -t 30 -o '$PGOPTS' start"

export LEAGUEDESK_TEST_DATABASE="postgres://leaguedesk@127.0.0.1:$PORT/"
export QT_QPA_PLATFORM=offscreen
echo "pg-tests: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"

status=0
for test in $TESTS; do
    echo "pg-tests: $test"
    "$BUILD/tests/$test" || status=1
done
exit $status
