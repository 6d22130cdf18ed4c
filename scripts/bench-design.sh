#!/usr/bin/env bash
# The design-sweep benchmark of BENCHMARKS.md, in one run so the ratios hold:
#   - vpceplan bench --design (2,000,000 points: spokes 1-500 x GB per spoke 1 GB-10 PB log
#     x AZs 2-6 x four designs), 1 and 2 threads, CSV written to a temporary file;
#   - the same sweep in polars and in DuckDB SQL (scripts/peers/), 1 and 2 threads, each
#     writing the same CSV columns, checked row by row against vpceplan's;
#   - vpceplan bench (the explicit sweep), 1 and 2 threads;
#   - 10,000,000 design points with 2 threads, for the peak memory;
#   - with OLD=path/to/an/older/vpceplan: the same 2,000,000 design points through its
#     `sweep` (and its explicit bench), for the before/after figure.
# The load average is printed before each figure: the machine is shared.
#
# Usage: scripts/bench-design.sh [path/to/vpceplan]   (default: builds the release binary)
# The peers install their packages into their own virtual environment
# ($PEERS_VENV, default target/peers-venv): python3 -m venv + pip install polars duckdb.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bin=${1:-}
if [ -z "$bin" ]; then
  cargo build --release --quiet
  bin=${CARGO_TARGET_DIR:-target}/release/vpceplan
fi
points=${POINTS:-2000000}
gb_points=$((points / 10000))
repeat=${REPEAT:-3}
venv=${PEERS_VENV:-$root/target/peers-venv}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "polars==2.1.0" "duckdb==2.0.1"
fi
py="$venv/bin/python"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
best() { # best wall time of $repeat runs of a command, in seconds
  local b="" t
  for _ in $(seq "$repeat"); do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
  done
  printf '%.3f' "$b"
}

echo "== machine"
nproc
lscpu | grep -E 'Model name|^CPU\(s\)|Hypervisor' || true
echo "vpceplan: $bin ($("$bin" --version))"
"$py" -c 'import polars, duckdb, sys; print("polars", polars.__version__, "duckdb", duckdb.__version__, "python", sys.version.split()[0])'

# The sweep as a file (the same text as `bench --design`), and its traffic axis for the
# peers: vpceplan's own expansion of the log range.
design_sweep() { # $1: spokes axis, $2: azs axis, $3: designs
  cat <<EOF
name = "design-bench"
region = "us-east-1"
[workload]
spokes = 20
azs = 3
services = ["s3", "ecr.api", "ecr.dkr", "logs", "sts", "kms"]
gb_per_month_per_spoke = 500
peak_gbps_per_spoke = 1.0
[sweep]
spokes = $1
gb_per_month_per_spoke = { log_from = 1, log_to = 10000000, points = $gb_points }
azs = $2
designs = $3
EOF
}
design_sweep '{ from = 1, to = 500, step = 1 }' '[2, 3, 4, 5, 6]' \
  '["nat", "distributed", "centralized", "gateway-where-possible"]' > "$tmp/design.toml"
design_sweep '[1]' '[2]' '["nat"]' > "$tmp/axis.toml"
"$bin" -q sweep "$tmp/axis.toml" --out "$tmp/axis" >/dev/null
tail -n +2 "$tmp/axis/sweep.csv" | cut -d, -f2 > "$tmp/gb-axis.txt"

for t in 1 2; do
  echo
  echo "== $points design points, $t thread(s)"
  echo "load average before: $(load)"
  out=$("$bin" bench --design --points "$points" --threads "$t" --repeat "$repeat" --out "$tmp/vpceplan.csv")
  echo "$out" | sed -n '3p;6,8p'
  vp=$(echo "$out" | sed -n 's/.*best \([0-9.]*\) s.*/\1/p')
  echo "load average: $(load)"
  pol=$(best env POLARS_MAX_THREADS="$t" "$py" scripts/peers/design_sweep_polars.py "$tmp/polars.csv" "$tmp/gb-axis.txt")
  echo "load average: $(load)"
  duck=$(best "$py" scripts/peers/design_sweep_duckdb.py "$tmp/duckdb.csv" "$tmp/gb-axis.txt" "$t")
  echo "load average after: $(load)"
  printf 'best of %s: vpceplan %s s (%.0f points/s), polars %s s (%.2fx vpceplan), DuckDB %s s (%.2fx vpceplan)\n' \
    "$repeat" "$vp" "$(echo "$points / $vp" | bc -l)" "$pol" "$(echo "$pol / $vp" | bc -l)" \
    "$duck" "$(echo "$duck / $vp" | bc -l)"
  "$py" scripts/peers/check.py "$tmp/vpceplan.csv" "$tmp/polars.csv"
  "$py" scripts/peers/check.py "$tmp/vpceplan.csv" "$tmp/duckdb.csv"
done

for t in 1 2; do
  echo
  echo "== explicit sweep (vpceplan bench), 1,000,000 points, $t thread(s); load $(load)"
  "$bin" bench --points 1000000 --threads "$t" --repeat "$repeat" | sed -n '3p;6,8p'
done

echo
echo "== 10,000,000 design points, 2 threads (peak memory); load $(load)"
"$bin" bench --design --points 10000000 --threads 2 --sink | sed -n '3p;6,8p'

if [ -n "${OLD:-}" ]; then
  echo
  echo "== before: $OLD ($("$OLD" --version)), the same $points design points via sweep"
  for t in 1 2; do
    echo "load average before: $(load)"
    s=$(date +%s.%N)
    "$OLD" -q --threads "$t" sweep "$tmp/design.toml" --yes --out "$tmp/old" >/dev/null
    e=$(date +%s.%N)
    w=$(echo "$e - $s" | bc -l)
    printf 'old, %s thread(s): %.2f s (%.0f points/s); load after %s\n' "$t" "$w" "$(echo "$points / $w" | bc -l)" "$(load)"
    cmp -s "$tmp/old/sweep.csv" <("$bin" -q --threads "$t" sweep "$tmp/design.toml" --yes --out "$tmp/new" >/dev/null && cat "$tmp/new/sweep.csv") \
      && echo "old and new sweep.csv: byte-identical" || echo "old and new sweep.csv DIFFER"
  done
  for t in 1 2; do
    echo "old explicit bench, $t thread(s); load $(load)"
    "$OLD" bench --points 1000000 --threads "$t" --repeat "$repeat" | sed -n '3p'
  done
fi
