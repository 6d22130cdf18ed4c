#!/usr/bin/env bash
# Run every vpceplan command on the bundled scenarios, sweeps and examples, and keep what
# comes out (stdout, stderr, exit status and every file written) in OUTDIR, one folder per
# command. Two snapshots, from two builds, compared with `diff -r`, show whether a change
# altered any output: a refactoring must leave them byte-identical.
#
#   scripts/snapshot-outputs.sh OUTDIR [BIN]     (BIN: default target/release/vpceplan)
#   diff -r BEFORE AFTER
#
# Only what changes from run to run is masked: the paths of OUTDIR, of the repository and
# of the temporary folder (as <OUT>, <REPO>, <TMP>), the local server's port, and timings
# (the sweep's seconds and points per second; `bench`'s figures, whose CSV is kept whole).
# The price book's age warning depends on the day: compare snapshots taken on one day.
# `pricing fetch` downloads from a local HTTP server (python3 -m http.server) serving a
# Price List tree built from tests/fixtures/pricelist.
set -uo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 OUTDIR [BIN]" >&2
  exit 2
fi
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(realpath -m "$1")
BIN=$(realpath "${2:-$REPO/${CARGO_TARGET_DIR:-target}/release/vpceplan}")
[ -x "$BIN" ] || { echo "no vpceplan binary at $BIN (cargo build --release)" >&2; exit 2; }
if [ -e "$OUT" ] && [ -n "$(ls -A "$OUT" 2>/dev/null)" ]; then
  echo "$OUT is not empty" >&2
  exit 2
fi
mkdir -p "$OUT"
TMP=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
cd "$REPO"
export VPCEPLAN_MAX_BOOK_AGE=180
unset CI

# snap NAME ARGS...: run vpceplan ARGS in the repository; keep stdout, stderr and the
# exit status in OUT/NAME. Arguments may write into OUT/NAME/files ($F).
n=0
snap() {
  local name=$1
  shift
  local dir="$OUT/$name"
  mkdir -p "$dir/files"
  "$BIN" "$@" >"$dir/stdout" 2>"$dir/stderr" </dev/null
  echo $? >"$dir/rc"
  printf '%s\n' "$*" >"$dir/command"
  n=$((n + 1))
}
F() { echo "$OUT/$1/files"; }

# --- help for every command and subcommand (the clap definition) ----------------------
snap help --help
snap version --version
for c in run report check compare validate sweep bench pricing import schema completions man; do
  snap "help-$c" "$c" --help
done
for c in show limits quotas import fetch coverage diff; do snap "help-pricing-$c" pricing "$c" --help; done
for c in terraform cur flow-logs; do snap "help-import-$c" import "$c" --help; done
snap help-sweep-merge sweep merge --help
snap help-short-run run -h

# --- validate, run, check, compare, report on the bundled scenarios -------------------
snap validate validate
snap validate-examples validate docs/examples
for fmt in table json csv markdown xlsx; do
  snap "run-$fmt" run --format "$fmt" --out "$(F "run-$fmt")"
done
snap run-no-write run --no-write
snap run-markdown-short run --no-write --format markdown --max-chars 2000
snap run-charts run --charts --out "$(F run-charts)"
snap run-bom-1thread --csv-bom --threads 1 run --out "$(F run-bom-1thread)"
snap run-pricing-dir --pricing pricing run --out "$(F run-pricing-dir)"
snap run-quiet -q run --out "$(F run-quiet)"
snap run-one run scenarios/lambda-nat-gateway.toml --out "$(F run-one)"
snap run-examples run docs/examples --out "$(F run-examples)"
snap run-missing run no-such-file.toml --out "$(F run-missing)"
snap run-xlsx-no-write run --format xlsx --no-write
for fmt in table markdown; do
  snap "check-$fmt" check --format "$fmt"
  snap "compare-$fmt" compare --format "$fmt" --out "$(F "compare-$fmt")"
done
snap check-short check --format markdown --max-chars 1500
snap compare-explicit compare scenarios/lambda-nat-gateway.toml scenarios/ecr-s3-spokes.toml
snap compare-none compare scenarios/lambda-nat-gateway.toml
snap report report --out "$(F report)"
snap threads-zero --threads 0 validate

