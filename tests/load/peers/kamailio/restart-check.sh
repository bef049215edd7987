#!/usr/bin/env bash
# Durability check of the durable profile: registrar and presence state must survive a restart of Kamailio.
#   1. start (durable), REGISTER user0, PUBLISH user2 (left in place, note "before restart"), and start the suite's
#      watch_across_restart.xml drill: watcher user0 subscribes to user1 (200 + first NOTIFY), then waits up to 25 s;
#   2. the location, presentity, active_watchers and watchers rows are in the SQLite file;
#   3. stop.sh (or kill -9 of every Kamailio process with KILL9=1) and start.sh again on the same work dir;
#   4. the rows are still there, and Kamailio serves them: user1 PUBLISHes (publish_once.xml, note "drill: ..."),
#      and the watcher's dialog from before the restart must get the NOTIFY with that note and a higher CSeq, then
#      its refresh and unsubscribe inside that dialog must get 200 (not 481) and NOTIFYs with rising CSeqs;
#      user2's publication is still served (a new SUBSCRIBE to user2 gets it in its NOTIFY) and user0 is still
#      registered (kamcmd ul.lookup).
# Prints each step and exits non-zero on the first failed check. Kamailio is stopped at the end.
#
#   tests/load/peers/kamailio/restart-check.sh [port=5092]
#
# Needs: the Kamailio packages, sqlite3, SIPp, kamcmd (package kamailio). Traffic stays on 127.0.0.1.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SCENARIOS=$(cd "$HERE/../../scenarios" && pwd)
PORT=${1:-5092}
WORK=$(mktemp -d /tmp/kamailio-restart.XXXXXX)
DB=$WORK/kamailio.db
WATCHER_PID=""
cleanup() {
  [[ -n $WATCHER_PID ]] && kill "$WATCHER_PID" 2>/dev/null || true
  "$HERE/stop.sh" "$WORK" >/dev/null 2>&1 || true
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; echo "work dir (logs, database): $WORK" >&2; exit 1; }
ok() { echo "ok: $*"; }
rows() { sqlite3 "$DB" "$1"; }
sipp_once() { # scenario csv-line tag
  echo "SEQUENTIAL" > "$WORK/$3.csv"; echo "$2" >> "$WORK/$3.csv"
  ( cd "$WORK" && timeout 60 sipp -sf "$SCENARIOS/$1" -inf "$WORK/$3.csv" 127.0.0.1:$PORT -i 127.0.0.1 -t u1 -m 1 -nostdin \
      -trace_msg -message_file "$WORK/$3.msgs.log" -trace_err -error_file "$WORK/$3.errors.log" > /dev/null 2>&1 )
}

"$HERE/start.sh" durable "$PORT" "$WORK" > /dev/null
sipp_once register.xml "user0;[authentication username=user0 password=x];3600;example.com;5099" register \
  || fail "REGISTER user0"
sipp_once publish_once.xml "user2;[authentication username=user2 password=x];example.com;before restart" publish-before \
  || fail "PUBLISH user2"
ok "registered user0, published user2"

echo "SEQUENTIAL" > "$WORK/watch.csv"; echo "user0;example.com;user1" >> "$WORK/watch.csv"
( cd "$WORK" && exec timeout 90 sipp -sf "$SCENARIOS/watch_across_restart.xml" -inf "$WORK/watch.csv" 127.0.0.1:$PORT -i 127.0.0.1 \
    -t u1 -m 1 -nostdin -trace_msg -message_file "$WORK/watch.msgs.log" -trace_err -error_file "$WORK/watch.errors.log" \
    > "$WORK/watch.out" 2>&1 ) &
WATCHER_PID=$!
for _ in $(seq 50); do grep -q "CSeq: [0-9]* NOTIFY" "$WORK/watch.msgs.log" 2>/dev/null && break; sleep 0.2; done
sleep 0.5
grep -q "CSeq: [0-9]* NOTIFY" "$WORK/watch.msgs.log" || fail "the watcher got no first NOTIFY"
ok "watcher user0 subscribed to user1 (200 + first NOTIFY)"

