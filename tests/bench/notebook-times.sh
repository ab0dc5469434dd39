#!/usr/bin/env bash
# Times the notebooks of the course, headless, in order, into one runs folder (later notebooks reuse the runs of
# earlier ones, as in a workshop; the offline teacher's judge is reused from runs/judge if present).
#   tests/bench/notebook-times.sh [test|workshop|paper] [RUNS_DIR] [NOTEBOOK_NAME...]
# With names (e.g. 03-ppo-teacher), only those run; the runs folder is kept, so a later call can reuse what an
# earlier one trained. Prints one line per notebook: name, exit code, wall seconds, the load average when it
# ended; the executed notebooks and their figures land in RUNS_DIR/out/NAME/. Wall time depends on what else the
# machine is doing: quote the load with any number.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
scale="${1:-workshop}"
runs="${2:-$(mktemp -d -t storylab-times-XXXX)}"
shift $(( $# < 2 ? $# : 2 ))
mkdir -p "$runs"
echo "scale $scale, runs in $runs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for nb in "$HERE"/notebooks/*.ipynb; do
  name="$(basename "$nb" .ipynb)"
  if (( $# > 0 )) && [[ ! " $* " =~ " $name " ]]; then continue; fi
  t0=$(date +%s.%N)
  STORYLAB_SCALE="$scale" STORYLAB_RUNS="$runs" STORYLAB_JUDGES="${STORYLAB_JUDGES:-$HERE/runs/judge}" \
    "$HERE/storylab" run "$nb" -o "$runs/out/$name/$name.ipynb" > "$runs/$name.log" 2>&1
  rc=$?
  printf '%-24s rc %d  %7.0f s  (load %s)\n' "$name" "$rc" "$(echo "$(date +%s.%N) - $t0" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
done
