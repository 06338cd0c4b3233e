#!/usr/bin/env bash
# Client benchmarks against the real server on loopback: latency, cost of a 40-player finalize,
# idle requests and CPU, each next to a baseline measured in the same run.
# `LEAGUEDESK_SOAK_MINUTES=60 bench/client/run.sh build` runs the memory soak instead.
set -euo pipefail
build_dir=${1:-build}
bench="$build_dir/bench/client/leaguedesk-bench-client"
[ -x "$bench" ] || cmake --build "$build_dir" --target leaguedesk-bench-client
if [ "${LEAGUEDESK_SOAK_MINUTES:-0}" -gt 0 ]; then
  exec "$bench" --soak "$LEAGUEDESK_SOAK_MINUTES"
fi
exec "$bench" --latency "${LEAGUEDESK_BENCH_SAMPLES:-20}" --idle "${LEAGUEDESK_BENCH_IDLE_SECONDS:-60}" 2> >(grep -v "^leaguedesk.server" >&2)
