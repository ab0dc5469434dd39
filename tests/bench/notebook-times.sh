#!/usr/bin/env bash
# Times every notebook of the course, headless, in order, into a fresh runs folder (later notebooks reuse the
# runs of earlier ones, as in a workshop; the offline teacher's judge is reused from runs/judge if present).
#   tests/bench/notebook-times.sh [test|workshop|paper] [RUNS_DIR]
# Prints one line per notebook: name, exit code, wall seconds; the executed notebooks and their figures land in
# RUNS_DIR/out/NAME/. Wall time depends on what else the machine is doing: say so next to any number you quote.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
scale="${1:-workshop}"
runs="${2:-$(mktemp -d -t storylab-times-XXXX)}"
mkdir -p "$runs"
echo "scale $scale, runs in $runs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for nb in "$HERE"/notebooks/*.ipynb; do
  name="$(basename "$nb" .ipynb)"
  t0=$(date +%s.%N)
  STORYLAB_SCALE="$scale" STORYLAB_RUNS="$runs" STORYLAB_JUDGES="${STORYLAB_JUDGES:-$HERE/runs/judge}" \
    "$HERE/storylab" run "$nb" -o "$runs/out/$name/$name.ipynb" > "$runs/$name.log" 2>&1
  rc=$?
  printf '%-24s rc %d  %7.0f s  (load %s)\n' "$name" "$rc" "$(echo "$(date +%s.%N) - $t0" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
done
