#!/usr/bin/env bash
# The load side of `make bench-cluster` (issue 11): live fan-out over several leaguedesk-server
# instances on one PostgreSQL, the clients connected straight to the instances (no balancer in
# the live path), spread evenly; the trigger (the admin's tiebreaker resolve, one event) goes to
# the first instance, so every other instance delivers what it heard from PostgreSQL. Then, as the
# same-run baseline, the same event with TOTAL / instances clients on the first instance alone.
#
#   bench/server/cluster-fanout.sh BUILD_DIR TOKENS_FILE HOST:PORT,HOST:PORT,...
#
# TOKENS_FILE is a --tokens-out file of one of the instances (the tokens live in the database).
# The instances must already run, on loopback (this script finds their pids by port for RSS and
# CPU), with --rate-limit 0 --max-connections-per-address 0 --max-connections above their share,
# each under a file limit above its share, and no simulated auction (a quiet league).
# LEAGUEDESK_BENCH_CLIENTS (total, default 48000), LEAGUEDESK_BENCH_SAMPLES (default 10),
# LEAGUEDESK_BENCH_LOADGEN (more load-generator options). Exit code 1 if any delivery was lost.
set -euo pipefail
build_dir=$(cd "${1:?usage: cluster-fanout.sh BUILD_DIR TOKENS_FILE HOST:PORT,...}" && pwd)
tokens=${2:?tokens file}
targets=${3:?HOST:PORT list}
loadgen="$build_dir/bench/server/loadgen/leaguedesk-bench-loadgen"
[ -x "$loadgen" ] || cmake --build "$build_dir" --target leaguedesk-bench-loadgen -j2 >/dev/null
total=${LEAGUEDESK_BENCH_CLIENTS:-48000}
samples=${LEAGUEDESK_BENCH_SAMPLES:-10}
read -ra extra <<<"${LEAGUEDESK_BENCH_LOADGEN:-}"
ulimit -n "$(ulimit -Hn)"
read -r admin manager rival < <(python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))
print(t["admin"], t["managers"]["SSPSLT0001"], t["managers"]["SSPSLT0002"])' "$tokens")
IFS=, read -ra list <<<"$targets"
pids=()
for t in "${list[@]}"; do
  pid=$(ss -Hltnp "sport = :${t##*:}" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
  [ -n "$pid" ] || { echo "nothing listens on $t" >&2; exit 1; }
  pids+=("$pid")
done
pid_list=$(IFS=,; echo "${pids[*]}")
per=$((total / ${#list[@]}))
echo "machine: $(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME"), ${#list[@]} instances, $(date -u +%Y-%m-%dT%H:%MZ)"
status=0
# The cluster first, on fresh instances: the RSS per connection is only true before a run freed
# memory the allocator keeps.
"$loadgen" --targets "$targets" --trigger-target "${list[0]}" --server-pids "$pid_list" --clients "$total" \
  --samples "$samples" --token "$manager" --admin-token "$admin" --bid-tokens "$manager,$rival" \
  --label cluster "${extra[@]}" || status=1
"$loadgen" --targets "${list[0]}" --server-pids "${pids[0]}" --clients "$per" --samples "$samples" \
  --token "$manager" --admin-token "$admin" --bid-tokens "$manager,$rival" --label one-instance "${extra[@]}" || status=1
exit $status
