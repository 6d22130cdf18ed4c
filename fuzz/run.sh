#!/usr/bin/env bash
# Run one fuzz target (or all) for a while, seeded from the bundled scenarios and fixtures.
#   fuzz/run.sh                 # every target, 10 minutes each
#   fuzz/run.sh scenario 60     # one target, 60 seconds
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
targets=${1:-$(cargo +nightly fuzz list)}
for t in $targets; do
  echo "== fuzzing $t for ${seconds}s"
  cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$seconds"
done
