#!/usr/bin/env bash
# Runs a test inside a private D-Bus session with an unlocked gnome-keyring, so QtKeychain talks
# to a real Secret Service without touching the user's own keyring.
set -euo pipefail
command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null || {
  echo "dbus-run-session and gnome-keyring-daemon are needed (make test installs them)" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run" HOME="$scratch"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
exec dbus-run-session -- bash -c 'printf "leaguedesk-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' keyring "$@"
