#!/usr/bin/env bash
# One SIPp scenario at one fixed rate against a fresh Release node: the node's CPU (cores), SIPp's response-time
# p50/p90/p99 and the node's resident memory at the end. For before/after comparisons of one change, where the
# stepped runner (bench.py) is too coarse. With --gc, the run is traced (dotnet-trace, profile gc-collect) and every
# garbage collection's pause is printed (tests/load/gcpauses).
#
#   tests/load/fixed-rate.sh [--gc] SCENARIO RATE SECONDS [node options...]
#     SCENARIO: register | publish | subscribe | (REGISTER, publish_cycle.xml, subscribe_cycle.xml)
#               publish-first | subscribe-first (publish_once.xml, subscribe_first.xml: the first request alone)
#   Runtime knobs go in the environment, e.g. DOTNET_GCgen0MaxBudget=2000000 tests/load/fixed-rate.sh subscribe 1000 15
#   FIRST_CONTACT=1: every measured call is a user the node has never seen (a registration storm after a restart);
#   the warm-up uses other users. Otherwise the 2,000 users of the warm-up are measured again (warm entities).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GC_TRACE=0
if [[ ${1:-} == --gc ]]; then GC_TRACE=1; shift; fi
SCENARIO=${1:?scenario}; RATE=${2:?rate}; SECONDS_=${3:?seconds}; shift 3
PORT=${PORT:-5490}
WORK=$(mktemp -d /tmp/simpleactors-fixed.XXXXXX)
TOOLS=$HOME/.dotnet/tools
trap 'pkill -f "$WORK" 2>/dev/null || true; rm -rf "$WORK"' EXIT

case $SCENARIO in
  register) XML=register.xml; ROW='user%d;;3600;example.com;5999' ;;
  publish) XML=publish_cycle.xml; ROW='user%d;example.com' ;;
  subscribe) XML=subscribe_cycle.xml; ROW='user%d;example.com;user%d' ;;
  publish-first) XML=publish_once.xml; ROW='user%d;;example.com;first' ;;
  subscribe-first) XML=subscribe_first.xml; ROW='user%d;example.com;user%d' ;;
  *) echo "unknown scenario $SCENARIO" >&2; exit 2 ;;
esac
users() { # prefix count
  python3 -c "
import sys
row, prefix, count = sys.argv[1].replace('user', sys.argv[2]), sys.argv[2], int(sys.argv[3])
print('SEQUENTIAL')
for i in range(count):
    print(row % ((i, (i + 1) % count) if row.count('%d') == 2 else (i,)))" "$ROW" "$1" "$2"
}
users user 2000 > "$WORK/calls.csv"
if [[ ${FIRST_CONTACT:-0} == 1 ]]; then
  users warm 10000 > "$WORK/calls.csv" # the warm-up starts entities too, so that their code is compiled
  users new $((RATE * SECONDS_)) > "$WORK/measured.csv"
else
  cp "$WORK/calls.csv" "$WORK/measured.csv"
fi

[[ -n ${NO_BUILD:-} ]] || dotnet build -c Release "$ROOT/src/SimpleActors.Node" -v q -nologo > /dev/null
dotnet "${NODE_DLL:-$ROOT/src/SimpleActors.Node/bin/Release/net10.0/simpleactors.dll}" run --data-dir "$WORK/data" --Cluster:Port=0 \
  --Admin:Port=0 --Xcap:Port=0 --Xcap:HttpsPort=-1 --Sip:Listeners:0:Port="$PORT" --Sip:Listeners:1:Port="$PORT" --Sip:Listeners:2:Port=0 --Sip:Listeners:3:Port=0 --Sip:Listeners:4:Port=0 --no-auth \
  --Presence:Subscription:Policy=AllowAll --Logging:LogLevel:Default=Warning \
  --Logging:LogLevel:SimpleActors.Node=Information "$@" > "$WORK/node.log" 2>&1 &
for _ in $(seq 200); do grep -q "node up" "$WORK/node.log" 2>/dev/null && break; sleep 0.1; done
PID=$(pgrep -f "$WORK/data" | head -1 || true)
if [[ -z $PID ]]; then echo "the node did not start:" >&2; tail -20 "$WORK/node.log" >&2; exit 1; fi

sipp_run() { # users.csv rate calls [extra sipp options]
  local inf=$1 rate=$2 calls=$3; shift 3
  (cd "$WORK" && sipp -sf "$ROOT/tests/load/scenarios/$XML" -inf "$inf" "127.0.0.1:$PORT" -i 127.0.0.1 -t u1 \
    -buff_size 4194304 -recv_timeout 10000 -r "$rate" -m "$calls" -nostdin "$@" > /dev/null 2>&1) || true
}
sipp_run "$WORK/calls.csv" 1000 10000 # warm-up: JIT tiering and the first entities, not measured
rm -f "$WORK"/*_rtt.csv
if [[ $GC_TRACE == 1 ]]; then
  "$TOOLS/dotnet-trace" collect -p "$PID" --profile gc-collect -o "$WORK/gc.nettrace" \
    --duration "00:00:00:$((SECONDS_ + 2))" < /dev/null > /dev/null 2>&1 &
  TRACER=$!
  sleep 1
fi
cpu() { awk '{ print $14 + $15 }' "/proc/$PID/stat"; }
BEFORE=$(cpu)
sipp_run "$WORK/measured.csv" "$RATE" $((RATE * SECONDS_)) -trace_stat -stf "$WORK/stat.csv" -fd 1 -trace_rtt -rtt_freq 1
AFTER=$(cpu)
RSS=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$PID/status")
python3 - "$WORK" "$RATE" "$SECONDS_" "$BEFORE" "$AFTER" "$RSS" "$(getconf CLK_TCK)" <<'PY'
import csv, glob, sys
work, rate, seconds, before, after, rss, tck = sys.argv[1:]
rows = list(csv.reader(open(f"{work}/stat.csv"), delimiter=";"))
stat = dict(zip(rows[0], rows[-1]))
rtts = sorted(float(r[1]) for p in glob.glob(f"{work}/*_rtt.csv") for r in list(csv.reader(open(p), delimiter=";"))[1:] if len(r) > 1 and r[1].replace(".", "", 1).isdigit())
q = lambda p: rtts[min(len(rtts) - 1, int(p * len(rtts)))] if rtts else None
cores = (float(after) - float(before)) / float(tck) / float(seconds)
print(f"rate {rate}/s for {seconds} s: {stat['SuccessfulCall(C)']} calls completed, {stat['FailedCall(C)']} failed; "
      f"node CPU {cores:.2f} cores; SIPp p50 {q(.5)} ms, p90 {q(.9)} ms, p99 {q(.99)} ms; resident {rss} MiB")
PY
if [[ $GC_TRACE == 1 ]]; then
  wait "$TRACER" 2>/dev/null || true
  dotnet run -c Release --project "$ROOT/tests/load/gcpauses" -- "$WORK/gc.nettrace"
fi
