#!/usr/bin/env bash
# Runs every libFuzzer target of cabinet for SECONDS each (default 60), one after another so
# that only one core is busy, and prints the executions per target.
#
#   fuzz/run.sh            # 60 s per target
#   fuzz/run.sh 600        # 10 minutes per target
#   TARGETS="money_parse" fuzz/run.sh 30
#
# Only the stable toolchain is needed: RUSTC_BOOTSTRAP=1 lets it accept the nightly flags
# cargo-fuzz passes (-Zsanitizer=address and friends). Needs `cargo install cargo-fuzz`.
set -uo pipefail

SECONDS_EACH="${1:-60}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
TARGETS="${TARGETS:-load_yaml check_pipeline money_parse markdown_html}"
export RUSTC_BOOTSTRAP=1

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    echo "cargo-fuzz is not installed: run \`cargo install cargo-fuzz\`" >&2
    exit 2
fi

mkdir -p logs
if ! cargo fuzz build >logs/build.log 2>&1; then tail -n 20 logs/build.log >&2; echo "fuzz build failed" >&2; exit 2; fi

status=0
summary=()
for t in $TARGETS; do
    mkdir -p "corpus/$t" "artifacts/$t"
    dict=()
    [ -f "dict/$t.dict" ] && dict=("-dict=dict/$t.dict")
    log="logs/$t.log"
    echo "== $t: ${SECONDS_EACH}s" >&2
    # -timeout: a single input taking over 10 s is a hang worth reporting.
    cargo fuzz run "$t" "corpus/$t" -- \
        -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 "${dict[@]}" >"$log" 2>&1
    rc=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
    secs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | awk '{print $5}' | tail -n 1)
    crashes=$(find "artifacts/$t" -type f | wc -l)
    corpus=$(find "corpus/$t" -type f | wc -l)
    if [ $rc -ne 0 ]; then
        status=1
        echo "   $t stopped with exit code $rc; see fuzz/$log" >&2
        grep -m 5 -E 'panicked|ERROR: |SUMMARY|Test unit written' "$log" >&2
    fi
    summary+=("$(printf '%-16s %8s %12s %10s %8s %6s' "$t" "${secs:-?}" "${execs:-?}" \
        "$( [ -n "${execs:-}" ] && [ -n "${secs:-}" ] && [ "$secs" -gt 0 ] && echo $((execs / secs)) || echo '?')" \
        "$corpus" "$crashes")")
done

printf '\n%-16s %8s %12s %10s %8s %6s\n' target seconds executions exec/s corpus crashes
printf '%s\n' "${summary[@]}"
exit $status
