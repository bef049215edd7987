#!/usr/bin/env python3
"""A minimal scripted registrar + RLS on 127.0.0.1, to check rls_client (liblinphone) without a real RLS.

It is not a SIP server: it answers exactly what rls_client sends and records every request it receives.

  REGISTER               401 with a digest challenge when --password is given, then 200 (the response is checked)
  SUBSCRIBE to the list  (optionally challenged too, --challenge-subscribe) then --subscribe-response:
                           200 (default): 200 with Require: eventlist, then a NOTIFY in the dialog:
                             multipart/related; type="application/rlmi+xml", an RLMI part (version 0, fullState) and
                             one PIDF part per --resource, each with the state given there
                           404, 421 (with Require: eventlist), 489 ...: that final response
  SUBSCRIBE, Expires: 0  200, then NOTIFY Subscription-State: terminated;reason=timeout (RLMI with no instances)
  any other request      200

--capture FILE writes every received message (requests and responses, raw) to FILE, separated by a line of '='.
Resources: --resource sip:alice@example.com=open, --resource sip:bob@example.com=closed:away (basic status, then an
RPID activity), =pending (an RLMI instance with state="pending" and no body part), or =terminated.

The NOTIFY's shape. The defaults are the form liblinphone 5.1.65 parses, which is also Flexisip's (README.md):
  Event: Presence                         --event-name presence for RFC 4662's usual spelling
  part header "Content-Id: cid"           --content-id-name Content-ID --content-id-brackets yes for "Content-ID: <cid>"
  ...;start="<cid>";boundary=B (last)     --boundary-quoted yes for boundary="B", --boundary-first to put it first
Runs until killed, or --duration seconds.
"""
import argparse
import hashlib
import os
import random
import re
import select
import socket
import sys
import time
import uuid

args = None
capture = None
nonces = set()
subs = {}  # call-id -> dialog dict
log = lambda *a: print("fake_rls:", *a, file=sys.stderr, flush=True)


def parse(data):
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("utf-8", "replace").split("\r\n")
    start = lines[0]
    headers = []
    for line in lines[1:]:
        if line[:1] in (" ", "\t") and headers:
            headers[-1] = (headers[-1][0], headers[-1][1] + " " + line.strip())
        elif ":" in line:
            n, v = line.split(":", 1)
            headers.append((n.strip(), v.strip()))
    return start, headers, body


COMPACT = {"v": "via", "f": "from", "t": "to", "i": "call-id", "m": "contact", "l": "content-length",
           "c": "content-type", "o": "event", "k": "supported", "e": "content-encoding"}


def hget(headers, name, all_=False):
    name = name.lower()
    vals = [v for n, v in headers if COMPACT.get(n.lower(), n.lower()) == name]
    return vals if all_ else (vals[0] if vals else None)


def md5(s):
    return hashlib.md5(s.encode()).hexdigest()


def check_auth(method, headers, realm):
    auth = hget(headers, "authorization") or hget(headers, "proxy-authorization")
    if not auth or not args.password:
        return not args.password
    p = dict((k, v.strip('"')) for k, v in re.findall(r'(\w+)=("[^"]*"|[^,\s]+)', auth))
    if p.get("nonce") not in nonces:
        return False
    ha1 = md5(f"{p.get('username')}:{realm}:{args.password}")
    ha2 = md5(f"{method}:{p.get('uri')}")
    if p.get("qop"):
        want = md5(f"{ha1}:{p['nonce']}:{p.get('nc')}:{p.get('cnonce')}:{p['qop']}:{ha2}")
    else:
        want = md5(f"{ha1}:{p['nonce']}:{ha2}")
    return want == p.get("response")


def response(code, reason, headers, extra=(), body=b"", to_tag=None):
    out = [f"SIP/2.0 {code} {reason}"]
    for n in ("via",):
        for v in hget(headers, n, True):
            out.append(f"Via: {v}")
    out.append(f"From: {hget(headers, 'from')}")
    to = hget(headers, "to")
    if to_tag and ";tag=" not in to:
        to += f";tag={to_tag}"
    out.append(f"To: {to}")
    out.append(f"Call-ID: {hget(headers, 'call-id')}")
    out.append(f"CSeq: {hget(headers, 'cseq')}")
    out.extend(extra)
    out.append("Server: fake_rls.py")
    out.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(out) + "\r\n\r\n").encode() + body


def content_type(bnd, start):
    b = f'boundary="{bnd}"' if args.boundary_quoted == "yes" else f"boundary={bnd}"
    rest = f'type="application/rlmi+xml";start="{start}"'
    return f"Content-Type: multipart/related;{b};{rest}" if args.boundary_first else f"Content-Type: multipart/related;{rest};{b}"