# --- pricing ----------------------------------------------------------------------------
snap pricing-show pricing show
snap pricing-show-region pricing show --region us-east-1
snap pricing-show-component pricing show --component nat_gateway_hour
snap pricing-show-bad-region pricing show --region xx-nowhere-1
snap pricing-limits pricing limits
snap pricing-limits-profile pricing limits --profile seed
snap pricing-limits-bad pricing limits --profile nope
snap pricing-quotas pricing quotas
# an account's raised quotas (--quotas): the table, and every design counted against them
printf 'id,value\nnat_gateways_per_az,50\ntgw_attachments_per_tgw,10000\n' >"$TMP/quotas.csv"
snap pricing-quotas-raised --quotas "$TMP/quotas.csv" pricing quotas
snap compare-quotas-raised --quotas "$TMP/quotas.csv" compare --out "$(F compare-quotas-raised)"
printf 'id,value\nvpcs_per_hosted_zone,400\n' >"$TMP/quotas-hard.csv"
snap pricing-quotas-hard --quotas "$TMP/quotas-hard.csv" pricing quotas
snap pricing-coverage pricing coverage
snap pricing-coverage-region pricing coverage --region us-east-1
snap pricing-coverage-csv pricing coverage --csv --out "$(F pricing-coverage-csv)/coverage.csv"
snap pricing-diff-self pricing diff builtin builtin --out "$(F pricing-diff-self)"
snap pricing-diff-self-md pricing diff builtin builtin --format markdown
snap pricing-diff-dir pricing diff builtin pricing --scenarios scenarios
for f in vpc-offer.json vpc-offer.csv vpc-offer-terms-first.json route53-offer.json; do
  snap "pricing-import-$f" pricing import "tests/fixtures/pricelist/$f" --out "$(F "pricing-import-$f")"
done
snap pricing-import-all pricing import tests/fixtures/pricelist/vpc-offer.json \
  tests/fixtures/pricelist/route53-offer.json --out "$(F pricing-import-all)"
snap pricing-diff-imported pricing diff builtin "$(F pricing-import-all)" --out "$(F pricing-diff-imported)"
snap pricing-run-imported --pricing "$(F pricing-import-all)" run --no-write

# pricing fetch: a Price List tree for AmazonVPC in us-east-1, served on localhost
tree="$TMP/pricelist"
mkdir -p "$tree/offers/v1.0/aws/AmazonVPC/current" "$tree/offers/v1.0/aws/AmazonVPC/20261120192132/us-east-1"
cat >"$tree/offers/v1.0/aws/index.json" <<'EOF'
{"formatVersion": "v1.0", "disclaimer": "vpceplan snapshot fixture",
 "publicationDate": "2026-11-30T12:00:00Z",
 "offers": {"AmazonVPC": {"offerCode": "AmazonVPC",
   "versionIndexUrl": "/offers/v1.0/aws/AmazonVPC/index.json",
   "currentVersionUrl": "/offers/v1.0/aws/AmazonVPC/current/index.json",
   "currentRegionIndexUrl": "/offers/v1.0/aws/AmazonVPC/current/region_index.json"}}}
EOF
cat >"$tree/offers/v1.0/aws/AmazonVPC/current/region_index.json" <<'EOF'
{"formatVersion": "v1.0", "disclaimer": "vpceplan snapshot fixture",
 "publicationDate": "2026-11-30T12:00:00Z",
 "regions": {"us-east-1": {"regionCode": "us-east-1",
   "currentVersionUrl": "/offers/v1.0/aws/AmazonVPC/20261120192132/us-east-1/index.json"}}}
EOF
# the us-east-1 products of the fixture offer (a Region offer holds one Region)
python3 - tests/fixtures/pricelist/vpc-offer.json "$tree/offers/v1.0/aws/AmazonVPC/20261120192132/us-east-1/index.json" <<'PY'
import json, sys
offer = json.load(open(sys.argv[1]))
keep = {k for k, p in offer["products"].items()
        if p["attributes"].get("location") == "US East (N. Virginia)"}
offer["products"] = {k: v for k, v in offer["products"].items() if k in keep}
for kind in offer.get("terms", {}).values():
    for sku in [s for s in kind if s not in keep]:
        del kind[sku]
json.dump(offer, open(sys.argv[2], "w"), indent=2)
PY
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tree" >/dev/null 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/offers/v1.0/aws/index.json')" 2>/dev/null && break
  sleep 0.1
done
snap pricing-fetch pricing fetch --regions us-east-1 --services AmazonVPC \
  --index-url "http://127.0.0.1:$port/offers/v1.0/aws/index.json" \
  --cache "$TMP/cache" --out "$(F pricing-fetch)/book"
snap pricing-fetch-offline pricing fetch --regions us-east-1 --services AmazonVPC --offline \
  --index-url "http://127.0.0.1:$port/offers/v1.0/aws/index.json" \
  --cache "$TMP/cache" --out "$(F pricing-fetch-offline)/book" --no-diff
snap pricing-fetch-offline-empty pricing fetch --regions us-east-1 --offline \
  --cache "$TMP/empty-cache" --out "$(F pricing-fetch-offline-empty)/book"
kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=

# --- schema, completions, man ------------------------------------------------------------
snap schema-scenario schema
snap schema-sweep schema sweep
snap schema-out schema sweep --out "$(F schema-out)/sweep.schema.json"
for sh in bash zsh fish powershell elvish; do snap "completions-$sh" completions "$sh"; done
snap man man
snap man-out man --out "$(F man-out)"

