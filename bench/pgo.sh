#!/usr/bin/env bash
# A release build of swfsim optimized with the profile of a training run (profile-guided
# optimization, PGO): target/pgo/release/swfsim. The same source and the same answers as
# `cargo build --release`; its figures beside the plain build's are in bench/README.md.
#
# usage: bench/pgo.sh
#
# 1. Builds swfsim instrumented (RUSTFLAGS=-Cprofile-generate, in target/pgo-gen), its counters
#    updated atomically: two threads training at once otherwise lose counts, and such a
#    profile built a binary 10% slower than this one does.
# 2. Trains it on what a user runs, never on the benchmark's own requests: a workload of
#    20,000 requests drawn with another seed (`gen_workload OUT 20000 7`), answered as JSON
#    with full and brief explanations and as text, on one thread and two; the README's
#    example job; one request alone; the README's `diff` and `check` examples; `lint` of
#    policies/ and of the managed-policy corpus.
# 3. Merges the profiles with an llvm-profdata that reads rustc's (LLVM 19 or later: the
#    toolchain's llvm-tools, or Debian's llvm-19 package, which this script installs with
#    apt-get when it finds none and may).
# 4. Builds swfsim with the profile (RUSTFLAGS=-Cprofile-use, in target/pgo).
# 5. Checks that the optimized binary answers the training requests byte for byte as the
#    plain release build does (JSON, full and brief).
set -euo pipefail
cd "$(dirname "$0")/.."
GEN=target/pgo-gen
DIR=target/pgo-data
rm -rf "$DIR"
mkdir -p "$DIR/raw"

# An llvm-profdata that merges this toolchain's profiles: each candidate is tried on them.
find_profdata() {
  local sysroot candidates=()
  sysroot=$(rustc --print sysroot)
  [ -n "${LLVM_PROFDATA:-}" ] && candidates+=("$LLVM_PROFDATA")
  candidates+=("$sysroot"/lib/rustlib/*/bin/llvm-profdata)
  for v in $(seq 30 -1 19); do
    candidates+=("llvm-profdata-$v" "/usr/lib/llvm-$v/bin/llvm-profdata")
  done
  candidates+=(llvm-profdata)
  for c in "${candidates[@]}"; do
    if command -v "$c" > /dev/null 2>&1 &&
      "$c" merge -o "$DIR/merged.profdata" "$DIR"/raw/*.profraw > /dev/null 2>&1; then
      PROFDATA=$c
      return 0
    fi
  done
  return 1
}

echo "pgo: building an instrumented swfsim (target/pgo-gen)"
RUSTFLAGS="-Cprofile-generate=$PWD/$DIR/raw -Cllvm-args=-instrprof-atomic-counter-update-all" \
  CARGO_TARGET_DIR=$GEN \
  cargo build -q --release --bin swfsim
cargo build -q --release
cargo run -q --release --example gen_workload -- "$DIR/workload" 20000 7
# Only the swfsim runs below write profiles (cargo's own runs above are not instrumented).
rm -f "$DIR"/raw/*.profraw

echo "pgo: training"
BIN=$GEN/release/swfsim
W=(--policy "$DIR/workload/identity-1.json" --policy "$DIR/workload/identity-2.json"
  --boundary "$DIR/workload/boundary.json" --scp "$DIR/workload/scp-root.json")
R=(--requests "$DIR/workload/requests.jsonl" "${W[@]}" --now 1795608000)
for jobs in 1 2; do
  # Exit 1 (a request denied) is an answer here, not a failure.
  "$BIN" simulate "${R[@]}" --format json --explain full --jobs "$jobs" > /dev/null || [ $? -eq 1 ]
  "$BIN" simulate "${R[@]}" --format json --explain brief --jobs "$jobs" > /dev/null || [ $? -eq 1 ]
  "$BIN" simulate "${R[@]}" --format text --jobs "$jobs" > /dev/null || [ $? -eq 1 ]
done
"$BIN" simulate --requests policies/requests/deploy.jsonl --policy policies/deployer-role.json \
  --boundary policies/boundary-us-regions.json --scp policies/scp-deny-insecure-transport.json \
  --world policies/world.json --seed 1 --format text > /dev/null || [ $? -eq 1 ]
head -n 1 "$DIR/workload/requests.jsonl" | python3 -c 'import json,sys; print(json.dumps(json.loads(sys.stdin.read())["request"]))' > "$DIR/one.json"
"$BIN" simulate --request "$DIR/one.json" "${W[@]}" --format json > /dev/null || [ $? -eq 1 ]
"$BIN" diff --old policies/e3-workflow-starter.json --new policies/e3-workflow-starter-v2.json \
  > /dev/null || true
"$BIN" check --policy policies/e10-production-domains-deny.json \
  --must-not-allow policies/specs/no-production-starts.json > /dev/null || true
"$BIN" check --policy policies/e3-workflow-starter-v2.json \
  --must-allow policies/specs/orders-deploy.json > /dev/null || true
"$BIN" lint policies --format json > /dev/null || true
if [ -d tests/corpus/aws-managed ]; then
  "$BIN" lint tests/corpus/aws-managed --format json > /dev/null || true
fi

if ! find_profdata; then
  if command -v apt-get > /dev/null && [ "$(id -u)" = 0 ]; then
    echo "pgo: no llvm-profdata reads rustc's profiles; installing Debian's llvm-19"
    apt-get install -y -q llvm-19 > /dev/null 2>&1 ||
      { apt-get update -q > /dev/null 2>&1 && apt-get install -y -q llvm-19 > /dev/null 2>&1; } || true
  fi
  find_profdata || {
    echo "pgo: error: no llvm-profdata of LLVM 19 or later found (set LLVM_PROFDATA, or install" \
      "llvm-19, or the toolchain's llvm-tools)" >&2
    exit 1
  }
fi
echo "pgo: merged $(ls "$DIR"/raw/*.profraw | wc -l) profiles with $PROFDATA"

echo "pgo: building the optimized swfsim (target/pgo)"
RUSTFLAGS="-Cprofile-use=$PWD/$DIR/merged.profdata" CARGO_TARGET_DIR=target/pgo \
  cargo build -q --release --bin swfsim

# The same answers as the plain build, byte for byte.
for explain in full brief; do
  for b in release pgo; do
    bin=target/release/swfsim
    [ "$b" = pgo ] && bin=target/pgo/release/swfsim
    "$bin" simulate "${R[@]}" --format json --explain "$explain" --jobs 2 \
      > "$DIR/$explain-$b.jsonl" || [ $? -eq 1 ]
  done
  cmp "$DIR/$explain-release.jsonl" "$DIR/$explain-pgo.jsonl"
  rm "$DIR/$explain-release.jsonl" "$DIR/$explain-pgo.jsonl"
done
echo "pgo: target/pgo/release/swfsim answers the 20,000 training requests as target/release/swfsim does"
