#!/usr/bin/env bash
# The cost-export import benchmark of BENCHMARKS.md: a synthetic 1.1 GB CUR 2.0 CSV under
# /tmp, read by `vpceplan import cur` on one core (peak RSS from /usr/bin/time), and, for
# comparison, DuckDB (the Python package, if installed) aggregating the same file by
# account, Region, usage type and resource on one thread.
# Usage: scripts/bench-cur.sh [SIZE_MB]   (default 1100)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1100}
dir=/tmp/vpceplan-bench-cur
mkdir -p "$dir"
csv=$dir/cur-${size}mb.csv
[ -f "$csv" ] || python3 scripts/gen-cur.py "$csv" "$size"
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/vpceplan
echo "== machine"; nproc; lscpu | grep -E 'Model name|^CPU\(s\)'; uptime
ls -l "$csv"
echo "== vpceplan import cur (one thread: the reader is single-threaded)"
/usr/bin/time -f 'wall %e s, user %U s, sys %S s, peak RSS %M KB' \
  taskset -c 0 "$bin" --threads 1 import cur "$csv" --out "$dir/out" --allow-unreconciled
if python3 -c 'import duckdb' 2>/dev/null; then
  echo "== DuckDB, one thread: the same grouping (read_csv, GROUP BY, write CSV)"
  /usr/bin/time -f 'wall %e s, user %U s, sys %S s, peak RSS %M KB' taskset -c 0 python3 - "$csv" "$dir" <<'PY'
import sys, duckdb
con = duckdb.connect()
con.execute("SET threads = 1")
con.execute(f"""COPY (SELECT line_item_usage_account_id, product_region_code, line_item_usage_type,
  line_item_resource_id, sum(CAST(line_item_usage_amount AS DECIMAL(38,10))) q,
  sum(CAST(line_item_unblended_cost AS DECIMAL(38,10))) c, count(*) n
  FROM read_csv('{sys.argv[1]}', all_varchar = true)
  WHERE line_item_line_item_type = 'Usage' GROUP BY ALL) TO '{sys.argv[2]}/duckdb.csv'""")
PY
fi
