#!/usr/bin/env bash
# Installs the Debian 12 packages that building, running and testing LeagueDesk need, and only
# those that are missing. Says what it installs. Uses sudo when not root.
set -euo pipefail

packages=(
  cmake ninja-build ccache g++ make
  qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools
  qt6-websockets-dev qt6-httpserver-dev qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qml6-module-qtquick qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtqml-workerscript
  qml6-module-qtquick-controls qml6-module-qtquick-layouts qml6-module-qtquick-templates
  qml6-module-qtquick-window qml6-module-qtquick-shapes qml6-module-qttest qml6-module-qt-labs-settings qml6-module-qt-labs-platform
  libqt6sql6-sqlite libqt6sql6-psql qtkeychain-qt6-dev
  xvfb xauth
  dpkg-dev file python3 lintian desktop-file-utils appstream nsis
  postgresql
  gnome-keyring dbus
)
# The benchmarks (make bench, make bench-fanout) also need wrk and Node.js with npm (the baseline
# server); only they ask for them, so make test never touches a machine's own Node.js.
if [ "${1:-}" = --bench ]; then
  packages+=(wrk)
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
fi
# make fuzz builds with Debian 12's clang-14, which Debian 13 no longer has; the Debian 13 root of
# make check-qt68 runs make test only (its fuzz corpus replay uses g++).
. /etc/os-release
if [ "${ID:-}" = debian ] && [ "${VERSION_ID:-}" = 12 ]; then
  packages+=(clang-14 libfuzzer-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "LeagueDesk needs these Debian packages, installing: ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "error: not root and no sudo; install them by hand" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
