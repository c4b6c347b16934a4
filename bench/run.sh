#!/usr/bin/env bash
# Benchmarks of cabinet, regenerating BENCHMARKS.md. One command from a fresh clone:
# `bash bench/run.sh` (installs hyperfine, GNU time, valgrind and poppler-utils from Debian
# if missing). `bash bench/run.sh --clean-build` also times a clean release build in a
# throw-away target folder (about six minutes on two cores).
#
# Method: release build; inputs generated deterministically by examples/generate.rs; each case
# timed by hyperfine (3 warm-up runs, then at least 10 runs) reporting median and min–max of
# wall time; peak resident memory from GNU time (`%M`, max of 3 runs); instruction counts from
# callgrind (repeatable where wall time is not); in-process stages from the divan bench
# `benches/stages.rs`. The machine is whatever this runs on; the file records nproc and CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
command -v valgrind >/dev/null 2>&1 || need+=(valgrind)
command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi

build_note="not measured (run \`bash bench/run.sh --clean-build\`)"
if [ "${1:-}" = "--clean-build" ]; then
  clean="$(mktemp -d)"
  start=$(date +%s)
  CARGO_TARGET_DIR="$clean" cargo build --release --quiet --bin cabinet
  build_note="$(( $(date +%s) - start )) s for \`cargo build --release --bin cabinet\` into an empty target folder (dependencies already downloaded)"
  rm -rf "$clean"
elif [ ! -x target/release/cabinet ]; then
  start=$(date +%s)
  cargo build --release --quiet --bin cabinet
  build_note="$(( $(date +%s) - start )) s (target/release was empty, so this was a clean build)"
fi
cargo build --release --quiet --bin cabinet --example generate
bin="$PWD/target/release/cabinet"
gen="$PWD/target/release/examples/generate"
work="$PWD/target/bench"
# The last run's files are moved aside now and deleted at the end (see `cold` below).
[ -d "$work" ] && mv "$work" "$work.old.$$"
mkdir -p "$work/trash"
"$gen" --initiatives 100 --reports 1 --out "$work/i100" 2>/dev/null
"$gen" --initiatives 1000 --reports 1 --out "$work/i1000" 2>/dev/null
# The issue's large case: one report listing 10,000 initiatives (about 30,000 PDF pages).
"$gen" --initiatives 10000 --reports 1 --out "$work/i10000" 2>/dev/null
"$gen" --initiatives 200 --reports 40 --out "$work/r40" 2>/dev/null
# A report of about the size of the issue's reference (summary, tables, charts, ~10 pages).
"$gen" --initiatives 2 --reports 1 --out "$work/i2" 2>/dev/null
cp -r inputs "$work/example"
# A copy of the example where a figure is toggled before each run (one-figure rebuild).
cp -r inputs "$work/edit"
"$bin" -q build "$work/edit" --output "$work/edit-out" 2>/dev/null
file="$work/edit/initiatives/cyps-2.yaml"

results="$work/results.md"
: > "$results"
row() { # name, command, [prepare], [runs: "warm-up min-runs", default "3 10"]
  local name="$1" cmd="$2" prep="${3:-}" runs=(${4:-3 10})
  local json="$work/$(printf %s "$name" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9' '-').json"
  local times=(--warmup "${runs[0]}" --min-runs "${runs[1]}")
  # hyperfine cannot run fewer than two; the slow cases are run as few times as that.
  [ "${runs[1]}" -lt 10 ] && times+=(--max-runs "${runs[1]}")
  if [ -n "$prep" ]; then
    hyperfine "${times[@]}" --prepare "$prep" --export-json "$json" --style none "$cmd" >/dev/null 2>&1
  else
    hyperfine "${times[@]}" --export-json "$json" --style none "$cmd" >/dev/null 2>&1
  fi
  local peak=0
  for _ in 1 2 3; do
    [ -n "$prep" ] && bash -c "$prep"
    # GNU time writes to its own file: `2>/dev/null` inside $cmd must not swallow it.
    /usr/bin/time -f '%M' -o "$work/peak.txt" bash -c "$cmd" >/dev/null 2>&1 || true
    local kb; kb=$(tail -1 "$work/peak.txt")
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  python3 - "$json" "$name" "$peak" >> "$results" <<'PY'
import json, sys, statistics
r = json.load(open(sys.argv[1]))["results"][0]
t = r["times"]
print(f"| {sys.argv[2]} | {statistics.median(t)*1000:.0f} ms | {min(t)*1000:.0f}–{max(t)*1000:.0f} ms | {len(t)} | {int(sys.argv[3])/1024:.1f} MiB |")
PY
}
q="$bin -q build"
# Every build case starts from an empty output folder (a cold build: every report laid out),
# except the two rebuilds, which are what an officer does between edits. The old folder is
# moved aside, not deleted: after thousands of files are deleted, ext4 searches past every
# inode freed in the last minutes each time it creates a file, and that search (in
# `recently_deleted`, `find_inode_bit`) was up to half of a cold run's time, growing over the
# benchmark: a cost of the benchmark's own deleting, which an officer rebuilding does not meet.
cold() { echo "mv $work/$1 $work/trash/\$(date +%s%N) 2>/dev/null || true"; }
row "Bundled example (7 reports), every format and chart, cold" "$q $work/example --output $work/o-example 2>/dev/null" "$(cold o-example)"
row "Rebuild of the example with nothing changed (PDFs kept)" "$q $work/example --output $work/o-example 2>/dev/null"
row "One-figure rebuild of the example (a CYPS 2 budget figure)" "$q $work/edit --output $work/edit-out 2>/dev/null" \
    "sed -i 's/\\[~, 16.393,/[~, 16.394,/; t; s/\\[~, 16.394,/[~, 16.393,/' $file"
