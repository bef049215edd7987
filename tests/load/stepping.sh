# Shared by the load scripts of tests/load (sourced, not run): start and stop a Release node on $PORT with a fresh
# journal under $WORK, and step a SIPp scenario through $RATES for $STEP_SECONDS each, printing one Markdown row per
# step. A step whose calls fail above 1% or whose offered rate is not completed is the last one printed.
# Needs: BIN, WORK, PORT, SCENARIOS, STEP_SECONDS, RATES set by the caller; SIPp and python3.

start_server() { # $1 = auth on|off
  local auth=()
  [[ $1 == off ]] && auth=(--no-auth) || auth=(--Auth:UsersFile="$WORK/users.json")
  rm -rf "$WORK/data"
  dotnet "$BIN" run --data-dir "$WORK/data" --Cluster:Port=0 --Sip:Listeners:0:Port=$PORT --Sip:Listeners:1:Port=$PORT --Sip:Listeners:2:Port=0 --Sip:Listeners:3:Port=0 --Sip:Listeners:4:Port=0 \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:SimpleActors.Node=Information --Admin:Port=0 --Xcap:Port=0 --Xcap:HttpsPort=-1 "${auth[@]}" > "$WORK/server-$1.log" 2>&1 &
  for _ in $(seq 60); do grep -q "node up" "$WORK/server-$1.log" 2>/dev/null && break; sleep 0.5; done
  sleep 1
}

stop_server() { pkill -f "simpleactors.dll run --data-dir $WORK" || true; sleep 6; }

# One step: scenario, csv, rate. Prints "rate achieved failed% p50 p90 p99".
step() {
  local scenario=$1 csv=$2 rate=$3 calls=$(( $3 * STEP_SECONDS ))
  rm -f "$WORK"/*_rtt.csv "$WORK"/*_.csv
  ( cd "$WORK" && timeout $(( STEP_SECONDS * 6 + 30 )) sipp -sf "$OLDPWD/$SCENARIOS/$scenario" -inf "$csv" 127.0.0.1:$PORT -i 127.0.0.1 -t u1 -buff_size 4194304 -recv_timeout 10000 \
      -r "$rate" -m "$calls" -nostdin -trace_stat -stf "$WORK/stat.csv" -fd 1 -trace_rtt -rtt_freq 1 > /dev/null 2>&1 ) || true
  python3 - "$WORK" "$rate" "$STEP_SECONDS" <<'PY'
import csv, glob, sys
work, rate, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = list(csv.reader(open(f"{work}/stat.csv"), delimiter=";"))
head, last = rows[0], rows[-1]
val = lambda name: last[head.index(name)]
ok, failed = int(val("SuccessfulCall(C)")), int(val("FailedCall(C)"))
elapsed = sum(float(x) * m for x, m in zip(val("ElapsedTime(C)").split(":"), (3600, 60, 1)))
rtts = []
for path in glob.glob(f"{work}/*_rtt.csv"):
    for r in list(csv.reader(open(path), delimiter=";"))[1:]:
        try: rtts.append(float(r[1]))
        except (ValueError, IndexError): pass
rtts.sort()
pct = lambda p: rtts[min(len(rtts) - 1, int(p * len(rtts)))] if rtts else float("nan")
total = ok + failed
print(f"{rate} {ok / max(elapsed, 1e-9):.0f} {100.0 * failed / max(total, 1):.2f} {pct(.5):.1f} {pct(.9):.1f} {pct(.99):.1f}")
PY
}

run_scenario() { # name scenario csv
  local name=$1 scenario=$2 csv=$3
  for rate in "${RATES[@]}"; do
    read -r r achieved failed p50 p90 p99 < <(step "$scenario" "$csv" "$rate")
    echo "| $name | $r | $achieved | $failed % | $p50 | $p90 | $p99 |"
    # Sustained means: under 1% failed calls and the offered rate actually completed.
    if awk -v f="$failed" -v a="$achieved" -v r="$r" 'BEGIN { exit !(f > 1.0 || a < 0.97 * r) }'; then
      break
    fi
  done
  return 0
}

