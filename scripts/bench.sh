#!/usr/bin/env bash
# `make bench`: runs every benchmark under bench/*/run.sh against the build in $1 (default build/).
# Each prints its figures; docs/PERFORMANCE.md records them with date and machine.
set -euo pipefail
build_dir=$(cd "${1:-build}" && pwd)
status=0
for runner in bench/*/run.sh; do
  [ -x "$runner" ] || continue
  echo "== $runner"
  "$runner" "$build_dir" || status=1
done
exit $status
