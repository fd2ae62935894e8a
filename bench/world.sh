#!/usr/bin/env bash
# A batch against a world, and loading the world it wrote, at N, 2N, 4N and 8N starts.
#
# usage: bench/world.sh [N] [ROUNDS]   (default 25000 starts, 3 rounds)
#
# The world: four domains of one workflow type each (every default registered), SWF's quota of
# 100,000 open executions a domain. The batch: N requests, each a start of a new workflowId,
# spread over the four domains in turn, under a policy that allows every SWF action. For each
# size it times two whole processes (release build):
#   start   simulate --requests N.jsonl --world empty.json --world-out N.json --seed 1
#   reload  simulate --request one.json --world N.json --world-out again.json --seed 1
#           (reading and checking the N executions, one more start, writing N + 1)
# Each figure is the median over the rounds; the ratio is each size's time to the one before
# it (2.0 is linear). Wall time includes syncing the written world to disk (the file, then its
# folder), which the disk decides; user CPU time is the process's own work and moves least with
# what else the machine is doing; system time is mostly the kernel handing out (zeroed) memory.
# It also reports peak memory and checks that every line started.
set -euo pipefail
export LC_NUMERIC=C
cd "$(dirname "$0")/.."
N=${1:-25000}
ROUNDS=${2:-3}
OUT=target/bench-world
mkdir -p "$OUT"
cargo build -q --release
BIN=target/release/swfsim
DOMAINS=(alpha beta gamma delta)
python3 - "$OUT" "$N" "${DOMAINS[@]}" <<'PY'
import json, sys
out, n, domains = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
t = {"name": "Job", "version": "1", "defaultTaskList": {"name": "q"},
     "defaultExecutionStartToCloseTimeout": "3600", "defaultTaskStartToCloseTimeout": "300",
     "defaultChildPolicy": "TERMINATE"}
world = {"account": "123456789012", "region": "us-east-1",
         "limits": {"openExecutionsPerDomain": 100000},
         "domains": [{"name": d, "workflowTypes": [t]} for d in domains]}
json.dump(world, open(f"{out}/empty.json", "w"))
json.dump({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "swf:*", "Resource": "*"}]},
          open(f"{out}/allow.json", "w"))
for k in (1, 2, 4, 8):
    with open(f"{out}/{n * k}.jsonl", "w") as f:
        for i in range(n * k):
            f.write(json.dumps({"domain": domains[i % len(domains)], "workflowId": f"job-{i}",
                                "workflowType": {"name": "Job", "version": "1"}}) + "\n")
json.dump({"domain": domains[0], "workflowId": "one-more", "workflowType": {"name": "Job", "version": "1"}},
          open(f"{out}/one.json", "w"))
PY
COMMON=(--policy "$OUT/allow.json" --principal arn:aws:iam::123456789012:user/bench --now 1795608000 --seed 1 --format json --explain brief)
echo "world batch: $N, $((2 * N)), $((4 * N)), $((8 * N)) starts over ${#DOMAINS[@]} domains; $ROUNDS rounds"
: > "$OUT/rounds"
timed() { # label, command...: appends "label seconds peak-KB user system" to the rounds
  local label=$1
  shift
  sync
  local start=$EPOCHREALTIME
  /usr/bin/time -f "%M %U %S" -o "$OUT/time" "$@" > "$OUT/answers.jsonl" || true
  local end=$EPOCHREALTIME
  local kb user sys
  read -r kb user sys < <(tail -n 1 "$OUT/time")
  echo "$label $(python3 -c "print(f'{$end - $start:.4f}')") $kb $user $sys" >> "$OUT/rounds"
}
for round in $(seq 1 "$ROUNDS"); do
  for k in 1 2 4 8; do
    size=$((N * k))
    rm -f "$OUT/$size.json" "$OUT/again.json"
    timed "start $size" "$BIN" simulate --requests "$OUT/$size.jsonl" --world "$OUT/empty.json" \
      --world-out "$OUT/$size.json" "${COMMON[@]}"
    started=$(grep -c '"outcome":"started"' "$OUT/answers.jsonl" || true)
    [ "$started" = "$size" ] || { echo "only $started of $size lines started" >&2; exit 1; }
    timed "reload $size" "$BIN" simulate --request "$OUT/one.json" --world "$OUT/$size.json" \
      --world-out "$OUT/again.json" "${COMMON[@]}"
  done
done
python3 - "$OUT/rounds" "$N" <<'PY'
import collections, statistics, sys
path, n = sys.argv[1], int(sys.argv[2])
runs = collections.defaultdict(list)
for line in open(path):
    kind, size, t, kb, user, system = line.split()
    runs[(kind, int(size))].append((float(t), int(kb), float(user), float(system)))
for kind in ("start", "reload"):
    before = None
    for k in (1, 2, 4, 8):
        rs = runs[(kind, n * k)]
        med = [statistics.median(r[i] for r in rs) for i in (0, 2, 3)]
        peak = max(r[1] for r in rs) / 1024
        ratio = f"  x{med[0] / before[0]:.2f} wall, x{med[1] / before[1]:.2f} user to the size before" if before else ""
        print(f"{kind:<6} {n * k:>7} starts  {med[0]:7.3f} s wall  {med[1]:5.2f} s user  {med[2]:5.2f} s system  {peak:6.1f} MB peak RSS{ratio}  (wall: {' '.join(f'{r[0]:.3f}' for r in rs)})")
        before = med
PY
