#!/usr/bin/env python3
"""XCAP benchmarks of issue 17: GET and PUT throughput (wrk), and re-evaluating many subscriptions when rules change.

  python3 tests/load/xcap_bench.py throughput [--seconds 10] [--connections "8 32 128"] [--users 10000]
                                              [--scenarios get-one,get-many,put-element,put-new,put-element-one]
                                              [--auth-scenarios get-one,put-element-one] [--out artifacts/load/xcap]
  python3 tests/load/xcap_bench.py policy [--watchers 10000] [--modes block,allow] [--out artifacts/load/xcap]

throughput: a fresh Release node in lab mode (--no-auth; new SQLite journal); 10,000 users' resource-lists documents
and alice's are PUT beforehand (not measured); then per scenario of tests/load/xcap/xcap.lua and per connection count
a 3 s warm-up (not recorded) and a measured run of wrk (2 threads), recording requests/s, non-2xx answers, wrk's
latency p50/p90/p99, and the node's CPU (cores used) and peak memory (PSS). The --auth-scenarios then run again over
HTTPS on the same lab node (TLS alone), and on a second fresh node with authentication on, over HTTPS with HTTP Basic
as alice (alice's own tree only: her document, and element PUTs into it).

policy: per mode a fresh lab node (policy AllowAll); tests/load/xcap/policy (C#) subscribes N UDP watchers to
sip:alice@example.com and PUTs alice's pres-rules: "block" (all active -> all terminated;reason=rejected) or "allow"
(all pending under a confirm rule -> all active, with a transformation). It records the PUT's answer time and the time
until every watcher had its NOTIFY, plus the node's CPU and peak memory over the whole run.

Results: one JSON line per measurement appended to OUT/xcap-throughput.jsonl or OUT/xcap-policy.jsonl, and a markdown
table printed. Needs wrk (Debian package wrk), the .NET SDK and a Release build of src/SimpleActors.Node. Traffic goes
to 127.0.0.1 only. SimpleActors load suite; written for this project.
"""
import argparse
import base64
import http.client
import json
import shutil
import ssl
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import Usage, log  # noqa: E402  (the load suite's CPU and memory sampling)

ROOT = Path(__file__).resolve().parents[2]
LUA = ROOT / "tests" / "load" / "xcap" / "xcap.lua"
POLICY = ROOT / "tests" / "load" / "xcap" / "policy"
BIN = ROOT / "src" / "SimpleActors.Node" / "bin" / "Release" / "net10.0" / "simpleactors.dll"
SIP_PORT, XCAP_PORT, XCAPS_PORT = 5172, 8188, 8549
LISTS = ('<?xml version="1.0" encoding="UTF-8"?><resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">'
         '<list name="friends"><entry uri="sip:bob@example.com"/></list></resource-lists>')


