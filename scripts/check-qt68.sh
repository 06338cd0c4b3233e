#!/usr/bin/env bash
# Builds LeagueDesk with Qt 6.8 and runs the whole test suite there (make check-qt68; see
# packaging/README.md for what this proves about the Windows and macOS builds).
#
# Qt 6.8 is what the Windows and macOS installers ship; Debian 13 (trixie) ships Qt 6.8. So:
#   - a Debian 13 root (debootstrap minbase, from the same Debian mirror apt uses here) with the
#     packages of scripts/install-deps.sh, cached OUTSIDE the clone under $LEAGUEDESK_CACHE
#     (default /var/cache/leaguedesk) and rebuilt when scripts/install-deps.sh changes;
#   - the working tree (minus build/, any other build directory and .git) copied into it at /src;
#   - inside it, as root: scripts/install-deps.sh (a no-op on a cached root, but it proves every
#     package name resolves on trixie), then `make test` with -Werror=deprecated-declarations,
#     i.e. the same configure, build and ctest (offscreen; the tests start PostgreSQL, D-Bus and
#     gnome-keyring themselves) as on Debian 12;
#   - ccache inside the root keeps its cache in $LEAGUEDESK_CACHE/ccache-trixie (bind-mounted), so
#     a repeated run recompiles almost nothing.
# /proc, /sys (read-only), a private /dev with its own /dev/pts, and tmpfs on /tmp and /dev/shm
# are mounted for the run and unmounted by a trap whatever happens; nothing of the host's /dev is
# ever under the cache. The run happens in a private mount and PID namespace, so the mounts and
# any process a test leaves behind go away with it even if the trap cannot run.
# The last line printed is ctest's summary line; the exit code is non-zero when anything failed.
#
# Usage: scripts/check-qt68.sh      (root, or sudo; make check-qt68)
# Environment: LEAGUEDESK_CACHE, LEAGUEDESK_DEBIAN_MIRROR (default: the host's Debian mirror),
#              LEAGUEDESK_JOBS (parallel compile jobs, default: nproc), CTEST_ARGS (passed to
#              make test inside, e.g. CTEST_ARGS='-R tst_recovery').
set -euo pipefail

src="$(cd "$(dirname "$0")/.." && pwd)"
cache="${LEAGUEDESK_CACHE:-/var/cache/leaguedesk}"
suite=trixie
started=$SECONDS