row "A ~10-page report (2 initiatives), every format, cold" "$q $work/i2 --output $work/o-i2 2>/dev/null" "$(cold o-i2)"
row "100 initiatives, one report, cold" "$q $work/i100 --output $work/o-i100 2>/dev/null" "$(cold o-i100)"
row "1,000 initiatives, one report, cold" "$q $work/i1000 --output $work/o-i1000 2>/dev/null" "$(cold o-i1000)"
# A 10,000-initiative build takes minutes and writes 4 GB: one warm-up and three timed runs,
# each after the last one's output is deleted (seven of them kept aside would fill a disk).
row "10,000 initiatives, one report, cold" "$q $work/i10000 --output $work/o-i10000 2>/dev/null" "rm -rf $work/o-i10000" "1 3"
row "40 reports (200 initiatives), every format, cold" "$q $work/r40 --output $work/o-r40 2>/dev/null" "$(cold o-r40)"
row "40-report agenda pack (agenda, public pack, HTML index)" "$bin -q pack $work/r40/pack.yaml --inputs $work/r40 --output $work/o-pack 2>/dev/null" "$(cold o-pack)"
row "check only, bundled example" "$bin -q check $work/example 2>/dev/null"
row "check only, 100 initiatives" "$bin -q check $work/i100 2>/dev/null"
row "check only, 1,000 initiatives" "$bin -q check $work/i1000 2>/dev/null"
row "check only, 10,000 initiatives" "$bin -q check $work/i10000 2>/dev/null"

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
median() { python3 -c "import json,statistics,sys; print(statistics.median(json.load(open(sys.argv[1]))['results'][0]['times']))" "$1"; }
times_of() { python3 -c "import sys; print(f'{float(sys.argv[2])/float(sys.argv[1]):.1f}')" "$(median "$work/$1.json")" "$(median "$work/$2.json")"; }
ratio="$(times_of 100-initiatives--one-report--cold 1-000-initiatives--one-report--cold)"
ratio10k="$(times_of 1-000-initiatives--one-report--cold 10-000-initiatives--one-report--cold)"
check10k="$(times_of check-only--1-000-initiatives check-only--10-000-initiatives)"
ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ {print $4}'; }
rm -rf "$work/o-ir" "$work/o-ir2"
ir_example="$(ir "$bin" -q build "$work/example" --output "$work/o-ir")"
ir_small="$(ir "$bin" -q build "$work/i2" --output "$work/o-ir2")"
stages="$(cargo bench --quiet --bench stages 2>/dev/null | sed 's/[[:space:]]*$//')"
{
  echo "# Benchmarks"
  echo
  echo "Generated by \`bash bench/run.sh\`; do not edit by hand."
  echo
  echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "- cabinet $("$bin" --version | cut -d' ' -f2) at commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(rustc --version)"
  echo "- Method: hyperfine, 3 warm-up runs then ≥ 10 timed runs per case; wall-clock median and min–max;"
  echo "  peak RSS is the largest of 3 runs under GNU time. Inputs from \`examples/generate.rs\` (fixed seed)."
  echo "  Cold runs start from an empty output folder; the previous one is moved aside, not deleted, until the end."
  echo "- PDF pages: example $(for f in "$work"/o-example/*.pdf; do pages "$f"; done | python3 -c "import sys; print(sum(int(l) for l in sys.stdin))") in $(ls "$work"/o-example/*.pdf | wc -l) reports (the MTFS report alone $(pages "$work/o-example/report.pdf")), ~10-page report $(pages "$work/o-i2/report-01.pdf"), 100 initiatives $(pages "$work/o-i100/report-01.pdf"), 1,000 initiatives $(pages "$work/o-i1000/report-01.pdf"), 10,000 initiatives $(pages "$work/o-i10000/report-01.pdf"), agenda pack $(pages "$work/o-pack/pack-public.pdf")."
  echo "- Scaling: 1,000 initiatives take ${ratio}× the time of 100, and 10,000 take ${ratio10k}× the time of 1,000 to build and ${check10k}× to check (linear would be 10×)."
  echo "- Output of the 10,000-initiative build: $(du -sm "$work/o-i10000" | cut -f1) MB."
  echo "- Instructions (callgrind, all threads, cold build, repeatable where wall time is not): bundled example ${ir_example}; ~10-page report ${ir_small}."
  echo "- Clean release build: ${build_note}."
  echo
  echo "| Case | Median | Min–max | Runs | Peak memory |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  cat "$results"
  echo
  echo "Reference points quoted in the performance issue (same machine class, not re-measured here):"
  echo "Typst 0.15 on a comparable 10-page report 0.12 s / 44 MiB; Jinja2 + matplotlib + WeasyPrint ≈ 5 s / 126 MiB."
  echo
  echo "## In-process stages (\`cargo bench --bench stages\`, the MTFS report of the bundled example)"
  echo
  echo '```'
  echo "$stages"
  echo '```'
  echo
  # Hand-made measurements (with their commands) that the script does not repeat.
  sed '1{/^<!--/d}' bench/notes.md | sed '1{/^$/d}'
} > BENCHMARKS.md
rm -rf "$work/trash" "$work".old.*
echo "wrote BENCHMARKS.md"
