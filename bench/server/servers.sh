# Sourced by the fan-out benchmarks (fanout.sh, run.sh): start one server for N live clients,
# then drive it with leaguedesk-bench-loadgen. Needs $build_dir; sets server_pid, server_dir,
# target (HOST:PORT), admin, manager (SSPSLT0001's), rival (SSPSLT0002's).
#
# Our server's database lives on tmpfs (/dev/shm): the timed request is the admin's resolve,
# and the point is the live path, not the disk; the Node baseline has no database at all.
bench_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
loadgen="$build_dir/bench/server/loadgen/leaguedesk-bench-loadgen"
server_pid=""
server_dir=""

wait_listening() { # the server prints "listening on http://HOST:PORT" once ready
  for _ in $(seq 300); do
    grep -q '^listening on ' "$server_dir/stdout" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited:" >&2; tail -5 "$server_dir/server.log" >&2; return 1; }
    sleep 0.1
  done
  target=$(sed -n 's|^listening on http://||p' "$server_dir/stdout")
  [ -n "$target" ] || { echo "server did not report listening within 30 s" >&2; return 1; }
}

start_ours() { # N: a fresh demo league, no rate limit, room for N connections from one address
  server_dir=$(mktemp -d -p "${LEAGUEDESK_BENCH_DB_DIR:-/dev/shm}" leaguedesk-bench.XXXXXX)
  "$build_dir/server/leaguedesk-server" --listen 127.0.0.1:0 --database "sqlite:$server_dir/league.db" --demo \
    --tokens-out "$server_dir/tokens.json" --rate-limit 0 --max-connections-per-address 0 \
    --max-connections $(($1 + 100)) >"$server_dir/stdout" 2>"$server_dir/server.log" &
  server_pid=$!
  wait_listening || return 1
  read -r admin manager rival < <(python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))
print(t["admin"], t["managers"]["SSPSLT0001"], t["managers"]["SSPSLT0002"])' "$server_dir/tokens.json")
}

start_node() { # the Node.js + ws baseline (NODE_PATH must find ws)
  server_dir=$(mktemp -d)
  admin="admin-$RANDOM$RANDOM$RANDOM"
  manager="manager-$RANDOM$RANDOM$RANDOM"
  rival=""
  node "$bench_here/baseline/server.js" --admin-token "$admin" --manager "SSPSLT0001=$manager" \
    >"$server_dir/stdout" 2>"$server_dir/server.log" &
  server_pid=$!
  wait_listening
}

stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  [ -n "$server_dir" ] && rm -rf "$server_dir"
  server_pid=""
  server_dir=""
}

# run_loadgen KIND N SAMPLES [extra loadgen options]: KIND is ours or node; prints the figures line.
# A subshell: its server is stopped however it ends (background jobs ignore Ctrl+C).
run_loadgen() (
  trap stop_server EXIT
  trap 'exit 130' INT TERM
  local kind=$1 n=$2 samples=$3
  shift 3
  if [ "$kind" = ours ]; then
    start_ours "$n" || { stop_server; return 1; }
    set -- --trigger leaguedesk --bid-tokens "$manager,$rival" --label leaguedesk "$@"
  else
    start_node || { stop_server; return 1; }
    set -- --trigger node --label node-ws "$@"
  fi
  local status=0
  "$loadgen" --targets "$target" --token "$manager" --admin-token "$admin" --server-pids "$server_pid" \
    --clients "$n" --samples "$samples" "$@" || status=$?
  return $status
)
