#!/usr/bin/env bash
# Runs every fuzz target for a short while (30 s each by default): the check before a release.
#
#   fuzz/run.sh            # every target, 30 s each
#   fuzz/run.sh 300        # every target, 5 minutes each
#   fuzz/run.sh 60 analysis policy_lowering
#
# Seeds each target's corpus (fuzz/corpus/TARGET, kept between runs, not committed) from the
# repository's own inputs: policies, requests, batch lines, worlds, SPECs and context files, and
# the findings kept in tests/fuzz-regressions. A crash leaves its input in fuzz/artifacts/TARGET;
# copy it into tests/fuzz-regressions (named TARGET-what-it-does) once fixed.
# Needs the nightly toolchain and cargo-fuzz (installed from crates.io when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-30}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(json_reader policy_lowering simulate_inputs analysis account_export)
fi

if ! cargo +nightly --version >/dev/null 2>&1; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

# Each seed file is one input: whole files, and each line of a JSON Lines file.
seed() {
  local dir="fuzz/corpus/$1"
  mkdir -p "$dir"
  shift
  local f n=0
  for f in "$@"; do
    [ -f "$f" ] || continue
    cp "$f" "$dir/seed-$(basename "$f")"
    if [[ "$f" == *.jsonl ]]; then
      while IFS= read -r line; do
        n=$((n + 1))
        printf '%s' "$line" >"$dir/seed-$(basename "$f")-$n"
      done <"$f"
    fi
  done
}

policies=(policies/*.json tests/lint/fixtures/* tests/fuzz-regressions/*)
requests=(policies/requests/* policies/contexts/* policies/specs/* policies/world.json tests/fuzz-regressions/*)
seed json_reader "${policies[@]}" "${requests[@]}"
seed policy_lowering "${policies[@]}"
seed simulate_inputs "${requests[@]}"
seed account_export policies/account/*.json tests/data/account/* tests/data/public-gaad/*.json
# The analysis takes two policies split at a NUL byte: each example against the next.
mkdir -p fuzz/corpus/analysis
prev=""
for f in policies/*.json; do
  if [ -n "$prev" ]; then
    { cat "$prev"; printf '\0'; cat "$f"; } >"fuzz/corpus/analysis/seed-$(basename "$prev" .json)-$(basename "$f")"
  fi
  prev="$f"
done

status=0
for t in "${targets[@]}"; do
  echo "== $t ($seconds s)"
  if ! cargo +nightly fuzz run "$t" "fuzz/corpus/$t" -- -max_total_time="$seconds" -rss_limit_mb=4096; then
    echo "== $t FAILED: its input is in fuzz/artifacts/$t" >&2
    status=1
  fi
done
exit "$status"
