#!/usr/bin/env bash
# `make run-cluster`: several leaguedesk-server instances on one throwaway PostgreSQL behind
# HAProxy, all on loopback (docs/DEPLOY.md shows the same for real hosts). Starts PostgreSQL in a
# temporary directory, N instances (default 3) with the demo league and the simulated auction
# (one instance simulates; another takes over if it stops), HAProxy in front (round-robin per
# request, health checks on /healthz, WebSockets passed through), prints the URL and the tokens
# and opens the dashboard against the load balancer. Ctrl+C (or closing the dashboard) stops
# everything and deletes the temporary directory.
#
#   scripts/cluster.sh [--build DIR] [--instances N] [--port PORT] [--instance-port FIRST]
#                      [--no-dashboard] [--no-simulate] [-- SERVER-ARGS...]
#
#   --build DIR          the build folder (default: build)
#   --instances N        how many instances (default 3)
#   --port PORT          the load balancer's port (default: a free one)
#   --instance-port P    instance i listens on P+i (default: free ports)
#   --no-dashboard       print one "instance URL" line each, then "balancer URL", "tokens FILE"
#                        and "database URL", and wait for Ctrl+C; for benchmarks and scripts
#   --no-simulate        no simulated auction (a quiet league, e.g. for a benchmark)
#   -- SERVER-ARGS       passed to every instance (e.g. -- --max-connections 20000)
set -euo pipefail

build_dir=build
instances=3
lb_port=""
first_port=""
dashboard=1
simulate=1
server_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build_dir=$2; shift 2 ;;
    --instances) instances=$2; shift 2 ;;
    --port) lb_port=$2; shift 2 ;;
    --instance-port) first_port=$2; shift 2 ;;
    --no-dashboard) dashboard=0; shift ;;
    --no-simulate) simulate=0; shift ;;
    --) shift; server_args=("$@"); break ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$instances" in
  ''|*[!0-9]*) echo "error: --instances expects a number" >&2; exit 2 ;;
esac
[ "$instances" -ge 1 ] || { echo "error: --instances expects at least 1" >&2; exit 2; }

