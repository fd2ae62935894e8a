#!/usr/bin/env bash
# Whole-process batch runs on the reference workload, swfsim and iam-rs in one run.
#
# usage: bench/batch.sh [N] [ROUNDS]   (default 100000 requests, 5 rounds)
#
# Builds swfsim (release), writes the workload with `cargo run --example gen_workload` (same
# choices as bench/workload.rs), builds the benchmark-only iam-rs adapter in
# bench/iam-rs-adapter (never a dependency of swfsim), and times each whole process:
#   swfsim simulate --requests ... --format json --explain full --jobs 1   and   --jobs <cores>
#   the same with --explain brief (verdict, reason, deciding statements, missing keys, fault)
#   iam-rs-adapter (parse, evaluate identity + boundary + SCP layers, write a JSON line)
#   swfsim --jobs <cores>, full and brief, writing to /dev/null: the same work without the
#   kernel's copy of 650 MB (full) into the page cache, which costs 0.3 to 2.7 s of system
#   time here and is most of what separates the two figures
#   dd writing as many bytes as the full output to a file beside it (from /dev/zero): what the
#   kernel and file system alone take for that output, against the time 15 times iam-rs allows
#   the PGO build (bench/pgo.sh: the same source optimized with a training run's profile; built
#   when target/pgo/release/swfsim is older than the source), full and brief, --jobs <cores>, to
#   a file and to /dev/null; left out, with a note, when no llvm-profdata can build it
# The commands run one after another in each round, so a round sees the machine in one
# state (its speed drifts by a third here within minutes); each figure is the median over the
# rounds, and each ratio to iam-rs is the median of the rounds' own ratios. It also reports
# peak memory, user and system CPU, and how many decisions the two tools agree on.
set -euo pipefail
# bash writes $EPOCHREALTIME with the locale's decimal point.
export LC_NUMERIC=C
cd "$(dirname "$0")/.."
N=${1:-100000}
ROUNDS=${2:-5}
OUT=target/bench-batch
mkdir -p "$OUT"
cargo build -q --release
cargo run -q --release --example gen_workload -- "$OUT" "$N"
(cd bench/iam-rs-adapter && cargo build -q --release)
PGO=target/pgo/release/swfsim
# Rebuilt when anything it is built or trained from is newer.
if [ ! -x "$PGO" ] || [ -n "$(find src Cargo.toml Cargo.lock bench/pgo.sh bench/workload.rs bench/workload \
  examples/gen_workload.rs policies -newer "$PGO" -print -quit)" ]; then
  bench/pgo.sh >&2 || { echo "no PGO build (see bench/pgo.sh's error): its commands are left out" >&2; rm -f "$PGO"; }
fi
W=(--policy "$OUT/identity-1.json" --policy "$OUT/identity-2.json" --boundary "$OUT/boundary.json" --scp "$OUT/scp-root.json")
CORES=$(nproc)
SIM=(target/release/swfsim simulate --requests "$OUT/requests.jsonl" "${W[@]}" --format json --now 1795608000)
NAMES=("swfsim --jobs 1" "swfsim --jobs $CORES" "swfsim brief --jobs 1" "swfsim brief --jobs $CORES"
  "iam-rs 0.8.0 (adapter)" "swfsim --jobs $CORES >/dev/null" "swfsim brief --jobs $CORES >/dev/null"
  "dd, the full output's bytes")
DEST=("$OUT/swfsim-1.jsonl" "$OUT/swfsim-n.jsonl" "$OUT/brief-1.jsonl" "$OUT/brief-n.jsonl"
  "$OUT/iam-rs.jsonl" /dev/null /dev/null "$OUT/dd.out")
if [ -x "$PGO" ]; then
  NAMES+=("PGO --jobs $CORES" "PGO brief --jobs $CORES" "PGO --jobs $CORES >/dev/null"
    "PGO brief --jobs $CORES >/dev/null")
  DEST+=("$OUT/pgo-n.jsonl" "$OUT/pgo-brief-n.jsonl" /dev/null /dev/null)
