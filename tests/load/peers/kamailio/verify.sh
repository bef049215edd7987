#!/usr/bin/env bash
# Runs the load suite's SIPp scenarios (tests/load/scenarios, unchanged) against the Kamailio peer, one profile,
# over UDP, and prints one Markdown row per scenario (calls ok / failed, achieved rate). Exits non-zero when any
# scenario had a failed call. The same injection files as tests/load/edge-throughput.sh and
# presence-throughput.sh are built (users user0..userN-1 @example.com).
#
#   tests/load/peers/kamailio/verify.sh <durable|memory> [rate=50] [calls=500] [users=2000] [port=5090]
#
#   ONLY="publish subscribe" limits the scenarios (register, message, publish, subscribe; message registers too).
#   KEEP=1 leaves Kamailio running (stop it with stop.sh <workdir>, the workdir is printed).
#
# Needs: the Kamailio packages (see README.md), SIPp (apt-get install sip-tester), python3. Traffic stays on
# 127.0.0.1. Each SIPp run is bounded by `timeout` and by -m.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SCENARIOS=$(cd "$HERE/../../scenarios" && pwd)
PROFILE=${1:?usage: verify.sh <durable|memory> [rate] [calls] [users] [port]}
RATE=${2:-50}
CALLS=${3:-500}
USERS=${4:-2000}
PORT=${5:-5090}
UAS_PORT=5099   # the contact port in register.csv, as in edge-throughput.sh
ONLY=${ONLY:-register message publish subscribe}
WORK=$(mktemp -d /tmp/kamailio-peer.XXXXXX)
UAS_PID=""
cleanup() {
  [[ -n $UAS_PID ]] && kill "$UAS_PID" 2>/dev/null || true
  [[ ${KEEP:-0} == 1 ]] || "$HERE/stop.sh" "$WORK" >/dev/null 2>&1 || true
}
trap cleanup EXIT

python3 - "$WORK" "$USERS" "$UAS_PORT" <<'PY'
import sys
work, n, uas = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def write(name, rows):
    with open(f"{work}/{name}", "w") as f:
        f.write("SEQUENTIAL\n")
        f.writelines(r + "\n" for r in rows)
cred = lambda i: f"[authentication username=user{i} password=pw-user{i}]"
write("register.csv", [f"user{i};{cred(i)};3600;example.com;{uas}" for i in range(n)])
write("message.csv", [f"user{i};{cred(i)};example.com;user{(i + 1) % n}" for i in range(n)])
write("publish.csv", [f"user{i};example.com" for i in range(n)])
write("subscribe.csv", [f"user{i};example.com;user{(i + 1) % n}" for i in range(n)])
PY

"$HERE/start.sh" "$PROFILE" "$PORT" "$WORK" >/dev/null
echo "workdir $WORK" >&2

FAILED=0
# name scenario csv rate calls
run() {
  local name=$1 scenario=$2 csv=$3 rate=$4 calls=$5
  local slug=${scenario%.xml}-$rate
  rm -f "$WORK/stat.csv"
  ( cd "$WORK" && timeout $(( calls / rate + 90 )) sipp -sf "$SCENARIOS/$scenario" -inf "$WORK/$csv" 127.0.0.1:$PORT \
      -i 127.0.0.1 -t u1 -buff_size 4194304 -recv_timeout 10000 -r "$rate" -m "$calls" -nostdin \
      -trace_stat -stf "$WORK/stat.csv" -fd 1 -trace_err -error_file "$WORK/$slug.errors.log" > "$WORK/$slug.sipp.log" 2>&1 ) || true
  python3 - "$WORK/stat.csv" "$name" "$rate" "$calls" <<'PY'
import csv, sys
path, name, rate, calls = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
try:
    rows = list(csv.reader(open(path), delimiter=";"))
    head, last = rows[0], rows[-1]
    val = lambda k: last[head.index(k)]
    ok, failed = int(val("SuccessfulCall(C)")), int(val("FailedCall(C)"))
    secs = sum(float(x) * m for x, m in zip(val("ElapsedTime(C)").split(":"), (3600, 60, 1)))
except Exception as e:  # no stat file: SIPp did not run
    print(f"| {name} | {rate} | {calls} | 0 | {calls} | - | (no SIPp statistics: {e}) |"); sys.exit(1)
missing = calls - ok - failed
print(f"| {name} | {rate} | {calls} | {ok} | {failed + missing} | {ok / max(secs, 1e-9):.0f} |"
      + (f" {missing} calls never finished |" if missing else " |"))
sys.exit(0 if failed == 0 and missing == 0 else 1)
PY
}

echo "| $PROFILE: scenario | offered /s | calls | ok | failed | completed /s | note |"
echo "|---|---:|---:|---:|---:|---:|---|"
for s in $ONLY; do
  case $s in
    register)
      run REGISTER register.xml register.csv "$RATE" "$CALLS" || FAILED=1 ;;
    message)
      # Every user registers its contact at 127.0.0.1:5099 (as in edge-throughput.sh), where a SIPp UAS answers 200.
      run "REGISTER (all $USERS users)" register.xml register.csv 500 "$USERS" || FAILED=1
      ( cd "$WORK" && exec timeout $(( CALLS / RATE + 120 )) sipp -sf "$SCENARIOS/message_uas.xml" -p $UAS_PORT -i 127.0.0.1 \
          -t u1 -buff_size 4194304 -nostdin > "$WORK/uas.log" 2>&1 ) &
      UAS_PID=$!
      sleep 1
      run MESSAGE message_uac.xml message.csv "$RATE" "$CALLS" || FAILED=1
      kill "$UAS_PID" 2>/dev/null || true; wait "$UAS_PID" 2>/dev/null || true; UAS_PID="" ;;
    publish)
      run "PUBLISH (initial + removal)" publish_load.xml publish.csv "$RATE" "$CALLS" || FAILED=1 ;;
    subscribe)
      run "SUBSCRIBE+NOTIFY dialog" subscribe_load.xml subscribe.csv "$RATE" "$CALLS" || FAILED=1 ;;
    *) echo "unknown scenario $s" >&2; exit 2 ;;
  esac
done
if grep -qiE "database is locked|ERROR" "$WORK/kamailio.log"; then
  echo "kamailio.log has errors: $(grep -ciE 'database is locked' "$WORK/kamailio.log") 'database is locked', $(grep -c 'ERROR' "$WORK/kamailio.log") ERROR lines" >&2
fi
exit $FAILED
