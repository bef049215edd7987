#!/usr/bin/env bash
# Starts Kamailio 5.6's rls module as a reference RLS for rls_client (see ../README.md).
#   start.sh PORT WORKDIR WATCHER_URI LIST_URI RESOURCE_URI...
# (Re)creates the PostgreSQL database $KAMAILIO_RLS_DB (presence, pua, rls and xcap tables), stores WATCHER_URI's
# rls-services document with one service LIST_URI listing the resources, starts Kamailio in the background (log:
# WORKDIR/kamailio.log), waits for a 200 to an OPTIONS and prints the PID. Stop it with stop.sh WORKDIR.
#   LINPHONE_COMPAT=1   rewrite rls's list NOTIFYs into the form liblinphone 5.1.65 can parse (kamailio.cfg)
#   KAMAILIO_RLS_PG     libpq connection of a role that may create databases
#                       (default: host=127.0.0.1 user=simpleactors password=simpleactors, the role of build.ps1;
#                       as root, when it does not answer, the local cluster is started and the role created)
#   KAMAILIO_RLS_DB     database name (default kamailio_rls)
# Needs: apt-get install -y kamailio kamailio-presence-modules kamailio-postgres-modules postgresql postgresql-client
# Why PostgreSQL and not SQLite: rls needs pua in db_mode 2, whose dialog conversion calls the DB API's replace(),
# which db_sqlite 5.6 does not have (the worker crashes on a NULL call); with pua db_mode 0 rls_handle_notify crashes
# the same way. See ../README.md.
set -euo pipefail
export PGOPTIONS="--client-min-messages=warning"
[[ $# -ge 5 ]] || { sed -n 2,16p "$0" >&2; exit 2; }
PORT=$1; WORKDIR=$2; WATCHER=$3; LIST=$4; shift 4
HERE=$(cd "$(dirname "$0")" && pwd)
KAMAILIO=${KAMAILIO_BIN:-$(command -v kamailio || echo /usr/sbin/kamailio)}
SCHEMA_DIR=/usr/share/kamailio/postgres
MODDIR=/usr/lib/x86_64-linux-gnu/kamailio/modules
PG=${KAMAILIO_RLS_PG:-host=127.0.0.1 user=simpleactors password=simpleactors}
DBNAME=${KAMAILIO_RLS_DB:-kamailio_rls}
[[ -x $KAMAILIO && -f $MODDIR/rls.so && -f $MODDIR/db_postgres.so && -f $SCHEMA_DIR/rls-create.sql ]] &&
  command -v psql >/dev/null || {
  echo "start.sh: missing: apt-get install -y kamailio kamailio-presence-modules kamailio-postgres-modules postgresql-client" >&2
  exit 3; }

pg_ok() { psql "$PG dbname=postgres connect_timeout=3" -tAc 'SELECT 1' >/dev/null 2>&1; }
if ! pg_ok && [[ $(id -u) == 0 ]] && command -v pg_lsclusters >/dev/null; then
  read -r ver name _ < <(pg_lsclusters -h | head -n 1) || true
  if [[ -n ${ver:-} ]]; then
    pg_ctlcluster "$ver" "$name" start 2>/dev/null || true
    for _ in $(seq 1 20); do su postgres -c "psql -tAc 'SELECT 1'" >/dev/null 2>&1 && break; sleep 0.5; done
    su postgres -c "psql -qc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'simpleactors') THEN
      CREATE ROLE simpleactors LOGIN CREATEDB PASSWORD 'simpleactors'; END IF; END \\\$\\\$;\"" >/dev/null
  fi
fi
pg_ok || { echo "start.sh: PostgreSQL does not answer to: $PG" >&2; exit 3; }

psql "$PG dbname=postgres" -qc "DROP DATABASE IF EXISTS $DBNAME" -qc "CREATE DATABASE $DBNAME" >/dev/null
for f in standard usrloc presence rls; do
  psql "$PG dbname=$DBNAME" -q -v ON_ERROR_STOP=1 -f "$SCHEMA_DIR/$f-create.sql" >/dev/null
done
user=${WATCHER#*:}; domain=${user#*@}; user=${user%@*}
entries=""
for r in "$@"; do entries+="      <rl:entry uri=\"$r\"/>"$'\n'; done
doc="<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<rls-services xmlns=\"urn:ietf:params:xml:ns:rls-services\" xmlns:rl=\"urn:ietf:params:xml:ns:resource-lists\">
  <service uri=\"$LIST\">
    <list name=\"list\">
$entries    </list>
    <packages><package>presence</package></packages>
  </service>
</rls-services>"
# doc_type 8 = RLS_SERVICE (1<<3) in Kamailio 5.6; the document belongs to the watcher (the SUBSCRIBE's From).
psql "$PG dbname=$DBNAME" -q -v ON_ERROR_STOP=1 -v user="$user" -v domain="$domain" -v doc="$doc" \
  -v uri="/rls-services/users/$WATCHER/index" >/dev/null <<'SQL'
INSERT INTO xcap (username, domain, doc, doc_type, etag, source, doc_uri, port)
VALUES (:'user', :'domain', convert_to(:'doc', 'UTF8'), 8, 'e1', 1, :'uri', 0);
SQL

# Kamailio's db_postgres URL from the libpq string's host, user and password.
get() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$PG"; }
DBURL="postgres://$(get user):$(get password)@$(get host)/$DBNAME"

mkdir -p "$WORKDIR"
WORKDIR=$(cd "$WORKDIR" && pwd)
DEFINES=()
[[ ${LINPHONE_COMPAT:-0} == 1 ]] && DEFINES+=(-A LINPHONE_COMPAT)
LOG=$WORKDIR/kamailio.log
echo "==== $(date -Is) start.sh $PORT $WATCHER $LIST $* (LINPHONE_COMPAT=${LINPHONE_COMPAT:-0})" >> "$LOG"
"$KAMAILIO" -f "$HERE/kamailio.cfg" -DD -E -m 256 -M 32 -w "$WORKDIR" -Y "$WORKDIR" -P "$WORKDIR/kamailio.pid" \
  -A "SIP_PORT=$PORT" -A "DBURL=\"$DBURL\"" -A "CTLSOCK=\"unix:$WORKDIR/kamailio_ctl\"" \
  -A "RLS_ADDR=\"sip:rls@127.0.0.1:$PORT\"" -A "PRES_ADDR=\"sip:presence@127.0.0.1:$PORT\"" \
  -A "SELF_ADDR=\"sip:127.0.0.1:$PORT\"" "${DEFINES[@]}" </dev/null >>"$LOG" 2>&1 &
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
echo "start.sh: kamailio did not answer; end of $LOG:" >&2; tail -n 40 "$LOG" >&2
kill "$PID" 2>/dev/null || true
exit 1
