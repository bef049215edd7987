#!/usr/bin/env bash
# Starts Kamailio 5.6's rls module for tests/load/rls_bench.py (kamailio.cfg beside this file) on UDP 127.0.0.1:PORT,
# in the background, on a fresh PostgreSQL database; its log, pid file and control socket in WORKDIR.
#
#   tests/load/peers/kamailio-rls/start.sh PORT WORKDIR
#
# Drops and creates the database $KAMAILIO_RLS_DB with the presence (presentity, active_watchers, xcap, pua ...) and
# rls (rls_watchers, rls_presentity) tables, starts Kamailio, waits for a 200 to an OPTIONS and prints the main
# process's PID. The lists (rls-services documents, xcap table, doc_type 8) are the caller's to insert. Stop it with
# stop.sh WORKDIR.
#   KAMAILIO_RLS_PG   libpq connection of a role that may create databases
#                     (default host=127.0.0.1 user=simpleactors password=simpleactors; as root, when PostgreSQL does not
#                     answer, the local cluster is started)
#   KAMAILIO_RLS_DB   database name (default kamailio_rls_bench)
#   KAMAILIO_SHM_MB   shared memory (default 2048: 10,000 list subscriptions of 10 resources are ~100,000 back-end
#                     subscriptions held by the presence module and rls's transactions)
#   KAMAILIO_PKG_MB   private memory per process (default 64: rls reads whole lists and NOTIFY bodies into it)
#   KAMAILIO_CHILDREN UDP worker processes (default 4)
# Needs: apt-get install -y kamailio kamailio-presence-modules kamailio-postgres-modules postgresql postgresql-client
set -euo pipefail
export PGOPTIONS="--client-min-messages=warning"
[[ $# -eq 2 ]] || { sed -n 2,20p "$0" >&2; exit 2; }
PORT=$1 WORKDIR=$2
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KAMAILIO=${KAMAILIO_BIN:-$(command -v kamailio || echo /usr/sbin/kamailio)}
SCHEMA_DIR=/usr/share/kamailio/postgres
MODDIR=/usr/lib/x86_64-linux-gnu/kamailio/modules
PG=${KAMAILIO_RLS_PG:-host=127.0.0.1 user=simpleactors password=simpleactors}
DBNAME=${KAMAILIO_RLS_DB:-kamailio_rls_bench}
SHM_MB=${KAMAILIO_SHM_MB:-2048}
PKG_MB=${KAMAILIO_PKG_MB:-64}
CHILDREN=${KAMAILIO_CHILDREN:-4}
[[ -x $KAMAILIO && -f $MODDIR/rls.so && -f $MODDIR/db_postgres.so && -f $SCHEMA_DIR/rls-create.sql ]] &&
  command -v psql >/dev/null || {
  echo "start.sh: missing: apt-get install -y kamailio kamailio-presence-modules kamailio-postgres-modules postgresql-client" >&2
  exit 3; }

pg_ok() { psql "$PG dbname=postgres connect_timeout=3" -tAc 'SELECT 1' >/dev/null 2>&1; }
if ! pg_ok && [[ $(id -u) == 0 ]] && command -v pg_lsclusters >/dev/null; then
  read -r ver name _ < <(pg_lsclusters -h | head -n 1) || true
  [[ -n ${ver:-} ]] && { pg_ctlcluster "$ver" "$name" start 2>/dev/null || true; }
  for _ in $(seq 1 20); do pg_ok && break; sleep 0.5; done
fi
pg_ok || { echo "start.sh: PostgreSQL does not answer to: $PG" >&2; exit 3; }

mkdir -p "$WORKDIR"
WORKDIR=$(cd "$WORKDIR" && pwd)
PIDFILE=$WORKDIR/kamailio.pid
LOG=$WORKDIR/kamailio.log
if [[ -s $PIDFILE ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
  echo "start.sh: a kamailio runs from $WORKDIR already (pid $(cat "$PIDFILE")): stop.sh $WORKDIR first" >&2
  exit 1
fi
rm -f "$PIDFILE" "$WORKDIR/kamailio_ctl"

psql "$PG dbname=postgres" -q -c "DROP DATABASE IF EXISTS $DBNAME WITH (FORCE)" \
  -c "CREATE DATABASE $DBNAME TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" >/dev/null
for f in standard presence rls; do
  psql "$PG dbname=$DBNAME" -q -v ON_ERROR_STOP=1 -f "$SCHEMA_DIR/$f-create.sql" >/dev/null
done
# rls 5.6 builds a full-state NOTIFY (notify.c, add_resource_instance) by scanning the rls_presentity rows of the
# subscription and stopping at the first row whose resource_uri sorts after the resource it looks for (strncmp), but
# its query has no ORDER BY: rows in another order make it list resources without their state, and it then marks
# those rows sent, so their state never comes (found in this bench: a list of 20 got 9 of its 20 instances, the rest
# never). The rows come in strcmp order when the only index on rlsubs_did is the unique (rlsubs_did, resource_uri) one,
# the collation is C and the planner scans that index: so here.
psql "$PG dbname=$DBNAME" -q -v ON_ERROR_STOP=1 -c "DROP INDEX rls_presentity_rlsubs_idx" \
  -c "ALTER DATABASE $DBNAME SET enable_seqscan = off" -c "ALTER DATABASE $DBNAME SET enable_bitmapscan = off" >/dev/null
# Commits do not wait for the WAL flush (flushed within ~200 ms by the WAL writer; a crash loses at most that, never
# consistency): the counterpart of the SimpleActors journal's SQLite WAL with synchronous=NORMAL. With a flush per commit
# every back-end NOTIFY (a transaction of rls) waits for the disk.
psql "$PG dbname=$DBNAME" -q -v ON_ERROR_STOP=1 -c "ALTER DATABASE $DBNAME SET synchronous_commit = off" >/dev/null

# Kamailio's db_postgres URL from the libpq string's host, user and password.
get() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$PG"; }
DBURL="postgres://$(get user):$(get password)@$(get host)/$DBNAME"

echo "==== $(date -Is) start.sh $PORT (shm $SHM_MB MB, pkg $PKG_MB MB, $CHILDREN children, database $DBNAME)" >> "$LOG"
"$KAMAILIO" -f "$HERE/kamailio.cfg" -DD -E -m "$SHM_MB" -M "$PKG_MB" -w "$WORKDIR" -Y "$WORKDIR" -P "$PIDFILE" \
  -A "SIP_PORT=$PORT" -A "CHILDREN=$CHILDREN" -A "DBURL=\"$DBURL\"" -A "SQLCON=\"pua=>$DBURL\"" -A "CTLSOCK=\"unix:$WORKDIR/kamailio_ctl\"" \
  -A "RLS_ADDR=\"sip:rls@127.0.0.1:$PORT\"" -A "PRES_ADDR=\"sip:presence@127.0.0.1:$PORT\"" \
  -A "SELF_ADDR=\"sip:127.0.0.1:$PORT\"" </dev/null >>"$LOG" 2>&1 &
PID=$!
for _ in $(seq 1 60); do
  if python3 - "$PORT" <<'PY'
import socket, sys, uuid
port = int(sys.argv[1]); s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); s.settimeout(0.5)
cid = uuid.uuid4().hex; lp = s.getsockname()[1]
s.sendto((f"OPTIONS sip:127.0.0.1:{port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{lp};branch=z9hG4bK{cid}\r\n"
          f"From: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1:{port}>\r\nCall-ID: {cid}\r\nCSeq: 1 OPTIONS\r\n"
          "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n").encode(), ("127.0.0.1", port))
try: sys.exit(0 if s.recv(65535).startswith(b"SIP/2.0 200") else 1)
except socket.timeout: sys.exit(1)
PY
  then echo "$PID"; exit 0; fi
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.5
done
echo "start.sh: kamailio did not answer; end of $LOG:" >&2
tail -n 40 "$LOG" >&2
kill "$PID" 2>/dev/null || true
exit 1