# --- sweeps: each bundled file, whole, with charts, counted, sharded and merged -------------
# the bundled sweep files; scenario files beside them (no [sweep] table) are run
for f in sweeps/*.toml; do
  s=$(basename "$f" .toml)
  if ! grep -q '^\[sweep\]' "$f"; then
    snap "sweep-$s-not-a-sweep" sweep "$f" --count
    snap "run-sweeps-$s" run "$f" --no-write --format json
    continue
  fi
  snap "sweep-$s-count" sweep "$f" --count
  snap "sweep-$s" sweep "$f" --out "$(F "sweep-$s")" --yes
  snap "sweep-$s-charts" sweep "$f" --out "$(F "sweep-$s-charts")" --yes --charts --max-charts 4
  snap "sweep-$s-shard-count" sweep "$f" --count --shard 2/3
  for i in 1 2 3; do
    snap "sweep-$s-shard-$i" sweep "$f" --out "$(F "sweep-$s-sharded")" --yes --shard "$i/3"
  done
  snap "sweep-$s-merge" sweep merge "$(F "sweep-$s-sharded")" --out "$(F "sweep-$s-merged")"
  snap "sweep-$s-merge-charts" sweep merge "$(F "sweep-$s-sharded")" \
    --out "$(F "sweep-$s-merged-charts")/all.csv" --charts --sweep "$f" --max-charts 2
done
snap sweep-none sweep
snap sweep-too-big sweep sweeps/ecr-s3-spokes.toml --max-points 10 --out "$(F sweep-too-big)"
snap sweep-reference sweep sweeps/lambda-endpoint.toml --reference --out "$(F sweep-reference)"
snap sweep-bom --csv-bom sweep sweeps/nat-vs-endpoints.toml --out "$(F sweep-bom)"
SLURM_ARRAY_TASK_ID=2 snap sweep-slurm sweep sweeps/nat-vs-endpoints.toml --shard slurm/4 --out "$(F sweep-slurm)"
snap sweep-shard-env sweep sweeps/nat-vs-endpoints.toml --shard slurm/4 --out "$(F sweep-shard-env)"
snap sweep-merge-missing sweep merge "$(F sweep-slurm)"

# --- bench (its CSV; the timings are masked) -------------------------------------------------
snap bench bench --points 2000 --out "$(F bench)/bench.csv"
snap bench-design bench --design --points 20000 --out "$(F bench-design)/bench.csv"
snap bench-bad bench --points 7

# --- import ---------------------------------------------------------------------------------
snap import-terraform import terraform tests/fixtures/terraform/plan.json --usage tests/fixtures/terraform/usage.toml
snap import-terraform-out import terraform tests/fixtures/terraform/plan.json \
  --usage tests/fixtures/terraform/usage.toml --region eu-west-1 --out "$(F import-terraform-out)/scenario.toml"
snap import-terraform-planned import terraform tests/fixtures/terraform/plan-planned-values.json
snap import-cur import cur examples/cur/cur-2026-10.csv --out "$(F import-cur)"
snap import-cur-named import cur examples/cur/cur-2026-10.csv --name october --allow-unreconciled --out "$(F import-cur-named)"
snap import-flow-logs import flow-logs examples/flow-logs/flows-2026-10.log \
  --enis examples/flow-logs/enis.csv --ip-ranges examples/flow-logs/ip-ranges-sample.json \
  --onprem 10.200.0.0/16 --out "$(F import-flow-logs)"
snap import-flow-logs-bare import flow-logs examples/flow-logs/flows-2026-10.log \
  --enis examples/flow-logs/enis.csv --out "$(F import-flow-logs-bare)"

# --- masking: paths, then timings -------------------------------------------------------------
# Workbooks are zip files: keep their parts unpacked, so a difference shows where it is.
find "$OUT" -name '*.xlsx' -print0 | while IFS= read -r -d '' x; do
  mkdir -p "$x.parts" && (cd "$x.parts" && python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(".")' "$x")
done
esc() { printf '%s' "$1" | sed 's/[][\/.^$*]/\\&/g'; }
find "$OUT" -type f ! -name '*.png' ! -name '*.xlsx' -print0 | xargs -0 sed -i \
  -e "s/$(esc "$OUT")/<OUT>/g" -e "s/$(esc "$TMP")/<TMP>/g" -e "s/$(esc "$REPO")/<REPO>/g" \
  -e "s/$(esc "$BIN")/<BIN>/g" -e 's/127\.0\.0\.1:[0-9][0-9]*/127.0.0.1:<PORT>/g'
# sweep: "N points in 0.12 s (12345 points/s) → ..."
find "$OUT" -name stderr -print0 | xargs -0 sed -i -E \
  's/ points in [0-9.]+ s \([0-9]+ points\/s\)/ points in <T> s (<R> points\/s)/'
# bench: every figure on its timing lines
for b in bench bench-design; do
  sed -i -E '/parse \+ plan|end to end|CPU time|peak RSS|load average/ s/[0-9][0-9.,]*/<N>/g' "$OUT/$b/stdout"
done
echo "$n commands; outputs in $OUT"
