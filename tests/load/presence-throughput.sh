#!/usr/bin/env bash
# SIPp-driven PUBLISH and SUBSCRIBE+NOTIFY throughput of one SimpleActors node (issue 4's measurement).
# Starts the server in Release on 127.0.0.1:5070 in lab mode (no authentication) with a fresh SQLite journal,
# then steps the call rate of each scenario until more than 1% of calls fail or the offered rate is no longer
# completed (the last row of each scenario is the first rate past its limit). A publish call is two journaled
# PUBLISHes (initial and removal); a subscribe call is a whole dialog (SUBSCRIBE, NOTIFY, unsubscribe, final
# NOTIFY). SIPp runs on the same machine. Prints a Markdown table.
#
#   [ONLY=publish|subscribe] [RATES_OVERRIDE="500 1000"] tests/load/presence-throughput.sh [seconds-per-step] [users]
#
# Needs: the .NET SDK, SIPp (apt-get install sip-tester), python3. Traffic goes to 127.0.0.1 only.
# Latencies are SIPp's response-time measure (rtd), whose clock resolves only a few milliseconds here.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
STEP_SECONDS=${1:-10}
USERS=${2:-2000}
RATES=(${RATES_OVERRIDE:-500 1000 2000 3000 4000 5000 6000})
PORT=5070
WORK=$(mktemp -d /tmp/simpleactors-load.XXXXXX)
SCENARIOS=tests/load/scenarios
trap 'pkill -f "simpleactors.dll run --data-dir $WORK" 2>/dev/null || true' EXIT

dotnet build -c Release src/SimpleActors.Node -v q -nologo >/dev/null
BIN=src/SimpleActors.Node/bin/Release/net10.0/simpleactors.dll

python3 - "$WORK" "$USERS" <<'PY'
import sys
work, n = sys.argv[1], int(sys.argv[2])
with open(f"{work}/publish.csv", "w") as f:
    f.write("SEQUENTIAL\n")
    for i in range(n): f.write(f"user{i};example.com\n")
with open(f"{work}/subscribe.csv", "w") as f:
    f.write("SEQUENTIAL\n")
    for i in range(n): f.write(f"user{i};example.com;user{(i + 1) % n}\n")
PY

source tests/load/stepping.sh  # start_server, stop_server, step, run_scenario

echo "| scenario | offered calls /s | completed /s | failed | p50 ms | p90 ms | p99 ms |"
echo "|---|---:|---:|---:|---:|---:|---:|"
start_server off
# ONLY=publish or ONLY=subscribe runs one scenario; RATES_OVERRIDE="..." replaces the rate steps.
if [[ ${ONLY:-publish} == publish ]]; then run_scenario "PUBLISH (2 per call)" publish_load.xml "$WORK/publish.csv"; fi
if [[ ${ONLY:-subscribe} == subscribe ]]; then run_scenario "SUBSCRIBE+NOTIFY dialog" subscribe_load.xml "$WORK/subscribe.csv"; fi
stop_server