check_rows() { # when
  local loc pres aw w
  loc=$(rows "select count(*) from location where username='user0'")
  pres=$(rows "select count(*) from presentity where username='user2' and cast(body as text) like '%before restart%'")
  aw=$(rows "select count(*) from active_watchers where watcher_username='user0' and presentity_uri='sip:user1@example.com'")
  w=$(rows "select count(*) from watchers where watcher_username='user0' and presentity_uri='sip:user1@example.com'")
  echo "  $1: location(user0)=$loc presentity(user2)=$pres active_watchers(user0->user1)=$aw watchers(user0->user1)=$w"
  [[ $loc == 1 && $pres == 1 && $aw == 1 && $w == 1 ]] || fail "missing rows $1"
}
check_rows "before the restart"

if [[ ${KILL9:-0} == 1 ]]; then
  PID=$(cat "$WORK/kamailio.pid")
  KIDS=$(pgrep -P "$PID" || true)
  kill -KILL "$PID" $KIDS 2>/dev/null || true
  sleep 0.5
  rm -f "$WORK/kamailio.pid"
  ok "killed (kill -9) kamailio $PID and its children"
else
  "$HERE/stop.sh" "$WORK" 2>/dev/null
  ok "stopped with stop.sh"
fi
check_rows "while stopped"
T0=$(date +%s.%N)
"$HERE/start.sh" durable "$PORT" "$WORK" > /dev/null
ok "started again in $(printf '%.1f' "$(echo "$(date +%s.%N) - $T0" | bc)") s"
check_rows "after the restart"

kamcmd -s "unix:$WORK/kamailio_ctl" ul.lookup location user0@example.com 2>&1 | grep -q "sip:user0@127.0.0.1:5099" \
  || fail "user0's contact was not restored into usrloc"
ok "user0 still registered (contact sip:user0@127.0.0.1:5099 restored)"

sipp_once publish_once.xml "user1;[authentication username=user1 password=x];example.com;drill: after restart" publish-after \
  || fail "PUBLISH user1 after the restart"
ok "published user1 after the restart"

rc=0; wait "$WATCHER_PID" || rc=$?; WATCHER_PID=""
if [[ $rc != 0 ]]; then
  sed -n '1,40p' "$WORK/watch.errors.log" >&2 2>/dev/null || true
  if grep -q 'test "n2:.* > n1:.*" with check_it failed' "$WORK/watch.errors.log" 2>/dev/null; then
    echo "The first NOTIFY after the restart reused a CSeq of the dialog (NOTIFY CSeqs:" \
      "$(grep -o '^CSeq: [0-9]* NOTIFY' "$WORK/watch.msgs.log" | awk '{print $2}' | uniq | tr '\n' ' '))" >&2
  fi
  fail "watch_across_restart.xml failed (exit $rc): the dialog did not survive the restart"
fi
CSEQS=$(grep -A12 "^NOTIFY " "$WORK/watch.msgs.log" | grep -o "^CSeq: [0-9]* NOTIFY" | awk '{print $2}' | uniq | tr '\n' ' ')
ok "watch_across_restart.xml passed: same dialog, NOTIFY with the new note after the restart, refresh and unsubscribe 200; NOTIFY CSeqs $CSEQS"

# user2's publication from before the restart is served to a new watcher.
sipp_once subscribe_load.xml "user3;example.com;user2" sub-user2 || fail "SUBSCRIBE to user2 after the restart"
grep -q "before restart" "$WORK/sub-user2.msgs.log" || fail "user2's publication from before the restart is not in the NOTIFY"
ok "user2's publication from before the restart is served after it (NOTIFY carries its note)"
echo "PASS (work dir $WORK)"
