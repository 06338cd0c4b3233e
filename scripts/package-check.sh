#!/usr/bin/env bash
# Clean-root check of the Linux packages (make package-check; see packaging/README.md).
#
# Installs build/packages/*.deb with apt into a fresh minimal Debian 12 root that has no compiler
# and no Qt, then, inside that root:
#   - leaguedesk, leaguedesk-watch and leaguedesk-server --version print the project version;
#   - the leaguedesk system user and /var/lib/leaguedesk exist (leaguedesk-server's postinst);
#   - leaguedesk-server runs as that user with a demo league, and
#     QT_QPA_PLATFORM=offscreen leaguedesk --server ... --token ... signs in and loads every
#     view without a "module ... is not installed" (or any other QML) error, and fetches the squad;
#   - self-test: with one QML module package removed, the same start does report the error.
# The debootstrap'd base root is cached as a tarball under BUILD_DIR/clean-root (first run: a few
# minutes of downloads from Debian's mirror); every run unpacks a fresh copy of it.
#
# Usage: scripts/package-check.sh [BUILD_DIR]      (root, or sudo)
set -euo pipefail

build_dir="$(cd "${1:-build}" && pwd)"
version="$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build_dir/CMakeCache.txt")"
arch="$(dpkg --print-architecture)"
cache="$build_dir/clean-root"
base_tar="$cache/bookworm-minbase-$arch.tar"
root="$cache/root"
mirror="${LEAGUEDESK_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
started=$SECONDS

