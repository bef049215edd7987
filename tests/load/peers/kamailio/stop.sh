#!/usr/bin/env bash
# Stop the Kamailio peer started by start.sh from <workdir>: SIGTERM to the main process (it stops its children
# and closes the database), SIGKILL to the process group's survivors after 15 s. Keeps the database and log.
#
#   tests/load/peers/kamailio/stop.sh <workdir>
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 <workdir>" >&2; exit 2; }
WORKDIR=$1
PIDFILE=$WORKDIR/kamailio.pid
if [[ ! -f $PIDFILE ]]; then
  echo "no $PIDFILE: nothing to stop" >&2
  exit 0
fi
PID=$(cat "$PIDFILE")
[[ $PID =~ ^[0-9]+$ ]] || { echo "bad pid file $PIDFILE" >&2; exit 1; }

# Only signal the process if it is really a kamailio (the pid could have been reused since).
is_ours() { [[ -r /proc/$PID/cmdline ]] && tr '\0' ' ' < "/proc/$PID/cmdline" | grep -q "kamailio"; }

if is_ours; then
  # The children, to make sure none outlives the main process.
  CHILDREN=$(pgrep -P "$PID" 2>/dev/null || true)
  kill -TERM "$PID" 2>/dev/null || true
  for _ in $(seq 150); do is_ours || break; sleep 0.1; done
  if is_ours; then
    echo "kamailio $PID still running after 15 s: SIGKILL" >&2
    kill -KILL "$PID" 2>/dev/null || true
  fi
  for c in $CHILDREN; do
    if [[ -r /proc/$c/cmdline ]] && tr '\0' ' ' < "/proc/$c/cmdline" | grep -q kamailio; then kill -KILL "$c" 2>/dev/null || true; fi
  done
  # Reap the zombie when the caller's shell is our parent; harmless otherwise.
  wait "$PID" 2>/dev/null || true
  echo "kamailio $PID stopped" >&2
else
  echo "kamailio $PID is not running" >&2
fi
rm -f "$PIDFILE" "$WORKDIR/kamailio_ctl"
echo "==== $(date -Is) stop.sh" >> "$WORKDIR/kamailio.log" 2>/dev/null || true