fi
PGO_SIM=("$PGO" "${SIM[@]:1}")
command_of() { # index of NAMES: sets CMD
  case $1 in
    0) CMD=("${SIM[@]}" --explain full --jobs 1) ;;
    1) CMD=("${SIM[@]}" --explain full --jobs "$CORES") ;;
    2) CMD=("${SIM[@]}" --explain brief --jobs 1) ;;
    3) CMD=("${SIM[@]}" --explain brief --jobs "$CORES") ;;
    4) CMD=(bench/iam-rs-adapter/target/release/iam-rs-adapter "$OUT/requests.jsonl" "${W[@]}") ;;
    5) CMD=("${SIM[@]}" --explain full --jobs "$CORES") ;;
    6) CMD=("${SIM[@]}" --explain brief --jobs "$CORES") ;;
    # As many bytes as this round's full output (command 1), written to a file beside it the
    # way swfsim writes its output: to standard output, which the shell opened (and emptied).
    7) CMD=(dd if=/dev/zero bs=1M count="$(wc -c < "$OUT/swfsim-n.jsonl")" iflag=count_bytes
         status=none) ;;
    8 | 10) CMD=("${PGO_SIM[@]}" --explain full --jobs "$CORES") ;;
    9 | 11) CMD=("${PGO_SIM[@]}" --explain brief --jobs "$CORES") ;;
  esac
}

echo "reference workload: $N requests, 20 statements (2 identity policies, a boundary, an SCP level); $CORES cores; $ROUNDS rounds"
: > "$OUT/rounds"
for round in $(seq 1 "$ROUNDS"); do
  line="$round"
  for i in "${!NAMES[@]}"; do
    command_of "$i"
    # swfsim exits 1 when a request is denied (the workload has denials): not a failure here.
    # The last round's output is removed first (opening it emptied would free its pages inside
    # the measured time), and the outputs of earlier commands are written back to disk: the
    # kernel's writeback would otherwise run on the same two cores during this command.
    [ "${DEST[$i]}" = /dev/null ] || rm -f "${DEST[$i]}"
    sync
    # Wall time to the microsecond from bash's clock (time's own %e has 10 ms steps, a tenth of
    # a brief run); it includes starting `time` itself, under a millisecond here.
    start=$EPOCHREALTIME
    /usr/bin/time -f "%e %M %U %S" -o "$OUT/time" "${CMD[@]}" > "${DEST[$i]}" || true
    end=$EPOCHREALTIME
    read -r _ m u k < <(tail -n 1 "$OUT/time")
    t=$(python3 -c "print(f'{$end - $start:.4f}')")
    line="$line $t $m $u $k"
  done
  echo "$line" >> "$OUT/rounds"
done
rm -f "$OUT/dd.out"
python3 - "$OUT/rounds" "$N" "${NAMES[@]}" <<'PY'
import statistics, sys
path, n, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
rounds = [list(map(float, l.split()[1:])) for l in open(path) if l.strip()]
# Per command: wall time, peak RSS, user and system CPU.
field = lambda i, k: [r[4 * i + k] for r in rounds]
times = [field(i, 0) for i in range(len(names))]
for i, name in enumerate(names):
    t, m = times[i], field(i, 1)
    med = statistics.median(t)
    rate = f"{n / med:10.0f} requests/s" if i != 7 else " " * 21
    cpu = f"CPU {statistics.median(field(i, 2)):.2f} s user, {statistics.median(field(i, 3)):.2f} s system"
    print(f"{name:<28} {med:8.3f} s  {rate}  {max(m) / 1024:7.1f} MB peak RSS  {cpu}  (rounds: {' '.join(f'{x:.3f}' for x in t)})")
iam = times[4]
for i in [1, 3, 5, 6] + list(range(8, len(names))):
    ratios = [a / b for a, b in zip(iam, times[i])]
    print(f"{names[i]} / iam-rs: {statistics.median(ratios):.2f}x (rounds: {' '.join(f'{x:.2f}' for x in ratios)})")
# What fifteen times iam-rs leaves for a whole run, beside what writing the full output alone takes.
budget = [a / 15 for a in iam]
print(f"15 times iam-rs leaves {statistics.median(budget):.3f} s a run; writing the full output's bytes "
      f"with dd took {statistics.median(times[7]):.3f} s (rounds: {' '.join(f'{x:.3f}' for x in times[7])})")
PY
python3 - "$OUT" <<'PY'
import json, sys, collections
out = sys.argv[1]
a = [json.loads(l)["decision"] for l in open(f"{out}/swfsim-n.jsonl")]
b = [json.loads(l)["decision"] for l in open(f"{out}/iam-rs.jsonl")]
diff = collections.Counter((x, y) for x, y in zip(a, b) if x != y)
print(f"decisions agreeing: {len(a) - sum(diff.values())} of {len(a)}; differing (swfsim, iam-rs): {dict(diff)}")
PY