say() { printf '== check-qt68: %s\n' "$*"; }
fail() { printf 'check-qt68: FAIL: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || fail "needs root (debootstrap, chroot, mount) and there is no sudo"
  exec sudo -E "$0" "$@"
fi

# --- the host's tools and mirror -----------------------------------------------------------------
host_apt_updated=""
host_install() {
  [ -n "$host_apt_updated" ] || { apt-get update -q >/dev/null || true; host_apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
}
for tool in debootstrap:debootstrap unshare:util-linux chroot:coreutils sha256sum:coreutils; do
  command -v "${tool%%:*}" >/dev/null || { say "installing Debian's ${tool#*:}"; host_install "${tool#*:}"; }
done
[ -f /usr/share/keyrings/debian-archive-trixie-stable.gpg ] \
  || { say "installing debian-archive-keyring (trixie's keys)"; host_install debian-archive-keyring; }

# The mirror apt already uses here (deb822 .sources or one-line .list files).
host_mirror() {
  local pattern="$1"
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | sed -n -E 's/^(URIs:|deb( \[[^]]*\])?)[[:space:]]+//p' | tr ' ' '\n' | grep -E "$pattern" | head -1 || true
}
mirror="${LEAGUEDESK_DEBIAN_MIRROR:-$(host_mirror '^https?://.*/debian/?$')}"
mirror="${mirror%/}"
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
security="$(host_mirror '^https?://.*/debian-security/?$')"
security="${security%/}"
[ -n "$security" ] || security="${mirror%/debian}/debian-security"
arch="$(dpkg --print-architecture)"

# --- the cached Debian 13 root -------------------------------------------------------------------
# Keyed on the package list and on how this script prepares the root.
key="$(cat "$src/scripts/install-deps.sh" <(sed -n '/^# --- the cached Debian 13 root/,/^# --- end of root/p' "$0") \
  | sha256sum | cut -c1-16)"
mkdir -p "$cache"
base_tar="$cache/$suite-minbase-$arch.tar"
root="$cache/$suite-root"
log="$cache/$suite.log"
ccache_dir="$cache/ccache-$suite"
mkdir -p "$ccache_dir"
# One run at a time per cache (the root and its /src are shared).
exec 9>"$cache/lock"
flock -n 9 || { say "waiting for another check-qt68 run to finish"; flock 9; }

# Refuses to touch a root that has anything mounted below it (an earlier run killed hard).
assert_unmounted() {
  if grep -q " $1/" /proc/mounts; then
    fail "something is still mounted under $1 (see /proc/mounts); unmount it first"
  fi
}

if [ ! -f "$base_tar" ]; then
  say "debootstrap --variant=minbase $suite from $mirror (once; cached in $base_tar)"
  assert_unmounted "$cache/base"
  rm -rf --one-file-system "$cache/base"
  t0=$SECONDS
  debootstrap --variant=minbase --arch="$arch" --keyring=/usr/share/keyrings/debian-archive-keyring.gpg \
      "$suite" "$cache/base" "$mirror" >"$log" 2>&1 \
    || { tail -20 "$log"; fail "debootstrap failed (log: $log)"; }
  tar -C "$cache/base" -cf "$base_tar.tmp" . && mv "$base_tar.tmp" "$base_tar"
  rm -rf --one-file-system "$cache/base"
  say "debootstrap took $((SECONDS - t0)) s"
fi

if [ "$(cat "$root/.leaguedesk-key" 2>/dev/null || true)" != "$key" ]; then
  say "preparing the $suite root from $base_tar (package list changed or first run)"
  assert_unmounted "$root"
  rm -rf --one-file-system "$root"
  mkdir -p "$root"
  tar -C "$root" -xf "$base_tar"
  cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security $suite-security main
EOF
  # The mirror may be a dated snapshot whose Release files have expired: accept them, as here.
  printf 'Acquire::Check-Valid-Until "false";\nAcquire::Check-Date "false";\n' >"$root/etc/apt/apt.conf.d/99leaguedesk"
  apt-config dump 2>/dev/null | grep -E '^Acquire::(http|https)::Proxy ' >>"$root/etc/apt/apt.conf.d/99leaguedesk" || true
  # No daemons start while packages install (postgresql would start a cluster).
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 0755 "$root/usr/sbin/policy-rc.d"
  # Marked ready only after install-deps.sh succeeded inside it (below).
fi
# --- end of root

# --- the checkout --------------------------------------------------------------------------------
assert_unmounted "$root"
rm -rf --one-file-system "$root/src"
mkdir -p "$root/src"
# Build directories (build/, a sanitizer build, ...) stay out: tagged by their CMakeCache.txt.
tar -C "$src" --exclude=./build --exclude=./.git --exclude-tag-all=CMakeCache.txt -cf - . | tar -C "$root/src" -xf -
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

# --- inside: mounts, then install-deps.sh and make test ------------------------------------------
# Runs in a private mount + PID namespace (see the header); the trap unmounts in reverse order.
inside() {
  set -euo pipefail
  local root="$1" ccache_dir="$2" jobs="$3"
  mounted=()
  unmount_all() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
      umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" 2>/dev/null || true
    done
  }
  trap unmount_all EXIT
  mnt() { mount "$@"; mounted+=("${!#}"); }
  mount --make-rprivate /
  mnt -t proc proc "$root/proc"
  mnt -t sysfs -o ro,nosuid,nodev,noexec sysfs "$root/sys"
  mnt -t tmpfs -o mode=0755,nosuid,size=64k tmpfs "$root/dev"
  local node
  for node in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
    IFS=: read -r name major minor <<<"$node"
    mknod -m 0666 "$root/dev/$name" c "$major" "$minor"
  done
  mkdir -p "$root/dev/pts" "$root/dev/shm"
  mnt -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "$root/dev/pts"
  ln -s pts/ptmx "$root/dev/ptmx"
  ln -s /proc/self/fd "$root/dev/fd"
  ln -s /proc/self/fd/0 "$root/dev/stdin"
  ln -s /proc/self/fd/1 "$root/dev/stdout"
  ln -s /proc/self/fd/2 "$root/dev/stderr"
  mnt -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/dev/shm"
  mnt -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/tmp"
  mkdir -p "$root/var/cache/ccache"
  mnt --bind "$ccache_dir" "$root/var/cache/ccache"

  # HOME on the tmpfs: nothing a test writes there outlives the run.
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp/home LANG=C.UTF-8 TERM=dumb \
    CCACHE_DIR=/var/cache/ccache CCACHE_MAXSIZE=3G CCACHE_BASEDIR=/src CMAKE_BUILD_PARALLEL_LEVEL="$jobs" \
    CI="${CI:-}" CTEST_ARGS="${CTEST_ARGS:-}" /bin/bash -c '
      set -euo pipefail
      mkdir -p -m 0700 "$HOME"
      cd /src
      echo "== check-qt68: scripts/install-deps.sh on $(. /etc/os-release; echo "$PRETTY_NAME")"
      # minbase has no make; install-deps.sh brings it, so run it directly first.
      t=$SECONDS
      scripts/install-deps.sh
      apt-get clean
      echo "== check-qt68: packages ready in $((SECONDS - t)) s"
      touch /.leaguedesk-deps-ok
      echo "== check-qt68: Qt $(dpkg-query -W -f="\${Version}" qt6-base-dev), make test"
      ccache -z >/dev/null
      status=0
      t=$SECONDS
      make build CMAKE_ARGS="-DLEAGUEDESK_WERROR_DEPRECATED=ON" || status=$?
      echo "== check-qt68: configured and built in $((SECONDS - t)) s"
      t=$SECONDS
      [ "$status" -ne 0 ] || make test CTEST_ARGS="$CTEST_ARGS" || status=$?
      echo "== check-qt68: make test (ctest) in $((SECONDS - t)) s"
      echo "== check-qt68: ccache $(ccache -s | tr -s " " | grep -iE "^ *(hits|misses):" | tr "\n" " ")"
      exit $status
    '
}

# --- run --------------------------------------------------------------------------------------
jobs="${LEAGUEDESK_JOBS:-$(nproc)}"
out="$cache/$suite-make-test.log"
rm -f "$root/.leaguedesk-deps-ok"
status=0
set +e
unshare --mount --pid --fork --kill-child /bin/bash -c "$(declare -f inside say); inside '$root' '$ccache_dir' '$jobs'" \
  2>&1 | tee "$out"
status=${PIPESTATUS[0]}
set -e
# The root is reusable once install-deps.sh has succeeded in it.
if [ -f "$root/.leaguedesk-deps-ok" ]; then echo "$key" >"$root/.leaguedesk-key"; fi

summary="$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$out" | tail -1 || true)"
say "took $((SECONDS - started)) s (Qt 6.8 on Debian 13; log: $out)"
if [ -z "$summary" ]; then
  fail "no ctest summary: the Qt 6.8 build or setup failed (exit $status; log above and in $out)"
fi
echo "$summary"
[ "$status" -eq 0 ] || exit "$status"
