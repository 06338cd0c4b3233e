#!/usr/bin/env bash
# `make run`: starts the reference server with the demo league on a free loopback port and opens
# the dashboard signed in as a demo team manager. Closing the window stops the server. Without a
# display it says so and follows the same team with leaguedesk-watch in the terminal.
set -euo pipefail

build_dir=${1:-build}
server="$build_dir/server/leaguedesk-server"
team=${LEAGUEDESK_DEMO_TEAM:-SSPSLT0001}
demo_dir="$build_dir/demo"
mkdir -p "$demo_dir"
tokens="$demo_dir/tokens.json"
log="$demo_dir/server.log"
rm -f "$tokens"

extra=()
# The simulated auction keeps the demo moving, where the server supports it.
if "$server" --help 2>/dev/null | grep -q -- '--simulate'; then
  extra+=(--simulate)
fi

coproc SERVER { exec "$server" --listen 127.0.0.1:0 --database "sqlite:$demo_dir/league.db" --demo \
  --tokens-out "$tokens" "${extra[@]}" 2>"$log"; }
server_pid=$SERVER_PID
stop_server() {
  if kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
}
trap stop_server EXIT INT TERM

url=""
if read -r -t 30 line <&"${SERVER[0]}"; then
  case "$line" in
    "listening on "*) url=${line#listening on } ;;
  esac
fi
if [ -z "$url" ]; then
  echo "error: the demo server did not start; its log ($log):" >&2
  tail -n 20 "$log" >&2 || true
  exit 1
fi

# tokens.json: {"admin": "...", "managers": {"SSPSLT0001": "...", ...}}; tokens are base64url.
token=$(tr -d '\n ' <"$tokens" | sed -n "s/.*\"$team\":\"\([A-Za-z0-9_-]*\)\".*/\1/p")
if [ -z "$token" ]; then
  echo "error: no manager token for $team in $tokens" >&2
  exit 1
fi

echo "Demo league server: $url (log: $log)"
echo "Signed in as the manager of $team. Tokens for other teams and the admin: $tokens"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  "$build_dir/app/leaguedesk" --server "$url" --token "$token"
else
  echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset), so no window can open."
  echo "Following $team in the terminal with leaguedesk-watch instead; Ctrl+C stops it and the server."
  "$build_dir/app/leaguedesk-watch" --server "$url" --token "$token" || true
fi
