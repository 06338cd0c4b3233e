#!/usr/bin/env bash
# Runs each libFuzzer target for a while: scripts/fuzz.sh BUILD_DIR SECONDS TARGET...
# Each target starts from its seed corpus (tests/fuzz/corpus/<target>, read only) and keeps what it
# finds in BUILD_DIR/fuzz-corpus/<target>; crashes land in BUILD_DIR/fuzz-artifacts/<target>/.
# Prints executions and crashes per target; exit 1 if any target crashed.
set -uo pipefail
build=$1
seconds=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
status=0
printf '%-16s %12s %8s %8s\n' target executions exec/s crashes
for target in "$@"; do
    corpus=$build/fuzz-corpus/$target
    artifacts=$build/fuzz-artifacts/$target
    mkdir -p "$corpus" "$artifacts"
    log=$build/fuzz-$target.log
    QT_QPA_PLATFORM=offscreen ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" "$corpus" "$root/tests/fuzz/corpus/$target" >"$log" 2>&1
    rc=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
    crashes=$(find "$artifacts" -type f | wc -l)
    printf '%-16s %12s %8s %8s\n' "$target" "${execs:-?}" "${rate:-?}" "$crashes"
    if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
        status=1
        echo "  $target: exit $rc, see $log and $artifacts/" >&2
    fi
done
exit $status
