#!/usr/bin/env bash
# One-line (minified) policies against the same policies pretty-printed, at N, 2N, 4N and 8N
# statements: `lint` and `simulate` should take time in proportion to the size, whatever the
# layout.
#
# usage: bench/minified.sh [N] [ROUNDS]   (default 10000 statements, 3 rounds)
#
# Each statement allows swf:StartWorkflowExecution on every domain of one account under a
# condition of its own (a third of the values hold a non-ASCII character, so columns are
# counted in characters, not bytes), and lists a redundant action: `lint` reports a finding
# in every statement, each shown with its line, column and a window of its line, and the
# text explanation of `simulate` places every statement. Figures are medians over the rounds;
# the table gives each time, its ratio to the same layout at the size before, and the ratio
# of minified to pretty-printed.
set -euo pipefail
export LC_NUMERIC=C
cd "$(dirname "$0")/.."
N=${1:-10000}
ROUNDS=${2:-3}
OUT=target/bench-minified
mkdir -p "$OUT"
cargo build -q --release
BIN=target/release/swfsim
echo '{"domain": "prod", "workflowType": {"name": "a", "version": "1"}, "workflowId": "x"}' >"$OUT/request.json"
SIZES=("$N" $((2 * N)) $((4 * N)) $((8 * N)))
for n in "${SIZES[@]}"; do
  python3 - "$n" "$OUT" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
statements = [{
    "Sid": f"S{i}",
    "Effect": "Allow",
    "Action": ["swf:StartWorkflowExecution", "swf:Start*"],
    "Resource": "arn:aws:swf:*:123456789012:/domain/*",
    "Condition": {"StringEquals": {"swf:taskList.name": f"t\u00e9{i}" if i % 3 == 0 else f"t{i}"}},
} for i in range(n)]
policy = {"Version": "2012-10-17", "Statement": statements}
with open(f"{out}/min{n}.json", "w") as f:
    json.dump(policy, f, separators=(",", ":"), ensure_ascii=False)
with open(f"{out}/pretty{n}.json", "w") as f:
    json.dump(policy, f, indent=2, ensure_ascii=False)
PY
done
: >"$OUT/times"
time_it() { # name command...
  local start end
  start=$EPOCHREALTIME
  "${@:2}" >/dev/null || true
  end=$EPOCHREALTIME
  echo "$1 $(python3 -c "print(f'{$end - $start:.4f}')")" >>"$OUT/times"
}
for _ in $(seq "$ROUNDS"); do
  for n in "${SIZES[@]}"; do
    for layout in min pretty; do
      f="$OUT/$layout$n.json"
      time_it "lint $layout $n" "$BIN" lint "$f"
      time_it "simulate $layout $n" "$BIN" simulate --request "$OUT/request.json" --policy "$f"
    done
  done
done
python3 - "$OUT/times" "${SIZES[@]}" <<'PY'
import statistics, sys
times, sizes = {}, [int(s) for s in sys.argv[2:]]
for line in open(sys.argv[1]):
    cmd, layout, n, t = line.split()
    times.setdefault((cmd, layout, int(n)), []).append(float(t))
med = {k: statistics.median(v) for k, v in times.items()}
print("| command | statements | one line | pretty-printed | one line / pretty | one line / size before |")
print("|---|---|---|---|---|---|")
for cmd in ("lint", "simulate"):
    for i, n in enumerate(sizes):
        m, p = med[(cmd, "min", n)], med[(cmd, "pretty", n)]
        growth = f"{m / med[(cmd, 'min', sizes[i - 1])]:.2f}" if i else ""
        print(f"| `{cmd}` | {n:,} | {m:.2f} s | {p:.2f} s | {m / p:.2f} | {growth} |")
PY
