#!/usr/bin/env bash
# Batch cost by policy size: an identity policy of 10, 100, 1,000, 5,000 and 10,000 statements,
# most of which match each request's Action and Resource, swfsim and iam-rs in one run.
#
# usage: bench/statements.sh [N] [ROUNDS] [SIZES...]   (default 20000 requests, 3 rounds,
#                                                         sizes 10 100 1000 5000 10000)
#
# The requests are the reference workload's (`cargo run --example gen_workload`). The policy of
# S statements is written here: statement i allows (every tenth denies) the start in the
# workload's account in the domains one of eight prefixes starts (`prod-*`, `dev-*`, ..., `*`),
# on three conditions drawn from the workload's values (`swf:workflowType.name`, a
# `swf:taskList.name` pattern, `swf:workflowType.version`). A request's domain matches an
# eighth to a quarter of the statements, of which about one in two hundred applies: most
# requests are denied, and their full explanations are the ones that grow with the policy.
# Each size runs, one after another in each round:
#   swfsim --explain auto (the batch default), full and brief, JSON, --jobs <cores>, to a file
#   iam-rs 0.8.0 through bench/iam-rs-adapter (decision only), to a file
# and reports per size the median wall time, requests/s, the time per request divided by the
# statements (flat when the cost is linear in them), peak RSS, the bytes a line, and the ratio
# to iam-rs (median of the rounds' own ratios).
set -euo pipefail
export LC_NUMERIC=C
cd "$(dirname "$0")/.."
N=${1:-20000}
ROUNDS=${2:-3}
shift $(( $# > 2 ? 2 : $# ))
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10 100 1000 5000 10000)
OUT=target/bench-statements
mkdir -p "$OUT"
cargo build -q --release
cargo run -q --release --example gen_workload -- "$OUT" "$N"
(cd bench/iam-rs-adapter && cargo build -q --release)
for S in "${SIZES[@]}"; do
  python3 - "$S" > "$OUT/policy-$S.json" <<'PY'
import json, sys
s = int(sys.argv[1])
prefixes = ["prod-", "dev-", "test-", "team-", "alice-", "bob-", "ops", ""]
names = ["OrderFlow", "RefundFlow", "Report", "Nightly"]
lists = ["prod-*", "dev-*", "*-tl", "batch", "ops-*", "weird"]
versions = ["1.0", "1.3", "2.1", "0.9", "9.9"]
statements = []
for i in range(s):
    statements.append({
        "Sid": f"S{i}",
        "Effect": "Deny" if i % 10 == 9 else "Allow",
        "Action": "swf:StartWorkflowExecution",
        "Resource": f"arn:aws:swf:us-east-1:111122223333:/domain/{prefixes[i % 8]}*",
        "Condition": {
            "StringEquals": {"swf:workflowType.name": names[(i // 8) % 4]},
            "StringLike": {"swf:taskList.name": lists[(i // 32) % 6]},
            "StringEqualsIfExists": {"swf:workflowType.version": versions[(i // 192) % 5]},
        },
    })
print(json.dumps({"Version": "2012-10-17", "Statement": statements}, indent=1))
PY
done
CORES=$(nproc)
NAMES=("auto" "full" "brief" "iam-rs")
command_of() { # size, index of NAMES: sets CMD
  local sim=(target/release/swfsim simulate --requests "$OUT/requests.jsonl" --policy "$OUT/policy-$1.json"
    --format json --now 1795608000 --jobs "$CORES")
  case $2 in
    0) CMD=("${sim[@]}") ;;
    1) CMD=("${sim[@]}" --explain full) ;;
    2) CMD=("${sim[@]}" --explain brief) ;;
    3) CMD=(bench/iam-rs-adapter/target/release/iam-rs-adapter "$OUT/requests.jsonl" --policy "$OUT/policy-$1.json") ;;
  esac
}
echo "reference workload's $N requests against one identity policy of S statements; $CORES cores; $ROUNDS rounds"
: > "$OUT/rounds"
for round in $(seq 1 "$ROUNDS"); do
  for S in "${SIZES[@]}"; do
    for i in "${!NAMES[@]}"; do
      command_of "$S" "$i"
      rm -f "$OUT/out"
      sync
      start=$EPOCHREALTIME
      # swfsim exits 1 when a request is denied: not a failure here.
      /usr/bin/time -f "%M" -o "$OUT/time" "${CMD[@]}" > "$OUT/out" || true
      end=$EPOCHREALTIME
      echo "$round $S $i $(python3 -c "print(f'{$end - $start:.4f}')") $(tail -n 1 "$OUT/time") $(wc -c < "$OUT/out")" >> "$OUT/rounds"
    done
  done
done
python3 - "$OUT/rounds" "$N" "${NAMES[@]}" <<'PY'
import statistics, sys, collections
path, n, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
runs = collections.defaultdict(list)  # (size, command) -> [(round, time, rss KB, bytes)]
for l in open(path):
    r, s, i, t, m, b = l.split()
    runs[(int(s), int(i))].append((int(r), float(t), int(m), int(b)))
sizes = sorted({s for s, _ in runs})
print(f"{'statements':>10} {'command':<7} {'time':>9} {'requests/s':>11} {'ns/request/statement':>21} {'peak RSS':>9} {'bytes/line':>10} {'times iam-rs':>12}")
for s in sizes:
    iam = {r: t for r, t, _, _ in runs[(s, 3)]}
    for i, name in enumerate(names):
        xs = runs[(s, i)]
        med = statistics.median(t for _, t, _, _ in xs)
        rss = max(m for _, _, m, _ in xs) / 1024
        per = med / n / s * 1e9
        line = max(b for _, _, _, b in xs) / n
        ratio = "" if i == 3 else f"{statistics.median(iam[r] / t for r, t, _, _ in xs):.2f}"
        print(f"{s:>10} {name:<7} {med:8.3f}s {n / med:11.0f} {per:21.1f} {rss:7.1f}MB {line:10.0f} {ratio:>12}")
PY
