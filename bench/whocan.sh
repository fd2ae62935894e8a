#!/usr/bin/env bash
# `swfsim whocan` on a generated account export: who of N principals may start a workflow.
#
# usage: bench/whocan.sh [N] [ROUNDS]   (default 10000 principals, 5 rounds)
#        SWFSIM=path/to/swfsim bench/whocan.sh ...   (a given binary; else the release build)
#
# Writes with bench/gen-account.py (seed 1) an export of account 111122223333 with N
# principals as the AWS CLI prints it (indent 4), and the same account as the raw API's pages
# (100 items a page, every document percent-encoded), into a temporary folder; counts with
# bench/gaad_check.py the principals its own small evaluator allows to start
# policies/requests/order.json. Then, in each round, one after another:
#   swfsim whocan --account-details EXPORT --request policies/requests/order.json --format json
#   the same on the raw API's pages
#   the peers, the cost of loading the export alone: python3's json.load of the file, and
#   `swfsim lint --account-details EXPORT --format json` when lint reads exports
# each to /dev/null, and reports per command the median and least wall time, user and system
# CPU, peak RSS, and whocan's ratio to each peer (the median of the rounds' own ratios). A run
# of whocan writing to a file, outside the rounds, gives the answer's size and, when its JSON
# holds a list of principals, how many it allows beside the generator's count.
set -euo pipefail
export LC_NUMERIC=C
cd "$(dirname "$0")/.."
N=${1:-10000}
ROUNDS=${2:-5}
REQUEST=policies/requests/order.json
if [ -n "${SWFSIM:-}" ]; then
  BIN=$SWFSIM
else
  cargo build -q --release
  BIN=target/release/swfsim
fi
# The command line this script assumes:
#   swfsim whocan --account-details FILE --request FILE [--org FILE] [--format text|json]
if ! help=$("$BIN" whocan --help 2>/dev/null); then
  echo "whocan.sh: whocan not built: \`$BIN whocan --help\` failed (this build has no whocan command)" >&2
  exit 2
fi
for flag in --account-details --request --format; do
  if ! grep -q -- "$flag" <<< "$help"; then
    echo "whocan.sh: \`$BIN whocan --help\` names no \`$flag\`: the command line assumed here is" \
      "\`swfsim whocan --account-details FILE --request FILE [--format json]\`" >&2
    exit 2
  fi
done
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
EXPORT=$OUT/account-$N.json
PAGED=$OUT/account-$N-pages.json
python3 bench/gen-account.py --principals "$N" --seed 1 -o "$EXPORT"
python3 bench/gen-account.py --principals "$N" --seed 1 --pages $(( (N + 350) / 100 )) -o "$PAGED"
python3 bench/gaad_check.py "$EXPORT" --request "$REQUEST"

NAMES=("whocan, CLI export" "whocan, raw API pages" "python3 json.load")
if "$BIN" lint --help 2>/dev/null | grep -q -- --account-details; then
  NAMES+=("swfsim lint --account-details")
else
  echo "swfsim lint reads no --account-details: the peer is python3's json.load alone" >&2
fi
command_of() { # index of NAMES: sets CMD
  case $1 in
    0) CMD=("$BIN" whocan --account-details "$EXPORT" --request "$REQUEST" --format json) ;;
    1) CMD=("$BIN" whocan --account-details "$PAGED" --request "$REQUEST" --format json) ;;
    2) CMD=(python3 -c 'import json, sys; json.load(open(sys.argv[1], "rb"))' "$EXPORT") ;;
    3) CMD=("$BIN" lint --account-details "$EXPORT" --format json) ;;
  esac
}

# One run to a file first: its answer, and a check that each command reads the export.
for i in "${!NAMES[@]}"; do
  command_of "$i"
  rc=0
  "${CMD[@]}" > "$OUT/answer-$i.json" 2> "$OUT/stderr-$i" || rc=$?
  # whocan and lint may exit 1 (nobody allowed, a finding): only 2 and above are failures.
  if [ "$rc" -ge 2 ]; then
    echo "whocan.sh: \`${NAMES[$i]}\` failed (exit $rc): $(head -c 600 "$OUT/stderr-$i")" >&2
    exit 2
  fi
done
python3 - "$OUT/answer-0.json" "$OUT/answer-1.json" <<'PY'
import json, sys
def allowed(path):
    """How many principals a JSON answer allows, when it says so in a recognisable way."""
    try:
        j = json.load(open(path))
    except ValueError:
        return None, "not one JSON document"
    lists = [("", j)] if isinstance(j, list) else [(k, v) for k, v in j.items() if isinstance(v, list)]
    for key, xs in sorted(lists, key=lambda kv: -len(kv[1])):
        if all(isinstance(x, str) for x in xs):
            return len(xs), key or "the array"
        if all(isinstance(x, dict) for x in xs):
            for k in ("allowed", "decision", "verdict", "outcome"):
                if any(k in x for x in xs):
                    yes = [x for x in xs if x.get(k) in (True, "allow", "allowed", "Allow", "authorized", "started")]
                    return len(yes), f"{key or 'the array'}[].{k}"
            return len(xs), f"{key or 'the array'}[]"
    return None, f"members {sorted(j)[:8] if isinstance(j, dict) else type(j).__name__}"
for name, path in (("CLI export", sys.argv[1]), ("raw API pages", sys.argv[2])):
    n, where = allowed(path)
    size = len(open(path, "rb").read())
    print(f"whocan's answer on the {name}: {size:,} bytes; " +
          (f"{n} principals ({where})" if n is not None else f"no count found ({where})"))
PY

echo "account export: $N principals, $(wc -c < "$EXPORT") bytes (CLI form), $(wc -c < "$PAGED") bytes (raw API pages); $(nproc) cores; $ROUNDS rounds"
: > "$OUT/rounds"
for round in $(seq 1 "$ROUNDS"); do
  line="$round"
  for i in "${!NAMES[@]}"; do
    command_of "$i"
    start=$EPOCHREALTIME
    /usr/bin/time -f "%e %M %U %S" -o "$OUT/time" "${CMD[@]}" > /dev/null 2>&1 || true
    end=$EPOCHREALTIME
    read -r _ m u k < <(tail -n 1 "$OUT/time")
    line="$line $(python3 -c "print(f'{$end - $start:.4f}')") $m $u $k"
  done
  echo "$line" >> "$OUT/rounds"
done
python3 - "$OUT/rounds" "$N" "${NAMES[@]}" <<'PY'
import statistics, sys
path, n, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
rounds = [list(map(float, l.split()[1:])) for l in open(path) if l.strip()]
field = lambda i, k: [r[4 * i + k] for r in rounds]
for i, name in enumerate(names):
    t = field(i, 0)
    print(f"{name:<30} median {statistics.median(t):7.3f} s  least {min(t):7.3f} s  "
          f"CPU {statistics.median(field(i, 2)):.2f} s user, {statistics.median(field(i, 3)):.2f} s system  "
          f"{max(field(i, 1)) / 1024:7.1f} MB peak RSS  (rounds: {' '.join(f'{x:.3f}' for x in t)})")
for i in (0, 1):
    for peer in range(2, len(names)):
        ratios = [a / b for a, b in zip(field(i, 0), field(peer, 0))]
        print(f"{names[i]} / {names[peer]}: {statistics.median(ratios):.2f}x "
              f"(rounds: {' '.join(f'{x:.2f}' for x in ratios)})")
PY