def rlmi_notify(d, state, terminated=False):
    bnd = "fake-rls-" + uuid.uuid4().hex[:12]
    parts = []
    res_xml = []
    if not terminated:
        for i, (uri, st) in enumerate(args.resource_list):
            basic, _, activity = st.partition(":")
            if basic in ("pending", "terminated"):
                reason = ' reason="rejected"' if basic == "terminated" else ""
                res_xml.append(f'  <resource uri="{uri}"><instance id="i{i}" state="{basic}"{reason}/></resource>')
                continue
            cid = f"r{i}.{uuid.uuid4().hex[:8]}@127.0.0.1"
            res_xml.append(f'  <resource uri="{uri}"><name>{uri.split(":")[1].split("@")[0]}</name>'
                           f'<instance id="i{i}" state="active" cid="{cid}"/></resource>')
            person = ""
            if activity:
                person = (f'<dm:person id="p{i}"><rpid:activities><rpid:{activity}/></rpid:activities></dm:person>')
            pidf = (f'<?xml version="1.0" encoding="UTF-8"?>\n'
                    f'<presence xmlns="urn:ietf:params:xml:ns:pidf" '
                    f'xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" '
                    f'xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="{uri}">'
                    f'<tuple id="t{i}"><status><basic>{basic}</basic></status><contact>{uri}</contact></tuple>'
                    f'{person}<note>fake_rls {basic}</note></presence>')
            cidh = f"<{cid}>" if args.content_id_brackets == "yes" else cid
            parts.append(f"Content-Transfer-Encoding: binary\r\n{args.content_id_name}: {cidh}\r\n"
                         f"Content-Type: application/pidf+xml;charset=\"UTF-8\"\r\n\r\n{pidf}")
    rlmi = (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<list xmlns="urn:ietf:params:xml:ns:rlmi" uri="{d["list"]}" version="{d["version"]}" '
            f'fullState="true">\n' + "\n".join(res_xml) + "\n</list>")
    d["version"] += 1
    rcid = f"rlmi.{uuid.uuid4().hex[:8]}@127.0.0.1"
    rcidh = f"<{rcid}>" if args.content_id_brackets == "yes" else rcid
    first = (f"Content-Transfer-Encoding: binary\r\n{args.content_id_name}: {rcidh}\r\n"
             f"Content-Type: application/rlmi+xml;charset=\"UTF-8\"\r\n\r\n{rlmi}")
    body = f"--{bnd}\r\n" + f"\r\n--{bnd}\r\n".join([first] + parts) + f"\r\n--{bnd}--\r\n"
    body = body.encode()
    d["cseq"] += 1
    lines = [f"NOTIFY {d['remote_target']} SIP/2.0",
             f"Via: SIP/2.0/{d['transport'].upper()} 127.0.0.1:{args.port};branch=z9hG4bK{uuid.uuid4().hex}",
             "Max-Forwards: 70",
             f"From: {d['local']}", f"To: {d['remote']}", f"Call-ID: {d['callid']}",
             f"CSeq: {d['cseq']} NOTIFY", f"Contact: <sip:{d['list_user']}@127.0.0.1:{args.port};transport={d['transport']}>",
             f"Event: {args.event_name}", f"Subscription-State: {state}", "Require: eventlist",
             content_type(bnd, rcidh),
             f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def handle(data, send, transport):
    if capture:
        capture.write(data.decode("utf-8", "replace") + "\n" + "=" * 72 + "\n")
        capture.flush()
    start, headers, body = parse(data)
    if start.startswith("SIP/2.0"):
        log("got response:", start, "for", hget(headers, "cseq"))
        return
    method, ruri = start.split()[:2]
    log("got", method, ruri)
    realm = args.domain
    if method == "ACK":
        return
    if method == "REGISTER" or (method == "SUBSCRIBE" and args.challenge_subscribe and not hget(headers, "to").count(";tag=")):
        if not check_auth(method, headers, realm):
            nonce = uuid.uuid4().hex
            nonces.add(nonce)
            send(response(401, "Unauthorized", headers,
                          [f'WWW-Authenticate: Digest realm="{realm}", nonce="{nonce}", algorithm=MD5, qop="auth"'],
                          to_tag=uuid.uuid4().hex[:8]))
            return
    if method == "REGISTER":
        exp = hget(headers, "expires") or "600"
        contacts = hget(headers, "contact", True)
        extra = [f"Contact: {c};expires={exp}" for c in contacts if c != "*"] if exp != "0" else []
        send(response(200, "OK", headers, extra, to_tag=uuid.uuid4().hex[:8]))
        return
    if method == "SUBSCRIBE":
        callid = hget(headers, "call-id")
        exp = int(hget(headers, "expires") or "3600")
        to = hget(headers, "to")
        d = subs.get(callid)
        if d is None:
            code = args.subscribe_response
            if code != 200:
                extra = ["Require: eventlist"] if code == 421 else []
                if code == 489:
                    extra = ["Allow-Events: presence"]
                reasons = {404: "Not Found", 421: "Extension Required", 489: "Bad Event", 403: "Forbidden"}
                send(response(code, reasons.get(code, "Error"), headers, extra, to_tag=uuid.uuid4().hex[:8]))
                return
            tag = uuid.uuid4().hex[:8]
            contact = hget(headers, "contact")
            m = re.search(r"<([^>]+)>", contact) or re.search(r"(\S+)", contact)
            list_user = ruri.split(":")[1].split("@")[0]
            d = dict(callid=callid, tag=tag, remote_target=m.group(1), local=f"{to};tag={tag}",
                     remote=hget(headers, "from"), cseq=random.randint(1, 100), version=0,
                     list=ruri, list_user=list_user, transport=transport, send=send)
            subs[callid] = d
        else:
            d["send"] = send
        send(response(200, "OK", headers, [f"Expires: {exp}", "Require: eventlist",
                                           f"Contact: <sip:{d['list_user']}@127.0.0.1:{args.port};transport={transport}>"],
                      to_tag=d["tag"]))
        time.sleep(0.05)
        if exp == 0:
            send(rlmi_notify(d, "terminated;reason=timeout", terminated=True))
            subs.pop(callid, None)
        else:
            send(rlmi_notify(d, f"active;expires={exp}"))
        return
    send(response(200, "OK", headers, to_tag=uuid.uuid4().hex[:8]))


def main():
    global args, capture
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=5090)
    ap.add_argument("--domain", default="example.com")
    ap.add_argument("--password", help="challenge REGISTER with digest (username = any, this password)")
    ap.add_argument("--challenge-subscribe", action="store_true", help="challenge the initial SUBSCRIBE too")
    ap.add_argument("--resource", action="append", default=[], help="URI=STATE, repeatable")
    ap.add_argument("--subscribe-response", type=int, default=200)
    ap.add_argument("--content-id-brackets", choices=("yes", "no"), default="no",
                    help="yes: Content-Id: <cid> (RFC 2392); liblinphone 5.1.65 then finds no part")
    ap.add_argument("--boundary-quoted", choices=("yes", "no"), default="no",
                    help="yes: boundary=\"...\" (legal, but liblinphone 5.1.65 fails to split it and crashes)")
    ap.add_argument("--event-name", default="Presence", help="the Event header of the NOTIFYs")
    ap.add_argument("--content-id-name", default="Content-Id",
                    help="spelling of the parts' Content-ID header (liblinphone 5.1.65 only finds 'Content-Id')")
    ap.add_argument("--boundary-first", action="store_true",
                    help="put boundary= before type= and start= in the Content-Type (liblinphone takes everything "
                         "after ';boundary=' as the boundary)")
    ap.add_argument("--capture")
    ap.add_argument("--duration", type=float, default=0)
    args = ap.parse_args()
    args.resource_list = []
    for r in args.resource:
        uri, _, st = r.rpartition("=")
        args.resource_list.append((uri, st or "open"))
    if args.capture:
        capture = open(args.capture, "w")

    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", args.port))
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    tcp.bind(("127.0.0.1", args.port))
    tcp.listen(16)
    conns = {}  # socket -> buffer
    log(f"listening on udp+tcp 127.0.0.1:{args.port}")
    end = time.time() + args.duration if args.duration else None
    while end is None or time.time() < end:
        r, _, _ = select.select([udp, tcp] + list(conns), [], [], 0.2)
        for s in r:
            if s is udp:
                data, addr = udp.recvfrom(65535)
                if data.strip():
                    handle(data, lambda b, a=addr: udp.sendto(b, a), "udp")
            elif s is tcp:
                c, _ = tcp.accept()
                conns[c] = b""
            else:
                try:
                    chunk = s.recv(65535)
                except OSError:
                    chunk = b""
                if not chunk:
                    conns.pop(s, None)
                    s.close()
                    continue
                conns[s] += chunk
                while True:
                    buf = conns[s].lstrip(b"\r\n")
                    if b"\r\n\r\n" not in buf:
                        conns[s] = buf
                        break
                    head, _, rest = buf.partition(b"\r\n\r\n")
                    m = re.search(rb"(?im)^(?:content-length|l)\s*:\s*(\d+)", head)
                    n = int(m.group(1)) if m else 0
                    if len(rest) < n:
                        conns[s] = buf
                        break
                    msg = head + b"\r\n\r\n" + rest[:n]
                    conns[s] = rest[n:]
                    handle(msg, lambda b, c=s: c.sendall(b), "tcp")


if __name__ == "__main__":
    main()
