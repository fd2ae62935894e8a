#!/usr/bin/env bash
# How `swfsim diff` grows with its input: statements, literals under one operator, StringLike
# patterns on one key, independent keys. Each size is run once with the default budget
# (--timeout 5s) and a generous one, so a curve shows both the time to an answer and what the
# user gets by default. Prints, per size: wall time, peak memory, the answer, and the ratio of
# the time to the previous size's.
#
#   bench/analysis_scale.sh [SWFSIM]     (default: target/release/swfsim, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/swfsim}
[ -x "$bin" ] || cargo build --release
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

run() { # KIND N TIMEOUT
    local kind=$1 n=$2 budget=$3
    python3 bench/analysis_inputs.py "$dir" "$kind" "$n"
    local start end answer rss
    start=$(date +%s.%N)
    /usr/bin/time -f '%M' -o "$dir/rss" timeout 700 "$bin" diff \
        --old "$dir/$kind-$n-old.json" --new "$dir/$kind-$n-new.json" \
        --format json --timeout "$budget" >"$dir/out.json" 2>/dev/null || true
    end=$(date +%s.%N)
    answer=$(python3 -c 'import json,sys
try:
    j=json.load(open(sys.argv[1])); print(j["answer"])
except Exception: print("no answer")' "$dir/out.json")
    rss=$(tail -1 "$dir/rss")
    echo "$(echo "$end - $start" | bc)" "$((rss / 1024))" "$answer"
}

curve() { # KIND SIZES...
    local kind=$1
    shift
    printf '\n%s\n%-8s %-9s %12s %8s %7s  %-18s %12s %-18s\n' "$kind" size budget "time (s)" "MB" ratio answer "time at 5s" "answer at 5s"
    local prev=""
    for n in "$@"; do
        read -r t mb answer < <(run "$kind" "$n" 600s)
        read -r t5 _ answer5 < <(run "$kind" "$n" 5s)
        local ratio=""
        [ -n "$prev" ] && ratio=$(echo "scale=1; $t / $prev" | bc)
        printf '%-8s %-9s %12.2f %8s %7s  %-18s %12.2f %-18s\n' "$n" 600s "$t" "$mb" "$ratio" "$answer" "$t5" "$answer5"
        prev=$t
    done
}

curve statements 50 100 200 400 1000
curve literals 1250 2500 5000 10000
curve like 8 10 12 14 16
curve keys 10 20 40 80
