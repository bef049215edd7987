#!/usr/bin/env bash
# stop.sh WORKDIR: stops the Kamailio started by start.sh with that WORKDIR (its pid file).
set -euo pipefail
pidfile=${1:?usage: stop.sh WORKDIR}/kamailio.pid
[[ -s $pidfile ]] || exit 0
pid=$(cat "$pidfile")
kill -TERM "$pid" 2>/dev/null || exit 0
for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.25; done
kill -KILL "$pid" 2>/dev/null || true
