#!/usr/bin/env bash
# The real dashboard (offscreen) against a simulating server, sampled every minute:
#   scripts/soak-dashboard.sh BUILD_DIR MINUTES
# Starts leaguedesk-server --demo --simulate on a fresh database and a free loopback port, then
# build/app/leaguedesk signed in as SSPSLT0001's manager, with its own config and data dirs (the
# user's keychain and settings are never touched). Every minute prints both processes' RSS and
# CPU share over that minute; at the end the growth per hour after the first ten minutes.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
minutes=${2:-60}
sample_seconds=${LEAGUEDESK_SOAK_SAMPLE_SECONDS:-60}
work=$(mktemp -d)
server_pid=""
app_pid=""
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

"$build/server/leaguedesk-server" --listen 127.0.0.1:0 --database "sqlite:$work/league.db" --demo \
    --simulate=4 --tokens-out "$work/tokens.json" >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
# Waits for the server's one "listening on" line (at most 20 s), and stops waiting if it exited.
for _ in $(seq 100); do
  grep -q "listening on" "$work/server.out" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.2
done
url=$(grep -o 'http://[0-9.:]*' "$work/server.out" | head -n 1)
[ -n "$url" ] || { echo "soak: the server did not start" >&2; cat "$work/server.log" >&2; exit 1; }
token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["managers"]["SSPSLT0001"])' "$work/tokens.json")

XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache DBUS_SESSION_BUS_ADDRESS= \
    QT_QPA_PLATFORM=offscreen "$build/app/leaguedesk" --server "$url" --token "$token" >"$work/app.log" 2>&1 &
app_pid=$!

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
echo "soak: dashboard against $url for $minutes min, one sample every $sample_seconds s"
printf '%6s %12s %8s %12s %8s\n' minute app_rss_kib app_cpu% server_rss_kib srv_cpu%
declare -a app_rss server_rss
last_app=$(cpu "$app_pid"); last_server=$(cpu "$server_pid")
for minute in $(seq 1 "$minutes"); do
    sleep "$sample_seconds"
    kill -0 "$app_pid" 2>/dev/null || { echo "soak: the dashboard exited" >&2; tail -20 "$work/app.log" >&2; exit 1; }
    kill -0 "$server_pid" 2>/dev/null || { echo "soak: the server exited" >&2; exit 1; }
    now_app=$(cpu "$app_pid"); now_server=$(cpu "$server_pid")
    app_rss[$minute]=$(rss "$app_pid"); server_rss[$minute]=$(rss "$server_pid")
    printf '%6d %12d %8.1f %12d %8.1f\n' "$minute" "${app_rss[$minute]}" \
        "$(echo "($now_app - $last_app) * 100 / $ticks / $sample_seconds" | bc -l)" "${server_rss[$minute]}" \
        "$(echo "($now_server - $last_server) * 100 / $ticks / $sample_seconds" | bc -l)"
    last_app=$now_app; last_server=$now_server
done
warm=$(( minutes > 10 ? 10 : 1 ))
if [ "$minutes" -gt "$warm" ]; then
    span=$(( minutes - warm ))
    printf 'growth after minute %d: dashboard %+d KiB/h, server %+d KiB/h\n' "$warm" \
        $(( (app_rss[minutes] - app_rss[warm]) * 60 / span )) $(( (server_rss[minutes] - server_rss[warm]) * 60 / span ))
fi
