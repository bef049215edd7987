#!/usr/bin/env bash
# Start the Kamailio 5.6 peer (registrar + presence server for example.com, no authentication) on 127.0.0.1
# UDP+TCP <port>, in the background, with its state, pid file, control socket and log in <workdir>.
#
#   tests/load/peers/kamailio/start.sh <durable|memory> <port> <workdir>
#
#   durable  registrar and presence state written through to <workdir>/kamailio.db (SQLite); the file is created
#            with the schema when missing and KEPT when present, so a restart finds the state again.
#   memory   state only in memory; <workdir>/kamailio.db is recreated empty at each start (the presence module
#            needs a database URL, but this profile keeps publications and subscriptions out of it).
#
# Environment: KAMAILIO_SHM_MB (shared memory, default 2048), KAMAILIO_PKG_MB (private memory per process,
# default 64), KAMAILIO_START_TIMEOUT (seconds to wait for the first answer, default 30), KAMAILIO_SUBS_DB_MODE
# (durable only: presence subs_db_mode, 3 = DB only (default) or 1 = write-through), KAMAILIO_BIN (the binary).
# Prints the PID of the main process on stdout; stop with stop.sh <workdir>. Exits non-zero and prints the log
# when Kamailio does not start or does not answer an OPTIONS in time.
# Needs: kamailio, kamailio-presence-modules, kamailio-xml-modules, kamailio-sqlite-modules (Debian 12: 5.6.3);
# sqlite3 or python3 (schema); sipsak or python3 (the OPTIONS probe). This script installs nothing.
set -euo pipefail

