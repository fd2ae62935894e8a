#!/usr/bin/env bash
# The median of several `cargo bench` runs of one benchmark, as bench/README.md reports
# figures on a machine whose wall clock moves from run to run.
#
# usage: bench/median.sh [RUNS] [FILTER]
#   RUNS    how many runs (default 5)
#   FILTER  a benchmark of `benches/decide.rs` (default workload_in_cache/decider)
#
# Each run is a whole `cargo bench --bench decide -- FILTER`; its figure is criterion's median
# time per iteration (target/criterion/FILTER/new/estimates.json), turned into elements a second
# with the benchmark's own throughput. Prints each run's figure, then their median.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
FILTER=${2:-workload_in_cache/decider}
DIR="target/criterion/$FILTER/new"
figures=()
for i in $(seq 1 "$RUNS"); do
  cargo bench -q --bench decide -- "$FILTER" > /dev/null 2>&1
  f=$(python3 - "$DIR" <<'PY'
import json, sys
d = sys.argv[1]
ns = json.load(open(f"{d}/estimates.json"))["median"]["point_estimate"]
n = json.load(open(f"{d}/benchmark.json"))["throughput"]["Elements"]
print(f"{n / ns * 1e9:.0f}")
PY
)
  figures+=("$f")
  printf 'run %d: %s elements/s\n' "$i" "$f"
done
printf '%s\n' "${figures[@]}" | sort -n | awk -v f="$FILTER" '{ a[NR] = $1 } END {
  m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
  printf "%s: median of %d runs %.2f million elements/s (from %.2f to %.2f million)\n", f, NR, m / 1e6, a[1] / 1e6, a[NR] / 1e6
}'
