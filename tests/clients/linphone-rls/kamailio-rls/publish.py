#!/usr/bin/env python3
"""publish.py HOST:PORT URI STATE [EXPIRES]: one PUBLISH (Event: presence, PIDF) over UDP, prints the status line.

STATE is open, closed, or open:away / closed:busy (basic status, then an RPID activity). Exit 0 on a 2xx.
Used to give the resources of a list a state in Kamailio before rls_client subscribes (../README.md).
"""
import socket
import sys
import uuid

if len(sys.argv) < 4:
    print(__doc__, file=sys.stderr)
    sys.exit(2)
host, port = sys.argv[1].rsplit(":", 1)
port = int(port)
uri, state = sys.argv[2], sys.argv[3]
expires = int(sys.argv[4]) if len(sys.argv) > 4 else 3600
basic, _, activity = state.partition(":")
person = (f'<dm:person id="p1"><rpid:activities><rpid:{activity}/></rpid:activities></dm:person>' if activity else "")
body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<presence xmlns="urn:ietf:params:xml:ns:pidf" '
        f'xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" '
        f'entity="{uri}"><tuple id="t1"><status><basic>{basic}</basic></status></tuple>{person}'
        f'<note>published {state}</note></presence>').encode()
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
s.settimeout(3)
lp = s.getsockname()[1]
cid = uuid.uuid4().hex
msg = (f"PUBLISH {uri} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{lp};branch=z9hG4bK{cid}\r\nMax-Forwards: 70\r\n"
       f"From: <{uri}>;tag={cid[:8]}\r\nTo: <{uri}>\r\nCall-ID: {cid}\r\nCSeq: 1 PUBLISH\r\nEvent: presence\r\n"
       f"Expires: {expires}\r\nContent-Type: application/pidf+xml\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
s.sendto(msg, (host, port))
while True:
    try:
        data = s.recv(65535).decode("utf-8", "replace")
    except socket.timeout:
        print("publish.py: no final response", file=sys.stderr)
        sys.exit(1)
    line = data.split("\r\n", 1)[0]
    code = int(line.split()[1])
    if code >= 200:
        print(line)
        sys.exit(0 if code < 300 else 1)
