#!/usr/bin/env bash
# SIPp-driven REGISTER and MESSAGE throughput of one SimpleActors node (issue 3's measurement).
# Starts the server in Release on 127.0.0.1:5070 with a fresh SQLite journal, registers the users,
# then steps the call rate of each scenario until more than 1% of calls fail or the offered rate is no
# longer completed (the last row of each scenario is the first rate past its limit), with authentication
# off (lab mode) and on (digest). SIPp runs on the same machine. Prints a Markdown table.
#
#   tests/load/edge-throughput.sh [seconds-per-step] [users]
#
# Needs: the .NET SDK, SIPp (apt-get install sip-tester), python3. Traffic goes to 127.0.0.1 only.
# Latencies are SIPp's response-time measure (rtd), whose clock resolves only a few milliseconds here.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
STEP_SECONDS=${1:-10}
USERS=${2:-2000}
RATES=(2000 4000 6000 8000 9000 10000 12000)
PORT=5070
UAS_PORT=5099
WORK=$(mktemp -d /tmp/simpleactors-load.XXXXXX)
SCENARIOS=tests/load/scenarios
trap 'pkill -f "simpleactors.dll run --data-dir $WORK" 2>/dev/null || true; pkill -f "sipp.*-p $UAS_PORT" 2>/dev/null || true' EXIT

dotnet build -c Release src/SimpleActors.Node -v q -nologo >/dev/null
BIN=src/SimpleActors.Node/bin/Release/net10.0/simpleactors.dll

python3 - "$WORK" "$USERS" <<'PY'
import hashlib, json, sys
work, n = sys.argv[1], int(sys.argv[2])
def ha1(h, user): return h(f"{user}:example.com:pw-{user}".encode()).hexdigest()
users = [{"aor": f"sip:user{i}@example.com", "realm": "example.com",
          "ha1": {"SHA-256": ha1(hashlib.sha256, f"user{i}"), "MD5": ha1(hashlib.md5, f"user{i}")}} for i in range(n)]
json.dump({"users": users}, open(f"{work}/users.json", "w"))
with open(f"{work}/register.csv", "w") as f:
    f.write("SEQUENTIAL\n")
    for i in range(n): f.write(f"user{i};[authentication username=user{i} password=pw-user{i}];3600;example.com;{5099}\n")
with open(f"{work}/message.csv", "w") as f:
    f.write("SEQUENTIAL\n")
    for i in range(n): f.write(f"user{i};[authentication username=user{i} password=pw-user{i}];example.com;user{(i + 1) % n}\n")
PY

source tests/load/stepping.sh  # start_server, stop_server, step, run_scenario

echo "| scenario | offered /s | completed /s | failed | p50 ms | p90 ms | p99 ms |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for auth in off on; do
  start_server $auth
  ( cd "$WORK" && timeout 120 sipp -sf "$OLDPWD/$SCENARIOS/register.xml" -inf "$WORK/register.csv" 127.0.0.1:$PORT -i 127.0.0.1 -t u1 \
      -r 500 -m "$USERS" -nostdin > /dev/null 2>&1 ) || true
  run_scenario "REGISTER, auth $auth" register.xml "$WORK/register.csv"
  ( cd "$WORK" && sipp -sf "$OLDPWD/$SCENARIOS/message_uas.xml" -p $UAS_PORT -i 127.0.0.1 127.0.0.1:$PORT -buff_size 4194304 -nostdin -bg > /dev/null 2>&1 ) || true # -bg exits 99
  run_scenario "MESSAGE, auth $auth" message_uac.xml "$WORK/message.csv"
  pkill -f "sipp.*-p $UAS_PORT" || true
  stop_server
done