class Node:
    """A fresh Release node on fixed ports with its own data directory (processes found by that directory)."""

    def __init__(self, work, auth, extra=(), sip_port=SIP_PORT, xcap_port=XCAP_PORT, xcaps_port=XCAPS_PORT):
        self.work, self.auth, self.extra = Path(work), auth, list(extra)
        self.sip_port, self.xcap_port, self.xcaps_port = sip_port, xcap_port, xcaps_port

    def processes(self):
        found = subprocess.run(["pgrep", "-f", str(self.work / "data")], capture_output=True, text=True).stdout.split()
        return [int(p) for p in found]

    def start(self):
        if self.work.exists():
            shutil.rmtree(self.work)
        self.work.mkdir(parents=True)
        args = ["dotnet", str(BIN), "run", "--data-dir", str(self.work / "data"), "--Cluster:Port=0", "--Admin:Port=0",
                f"--Xcap:Port={self.xcap_port}", f"--Xcap:HttpsPort={self.xcaps_port}",
                f"--Sip:Listeners:0:Port={self.sip_port}", f"--Sip:Listeners:1:Port={self.sip_port}", "--Sip:Listeners:2:Port=0",
                "--Sip:Listeners:3:Port=0", "--Sip:Listeners:4:Port=0", "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:SimpleActors.Node=Information"] + (["--no-auth"] if not self.auth else []) + self.extra
        self.log = self.work / "server.log"
        self.process = subprocess.Popen(args, stdout=open(self.log, "w"), stderr=subprocess.STDOUT, cwd=ROOT)
        for _ in range(600):
            if "node up" in self.log.read_text():
                return self
            time.sleep(0.05)
        raise RuntimeError(f"node did not start:\n{self.log.read_text()[-2000:]}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def complaints(self):
        """Log lines at warning level or above (the node logs Warning and up, and its own Information)."""
        lines = self.log.read_text().splitlines()
        known = ("No TLS certificate configured", "holds only the demo users")  # every lab start says these
        return [line for line in lines if any(k in line for k in ("warn:", "fail:", "crit:", "Exception"))
                and not any(k in line for k in known)]


def put_documents(users, threads=8):
    """PUTs u0..u{users-1}'s resource-lists documents and alice's through keep-alive connections (lab mode)."""
    names = ["alice"] + [f"u{i}" for i in range(users)]

    def worker(part):
        connection = http.client.HTTPConnection("127.0.0.1", XCAP_PORT, timeout=30)
        failed = 0
        for name in part:
            connection.request("PUT", f"/xcap-root/resource-lists/users/sip:{name}@example.com/index", LISTS,
                               {"Content-Type": "application/resource-lists+xml"})
            response = connection.getresponse()
            response.read()
            failed += response.status >= 300
        connection.close()
        return failed

    started = time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        failed = sum(pool.map(worker, [names[i::threads] for i in range(threads)]))
    took = time.monotonic() - started
    log(f"  {len(names)} documents PUT in {took:.1f} s ({len(names) / took:.0f}/s), {failed} failed")
    return {"documents": len(names), "seconds": round(took, 1), "failed": failed}


def reset_document(base, user, authorization="-"):
    """PUTs user's resource-lists document afresh (one entry), so that every step starts from the same document."""
    host, port = base.split("//")[1].split(":")
    if base.startswith("https"):
        connection = http.client.HTTPSConnection(host, int(port), timeout=30, context=ssl._create_unverified_context())
    else:
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
    headers = {"Content-Type": "application/resource-lists+xml"}
    if authorization != "-":
        headers["Authorization"] = authorization
    connection.request("PUT", f"/xcap-root/resource-lists/users/sip:{user}@example.com/index", LISTS, headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    if response.status >= 300:
        raise RuntimeError(f"PUT of {user}'s document over {base}: {response.status}")


def wrk(node, url, scenario, connections, seconds, run, users, user, authorization="-"):
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s", "-s", str(LUA), url,
               "--", scenario, run, str(users), user, authorization]
    usage = Usage(node)
    done = subprocess.run(command, capture_output=True, text=True)
    used = usage.finish()
    figures = next((json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")), None)
    if figures is None:
        raise RuntimeError(f"wrk failed: {done.stdout}\n{done.stderr}")
    figures.update(used)
    figures["rps"] = round(figures["requests"] / (figures["duration_us"] / 1e6), 1)
    shown = [a if a != authorization or a == "-" else "<Basic alice>" for a in command]
    figures["command"] = " ".join(shown)
    return figures


def throughput(args):
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    results, stamp = [], time.strftime("%Y-%m-%dT%H:%M:%S")
    connections = [int(c) for c in args.connections.split()]

    def measure(node, label, base, scenarios, authorization="-"):
        for scenario in scenarios:
            user = "alice" if scenario in ("get-one", "put-element-one") else "-"
            url = base + (f"/xcap-root/resource-lists/users/sip:{user}@example.com/index" if user != "-" else "/")
            for c in connections:
                run = f"{label[:2]}{c}{int(time.time()) % 100000}"
                wrk(node, url, scenario, min(c, 32), 3, "w" + run, args.users, user, authorization)  # warm-up
                if user != "-":
                    reset_document(base, user, authorization)
                figures = wrk(node, url, scenario, c, args.seconds, run, args.users, user, authorization)
                figures.update({"at": stamp, "setup": label, "scenario": scenario, "connections": c})
                results.append(figures)
                log(f"  {label} {scenario} c={c}: {figures['rps']:.0f}/s p50 {figures['p50_us'] / 1000:.1f} ms "
                    f"p99 {figures['p99_us'] / 1000:.1f} ms non-2xx {figures['non_2xx']} cpu {figures['cpu_cores']} "
                    f"pss {figures['peak_pss_mib']} MiB")
                with open(out / "xcap-throughput.jsonl", "a") as f:
                    f.write(json.dumps(figures) + "\n")

    lab = Node(out / "node-lab", auth=False).start()
    try:
        log("lab node (--no-auth): documents first")
        seeded = put_documents(args.users)
        # The node's code compiled and tiered up before anything is recorded (the first scenario measured otherwise
        # pays for it): 10 s of each kind of request, not recorded.
        for scenario in ("get-many", "put-element", "put-new"):
            wrk(lab, f"http://127.0.0.1:{XCAP_PORT}/", scenario, 32, 10, f"jit{scenario[:5]}", args.users, "-")
        measure(lab, "lab http", f"http://127.0.0.1:{XCAP_PORT}", args.scenarios.split(","))
        measure(lab, "lab https", f"https://127.0.0.1:{XCAPS_PORT}", args.auth_scenarios.split(","))
        complaints = lab.complaints()
    finally:
        lab.stop()
    basic = "Basic " + base64.b64encode(b"alice:alice-secret").decode()
    secured = Node(out / "node-auth", auth=True).start()
    try:
        log("node with authentication: HTTPS + Basic as alice")
        reset_document(f"https://127.0.0.1:{XCAPS_PORT}", "alice", basic)
        wrk(secured, f"https://127.0.0.1:{XCAPS_PORT}/xcap-root/resource-lists/users/sip:alice@example.com/index",
            "get-one", 32, 10, "jit", args.users, "alice", basic)  # compiled and tiered up first, not recorded
        measure(secured, "auth https basic", f"https://127.0.0.1:{XCAPS_PORT}", args.auth_scenarios.split(","), basic)
        complaints += secured.complaints()
    finally:
        secured.stop()
    print(f"seeding: {json.dumps(seeded)}")
    print("| setup | scenario | connections | requests/s | p50 ms | p99 ms | non-2xx | node CPU (cores) | peak PSS MiB |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['setup']} | {r['scenario']} | {r['connections']} | {r['rps']:,.0f} | {r['p50_us'] / 1000:.1f} | "
              f"{r['p99_us'] / 1000:.1f} | {r['non_2xx'] + r['connect_errors'] + r['read_errors'] + r['timeouts']} | "
              f"{r['cpu_cores']} | {r['peak_pss_mib']} |")
    print(f"node log lines at warning or above: {len(complaints)}")
    for line in complaints[:20]:
        print("  " + line)


def policy(args):
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    build = subprocess.run(["dotnet", "build", str(POLICY), "-c", "Release", "-o", str(out / "policy-bin")],
                           capture_output=True, text=True)
    if build.returncode != 0:
        raise RuntimeError(build.stdout[-3000:])
    for mode in args.modes.split(","):
        node = Node(out / f"node-policy-{mode}", auth=False, extra=["--Presence:Subscription:Policy=AllowAll"]).start()
        try:
            usage = Usage(node)
            command = ["dotnet", str(out / "policy-bin" / "xcap-policy.dll"), str(SIP_PORT),
                       f"http://127.0.0.1:{XCAP_PORT}/xcap-root", str(args.watchers), mode]
            log(" ".join(command))
            done = subprocess.run(command, capture_output=True, text=True, timeout=900)
            used = usage.finish()
            print(done.stdout, done.stderr)
            figures = next((json.loads(line) for line in reversed(done.stdout.splitlines()) if line.startswith("{")), {})
            figures.update(used)
            figures.update({"at": time.strftime("%Y-%m-%dT%H:%M:%S"), "command": " ".join(command),
                            "node_complaints": len(node.complaints())})
            for line in node.complaints()[:20]:
                print("  node: " + line)
            with open(out / "xcap-policy.jsonl", "a") as f:
                f.write(json.dumps(figures) + "\n")
        finally:
            node.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    t = sub.add_parser("throughput")
    t.add_argument("--seconds", type=int, default=10)
    t.add_argument("--connections", default="8 32 128")
    t.add_argument("--users", type=int, default=10000)
    t.add_argument("--scenarios", default="get-one,get-many,put-element,put-new,put-element-one")
    t.add_argument("--auth-scenarios", default="get-one,put-element-one")
    t.add_argument("--out", default=str(ROOT / "artifacts" / "load" / "xcap"))
    p = sub.add_parser("policy")
    p.add_argument("--watchers", type=int, default=10000)
    p.add_argument("--modes", default="block,allow")
    p.add_argument("--out", default=str(ROOT / "artifacts" / "load" / "xcap"))
    args = parser.parse_args()
    throughput(args) if args.what == "throughput" else policy(args)


if __name__ == "__main__":
    main()
