#!/usr/bin/env bash
# stop.sh WORKDIR: stops the Kamailio that start.sh started from WORKDIR (SIGTERM to the pid in its pid file, which
# stops the children; SIGKILL to whatever of it is left after 15 s). Keeps the log and the database.
set -euo pipefail
WORKDIR=${1:?usage: stop.sh WORKDIR}
pidfile=$WORKDIR/kamailio.pid
[[ -s $pidfile ]] || exit 0
pid=$(cat "$pidfile")
ours() { [[ -r /proc/$1/cmdline ]] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q "kamailio.*$WORKDIR"; }
if ours "$pid"; then
  children=$(pgrep -P "$pid" 2>/dev/null || true)
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do ours "$pid" || break; sleep 0.1; done
  ours "$pid" && kill -KILL "$pid" 2>/dev/null || true
  for c in $children; do ours "$c" && kill -KILL "$c" 2>/dev/null || true; done
  wait "$pid" 2>/dev/null || true
fi
rm -f "$pidfile" "$WORKDIR/kamailio_ctl"
echo "==== $(date -Is) stop.sh" >> "$WORKDIR/kamailio.log"
