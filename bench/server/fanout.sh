#!/usr/bin/env bash
# `make bench-fanout`: live fan-out of leaguedesk-server next to the seed's stack (Node.js + ws,
# bench/server/baseline), driven by the same load generator (leaguedesk-bench-fanout), same run.
# Per client count: ours, then the baseline; prints both lines and the ratios ours / baseline.
# Usage: bench/server/fanout.sh [BUILD_DIR]; LEAGUEDESK_BENCH_CLIENTS (default 1000,5000; e.g.
# 1000,5000,15000,19000), LEAGUEDESK_BENCH_SAMPLES (default 15).
# The pinned `ws` is installed with npm into BUILD_DIR/bench-node (never committed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build_dir=$(cd "${1:-build}" && pwd)
fanout="$build_dir/bench/server/leaguedesk-bench-fanout"
cmake --build "$build_dir" --target leaguedesk-server leaguedesk-bench-fanout -j2 >/dev/null
command -v node >/dev/null && command -v npm >/dev/null || { echo "needs node and npm (apt-get install nodejs npm)" >&2; exit 1; }
node_dir="$build_dir/bench-node"
if ! cmp -s "$here/baseline/package.json" "$node_dir/package.json" || [ ! -d "$node_dir/node_modules/ws" ]; then
  mkdir -p "$node_dir"
  cp "$here/baseline/package.json" "$node_dir/package.json"
  (cd "$node_dir" && npm install --no-audit --no-fund --omit=dev >/dev/null)
fi
export NODE_PATH="$node_dir/node_modules"
# N client sockets in the bench and N in the server (children inherit this). One process may
# hold at most the hard limit (20 000 here): 19 000 clients plus the server's own files fit.
ulimit -n "$(ulimit -Hn)"
samples=${LEAGUEDESK_BENCH_SAMPLES:-15}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "machine: $(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME"), node $(node --version), ws $(node -p 'require("ws/package.json").version'), $(date -u +%Y-%m-%dT%H:%MZ)"
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$2"; }
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.2f}' if b else '-')" "$1" "$2"; }
IFS=, read -ra counts <<<"${LEAGUEDESK_BENCH_CLIENTS:-1000,5000}"
for n in "${counts[@]}"; do
  ours=$("$fanout" --clients "$n" --samples "$samples" 2>>"$log") || { tail -20 "$log" >&2; exit 1; }
  base=$("$fanout" --clients "$n" --samples "$samples" --baseline "$here/baseline/server.js" 2>>"$log") \
    || { tail -20 "$log" >&2; exit 1; }
  echo "$ours"
  echo "$base"
  echo "ratio clients=$n p50=$(ratio "$(field p50_ms "$ours")" "$(field p50_ms "$base")")" \
       "p99=$(ratio "$(field p99_ms "$ours")" "$(field p99_ms "$base")")" \
       "kib_per_conn=$(ratio "$(field server_rss_per_connection_kib "$ours")" "$(field server_rss_per_connection_kib "$base")")" \
       "connect=$(ratio "$(field connect_subscribe_s "$ours")" "$(field connect_subscribe_s "$base")") (ours / node-ws; goal p50 <= 0.5, p99 <= 0.7)"
done
