#!/usr/bin/env bash
# Memory per live subscription and restart after kill -9 (docs/performance.md): a Release node with the SQLite journal
# gets N subscriptions (SIPp subscribe_hold.xml: N watchers w0.. on N/50 presentities, Expires 3600) that stay live;
# prints the resident memory and the live managed heap (dotnet-gcdump, after a full collection) while the
# subscriptions are awake and once they sleep (Presence:Subscription:IdleTimeout, 60 s by default), then kills the
# node with SIGKILL, starts it on the same data directory and prints the time until it answers and until its CPU
# settles (every remembered entity recovered).
# Usage: tests/load/memory-and-restart.sh [subscriptions=100000] [rate=2000]
# Needs: sipp, dotnet-gcdump (dotnet tool install -g dotnet-gcdump), python3, bc.
set -euo pipefail
N=${1:-100000}
RATE=${2:-2000}
PORT=${PORT:-5393}
GCDUMP=${GCDUMP:-$(command -v dotnet-gcdump || echo "$HOME/.dotnet/tools/dotnet-gcdump")}
WORK=$(mktemp -d /tmp/simpleactors-memory.XXXXXX)
trap 'pkill -f "simpleactors.dll run --data-dir $WORK" 2>/dev/null || true' EXIT

dotnet build -c Release src/SimpleActors.Node -v q -nologo >/dev/null
BIN=$PWD/src/SimpleActors.Node/bin/Release/net10.0/simpleactors.dll
python3 - "$WORK" "$N" <<'PY'
import sys
work, n = sys.argv[1], int(sys.argv[2])
with open(f"{work}/hold.csv", "w") as f:
    f.write("SEQUENTIAL\n")
    for i in range(n): f.write(f"w{i};example.com;user{i % max(1, n // 50)}\n")
PY

start() {
  dotnet "$BIN" run --data-dir "$WORK/data" --Cluster:Port=0 --Sip:Listeners:0:Port=$PORT --Sip:Listeners:1:Port=$PORT --Sip:Listeners:2:Port=0 --Sip:Listeners:3:Port=0 --Sip:Listeners:4:Port=0 \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:SimpleActors.Node=Information --Admin:Port=0 --Xcap:Port=0 --Xcap:HttpsPort=-1 --no-auth --Presence:Subscription:Policy=AllowAll > "$WORK/server-$1.log" 2>&1 &
  for _ in $(seq 300); do grep -q "node up" "$WORK/server-$1.log" 2>/dev/null && break; sleep 0.05; done
  pgrep -f "simpleactors.dll run --data-dir $WORK"
}
rss() { awk '/VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$1/status"; }
heap() { "$GCDUMP" collect -p "$1" -o "$WORK/$2.gcdump" > /dev/null 2>&1; "$GCDUMP" report "$WORK/$2.gcdump" 2>/dev/null | awk '/GC Heap bytes/ { gsub(",", "", $1); printf "%.1f MiB", $1 / 1048576 }'; }

PID=$(start first)
sleep 2
echo "empty node: RSS $(rss "$PID"), live heap $(heap "$PID" empty)"
( cd "$WORK" && sipp -sf "$OLDPWD/tests/load/scenarios/subscribe_hold.xml" -inf hold.csv 127.0.0.1:$PORT -i 127.0.0.1 -t u1 \
    -buff_size 4194304 -r "$RATE" -m "$N" -nostdin -trace_stat -stf stat.csv > /dev/null 2>&1 ) || true
python3 - "$WORK/stat.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter=";"))
print(f"subscriptions held: {rows[-1][rows[0].index('SuccessfulCall(C)')]} (SIPp calls failed: {rows[-1][rows[0].index('FailedCall(C)')]})")
PY
echo "awake: RSS $(rss "$PID"), live heap $(heap "$PID" awake)"
sleep 75
echo "asleep (idle > 60 s): RSS $(rss "$PID"), live heap $(heap "$PID" asleep)"

kill -9 "$PID"
sleep 1
T0=$(date +%s.%N)
PID=$(start second)
echo "kill -9, start again: answering after $(echo "$(date +%s.%N) - $T0" | bc | xargs printf '%.2f') s"
prev=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
for s in $(seq 1 60); do
  sleep 1
  now=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
  # Settled: under 5% of one core in the last second.
  if (( now - prev < 5 )); then echo "CPU settled (every remembered entity back) after about $s s; RSS $(rss "$PID")"; break; fi
  prev=$now
done
echo "after restart: live heap $(heap "$PID" restarted)"
