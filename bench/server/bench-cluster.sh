#!/usr/bin/env bash
# make bench-cluster (issue 11): a throwaway cluster (scripts/cluster.sh --no-dashboard: PostgreSQL,
# N instances, HAProxy) on a quiet league, then bench/server/cluster-fanout.sh against its
# instances, then everything stopped.
#   bench/server/bench-cluster.sh [BUILD_DIR]
# LEAGUEDESK_BENCH_INSTANCES (default 3), LEAGUEDESK_BENCH_CLIENTS (total, default 48000),
# LEAGUEDESK_BENCH_SAMPLES (default 10).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-build}" && pwd)
instances=${LEAGUEDESK_BENCH_INSTANCES:-3}
ulimit -n "$(ulimit -Hn)" # every instance inherits it: its share of the clients needs the files
out=$(mktemp)
cluster_pid=""
cleanup() {
  # TERM, not INT: a background job of a script ignores SIGINT.
  [ -n "$cluster_pid" ] && kill -TERM "$cluster_pid" 2>/dev/null && wait "$cluster_pid" 2>/dev/null || true
  rm -f "$out"
}
trap cleanup EXIT INT TERM
"$root/scripts/cluster.sh" --build "$build" --instances "$instances" --no-dashboard --no-simulate -- \
  --rate-limit 0 --max-connections-per-address 0 --max-connections 20000 >"$out" 2>&1 &
cluster_pid=$!
# Bounded wait for the cluster's "database" line (it prints it last, once everything answers).
for _ in $(seq 600); do
  grep -q '^database ' "$out" && break
  kill -0 "$cluster_pid" 2>/dev/null || { cat "$out" >&2; exit 1; }
  sleep 0.1
done
grep -q '^database ' "$out" || { echo "bench-cluster: the cluster did not come up in 60 s" >&2; cat "$out" >&2; exit 1; }
tokens=$(sed -n 's/^tokens //p' "$out")
targets=$(sed -n 's|^instance http://||p' "$out" | paste -sd, -)
"$root/bench/server/cluster-fanout.sh" "$build" "$tokens" "$targets"
