#!/usr/bin/env bash
# `make bench-fanout`: live fan-out of leaguedesk-server next to the seed's stack (Node.js + ws,
# bench/server/baseline), driven by the same load generator (leaguedesk-bench-loadgen: epoll,
# several processes, source addresses 127.0.0.1...), one after the other in the same run.
# Per client count: ours, then the baseline; prints both lines, then a table with the ratios
# ours / baseline.
# Usage: bench/server/fanout.sh [BUILD_DIR]; LEAGUEDESK_BENCH_CLIENTS (default
# 1000,5000,15000,19000), LEAGUEDESK_BENCH_SAMPLES (default 15), LEAGUEDESK_BENCH_LOADGEN (more
# options for the load generator, e.g. "--workers 2").
# The pinned `ws` is installed with npm into BUILD_DIR/bench-node (never committed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build_dir=$(cd "${1:-build}" && pwd)
cmake --build "$build_dir" --target leaguedesk-server leaguedesk-bench-loadgen -j2 >/dev/null
command -v node >/dev/null && command -v npm >/dev/null || { echo "needs node and npm (apt-get install nodejs npm)" >&2; exit 1; }
node_dir="$build_dir/bench-node"
if ! cmp -s "$here/baseline/package.json" "$node_dir/package.json" || [ ! -d "$node_dir/node_modules/ws" ]; then
  mkdir -p "$node_dir"
  cp "$here/baseline/package.json" "$node_dir/package.json"
  (cd "$node_dir" && npm install --no-audit --no-fund --omit=dev >/dev/null)
fi
export NODE_PATH="$node_dir/node_modules"
# N sockets in the server (a child, so it inherits this); each load-generator worker holds at
# most 16 000. One process may hold at most the hard limit (20 000 here).
ulimit -n "$(ulimit -Hn)"
. "$here/servers.sh"
trap stop_server EXIT
trap 'exit 130' INT TERM # Ctrl+C: the running count stops its server, then this stops
samples=${LEAGUEDESK_BENCH_SAMPLES:-15}
read -ra extra <<<"${LEAGUEDESK_BENCH_LOADGEN:-}"
echo "machine: $(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME"), node $(node --version), ws $(node -p 'require("ws/package.json").version'), $(date -u +%Y-%m-%dT%H:%MZ)"
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$2"; }
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.2f}' if b else '-')" "$1" "$2"; }
rows=()
status=0
IFS=, read -ra counts <<<"${LEAGUEDESK_BENCH_CLIENTS:-1000,5000,15000,19000}"
for n in "${counts[@]}"; do
  ours=$(run_loadgen ours "$n" "$samples" "${extra[@]}") || status=1
  echo "$ours"
  base=$(run_loadgen node "$n" "$samples" "${extra[@]}") || status=1
  echo "$base"
  [ -n "$ours" ] && [ -n "$base" ] || { echo "clients=$n: a run failed (see above)" >&2; exit 1; }
  rows+=("| $n | $(field p50_ms "$ours") / $(field p99_ms "$ours") | $(field p50_ms "$base") / $(field p99_ms "$base") | $(ratio "$(field p50_ms "$ours")" "$(field p50_ms "$base")") / $(ratio "$(field p99_ms "$ours")" "$(field p99_ms "$base")") | $(field server_rss_per_connection_kib "$ours") / $(field server_rss_per_connection_kib "$base") ($(ratio "$(field server_rss_per_connection_kib "$ours")" "$(field server_rss_per_connection_kib "$base")")) | $(field connect_subscribe_s "$ours") / $(field connect_subscribe_s "$base") s ($(ratio "$(field connect_subscribe_s "$ours")" "$(field connect_subscribe_s "$base")")) | $(field lost "$ours") / $(field lost "$base") |")
done
echo
echo "| clients | ours p50 / p99 ms | Node + ws p50 / p99 ms | ratio p50 / p99 | KiB per conn, ours / Node (ratio) | connect + subscribe all, ours / Node (ratio) | lost, ours / Node |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo "(ratios ours / Node; issue 10's goals: p50 <= 0.5, p99 <= 0.7, <= 8 KiB per connection, 19 000 in <= 10 s; lost must be 0)"
exit $status
