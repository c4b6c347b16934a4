#!/usr/bin/env bash
# Kills `cabinet build` and `cabinet pack` at random moments and checks what each kill leaves.
#
# Each round builds one of two versions of the example into the same folder (they differ in
# the 2016 report's title and in a charted KPI of CYPS 2) and kills the build with SIGKILL
# after a random delay. Then any cabinet command on the folder (here a build of inputs with an
# error, which writes nothing of its own) must put it right: no temporary or backup file left,
# no journal, and for every report its Markdown, page, PDF and charts from one build (old or
# new): the title of one version throughout, and every chart file byte for byte the chart its
# page inlines. A fixed seed makes the delays repeatable; rounds and time are bounded.
#
#   bash tests/kill/run.sh [CABINET] [ROUNDS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-target/release/cabinet}
rounds=${2:-40}
RANDOM=${3:-1717}
[ -x "$bin" ] || { echo "no cabinet binary at $bin (cargo build --release)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CABINET_CACHE_DIR="$work/cache" NO_COLOR=1
cp -r inputs "$work/a"
cp -r inputs "$work/b"
sed -i 's/^title: Medium Term Financial Strategy (MTFS) Update Report/title: Medium Term Financial Strategy (MTFS) Update Report VERSIONB/' "$work/b/report.yaml"
sed -i 's/\[0, 15, 27, 30, 30\]/[0, 16, 27, 30, 30]/; s/total: 102/total: 103/' "$work/b/initiatives/cyps-2.yaml"
grep -q VERSIONB "$work/b/report.yaml" || { echo "version B not made" >&2; exit 1; }
# Inputs with an error: a build of them only opens (and so puts right) the output folder.
mkdir -p "$work/broken"
printf 'kind: initiative\nreference: X\n' > "$work/broken/x.yaml"
out="$work/out"

# How long a whole build takes here, so the kills spread over all of it.
start=$(date +%s%N)
"$bin" build "$work/a" --output "$work/probe" -q 2>/dev/null
whole=$(( ( $(date +%s%N) - start ) / 1000000 + 20 ))
rm -rf "$work/probe"

check() {
  local what=$1
  if find "$out" -name '*.cabinet-tmp' -o -name '*.cabinet-old' | grep -q .; then
    echo "FAIL ($what): leftovers:"; find "$out" -name '*.cabinet-tmp' -o -name '*.cabinet-old'; exit 1
  fi
  if [ -e "$out/.cabinet/journal" ] || [ -e "$out/.cabinet/staging" ]; then
    echo "FAIL ($what): journal or staging marker left"; exit 1
  fi
  [ -f "$out/report.md" ] || return 0
  local v=A
  grep -q VERSIONB "$out/report.md" && v=B
  for f in report.html; do
    if [ $v = B ] && ! grep -q VERSIONB "$out/$f"; then echo "FAIL ($what): $f not from version B"; exit 1; fi
    if [ $v = A ] && grep -q VERSIONB "$out/$f"; then echo "FAIL ($what): $f not from version A"; exit 1; fi
  done
  local title
  title=$(pdfinfo "$out/report.pdf" 2>/dev/null | sed -n 's/^Title: *//p')
  if [ $v = B ] && [[ "$title" != *VERSIONB* ]]; then echo "FAIL ($what): report.pdf not from version B"; exit 1; fi
  if [ $v = A ] && [[ "$title" == *VERSIONB* ]]; then echo "FAIL ($what): report.pdf not from version A"; exit 1; fi
  # Every chart the page inlines is the chart file, byte for byte.
  python3 - "$out" <<'PY'
import pathlib, re, sys
out = pathlib.Path(sys.argv[1])
for page in out.glob("*.html"):
    if page.name.startswith("pack-"):
        continue
    html = page.read_text()
    inlined = re.findall(r"<svg.*?</svg>", html, re.S)
    files = sorted(out.glob(f"charts/{page.stem}-*.svg"))
    svgs = [f.read_text() for f in files]
    for svg in svgs:
        body = svg[svg.index("<svg"):svg.rindex("</svg>") + 6]
        if body not in inlined:
            sys.exit(f"FAIL: a chart of {page.name} differs from the one its page shows")
PY
}

kills=0; mid=0
deadline=$(( $(date +%s) + 240 ))
for round in $(seq 1 "$rounds"); do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "time bound reached after $((round - 1)) rounds"; break; }
  v=$([ $((round % 2)) = 0 ] && echo a || echo b)
  # Every other pair of rounds, the renames are slowed (30 ms each) so that kills land there
  # too; otherwise they take a millisecond or two of a build.
  if [ $(( (round / 2) % 2 )) = 1 ]; then
    export CABINET_SLOW_COMMIT_MS=30; span=$(( whole + 200 ))
  else
    unset CABINET_SLOW_COMMIT_MS; span=$whole
  fi
  delay=$(( RANDOM % span ))
  if [ $((round % 5)) = 0 ]; then
    "$bin" pack "$work/$v/pack-2016-11-14.yaml" --inputs "$work/$v" --output "$out" -q 2>/dev/null &
  else
    "$bin" build "$work/$v" --output "$out" -q 2>/dev/null &
  fi
  pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null || true
  [ -e "$out/.cabinet/journal" ] && mid=$((mid + 1))
  # Any cabinet command on the folder puts it right, even one that then stops at errors.
  unset CABINET_SLOW_COMMIT_MS
  "$bin" build "$work/broken" --output "$out" -q >/dev/null 2>&1 || true
  check "round $round, version $v, killed after ${delay} ms"
done
echo "kill test passed: $rounds rounds, $kills builds killed ($mid during the renames), builds take about ${whole} ms"
