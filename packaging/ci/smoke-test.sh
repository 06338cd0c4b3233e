#!/usr/bin/env bash
# Launch smoke test of an installed LeagueDesk (release workflow, every platform):
#   --version of the dashboard and the server print VERSION; then the installed server runs a
#   demo league and the dashboard, offscreen, signs in to it for a few seconds without any
#   "module ... is not installed" or other QML error, and fetches the squad.
# Usage: smoke-test.sh VERSION DASHBOARD_EXE SERVER_EXE
set -euo pipefail
version="$1" dashboard="$2" server="$3"
work="$(mktemp -d)"
export QT_QPA_PLATFORM=offscreen QT_FORCE_STDERR_LOGGING=1 QT_COMMAND_LINE_PARSER_NO_GUI_MESSAGE_BOXES=1

fail() { echo "FAIL: $*" >&2; exit 1; }

for exe in "$dashboard" "$server"; do
  out="$("$exe" --version 2>&1 | tr -d '\r')" || fail "$exe --version exited non-zero: $out"
  echo "$exe --version: $out"
  grep -q "$version" <<<"$out" || fail "$exe --version does not say $version"
done

"$server" --listen 127.0.0.1:0 --database "sqlite:$work/league.db" --demo --tokens-out "$work/tokens.json" \
  >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 150); do
  url="$(tr -d '\r' <"$work/server.out" | sed -n 's/^listening on //p')"
  [ -n "$url" ] && break
  sleep 0.2
done
[ -n "$url" ] || { cat "$work/server.log"; fail "the server did not start"; }
token="$(tr -d '\r\n ' <"$work/tokens.json" | sed -n 's/.*"SSPSLT0001":"\([^"]*\)".*/\1/p')"
[ -n "$token" ] || fail "no token for SSPSLT0001"

"$dashboard" --server "$url" --token "$token" >"$work/dashboard.log" 2>&1 &
dashboard_pid=$!
# Wait (bounded) until the dashboard has fetched the squad, or has died.
for _ in $(seq 1 150); do
  grep -q '/teams/SSPSLT0001/squad' "$work/server.log" && break
  kill -0 "$dashboard_pid" 2>/dev/null || break
  sleep 0.2
done
if kill -0 "$dashboard_pid" 2>/dev/null; then
  kill "$dashboard_pid" 2>/dev/null || true
  wait "$dashboard_pid" 2>/dev/null || true
else
  wait "$dashboard_pid" || true
  cat "$work/dashboard.log"
  fail "the dashboard exited before fetching the squad"
fi
sed 's/^/   | /' "$work/dashboard.log"
if grep -Eq 'is not installed|Cannot load library|failed to load component|is not a type|qrc:/[^ ]*\.qml:[0-9]+' "$work/dashboard.log"; then
  fail "the installed dashboard reported QML errors"
fi
grep -q '/teams/SSPSLT0001/squad' "$work/server.log" || { tail -20 "$work/server.log"; fail "the dashboard never fetched the squad"; }
echo "smoke test passed"
