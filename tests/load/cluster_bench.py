#!/usr/bin/env python3
"""The cluster benchmarks of issue 6: loopback clusters of SimpleActors nodes on one PostgreSQL database.

  throughput   aggregate PUBLISH-cycle and SUBSCRIBE-cycle rates of 1, 2 and 3 nodes: per step the total offered rate is
               split evenly over one SIPp per node, each sending to its own node's edge with its own users; a step is
               sustained when at most 1 % of the calls fail and 97 % of the offered rate completes. All nodes share the
               machine's cores, so the figures show the cost of the cluster, not scale-out.
  recovery     N live subscriptions (subscribe_hold.xml: N watchers on N/50 presentities) held by node 1 alone; nodes 2
               and 3 join (rebalancing held off, so node 1 keeps every shard); node 1 is killed with SIGKILL. Measured
               from the kill: until the Split Brain Resolver has removed it, until a probe watcher of a presentity that
               lived there gets the NOTIFY of a PUBLISH sent through node 2, and until every presentity entity
               (remembered) runs again on the survivors.

  storm        first contact (issue 15): three nodes, 30 s after they are up, REGISTERs of users never seen (each step its
               own users) through node 1 alone, stepped; per step calls completed per second, failures, p50/p99 and the
               cluster's CPU.

  python3 tests/load/cluster_bench.py throughput [--rates "500 1000 ..."] [--seconds 10]
  python3 tests/load/cluster_bench.py storm [--rates "300 750 1500 2000 3000"] [--seconds 10]
  python3 tests/load/cluster_bench.py recovery [--subscriptions 10000 100000]

Needs the Release build (dotnet build -c Release src/SimpleActors.Node), SIPp, psql and a local PostgreSQL with the
role simpleactors (password simpleactors) allowed to create databases (.ci/run and build.ps1 cluster-up make it).
Writes JSON lines to artifacts/load/cluster-*.jsonl. Traffic goes to 127.0.0.1 only. Written for this project.
"""
import argparse
import json
import os
import random
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (the load suite: SIPp runner, CPU and memory sampling)

ROOT = bench.ROOT
TOKEN = "cluster-bench"
SIP_BASE, CLUSTER_BASE, ADMIN_BASE = 5160, 4160, 8160
PG = dict(host="127.0.0.1", user="simpleactors", password="simpleactors")


def log(text):
    print(text, file=sys.stderr, flush=True)


def psql(sql, database="postgres"):
    subprocess.run(["psql", "-h", PG["host"], "-U", PG["user"], "-d", database, "-qtAc", sql], check=True,
                   env={**os.environ, "PGPASSWORD": PG["password"]}, capture_output=True)


