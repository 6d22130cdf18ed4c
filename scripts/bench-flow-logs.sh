#!/usr/bin/env bash
# The flow-log import benchmark of BENCHMARKS.md: about 1 GB of synthetic version 5 flow
# logs under /tmp, joined to 200 ENIs, half the records matched against 25,000 ip-ranges
# prefixes; `vpceplan import flow-logs` on one core, with its peak RSS.
# Usage: scripts/bench-flow-logs.sh [SIZE_MB]   (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1000}
dir=/tmp/vpceplan-bench-flow-logs
[ -f "$dir/flows.log" ] || python3 scripts/gen-flow-logs.py "$dir" "$size"
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/vpceplan
uptime
ls -l "$dir/flows.log"
/usr/bin/time -f 'wall %e s, user %U s, sys %S s, peak RSS %M KB' \
  taskset -c 0 "$bin" --threads 1 import flow-logs "$dir/flows.log" --enis "$dir/enis.csv" \
  --ip-ranges "$dir/ip-ranges.json" --out "$dir/out"
