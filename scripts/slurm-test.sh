#!/usr/bin/env bash
# A real Slurm cluster on this machine runs the job-array recipe of docs/sweeps.md.
#
# Installs Debian's slurm-wlm and munge (when missing), starts munged, slurmctld and slurmd
# on localhost with a configuration of their own in a temporary folder (nothing under
# /etc is touched), then:
#   1. extracts the Slurm recipe from docs/sweeps.md (the sh block after `<!-- slurm-recipe`)
#      and submits it, as the recipe says, as a job array of 4 tasks, then of 100, over a
#      192,000-point sweep with break-even rows;
#   2. merges with `vpceplan sweep merge`, submitted as docs/sweeps.md says (afterany);
#   3. compares the merged sweep.csv and breakeven.csv with a single run, byte for byte;
#   4. deletes one shard, checks that the merge refuses naming it, re-runs that one task
#      as docs/sweeps.md says (sbatch --array=3), merges again and compares again;
#   5. checks that the recipe stops with its message when OUT is not set.
# The daemons are stopped on exit, whatever happened. Prints the figures that
# BENCHMARKS.md records; exits non-zero on any failure.
#
# Run as root (it installs packages and starts daemons): bash scripts/slurm-test.sh
# SLURM_TEST_TASKS="4 100" (default) sets the array sizes; SLURM_TEST_KEEP=1 keeps the
# work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TASKS=${SLURM_TEST_TASKS:-"4 100"}
say() { echo "slurm-test: $*"; }
die() {
  echo "slurm-test: FAILED: $*" >&2
  exit 1
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

[ "$(id -u)" -eq 0 ] || die "run as root: it installs slurm-wlm and munge and starts their daemons"

# --- packages ----------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null ||
  ! command -v munged >/dev/null || ! command -v ss >/dev/null; then
  say "installing slurm-wlm, munge (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
  apt-get -o DPkg::Lock::Timeout=600 install -y -q slurm-wlm munge iproute2 >/dev/null
fi
say "$(slurmctld -V), $(munged -V 2>&1 | awk '{print $1}')"

# --- vpceplan --------------------------------------------------------------------
cargo build --release --quiet
export PATH="$ROOT/target/release:$PATH"
command -v vpceplan >/dev/null || die "target/release/vpceplan was not built"

# --- the cluster -------------------------------------------------------------------
WORK=$(mktemp -d /tmp/vpceplan-slurm.XXXXXX)
chmod 0755 "$WORK"
MUNGED_PID="" SLURMCTLD_PID="" SLURMD_PID=""
cleanup() {
  local rc=$?
  set +e
  if [ -n "$SLURMCTLD_PID" ]; then
    scancel --quiet --full $(squeue -h -o %i 2>/dev/null) 2>/dev/null
    for _ in $(seq 1 40); do
      [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
      sleep 0.5
    done
  fi
  for pid in $SLURMD_PID $SLURMCTLD_PID $MUNGED_PID; do
    kill "$pid" 2>/dev/null
  done
  for pid in $SLURMD_PID $SLURMCTLD_PID $MUNGED_PID; do
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -9 "$pid" 2>/dev/null
  done
  if [ "$rc" -ne 0 ]; then
    for f in "$WORK"/*.log "$WORK"/logs/*; do
      [ -f "$f" ] || continue
      echo "----- $f (last 30 lines)" >&2
      tail -n 30 "$f" >&2
    done
  fi
  if [ "${SLURM_TEST_KEEP:-0}" = 1 ]; then
    say "kept $WORK"
  else
    rm -rf "$WORK"
  fi
  say "daemons stopped"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local p
  for p in $(shuf -i 20000-60000 -n 100); do
    if [ -z "$(ss -Htan "sport = :$p")" ]; then
      echo "$p"
      return
    fi
  done
  die "no free TCP port"
}

mkdir -p "$WORK/munge" "$WORK/state" "$WORK/spool" "$WORK/logs" "$WORK/shared"
chmod 0700 "$WORK/munge"
dd if=/dev/urandom of="$WORK/munge/munge.key" bs=1024 count=1 status=none
chmod 0400 "$WORK/munge/munge.key"
SOCKET="$WORK/munge/munge.socket"
munged -F --force --key-file="$WORK/munge/munge.key" --socket="$SOCKET" \
  --pid-file="$WORK/munge/munged.pid" --log-file="$WORK/munged.log" \
  --seed-file="$WORK/munge/munged.seed" >>"$WORK/munged.log" 2>&1 &
MUNGED_PID=$!
for _ in $(seq 1 40); do
  [ -S "$SOCKET" ] && break
  sleep 0.25
done
munge -n -S "$SOCKET" | unmunge -S "$SOCKET" >/dev/null || die "munge does not work"

HOST=$(hostname -s)
CPUS=$(nproc)
export SLURM_CONF="$WORK/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=vpceplan-test
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$SOCKET
CredType=cred/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
# a test cluster: start the next task as soon as one ends (the defaults wait up to 3 s)
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
MaxArraySize=1001
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS State=UNKNOWN
PartitionName=test Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
t_boot=$(now)
slurmctld -D -c -f "$SLURM_CONF" >>"$WORK/slurmctld.log" 2>&1 &
SLURMCTLD_PID=$!
slurmd -D -f "$SLURM_CONF" >>"$WORK/slurmd.log" 2>&1 &
SLURMD_PID=$!
state=""
for _ in $(seq 1 120); do
  state=$(sinfo -h -N -o %T 2>/dev/null | head -n 1 || true)
  case "$state" in
  idle*) break ;;
  down* | drain*) scontrol update nodename="$HOST" state=resume 2>/dev/null || true ;;
  esac
  kill -0 "$SLURMCTLD_PID" 2>/dev/null || die "slurmctld exited"
  kill -0 "$SLURMD_PID" 2>/dev/null || die "slurmd exited"
  sleep 0.5
done
case "$state" in idle*) ;; *) die "the node did not come up (state: ${state:-none})" ;; esac
say "single-node Slurm up on $HOST ($CPUS CPUs) in $(since "$t_boot") s"

# --- the recipe of docs/sweeps.md ----------------------------------------------------
RECIPE="$WORK/sweep.sbatch"
awk '/<!-- slurm-recipe/ { armed = 1; next }
     armed && /^```sh$/ { inside = 1; next }
     inside && /^```$/ { exit }
     inside { print }' docs/sweeps.md >"$RECIPE"
grep -q '^#SBATCH --array=' "$RECIPE" || die "no Slurm recipe found in docs/sweeps.md after <!-- slurm-recipe"
grep -q 'vpceplan sweep' "$RECIPE" || die "the Slurm recipe of docs/sweeps.md does not run vpceplan sweep"

# The shared folder: on one node, any folder is shared.
cp -r sweeps "$WORK/shared/sweeps"
# nat-vs-endpoints with traffic of 1 to 32,000 GB by 1 GB: 2 scenarios × 3 month lengths ×
# 32,000 = 192,000 points, and 3 break-even combinations.
sed 's/log_from = 1, log_to = 10000000, points = 29/from = 1, to = 32000, step = 1/' \
  sweeps/nat-vs-endpoints.toml >"$WORK/shared/sweeps/big.toml"
export SWEEP="$WORK/shared/sweeps/big.toml"
[ "$(vpceplan sweep "$SWEEP" --count | awk '{print $1}')" = "192,000" ] || die "the test sweep is not 192,000 points"

t=$(now)
vpceplan sweep "$SWEEP" --quiet --out "$WORK/single"
say "single run: 192,000 points in $(since "$t") s"

cd "$WORK/logs"
run_array() { # N: submit the recipe as an array of N tasks, merge as docs/sweeps.md says
  local n=$1 jobid merge_id t0
  export OUT="$WORK/shared/run-$n" SHARDS=$n
  t0=$(now)
  jobid=$(sbatch --parsable --array=1-"$n" --export=ALL "$RECIPE")
  timeout 600 sbatch --parsable --wait --dependency=afterany:"$jobid" --export=ALL \
    --output="merge-$n.out" --wrap 'vpceplan sweep merge "$OUT"' >/dev/null ||
    die "the merge of $n tasks failed: $(cat "merge-$n.out")"
  local secs
  secs=$(since "$t0")
  cmp "$OUT/sweep.csv" "$WORK/single/sweep.csv" || die "$n tasks: sweep.csv differs from a single run"
  cmp "$OUT/breakeven.csv" "$WORK/single/breakeven.csv" || die "$n tasks: breakeven.csv differs from a single run"
  local parts
  parts=$(ls "$OUT" | grep -c '^sweep\.part-.*\.csv$')
  [ "$parts" -eq "$n" ] || die "$n tasks wrote $parts sweep parts"
  say "$n tasks: submitted, run, merged and identical to the single run in $secs s ($(wc -l <"$OUT/sweep.csv") lines)"
}
for n in $TASKS; do
  run_array "$n"
done

# --- a lost shard is named, and re-running that task alone mends the set -------------
n=$(echo "$TASKS" | awk '{print $1}')
export OUT="$WORK/shared/run-$n" SHARDS=$n
w=${#n}
[ "$w" -ge 4 ] || w=4
third=$(printf "part-%0${w}d-of-%0${w}d" 3 "$n")
rm "$OUT/sweep.$third.csv" "$OUT/breakeven.$third.csv" "$OUT/sweep.$third.manifest.json" \
  "$OUT/sweep.csv" "$OUT/breakeven.csv"
if vpceplan sweep merge "$OUT" 2>"$WORK/logs/refused.txt"; then
  die "the merge accepted a set without shard 3"
fi
grep -q "shard 3/$n: missing" "$WORK/logs/refused.txt" || die "the refusal does not name shard 3: $(cat "$WORK/logs/refused.txt")"
grep -q -- "--array=3" "$WORK/logs/refused.txt" || die "the refusal does not say how to resubmit task 3"
[ ! -e "$OUT/sweep.csv" ] && [ ! -e "$OUT/breakeven.csv" ] || die "the refused merge wrote a file"
t=$(now)
timeout 300 sbatch --parsable --wait --array=3 --export=ALL "$RECIPE" >/dev/null || die "re-running task 3 failed"
vpceplan sweep merge "$OUT" --quiet || die "the merge failed after re-running task 3"
cmp "$OUT/sweep.csv" "$WORK/single/sweep.csv" || die "after the re-run, sweep.csv differs from a single run"
cmp "$OUT/breakeven.csv" "$WORK/single/breakeven.csv" || die "after the re-run, breakeven.csv differs from a single run"
say "shard 3 deleted: merge refused naming it; task 3 re-run alone and merged again, identical, in $(since "$t") s"

# --- the recipe checks its variables ---------------------------------------------------
(
  unset OUT
  timeout 120 sbatch --parsable --wait --array=1 --export=ALL --output=no-out.txt "$RECIPE" >/dev/null 2>&1
) && die "the recipe ran without OUT"
grep -q "set OUT to a folder" no-out.txt || die "no message without OUT: $(cat no-out.txt)"
say "without OUT the recipe stops with its message"
say "passed"
