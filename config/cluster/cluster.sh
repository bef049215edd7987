#!/usr/bin/env bash
# A three-node SimpleActors cluster on 127.0.0.1 over PostgreSQL, for trying a cluster on one machine.
#   config/cluster/cluster.sh up     (also: dotnet pwsh ./build.ps1 cluster-up)
#   config/cluster/cluster.sh down   (also: dotnet pwsh ./build.ps1 cluster-down)
# Node N listens for SIP (UDP and TCP) on 127.0.0.1:5060/5062/5064, for its admin HTTP on 127.0.0.1:8081/8082/8083
# and for the cluster on 4053/4054/4055 (nodes 1 and 2 are the seeds). The nodes run in the current directory (the
# repository's top, as the README runs them): data, logs and pids under data/cluster/ (nodeN/, nodeN.log, nodeN.pid).
# "up" creates the role and the database simpleactors/simpleactors when PostgreSQL runs locally and they are missing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUN=$PWD/data/cluster

database() {
  command -v psql > /dev/null || { echo "psql not found: using the database as configured" >&2; return; }
  local as_postgres=(psql -h 127.0.0.1 -U postgres)
  if command -v runuser > /dev/null && [[ $(id -u) == 0 ]]; then as_postgres=(runuser -u postgres -- psql); fi
  "${as_postgres[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'simpleactors'" 2> /dev/null | grep -q 1 \
    || "${as_postgres[@]}" -c "CREATE ROLE simpleactors LOGIN PASSWORD 'simpleactors'" > /dev/null 2>&1 || true
  "${as_postgres[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = 'simpleactors'" 2> /dev/null | grep -q 1 \
    || "${as_postgres[@]}" -c "CREATE DATABASE simpleactors OWNER simpleactors" > /dev/null 2>&1 || true
}

up() {
  database
  dotnet build -c Release "$ROOT/src/SimpleActors.Node" -v q -nologo > /dev/null
  mkdir -p "$RUN"
  for n in 1 2 3; do
    if [[ -f $RUN/node$n.pid ]] && kill -0 "$(cat "$RUN/node$n.pid")" 2> /dev/null; then
      echo "node $n already runs (pid $(cat "$RUN/node$n.pid"))"; continue
    fi
    nohup dotnet "$ROOT/src/SimpleActors.Node/bin/Release/net10.0/simpleactors.dll" run --config "$ROOT/config/cluster/node$n.json" \
      > "$RUN/node$n.log" 2>&1 &
    echo $! > "$RUN/node$n.pid"
  done
  for n in 1 2 3; do
    for _ in $(seq 300); do
      grep -q "SimpleActors node up" "$RUN/node$n.log" 2> /dev/null && break
      kill -0 "$(cat "$RUN/node$n.pid")" 2> /dev/null || { echo "node $n failed to start:" >&2; tail -5 "$RUN/node$n.log" >&2; exit 1; }
      sleep 0.1
    done
    echo "node $n up: SIP 127.0.0.1:$((5058 + 2 * n)), admin http://127.0.0.1:$((8080 + n)), log $RUN/node$n.log"
  done
}

down() {
  for n in 1 2 3; do
    [[ -f $RUN/node$n.pid ]] || continue
    local pid; pid=$(cat "$RUN/node$n.pid")
    if kill "$pid" 2> /dev/null; then
      for _ in $(seq 300); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
      echo "node $n stopped"
    fi
    rm -f "$RUN/node$n.pid"
  done
}

case ${1:-} in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