usage() { echo "usage: $0 <durable|memory> <port> <workdir>" >&2; exit 2; }
[[ $# -eq 3 ]] || usage
PROFILE=$1 PORT=$2 WORKDIR=$3
[[ $PROFILE == durable || $PROFILE == memory ]] || usage
[[ $PORT =~ ^[0-9]+$ ]] && (( PORT > 0 && PORT < 65536 )) || { echo "bad port: $PORT" >&2; exit 2; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CFG=$HERE/kamailio.cfg
SHM_MB=${KAMAILIO_SHM_MB:-2048}
PKG_MB=${KAMAILIO_PKG_MB:-64}
START_TIMEOUT=${KAMAILIO_START_TIMEOUT:-30}

# ---- prerequisites (nothing is installed from here) ----
if [[ -n ${KAMAILIO_BIN:-} ]]; then
  KAMAILIO=$KAMAILIO_BIN
else
  KAMAILIO=$(command -v kamailio || true)
  [[ -z $KAMAILIO && -x /usr/sbin/kamailio ]] && KAMAILIO=/usr/sbin/kamailio
fi
if [[ -z $KAMAILIO || ! -x $KAMAILIO ]]; then
  echo "kamailio is not installed (${KAMAILIO:-not on PATH, not /usr/sbin/kamailio}). Install it with:" >&2
  echo "  apt-get update && apt-get install -y kamailio kamailio-presence-modules kamailio-xml-modules kamailio-sqlite-modules sipsak sqlite3" >&2
  exit 3
fi
MODDIR=""
for dir in /usr/lib/x86_64-linux-gnu/kamailio/modules /usr/lib/*/kamailio/modules /usr/lib/kamailio/modules \
           /usr/local/lib64/kamailio/modules /usr/local/lib/kamailio/modules; do
  [[ -f $dir/usrloc.so ]] && { MODDIR=$dir; break; }
done
for mod in usrloc registrar presence presence_xml db_sqlite; do
  if [[ -z $MODDIR || ! -f $MODDIR/$mod.so ]]; then
    echo "kamailio module $mod.so is missing: apt-get install -y kamailio-presence-modules kamailio-xml-modules kamailio-sqlite-modules" >&2
    exit 3
  fi
done

# The schema files of the Debian package (kamailio-sqlite-modules).
SCHEMA_DIR=""
for dir in /usr/share/kamailio/db_sqlite /usr/share/kamailio/sqlite /usr/local/share/kamailio/db_sqlite; do
  [[ -f $dir/presence-create.sql ]] && { SCHEMA_DIR=$dir; break; }
done
if [[ -z $SCHEMA_DIR ]] && command -v dpkg >/dev/null; then
  SCHEMA_DIR=$(dirname "$(dpkg -L kamailio-sqlite-modules 2>/dev/null | grep '/presence-create.sql$' | head -1)" 2>/dev/null || true)
fi
[[ -n $SCHEMA_DIR && -f $SCHEMA_DIR/presence-create.sql ]] || {
  echo "the SQLite schema files of kamailio-sqlite-modules (presence-create.sql ...) are not found" >&2; exit 3; }

# ---- work dir ----
mkdir -p "$WORKDIR"
WORKDIR=$(cd "$WORKDIR" && pwd)
DB=$WORKDIR/kamailio.db
LOG=$WORKDIR/kamailio.log
PIDFILE=$WORKDIR/kamailio.pid
CTLSOCK=$WORKDIR/kamailio_ctl

if [[ -f $PIDFILE ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
  echo "a kamailio is already running from $WORKDIR (pid $(cat "$PIDFILE")): stop.sh $WORKDIR first" >&2
  exit 1
fi
rm -f "$PIDFILE" "$CTLSOCK"

# The port must be free on UDP and TCP: otherwise another server would answer the probe below. (Kamailio binds
# its UDP socket with SO_REUSEADDR, so on Linux a second one would even share the UDP port.)
if command -v python3 >/dev/null; then
  python3 - "$PORT" <<'PY' || { echo "127.0.0.1:$PORT is already in use (udp or tcp): choose another port or stop that server" >&2; exit 1; }
import socket, sys
port = int(sys.argv[1])
for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
    s = socket.socket(socket.AF_INET, kind)
    if kind == socket.SOCK_STREAM:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT leftovers are fine, a listener is not
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        sys.exit(1)
    finally:
        s.close()
PY
fi

# Run SQL on the database file: with the sqlite3 shell when present, else with python3's sqlite3 module.
run_sql() { # file...
  if command -v sqlite3 >/dev/null; then
    cat "$@" | sqlite3 -bail "$DB" >/dev/null
  else
    python3 - "$DB" "$@" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for path in sys.argv[2:]:
    con.executescript(open(path).read())
con.commit()
PY
  fi
}

create_schema() {
  local tmp=$WORKDIR/.schema.sql
  # version table first, then the registrar (location) and presence (presentity, active_watchers, watchers, ...)
  # tables. WAL is a property of the file, kept across opens (kamailio.cfg asks for it too).
  printf 'PRAGMA journal_mode=WAL;\n' > "$tmp"
  cat "$SCHEMA_DIR/standard-create.sql" "$SCHEMA_DIR/usrloc-create.sql" "$SCHEMA_DIR/presence-create.sql" >> "$tmp"
  run_sql "$tmp"
  rm -f "$tmp"
}

case $PROFILE in
  durable)
    if [[ -s $DB ]]; then
      echo "durable: keeping the existing database $DB" >&2
    else
      rm -f "$DB" "$DB-wal" "$DB-shm"
      create_schema
      echo "durable: created $DB from $SCHEMA_DIR" >&2
    fi
    DEFINES=(-A DURABLE)
    # Presence subscription storage: 3 (DB only, the default of kamailio.cfg) or 1 (write-through), see README.md.
    [[ -n ${KAMAILIO_SUBS_DB_MODE:-} ]] && DEFINES+=(-A "SUBS_DB_MODE=$KAMAILIO_SUBS_DB_MODE")
    ;;
  memory)
    rm -f "$DB" "$DB-wal" "$DB-shm"
    create_schema
    DEFINES=()
    ;;
esac

# ---- start ----
# -DD: the main process stays in the foreground of this background job (no daemonizing), so its pid is known and
# stderr stays attached; -E: log to stderr, appended to kamailio.log.
echo "==== $(date -Is) start.sh $PROFILE $PORT (shm ${SHM_MB} MB, pkg ${PKG_MB} MB)" >> "$LOG"
"$KAMAILIO" -f "$CFG" -DD -E -m "$SHM_MB" -M "$PKG_MB" -w "$WORKDIR" -Y "$WORKDIR" -P "$PIDFILE" \
  -A "SIP_PORT=$PORT" -A "DBURL=\"sqlite:///$DB\"" -A "DBJOURNAL=\"$DB=WAL\"" -A "CTLSOCK=\"unix:$CTLSOCK\"" \
  "${DEFINES[@]}" < /dev/null >> "$LOG" 2>&1 &
PID=$!  # kamailio itself writes it to $PIDFILE (-P), which stop.sh reads

fail() {
  echo "kamailio ($PROFILE, port $PORT) failed to start: $1" >&2
  echo "---- $LOG (last 60 lines) ----" >&2
  tail -n 60 "$LOG" >&2 || true
  if kill -0 "$PID" 2>/dev/null; then kill -TERM "$PID" 2>/dev/null || true; sleep 1; kill -KILL "$PID" 2>/dev/null || true; fi
  rm -f "$PIDFILE"
  exit 1
}

# OPTIONS probe: sipsak when installed, else a one-shot UDP OPTIONS from python3. 0 = got a 200.
probe() {
  if command -v sipsak >/dev/null; then
    timeout 3 sipsak -s "sip:127.0.0.1:$PORT" >/dev/null 2>&1
  else
    python3 - "$PORT" <<'PY'
import socket, sys, uuid
port = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0)); s.settimeout(1.0)
lp = s.getsockname()[1]; cid = uuid.uuid4().hex
msg = (f"OPTIONS sip:127.0.0.1:{port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{lp};branch=z9hG4bK{cid}\r\n"
       f"From: <sip:probe@127.0.0.1>;tag={cid[:8]}\r\nTo: <sip:127.0.0.1:{port}>\r\nCall-ID: {cid}\r\n"
       "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n")
s.sendto(msg.encode(), ("127.0.0.1", port))
try: data = s.recv(65535)
except socket.timeout: sys.exit(1)
sys.exit(0 if data.startswith(b"SIP/2.0 200") else 1)
PY
  fi
}

deadline=$(( SECONDS + START_TIMEOUT ))
until probe; do
  kill -0 "$PID" 2>/dev/null || fail "the process exited"
  (( SECONDS < deadline )) || fail "no 200 to OPTIONS on udp:127.0.0.1:$PORT within ${START_TIMEOUT}s"
  sleep 0.5
done
sleep 0.2
kill -0 "$PID" 2>/dev/null && [[ -s $PIDFILE ]] || fail "the process exited after answering"
echo "kamailio $PROFILE up on 127.0.0.1:$PORT (udp+tcp), pid $PID, log $LOG" >&2
echo "$PID"