say() { printf '== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || fail "needs root (debootstrap, chroot, mount) and there is no sudo"
  exec sudo -E "$0" "$build_dir"
fi

debs=("$build_dir/packages/leaguedesk_${version}_${arch}.deb" "$build_dir/packages/leaguedesk-server_${version}_${arch}.deb")
for deb in "${debs[@]}"; do
  [ -f "$deb" ] || fail "$deb is missing: run make package first"
done

for tool in debootstrap; do
  if ! command -v "$tool" >/dev/null; then
    say "installing Debian's $tool"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$tool" >/dev/null
  fi
done

# --- a fresh root -------------------------------------------------------------------------------
mkdir -p "$cache"
if [ ! -f "$base_tar" ]; then
  say "debootstrap --variant=minbase bookworm (cached in $base_tar afterwards)"
  rm -rf "$cache/base"
  debootstrap --variant=minbase --arch="$arch" bookworm "$cache/base" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || { tail -20 "$cache/debootstrap.log"; fail "debootstrap failed (log: $cache/debootstrap.log)"; }
  cat >"$cache/base/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
EOF
  tar -C "$cache/base" -cf "$base_tar.tmp" . && mv "$base_tar.tmp" "$base_tar"
  rm -rf "$cache/base"
fi

cleanup() {
  if [ -n "${server_pid:-}" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if mountpoint -q "$root/proc" 2>/dev/null; then umount "$root/proc" || umount -l "$root/proc" || true; fi
}
trap cleanup EXIT

cleanup
if [ -d "$root" ] && grep -q " $root/" /proc/mounts; then fail "something is still mounted under $root"; fi
rm -rf --one-file-system "$root"
mkdir -p "$root"
tar -C "$root" -xf "$base_tar"
# Only /proc is mounted (Qt reads /proc/self/exe); the base root brings its own /dev nodes, so
# nothing of the host's /dev is ever under build/.
mount -t proc proc "$root/proc"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

# Nothing to build with: the packages must bring everything they need.
for tool in cc gcc g++ c++ cmake qmake6 qtpaths6; do
  if in_root sh -c "command -v $tool" >/dev/null; then fail "the clean root has $tool"; fi
done
if in_root sh -c 'ls /usr/lib/*/libQt6Core.so.6' >/dev/null 2>&1; then fail "the clean root already has Qt"; fi

# --- install the packages with apt --------------------------------------------------------------
say "apt-get install ${debs[*]##*/}"
mkdir -p "$root/tmp/debs"
cp "${debs[@]}" "$root/tmp/debs/"
t0=$SECONDS
in_root apt-get update -q >"$cache/apt.log" 2>&1 || { tail -20 "$cache/apt.log"; fail "apt-get update failed"; }
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q /tmp/debs/leaguedesk_${version}_${arch}.deb \
  /tmp/debs/leaguedesk-server_${version}_${arch}.deb >>"$cache/apt.log" 2>&1 \
  || { tail -30 "$cache/apt.log"; fail "apt-get install failed (log: $cache/apt.log)"; }
say "installed in $((SECONDS - t0)) s"

# --- what the packages installed ---------------------------------------------------------------
for exe in leaguedesk leaguedesk-watch leaguedesk-server; do
  out="$(in_root env QT_QPA_PLATFORM=offscreen "$exe" --version 2>&1)" || fail "$exe --version exited non-zero: $out"
  grep -q "$version" <<<"$out" || fail "$exe --version says '$out', not $version"
  say "$exe --version: $out"
done
in_root getent passwd leaguedesk >/dev/null || fail "no leaguedesk user after installing leaguedesk-server"
owner="$(in_root stat -c '%U:%G %a' /var/lib/leaguedesk)"
[ "$owner" = "leaguedesk:leaguedesk 750" ] || fail "/var/lib/leaguedesk is '$owner', want 'leaguedesk:leaguedesk 750'"
[ -f "$root/usr/lib/systemd/system/leaguedesk-server.service" ] || fail "no systemd unit installed"
say "user leaguedesk, /var/lib/leaguedesk ($owner) and the unit are there"

# --- the installed server, as its user, with the demo league ------------------------------------
server_log="$cache/server.log"
chroot --userspec=leaguedesk:leaguedesk "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/var/lib/leaguedesk \
  /usr/bin/leaguedesk-server --listen 127.0.0.1:0 --database sqlite:/var/lib/leaguedesk/league.db \
  --demo --tokens-out /var/lib/leaguedesk/tokens.json >"$cache/server.out" 2>"$server_log" &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url="$(sed -n 's/^listening on //p' "$cache/server.out")"
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$server_log"; fail "leaguedesk-server exited at start"; }
  sleep 0.1
done
[ -n "$url" ] || fail "leaguedesk-server did not say where it listens"
token="$(sed -n 's/.*"SSPSLT0001": *"\([^"]*\)".*/\1/p' "$root/var/lib/leaguedesk/tokens.json" | head -1)"
[ -n "$token" ] || token="$(tr -d '\n ' <"$root/var/lib/leaguedesk/tokens.json" | sed -n 's/.*"SSPSLT0001":"\([^"]*\)".*/\1/p')"
[ -n "$token" ] || fail "no manager token for SSPSLT0001 in tokens.json"
say "leaguedesk-server (as user leaguedesk) listens on $url"

# Runs the installed dashboard offscreen for a few seconds; prints what it logged.
run_dashboard() {
  in_root env QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/tmp/xdg QT_FORCE_STDERR_LOGGING=1 \
    sh -c 'mkdir -p -m 0700 /tmp/xdg; timeout -s TERM 8 leaguedesk --server "$1" --token "$2"; echo "exit=$?"' sh "$url" "$token" 2>&1
}
qml_errors='is not installed|module "[^"]*" plugin|Cannot load library|failed to load component|QQmlApplicationEngine failed|qrc:/[^ ]*\.qml:[0-9]+|is not a type|ReferenceError|TypeError|LeagueDesk.(Models|Session) module is missing'

say "QT_QPA_PLATFORM=offscreen leaguedesk --server $url --token …"
: >"$server_log.mark"
out="$(run_dashboard)"
printf '%s\n' "$out" | sed 's/^/   | /'
if grep -Eq "$qml_errors" <<<"$out"; then fail "the installed dashboard reported QML errors (above)"; fi
grep -q '^exit=124$' <<<"$out" || fail "leaguedesk did not keep running until stopped (see its output above)"
grep -q '/teams/SSPSLT0001/squad' "$server_log" || { tail -20 "$server_log"; fail "the dashboard never fetched the squad: its views did not load"; }
say "dashboard signed in, loaded its views and fetched the squad; no QML errors"

# --- self-test: the same start must notice a missing QML module ---------------------------------
in_root dpkg --remove --force-depends qml6-module-qtquick-layouts >>"$cache/apt.log" 2>&1
out="$(run_dashboard)"
grep -Eq 'QtQuick.Layouts" is not installed|is not installed' <<<"$out" \
  || { printf '%s\n' "$out"; fail "self-test: without qml6-module-qtquick-layouts the start did not report it"; }
say "self-test: without qml6-module-qtquick-layouts the start reports 'module ... is not installed'"

# --- the Flatpak manifest parses (it cannot be built offline) ------------------------------------
if command -v flatpak-builder >/dev/null; then
  manifest="$(cd "$(dirname "$0")/.." && pwd)/packaging/linux/flatpak/io.github.leaguedesk.LeagueDesk.json"
  # Run from the cache dir: flatpak-builder leaves a .flatpak-builder/ state dir in its cwd.
  (cd "$cache" && flatpak-builder --show-manifest "$manifest" >/dev/null) \
    || fail "flatpak-builder cannot read the Flatpak manifest"
  say "flatpak-builder reads packaging/linux/flatpak/io.github.leaguedesk.LeagueDesk.json"
fi

say "package-check passed in $((SECONDS - started)) s"
