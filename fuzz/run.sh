#!/usr/bin/env bash
# Run one fuzz target (or all) for a while, seeded from the bundled scenarios and fixtures.
#   fuzz/run.sh                 # every target, 10 minutes each
#   fuzz/run.sh scenario 60     # one target, 60 seconds
# Targets: scenario, price_book, pricelist_csv, pricelist_json, terraform_plan, usage_file.
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${2:-600}
seed() {
  local t=$1; shift
  mkdir -p "corpus/$t"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "corpus/$t/" || true; done
}
seed scenario ../scenarios/*.toml
seed price_book ../pricing/prices.csv
seed pricelist_csv ../tests/fixtures/pricelist/*.csv
seed pricelist_json ../tests/fixtures/pricelist/*.json
seed terraform_plan ../tests/fixtures/terraform/*.json
seed usage_file ../tests/fixtures/terraform/*.toml
seed sweep_file ../sweeps/*.toml
# FUZZ_TARGET_DIR: where cargo builds the targets (default fuzz/target).
target_dir=()
[ -n "${FUZZ_TARGET_DIR:-}" ] && target_dir=(--target-dir "$FUZZ_TARGET_DIR")
targets=${1:-$(cargo +nightly fuzz list)}
for t in $targets; do
  echo "== fuzzing $t for ${seconds}s"
  cargo +nightly fuzz run "${target_dir[@]}" "$t" "corpus/$t" -- -max_total_time="$seconds"
done