class Node:
    """One `simpleactors run` process of the cluster, Release build, lab mode, journal on the cluster's database."""

    def __init__(self, work, number, database, seeds, extra):
        self.number, self.work = number, Path(work) / f"node{number}"
        self.sip, self.cluster_port, self.admin = SIP_BASE + 2 * number, CLUSTER_BASE + number, ADMIN_BASE + number
        self.address = f"akka.tcp://simpleactors@127.0.0.1:{self.cluster_port}"
        connection = f"Host={PG['host']};Username={PG['user']};Password={PG['password']};Database={database}"
        self.arguments = [
            "run", "--no-auth", "--data-dir", str(self.work / "data"), f"--Cluster:Port={self.cluster_port}",
            f"--Sip:Listeners:0:Port={self.sip}", f"--Sip:Listeners:1:Port={self.sip}", "--Sip:Listeners:2:Port=0", "--Sip:Listeners:3:Port=0", "--Sip:Listeners:4:Port=0", f"--Admin:Port={self.admin}", "--Xcap:Port=0", "--Xcap:HttpsPort=-1",
            f"--Admin:Token={TOKEN}", "--Persistence:Provider=PostgreSql", f"--Persistence:ConnectionString={connection}",
            "--Presence:Subscription:Policy=AllowAll", "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:SimpleActors.Node=Information", *extra,
            *[f"--Cluster:Seeds:{i}=akka.tcp://simpleactors@127.0.0.1:{port}" for i, port in enumerate(seeds)]]
        self.process = None

    def start(self):
        self.work.mkdir(parents=True, exist_ok=True)
        self.log = self.work / "server.log"
        self.process = subprocess.Popen(["dotnet", str(bench.SimpleActors.BIN), *self.arguments],
                                        stdout=open(self.log, "w"), stderr=subprocess.STDOUT, cwd=ROOT)

    def wait_up(self, timeout=120):
        began = time.monotonic()
        while "node up" not in self.log.read_text():
            if time.monotonic() - began > timeout or self.process.poll() is not None:
                raise RuntimeError(f"node {self.number} did not come up:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.1)

    def get(self, path, timeout=10):
        request = urllib.request.Request(f"http://127.0.0.1:{self.admin}{path}", headers={"Authorization": f"Bearer {TOKEN}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())

    def kill(self):
        self.process.kill()
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()


class Cluster:
    """Up to three nodes (node 1 and 2 the seeds) on a fresh database, dropped at the end."""

    def __init__(self, work, extra=()):
        self.work, self.extra = Path(work), list(extra)
        self.database = f"sa_bench_{int(time.time())}_{random.randrange(1000)}"
        psql(f"CREATE DATABASE {self.database}")
        self.nodes = []

    def add(self, count=1):
        started = []
        for _ in range(count):
            node = Node(self.work, len(self.nodes) + 1, self.database, [CLUSTER_BASE + 1, CLUSTER_BASE + 2], self.extra)
            node.start()
            self.nodes.append(node)
            started.append(node)
        for node in started:
            node.wait_up()
        return started

    def processes(self):
        """For bench.Usage: every process of the cluster's nodes."""
        found = subprocess.run(["pgrep", "-f", str(self.work)], capture_output=True, text=True).stdout.split()
        return [int(p) for p in found if int(p) != os.getpid()]

    def up_members(self, asked):
        return sum(1 for m in asked.get("/v1/cluster/members")["members"] if m["status"] == "Up")

    def close(self):
        for node in self.nodes:
            node.stop()
        psql(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)")


# ---------------------------------------------------------------------------------------------------- throughput

THROUGHPUT_RATES = {"publish": [250, 500, 1000, 1500, 2000, 2500, 3000, 4000], "subscribe": [250, 500, 1000, 1500, 2000, 2500]}
XML = {"publish": "publish_cycle.xml", "subscribe": "subscribe_cycle.xml"}


def throughput_step(cluster, key, rate, seconds, folder):
    usage = bench.Usage(cluster)
    runs = [None] * len(cluster.nodes)

    def run(i, node):
        sub = folder / f"{key}-{rate}-node{node.number}"
        sub.mkdir(parents=True, exist_ok=True)
        users = [f"n{node.number}u{k}" for k in range(bench.USERS)]
        rows = [f"{u};example.com" for u in users] if key == "publish" else \
            [f"{u};example.com;{users[(k + 1) % len(users)]}" for k, u in enumerate(users)]
        bench.write_csv(sub / "calls.csv", rows)
        share = max(1, round(rate / len(cluster.nodes)))
        runs[i] = bench.sipp(sub, XML[key], sub / "calls.csv", node.sip, share, max(1, int(share * seconds)), f"{key}-{rate}", seconds)

    bench.run_together(run, list(enumerate(cluster.nodes)))
    ok, failed, elapsed, rtts = bench.totals(runs)
    pct = lambda p: bench.percentile(rtts, p)
    result = {"nodes": len(cluster.nodes), "scenario": key, "offered": rate, "completed": round(ok / max(elapsed, 1e-9)),
              "failed_pct": round(100.0 * failed / max(ok + failed, 1), 2), "p50_ms": pct(0.5), "p99_ms": pct(0.99), **usage.finish()}
    result["sustained"] = result["failed_pct"] <= 1.0 and result["completed"] >= 0.97 * rate
    return result


def throughput(args, out):
    results = []
    for size in args.sizes:
        for key in args.scenarios.split(","):
            work = Path(args.work) / f"throughput-{size}-{key}"
            cluster = Cluster(work)
            try:
                cluster.add(size)
                while cluster.up_members(cluster.nodes[0]) < size:
                    time.sleep(0.5)
                # Warm-up: the JIT (tiered compilation runs for tens of seconds on every node), connection pools, the shards
                # allocated. Every node gets the same warm-up whatever the cluster's size: 20 s at 150 calls/s per node.
                throughput_step(cluster, key, 150 * size, 20, work)
                rates = [int(r) for r in args.rates.split()] if args.rates else THROUGHPUT_RATES[key]
                failures = 0
                for rate in rates:
                    result = throughput_step(cluster, key, rate, args.seconds, work)
                    results.append(result)
                    out.write(json.dumps(result) + "\n")
                    out.flush()
                    log(f"throughput {json.dumps(result)}")
                    failures = 0 if result["sustained"] else failures + 1
                    if failures >= 2:
                        break
            finally:
                cluster.close()
    log("sustained (calls/s): " + json.dumps({
        f"{n} nodes {k}": max([r["offered"] for r in results if r["nodes"] == n and r["scenario"] == k and r["sustained"]], default=0)
        for n in args.sizes for k in args.scenarios.split(",")}))


# ---------------------------------------------------------------------------------------------------- storm

def storm(args, out):
    work = Path(args.work) / "storm"
    cluster = Cluster(work)
    try:
        cluster.add(3)
        while cluster.up_members(cluster.nodes[0]) < 3:
            time.sleep(0.5)
        time.sleep(30)  # the measure: 30 s after start, shards not yet allocated, nothing warm
        node = cluster.nodes[0]
        for rate in [int(r) for r in (args.rates or "300 750 1500 2000 3000").split()]:
            folder = work / f"storm-{rate}"
            folder.mkdir(parents=True, exist_ok=True)
            calls = int(rate * args.seconds)
            bench.write_csv(folder / "calls.csv", [f"s{rate}n{i};;3600;example.com;{bench.UAS_PORT}" for i in range(calls)])
            usage = bench.Usage(cluster)
            last, rtts = bench.sipp(folder, "register.xml", folder / "calls.csv", node.sip, rate, calls, f"storm-{rate}", args.seconds)
            ok, failed = int(last["SuccessfulCall(C)"]), int(last["FailedCall(C)"])
            result = {"benchmark": "storm", "nodes": 3, "offered": rate, "completed": round(ok / max(bench.elapsed_of(last), 1e-9)),
                      "failed_pct": round(100.0 * failed / max(ok + failed, 1), 2), "failures": bench.failure_kinds(last),
                      "p50_ms": bench.percentile(rtts, 0.5), "p99_ms": bench.percentile(rtts, 0.99), **usage.finish()}
            result["sustained"] = result["failed_pct"] <= 1.0 and result["completed"] >= 0.97 * rate
            out.write(json.dumps(result) + "\n")
            out.flush()
            log(f"storm {json.dumps(result)}")
    finally:
        cluster.close()


# ---------------------------------------------------------------------------------------------------- recovery

class Probe:
    """A minimal UDP user agent: SUBSCRIBE, PUBLISH, and NOTIFYs answered 200 (RFC 3261, RFC 6665, RFC 3903)."""

    def __init__(self, user):
        self.user = user
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.call_id, self.cseq, self.tag = f"{random.getrandbits(64):x}@127.0.0.1", 0, f"{random.getrandbits(32):x}"
        self.notifies = []

    def request(self, method, target, port, headers, body="", timeout=2.0):
        """Sends once; returns the final response's status and headers, or (None, {}) without one in time."""
        self.cseq += 1
        branch = f"z9hG4bK{random.getrandbits(64):x}"
        text = (f"{method} sip:{target}@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{self.port};branch={branch};rport\r\n"
                f"Max-Forwards: 70\r\nFrom: <sip:{self.user}@example.com>;tag={self.tag}\r\nTo: <sip:{target}@example.com>\r\n"
                f"Call-ID: {self.call_id}\r\nCSeq: {self.cseq} {method}\r\n{headers}Content-Length: {len(body.encode())}\r\n\r\n{body}")
        self.socket.sendto(text.encode(), ("127.0.0.1", port))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self.receive(deadline - time.monotonic())
            if message is None:
                break
            if message.startswith("SIP/2.0 ") and branch in message:
                status = int(message.split(" ", 2)[1])
                if status >= 200:
                    return status, message
        return None, ""

    def receive(self, timeout):
        self.socket.settimeout(max(timeout, 0.01))
        try:
            data, sender = self.socket.recvfrom(65536)
        except OSError:
            return None
        message = data.decode(errors="replace")
        if message.startswith("NOTIFY "):
            head = message.split("\r\n\r\n", 1)[0].split("\r\n")
            keep = [h for h in head[1:] if h.split(":", 1)[0].lower() in ("via", "from", "to", "call-id", "cseq")]
            self.socket.sendto(("SIP/2.0 200 OK\r\n" + "\r\n".join(keep) + "\r\nContent-Length: 0\r\n\r\n").encode(), sender)
            self.notifies.append(message)
        return message

    def wait_notify(self, text, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in n for n in self.notifies):
                return True
            self.receive(0.2)
        return False


def pidf(user, note):
    return (f'<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:{user}@example.com">'
            f'<tuple id="probe"><status><basic>open</basic></status><note>{note}</note></tuple></presence>')


def recovery(args, out):
    for count in args.subscriptions:
        work = Path(args.work) / f"recovery-{count}"
        # Rebalancing held off for the run: node 1 keeps every shard when 2 and 3 join (the point is a node holding them all).
        cluster = Cluster(work, ["--Cluster:Rebalance:Interval=00:30:00", f"--Cluster:SplitBrainResolver:StableAfter={args.stable_after}"])
        try:
            first, = cluster.add(1)
            presentities = max(1, count // 50)
            bench.write_csv(work / "hold.csv", [f"w{i};example.com;user{i % presentities}" for i in range(count)])
            began = time.monotonic()
            last, _ = bench.sipp(work, "subscribe_hold.xml", work / "hold.csv", first.sip, args.rate, count, "hold")
            held = int(last["SuccessfulCall(C)"])
            log(f"recovery   {held} of {count} subscriptions held through node 1 in {time.monotonic() - began:.0f} s")

            probe = Probe("probe")
            status, _ = probe.request("SUBSCRIBE", "user0", first.sip, f"Event: presence\r\nExpires: 3600\r\nContact: <sip:probe@127.0.0.1:{probe.port}>\r\n")
            assert status == 200 and probe.wait_notify("presence", 10), f"probe SUBSCRIBE: {status}"

            cluster.add(2)
            while cluster.up_members(first) < 3:
                time.sleep(0.5)
            shards = first.get("/v1/cluster/shards", timeout=30)
            on_first = {t["type"]: next((n["entities"] for n in t["nodes"] if n["address"] == first.address), 0) for t in shards["types"]}
            survivor = cluster.nodes[1]

            killed_at = time.monotonic()
            first.kill()
            usage = bench.Usage(cluster)  # the survivors' CPU and memory while they take over
            result = {"subscriptions": held, "presentities": presentities, "live_entities_on_killed_node": on_first,
                      "stable_after": args.stable_after}
            removed = notified = restarted = None
            note = "after the kill"
            published = False
            while time.monotonic() - killed_at < 300 and (removed is None or notified is None or restarted is None):
                now = time.monotonic() - killed_at
                if removed is None:
                    try:
                        if all(m["address"] != first.address for m in survivor.get("/v1/cluster/members")["members"]):
                            removed = now
                    except OSError:
                        pass
                if notified is None:
                    if not published:
                        status, _ = probe.request("PUBLISH", "user0", survivor.sip,
                                                  "Event: presence\r\nExpires: 600\r\nContent-Type: application/pidf+xml\r\n",
                                                  pidf("user0", note), timeout=1.0)
                        published = status == 200
                    if published and probe.wait_notify(note, 0.5):
                        notified = time.monotonic() - killed_at
                if restarted is None and removed is not None:
                    try:
                        types = survivor.get("/v1/cluster/shards", timeout=30)["types"]
                        if next(t["entities"] for t in types if t["type"] == "presentity") >= presentities:
                            restarted = time.monotonic() - killed_at
                    except OSError:
                        pass
                time.sleep(0.2)
            result.update({"removed_after_s": round(removed, 1) if removed else None,
                           "first_notify_after_s": round(notified, 1) if notified else None,
                           "all_presentities_running_after_s": round(restarted, 1) if restarted else None,
                           **{f"survivors_{k}": v for k, v in usage.finish().items()}})
            out.write(json.dumps(result) + "\n")
            out.flush()
            log(f"recovery   {json.dumps(result)}")
        finally:
            cluster.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("benchmark", choices=["throughput", "recovery", "storm"])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 3], help="cluster sizes of the throughput run")
    parser.add_argument("--scenarios", default="publish,subscribe", help="throughput scenarios")
    parser.add_argument("--rates", help="total offered rates, e.g. \"500 1000 2000\"")
    parser.add_argument("--subscriptions", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--rate", type=int, default=1000, help="subscriptions made per second for the recovery run")
    parser.add_argument("--stable-after", default="00:00:20", help="Cluster:SplitBrainResolver:StableAfter (the shipped default)")
    parser.add_argument("--work", default=str(Path(os.environ.get("TMPDIR", "/tmp")) / "simpleactors-cluster-bench"))
    parser.add_argument("--out", default=str(ROOT / "artifacts" / "load"))
    args = parser.parse_args()
    Path(args.out).mkdir(parents=True, exist_ok=True)
    with open(Path(args.out) / f"cluster-{args.benchmark}.jsonl", "a") as out:
        {"throughput": throughput, "recovery": recovery, "storm": storm}[args.benchmark](args, out)


if __name__ == "__main__":
    main()
