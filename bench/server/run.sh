#!/usr/bin/env bash
# Server benchmarks on loopback (docs/PERFORMANCE.md, "## Server"):
#   1. REST: GET /teams/{id}/squad requests/s with keep-alive (wrk, Debian package `wrk`), next to
#      GET /me (authentication only) and a 304 revalidation of the squad, same server, same run.
#   2. Live fan-out: one event to 1, 1000 and 5000 subscribed WebSocket clients (leaguedesk-bench-loadgen,
#      bench/server/loadgen; servers.sh starts the server). `make bench-fanout` compares with Node + ws.
# Usage: bench/server/run.sh [BUILD_DIR]; LEAGUEDESK_BENCH_SECONDS (per wrk run, default 5),
# LEAGUEDESK_BENCH_CLIENTS (default 1,1000,5000), LEAGUEDESK_BENCH_SAMPLES (default 15),
# LEAGUEDESK_BENCH_ONLY (rest or fanout: run only that half).
set -euo pipefail
build_dir=$(cd "${1:-build}" && pwd)
server="$build_dir/server/leaguedesk-server"
fanout="$build_dir/bench/server/loadgen/leaguedesk-bench-loadgen"
only=${LEAGUEDESK_BENCH_ONLY:-}
if [ "$only" = rest ]; then
  [ -x "$server" ] || cmake --build "$build_dir" --target leaguedesk-server
else
  [ -x "$server" ] && [ -x "$fanout" ] || cmake --build "$build_dir" --target leaguedesk-server leaguedesk-bench-loadgen
fi
seconds=${LEAGUEDESK_BENCH_SECONDS:-5}
# 5000 client sockets in the bench and 5000 in the server (a child, so it inherits this).
ulimit -n "$(ulimit -Hn)"

tmp=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME"), $(date -u +%Y-%m-%dT%H:%MZ)"

if [ "$only" = fanout ]; then
  :
elif command -v wrk >/dev/null; then
  # --rate-limit 0: the per-token limit would answer 429 after 100 requests. Logs go to a file
  # (one line per request is part of the server's real cost).
  "$server" --listen 127.0.0.1:0 --database "sqlite:$tmp/league.db" --demo --tokens-out "$tmp/tokens.json" \
    --rate-limit 0 >"$tmp/stdout" 2>"$tmp/server.log" &
  server_pid=$!
  for _ in $(seq 100); do grep -q listening "$tmp/stdout" 2>/dev/null && break; sleep 0.1; done
  url=$(sed -n 's/^listening on //p' "$tmp/stdout")
  token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["managers"]["SSPSLT0001"])' "$tmp/tokens.json")
  etag=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $token" "$url/api/v1/teams/SSPSLT0001/squad" \
    | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
  # One wrk thread and 16 keep-alive connections: wrk gets one core, the server the other.
  measure() { # name path [header]
    local name=$1 path=$2 extra=() runs=()
    [ $# -ge 3 ] && extra=(-H "$3")
    for _ in 1 2 3; do
      runs+=("$(wrk -t1 -c16 -d"${seconds}s" -H "Authorization: Bearer $token" "${extra[@]}" "$url$path" \
        | awk '/Requests\/sec/ {print $2}')")
    done
    local median
    median=$(printf '%s\n' "${runs[@]}" | sort -g | sed -n 2p)
    echo "rest $name requests_per_s_median=$median runs=${runs[*]}"
    eval "rps_$name=$median"
  }
  measure me /api/v1/me
  measure squad /api/v1/teams/SSPSLT0001/squad
  measure squad_304 /api/v1/teams/SSPSLT0001/squad "If-None-Match: $etag"
  echo "rest squad_vs_me=$(python3 -c "print(f'{$rps_squad / $rps_me:.2f}')") squad_304_vs_squad=$(python3 -c "print(f'{$rps_squad_304 / $rps_squad:.2f}')")"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
else
  echo "rest: skipped, wrk is not installed (apt-get install wrk)" >&2
fi

[ "$only" = rest ] && exit 0

. "$(dirname "$0")/servers.sh"
trap 'stop_server; cleanup' EXIT
trap 'exit 130' INT TERM
samples=${LEAGUEDESK_BENCH_SAMPLES:-15}
first=""
IFS=, read -ra counts <<<"${LEAGUEDESK_BENCH_CLIENTS:-1,1000,5000}"
for n in "${counts[@]}"; do
  line=$(run_loadgen ours "$n" "$samples")
  first=${first:-$(sed -n 's/.* p50_ms=\([0-9.]*\).*/\1/p' <<<"$line")}
  p50=$(sed -n 's/.* p50_ms=\([0-9.]*\).*/\1/p' <<<"$line")
  echo "$line p50_vs_${counts[0]}_clients=$(python3 -c "print(f'{$p50 / $first:.1f}x')")"
done

# The same 5000-client fan-out on GLib's event dispatcher (QT_NO_GLIB set but empty), which the
# server used before it picked Qt's UNIX dispatcher itself: the ratio to the line above is the gain.
echo "glib dispatcher, for comparison:"
QT_NO_GLIB= run_loadgen ours 5000 "$samples"
