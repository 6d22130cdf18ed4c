#!/usr/bin/env bash
# Run the sweep benchmark the way BENCHMARKS.md records it: the machine, then the
# 1,000,000-point sweep with 1 and 2 threads (best and median of 5 runs, CSV to a
# temporary file), then 10,000,000 points with 2 threads for the peak memory.
# Usage: scripts/bench.sh [path/to/vpceplan]   (default: builds the release binary)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then
  cargo build --release --quiet
  bin=${CARGO_TARGET_DIR:-target}/release/vpceplan
fi
echo "== machine"
nproc
lscpu | head -n 20
free -h
echo "== vpceplan bench --points 1000000 --threads 1 --repeat 5"
"$bin" bench --points 1000000 --threads 1 --repeat 5
echo "== vpceplan bench --points 1000000 --threads 2 --repeat 5"
"$bin" bench --points 1000000 --threads 2 --repeat 5
echo "== vpceplan bench --points 10000000 --threads 2"
"$bin" bench --points 10000000 --threads 2