server="$build_dir/server/leaguedesk-server"
[ -x "$server" ] || { echo "error: $server not built (make build)" >&2; exit 1; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pgbin" ] && [ -x "$pgbin/initdb" ] || { echo "error: PostgreSQL not installed (scripts/install-deps.sh)" >&2; exit 1; }
haproxy=$(command -v haproxy || echo /usr/sbin/haproxy)
[ -x "$haproxy" ] || { echo "error: haproxy not installed (scripts/install-deps.sh)" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A short path: PostgreSQL's unix socket lives in it (at most 107 bytes).
dir=$(mktemp -d /tmp/leaguedesk-cluster.XXXXXX)
runas=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir" # PostgreSQL refuses to run as root
  runas=(runuser -u postgres --)
fi
pids=()
haproxy_pid=""
cleanup() {
  trap - EXIT INT TERM
  [ -n "$haproxy_pid" ] && kill -TERM "$haproxy_pid" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}" $haproxy_pid; do wait "$pid" 2>/dev/null || true; done
  "${runas[@]}" "$pgbin/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg_port=$(free_port)
"${runas[@]}" "$pgbin/initdb" -D "$dir/pg" -U leaguedesk --auth=trust --no-locale -E UTF8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${runas[@]}" "$pgbin/pg_ctl" -D "$dir/pg" -l "$dir/pg/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $dir -c max_connections=200" start >/dev/null \
  || { cat "$dir/pg/server.log" >&2; exit 1; }
"${runas[@]}" "$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" -U leaguedesk league
database="postgres://leaguedesk@127.0.0.1:$pg_port/league"

extra=()
[ "$simulate" = 1 ] && extra+=(--simulate)
tokens="$dir/tokens.json"
ports=()
# All at once: migrations and the demo seed run under an advisory lock, so one instance seeds
# and the others find the league there (and keep the tokens the first one wrote).
for ((i = 0; i < instances; i++)); do
  if [ -n "$first_port" ]; then port=$((first_port + i)); else port=$(free_port); fi
  ports+=("$port")
  # Behind the balancer every connection comes from its address: no per-address cap
  # (docs/DEPLOY.md); a later --max-connections-per-address in SERVER-ARGS wins.
  "$server" --listen "127.0.0.1:$port" --database "$database" --demo --tokens-out "$tokens" \
    --max-connections-per-address 0 "${extra[@]}" "${server_args[@]}" >"$dir/instance$i.out" 2>"$dir/instance$i.log" &
  pids+=("$!")
done
for ((i = 0; i < instances; i++)); do
  for _ in $(seq 300); do
    grep -q '^listening on ' "$dir/instance$i.out" 2>/dev/null && break
    kill -0 "${pids[$i]}" 2>/dev/null || break
    sleep 0.1
  done
  if ! grep -q '^listening on ' "$dir/instance$i.out" 2>/dev/null; then
    echo "error: instance $i did not start; its log:" >&2
    tail -n 20 "$dir/instance$i.log" >&2 || true
    exit 1
  fi
done

[ -n "$lb_port" ] || lb_port=$(free_port)
# HAProxy needs two descriptors per connection and refuses a maxconn the hard limit cannot hold.
fd_limit=$(ulimit -Hn)
[ "$fd_limit" = unlimited ] && fd_limit=100000
maxconn=$(( (fd_limit - 200) / 2 ))
[ "$maxconn" -gt 50000 ] && maxconn=50000
{
  cat <<EOF
# HAProxy for the loopback cluster (docs/DEPLOY.md explains each line).
global
    maxconn $maxconn
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h
    option http-server-close
    option redispatch
    retries 3
frontend leaguedesk
    bind 127.0.0.1:$lb_port
    default_backend leaguedesk
backend leaguedesk
    balance roundrobin
    option httpchk GET /healthz
    http-check expect status 200
    default-server check inter 1s fall 2 rise 2
EOF
  for ((i = 0; i < instances; i++)); do
    echo "    server s$i 127.0.0.1:${ports[$i]}"
  done
} >"$dir/haproxy.cfg"
"$haproxy" -db -f "$dir/haproxy.cfg" >"$dir/haproxy.log" 2>&1 &
haproxy_pid=$!
url="http://127.0.0.1:$lb_port"
# Ready once HAProxy answers /healthz through a healthy instance.
if ! python3 - "$url/healthz" "$haproxy_pid" <<'EOF'
import os, sys, time, urllib.request
for _ in range(150):
    try:
        os.kill(int(sys.argv[2]), 0)  # HAProxy still running?
    except OSError:
        sys.exit(1)
    try:
        if urllib.request.urlopen(sys.argv[1], timeout=1).status == 200:
            sys.exit(0)
    except Exception:
        pass
    time.sleep(0.2)
sys.exit(1)
EOF
then
  echo "error: HAProxy did not come up; its log:" >&2
  cat "$dir/haproxy.log" >&2
  exit 1
fi

team=${LEAGUEDESK_DEMO_TEAM:-SSPSLT0001}
token=$(tr -d '\n ' <"$tokens" | sed -n "s/.*\"$team\":\"\([A-Za-z0-9_-]*\)\".*/\1/p")
admin=$(tr -d '\n ' <"$tokens" | sed -n 's/.*"admin":"\([A-Za-z0-9_-]*\)".*/\1/p')

if [ "$dashboard" = 0 ]; then
  for ((i = 0; i < instances; i++)); do echo "instance http://127.0.0.1:${ports[$i]}"; done
  echo "balancer $url"
  echo "tokens $tokens"
  echo "database $database"
  echo "ready; Ctrl+C stops everything" >&2
  while kill -0 "$haproxy_pid" 2>/dev/null; do sleep 1; done
  echo "error: HAProxy exited; its log: $(cat "$dir/haproxy.log")" >&2
  exit 1
fi

echo "LeagueDesk cluster: $instances instances on PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') behind HAProxy"
echo "  load balancer: $url"
for ((i = 0; i < instances; i++)); do
  echo "  instance $i:    http://127.0.0.1:${ports[$i]}  (log: $dir/instance$i.log)"
done
echo "  admin token:   $admin"
echo "  $team manager token: $token"
echo "  all tokens:    $tokens"
echo "Try: kill one instance (kill ${pids[0]}): the dashboard reconnects through HAProxy to another."
echo "Ctrl+C stops everything."
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] || [ -n "${QT_QPA_PLATFORM:-}" ]; then
  # The token in the environment, not on the command line where `ps` shows it.
  LEAGUEDESK_TOKEN="$token" "$build_dir/app/leaguedesk" --server "$url" || true
else
  echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset), so no window can open."
  echo "Following $team in the terminal with leaguedesk-watch instead; Ctrl+C stops it and the cluster."
  "$build_dir/app/leaguedesk-watch" --server "$url" --token "$token" || true
fi
