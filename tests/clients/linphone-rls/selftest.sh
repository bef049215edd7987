#!/usr/bin/env bash
# Checks the harness itself: builds rls_client, runs it against fake_rls.py (each wire variant, with the outcome
# liblinphone 5.1.65 is known to give), and, with --kamailio, against Kamailio's rls module (kamailio-rls/).
#   selftest.sh [--kamailio] [--port N]     prints one line per case and "N passed, N failed"; exit 1 on a failure
# Ports: N (default 5091) for fake_rls.py, N+1 for Kamailio. Everything is on 127.0.0.1.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PORT=5091
KAM=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --kamailio) KAM=1 ;;
    --port) PORT=$2; shift ;;
    *) sed -n 2,5p "$0" >&2; exit 2 ;;
  esac
  shift
done
TMP=$(mktemp -d /tmp/linphone-rls-selftest.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
BIN=$TMP/rls_client
"$HERE/build.sh" "$BIN" >/dev/null || { echo "build failed"; exit 1; }
passed=0; failed=0

# check NAME EXPECTED_RC GREP_PATTERN OUTPUT_FILE RC
check() {
  local name=$1 want_rc=$2 pattern=$3 out=$4 rc=$5
  if [[ $rc == "$want_rc" ]] && grep -qE "$pattern" "$out"; then
    passed=$((passed + 1)); echo "ok   $name (rc $rc)"
  else
    failed=$((failed + 1)); echo "FAIL $name: rc $rc (want $want_rc), output:"; sed 's/^/       /' "$out"
  fi
}

# fake NAME EXPECTED_RC PATTERN "CLIENT ARGS" FAKE ARGS...
fake() {
  local name=$1 want_rc=$2 pattern=$3 cargs=$4; shift 4
  python3 "$HERE/fake_rls.py" --port "$PORT" --password secret --resource sip:alice@example.com=open \
    --resource sip:bob@example.com=closed:away --resource sip:carol@example.com=pending --duration 12 \
    --capture "$TMP/$name.cap" "$@" 2>"$TMP/$name.fake" &
  local fpid=$!
  sleep 0.5
  # shellcheck disable=SC2086
  timeout 30 "$BIN" --server "127.0.0.1:$PORT" --user watcher --password secret --domain example.com \
    --list-uri sip:friends@example.com --expect sip:alice@example.com=open,sip:bob@example.com=away --timeout 6 \
    $cargs >"$TMP/$name.out" 2>"$TMP/$name.err"
  local rc=$?
  kill "$fpid" 2>/dev/null; wait "$fpid" 2>/dev/null
  check "$name" "$want_rc" "$pattern" "$TMP/$name.out" "$rc"
}

ALL='PRESENCE sip:alice@example.com open'
fake udp 0 "$ALL" ""
fake tcp 0 "$ALL" "--transport tcp"
fake with-body 0 "$ALL" "--with-body"
fake subscribe-challenged 0 "$ALL" "" --challenge-subscribe
fake no-register 0 "$ALL" "--no-register"
fake 404 4 'SUBSCRIPTION error 404' "" --subscribe-response 404
fake 421 4 'SUBSCRIPTION error 421' "" --subscribe-response 421
# What liblinphone 5.1.65 does not take (README.md, "What the NOTIFY must look like"):
fake event-lowercase 1 'TIMEOUT' "" --event-name presence
fake content-id-rfc 1 'Cannot find part with Content-Id' "" --content-id-name Content-ID --content-id-brackets yes
fake boundary-quoted 139 'SUBSCRIPTION active' "" --boundary-quoted yes

if [[ $KAM == 1 ]]; then
  KPORT=$((PORT + 1))
  for compat in 1 0; do
    name=kamailio-compat$compat
    if pid=$(LINPHONE_COMPAT=$compat "$HERE/kamailio-rls/start.sh" "$KPORT" "$TMP/kam$compat" sip:watcher@example.com \
        sip:friends@example.com sip:alice@example.com sip:bob@example.com sip:carol@example.com 2>"$TMP/$name.start"); then
      "$HERE/kamailio-rls/publish.py" "127.0.0.1:$KPORT" sip:alice@example.com open >/dev/null
      "$HERE/kamailio-rls/publish.py" "127.0.0.1:$KPORT" sip:bob@example.com closed:away >/dev/null
      timeout 30 "$BIN" --server "127.0.0.1:$KPORT" --user watcher --domain example.com --list-uri sip:friends@example.com \
        --expect sip:alice@example.com=open,sip:bob@example.com=away --timeout 8 >"$TMP/$name.out" 2>"$TMP/$name.err"
      rc=$?
      "$HERE/kamailio-rls/stop.sh" "$TMP/kam$compat"
      if [[ $compat == 1 ]]; then check "$name" 0 "$ALL" "$TMP/$name.out" "$rc"
      else check "$name (Kamailio's own NOTIFY: quoted boundary)" 139 'SUBSCRIPTION active' "$TMP/$name.out" "$rc"; fi
    else
      failed=$((failed + 1)); echo "FAIL $name: kamailio-rls/start.sh failed:"; sed 's/^/       /' "$TMP/$name.start"
    fi
  done
fi
echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
