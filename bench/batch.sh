#!/usr/bin/env bash
# Whole-process batch runs on the reference workload, swfsim and iam-rs in one run.
#
# usage: bench/batch.sh [N]   (default 100000 requests; 3 runs each, the median is reported)
#
# Builds swfsim (release), writes the workload with `cargo run --example gen_workload` (same
# choices as shared/bench/gen_workload.py), builds the benchmark-only iam-rs adapter in
# bench/iam-rs-adapter (never a dependency of swfsim), and times each whole process:
#   swfsim simulate --requests ... --format json --jobs 1   and   --jobs <cores>
#   the same with --explain brief (verdict, reason, deciding statements, missing keys, fault)
#   iam-rs-adapter (parse, evaluate identity + boundary + SCP layers, write a JSON line)
# It also reports peak memory and how many decisions the two tools agree on.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
OUT=target/bench-batch
mkdir -p "$OUT"
cargo build -q --release
cargo run -q --release --example gen_workload -- "$OUT" "$N"
(cd bench/iam-rs-adapter && cargo build -q --release)
W=(--policy "$OUT/identity-1.json" --policy "$OUT/identity-2.json" --boundary "$OUT/boundary.json" --scp "$OUT/scp-root.json")
CORES=$(nproc)

median_run() { # name, output file, command...
  local name=$1 out=$2; shift 2
  local times=() rss=0
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$OUT/time" "$@" > "$out" || true
    read -r t m < <(tail -n 1 "$OUT/time")
    times+=("$t"); rss=$m
  done
  local med
  med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  awk -v n="$N" -v t="$med" -v m="$rss" -v name="$name" 'BEGIN { printf "%-28s %8.2f s  %10.0f requests/s  %7.1f MB peak RSS\n", name, t, n / t, m / 1024 }'
  echo "$med" > "$OUT/$name.median"
}

echo "reference workload: $N requests, 20 statements (2 identity policies, a boundary, an SCP level); $(nproc) cores"
median_run "swfsim --jobs 1" "$OUT/swfsim-1.jsonl" target/release/swfsim simulate --requests "$OUT/requests.jsonl" "${W[@]}" --format json --jobs 1 --now 1795608000
median_run "swfsim --jobs $CORES" "$OUT/swfsim-n.jsonl" target/release/swfsim simulate --requests "$OUT/requests.jsonl" "${W[@]}" --format json --jobs "$CORES" --now 1795608000
median_run "swfsim brief --jobs 1" "$OUT/brief-1.jsonl" target/release/swfsim simulate --requests "$OUT/requests.jsonl" "${W[@]}" --format json --explain brief --jobs 1 --now 1795608000
median_run "swfsim brief --jobs $CORES" "$OUT/brief-n.jsonl" target/release/swfsim simulate --requests "$OUT/requests.jsonl" "${W[@]}" --format json --explain brief --jobs "$CORES" --now 1795608000
median_run "iam-rs 0.8.0 (adapter)" "$OUT/iam-rs.jsonl" bench/iam-rs-adapter/target/release/iam-rs-adapter "$OUT/requests.jsonl" "${W[@]}"
for run in "swfsim --jobs $CORES" "swfsim brief --jobs $CORES"; do
  awk -v a="$(cat "$OUT/iam-rs 0.8.0 (adapter).median")" -v b="$(cat "$OUT/$run.median")" -v r="$run" 'BEGIN { printf "%s / iam-rs: %.2fx\n", r, a / b }'
done
python3 - "$OUT" <<'PY'
import json, sys, collections
out = sys.argv[1]
a = [json.loads(l)["decision"] for l in open(f"{out}/swfsim-n.jsonl")]
b = [json.loads(l)["decision"] for l in open(f"{out}/iam-rs.jsonl")]
diff = collections.Counter((x, y) for x, y in zip(a, b) if x != y)
print(f"decisions agreeing: {len(a) - sum(diff.values())} of {len(a)}; differing (swfsim, iam-rs): {dict(diff)}")
PY
