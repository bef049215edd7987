#!/usr/bin/env python3
"""Partial presence (RFC 5263, 5264) and resource-list subscriptions (RFC 4662, 5367) under load.

  python3 tests/load/rls_bench.py partial   [--watchers 1000] [--rounds 20] [--seconds 10]
  python3 tests/load/rls_bench.py fullstate [--presentities 1000] [--lists "100 1000"] [--repeat 2] [--timeout 300]
  python3 tests/load/rls_bench.py load      [--presentities 1000] [--subscribers 10000] [--size 10] [--rates "100 500"]
                                            [--seconds 30]
  python3 tests/load/rls_bench.py all       (the three, each on fresh nodes)
  common: [--quiet-below 0.6] [--quiet-wait 2400] [--out artifacts/load/rls]

partial: per watcher kind (partial: Accept lists application/pidf-diff+xml; plain: PIDF) a fresh node and
tests/load/partial (C#): one presentity with ten devices, 1,000 watchers; NOTIFY bytes per change and fan-out time,
changes per second in a closed loop, PUBLISH/s of the ten devices, each with full PIDF and with pidf-diff PUBLISHes.
The node runs with Presence:Subscription:MinNotifyInterval 0, so that the closed loop measures the fan-out, not the
rate limit (at the default 200 ms it could not exceed 5 changes/s).
fullstate: a fresh node, tests/load/rls (C#): N presentities publish, then one list of 100 and one of 1,000 of them is
subscribed at once (request-contained list at sip:rls@example.com): time until every instance has arrived (at most
--timeout seconds), NOTIFYs and their sizes; once with the default minimum NOTIFY interval (200 ms), which paces the
NOTIFYs of a split full state, and once on a node with 0 (the split alone).
load: a fresh node; 10,000 list subscribers (lists of 10 from 1,000 presentities), then PUBLISHes at each rate for the
given seconds: NOTIFYs/s, latency publish -> NOTIFY, failures; the node's memory (RSS and, after a full collection,
the live managed heap by dotnet-gcdump) before and after the subscriptions.

Every node: Release, fresh SQLite journal, lab mode (--no-auth, policy AllowAll), SIP on 127.0.0.1:5182. Before each
measurement the runner waits until the 1-minute load average is below --quiet-below (polling every 30 s; all waits
together at most --quiet-wait seconds, then it goes on and says so); the load average at the start is recorded.
Results: one JSON line per measurement in OUT/rls-bench.jsonl (with the command), and markdown tables printed.
Traffic goes to 127.0.0.1 only. SimpleActors load suite; written for this project.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import Usage, log  # noqa: E402  (the load suite's CPU and memory sampling)
from xcap_bench import Node  # noqa: E402  (a fresh lab node with its own data directory)

ROOT = Path(__file__).resolve().parents[2]
LOAD = ROOT / "tests" / "load"
SIP_PORT = 5182
GCDUMP = shutil.which("dotnet-gcdump") or str(Path.home() / ".dotnet" / "tools" / "dotnet-gcdump")
LAB = ["--Presence:Subscription:Policy=AllowAll"]


class Quiet:
    """Waits for a quiet machine (1-minute load average below a threshold) within one budget for the whole run."""

    def __init__(self, below, budget):
        self.below, self.left = below, budget

    def wait(self):
        load = float(Path("/proc/loadavg").read_text().split()[0])
        while load >= self.below and self.left > 0:
            log(f"  load average {load:.2f} >= {self.below}: waiting ({self.left:.0f} s of the budget left)")
            time.sleep(30)
            self.left -= 30
            load = float(Path("/proc/loadavg").read_text().split()[0])
        return {"loadavg_1m": load, "quiet": load < self.below}


def build(out):
    for project in ("src/SimpleActors.Node",):
        subprocess.run(["dotnet", "build", "-c", "Release", project, "-v", "q", "-nologo"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    tools = {}
    for name, dll in (("partial", "partial-bench.dll"), ("rls", "rls-bench.dll")):
        target = out / f"{name}-bin"
        done = subprocess.run(["dotnet", "build", str(LOAD / name), "-c", "Release", "-o", str(target), "-v", "q", "-nologo"],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(done.stdout[-3000:])
        tools[name] = target / dll
    return tools


def memory(node):
    """The node's resident memory and its live managed heap after a full collection (dotnet-gcdump), in MiB."""
    pid = node.processes()[0]
    rss = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("VmRSS:"))
    dump = node.work / f"heap-{time.monotonic_ns()}.gcdump"
    subprocess.run([GCDUMP, "collect", "-p", str(pid), "-o", str(dump)], capture_output=True, timeout=600)
    report = subprocess.run([GCDUMP, "report", str(dump)], capture_output=True, text=True, timeout=600).stdout
    heap = next((int(line.split()[0].replace(",", "")) for line in report.splitlines() if "GC Heap bytes" in line), None)
    rss_after = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("VmRSS:"))
    dump.unlink(missing_ok=True)
    return {"rss_mib": round(rss / 1024, 1), "rss_after_gc_mib": round(rss_after / 1024, 1),
            "heap_mib": round(heap / 1048576, 1) if heap else None}


def drive(node, command, quiet, memory_at=()):
    """
    Runs a tool against the node. Each '@phase X' or '@wait X' line starts sampling the node's CPU, finished at the next
    '@result' (or at '@phase drain'), whose figures get node_cpu_cores, node_peak_pss_mib and the load average at the
    phase's start. At a phase in memory_at the node's memory is measured first; after '@wait rate ...' the runner waits
    for a quiet machine; after any '@wait' it tells the tool to go on. Returns the results and the memory by phase.
    """
    log("  " + " ".join(str(c) for c in command))
    process = subprocess.Popen([str(c) for c in command], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=ROOT)
    errors = []
    threading.Thread(target=lambda: errors.extend(process.stderr), daemon=True).start()
    results, memories, usage, held, load = [], {}, None, None, None
    for line in process.stdout:
        line = line.rstrip("\n")
        if line.startswith(("@phase ", "@wait ")):
            phase = line.split(" ", 1)[1]
            if phase == "drain":  # the measured window ends here; the result comes after the drain
                held, usage = usage.finish() if usage else None, None
                continue
            if usage:
                usage.finish()
            if phase in memory_at:
                memories[phase] = memory(node)
                log(f"  memory at {phase}: {memories[phase]}")
            if line.startswith("@wait "):
                if phase.startswith("rate"):
                    quiet.wait()
                process.stdin.write("\n")
                process.stdin.flush()
            load = float(Path("/proc/loadavg").read_text().split()[0])
            usage = Usage(node)
        elif line.startswith("@result "):
            figures = json.loads(line[len("@result "):])
            if usage or held:
                figures.update({"node_" + k: v for k, v in (held or usage.finish()).items()})
                usage = held = None
            figures["loadavg_at_start"] = load
            results.append(figures)
            log("  " + json.dumps({k: v for k, v in figures.items() if not isinstance(v, list)}))
        else:
            log("  " + line)
    process.wait()
    if process.returncode != 0:
        log("  tool failed: " + "".join(errors[-20:]))
    return results, memories


def fresh(out, name, extra=()):
    return Node(out / f"node-{name}", auth=False, extra=LAB + list(extra), sip_port=SIP_PORT, xcap_port=0, xcaps_port=-1).start()


def measured(out, quiet, name, command, extra=(), memory_at=()):
    """A fresh node for one tool run, once the machine is quiet: the tool's results (each with the load average before
    and the count of the node's complaints), the memory figures by phase, and the complaints."""
    state = quiet.wait()
    node = fresh(out, name, extra)
    try:
        rows, memories = drive(node, command, quiet, memory_at)
        complaints = node.complaints()
    finally:
        node.stop()
    for r in rows:
        r.update({"loadavg_before": state["loadavg_1m"], "node_complaints": len(complaints)})
    for line in complaints[:10]:
        log("  node: " + line)
    return rows, memories, complaints, state


def table(columns, rows):
    """A markdown table: columns are (title, right-aligned, the cell of a row)."""
    print("\n| " + " | ".join(title for title, _, _ in columns) + " |")
    print("|" + "|".join("---:" if right else "---" for _, right, _ in columns) + "|")
    for r in rows:
        print("| " + " | ".join(str(cell(r)) for _, _, cell in columns) + " |")


def record(out, rows, command):
    with open(out / "rls-bench.jsonl", "a") as f:
        for row in rows:
            f.write(json.dumps({"at": time.strftime("%Y-%m-%dT%H:%M:%S"), "command": command, **row}) + "\n")


def partial(args, tools, out, quiet):
    rows = []
    for mode in ("partial", "plain"):
        command = ["dotnet", tools["partial"], SIP_PORT, mode, "--watchers", args.watchers, "--rounds", args.rounds,
                   "--seconds", args.seconds] + (["--baseline"] if mode == "partial" else [])
        rows += measured(out, quiet, f"partial-{mode}", command, ["--Presence:Subscription:MinNotifyInterval=00:00:00"])[0]
    record(out, rows, " ".join(sys.argv))
    table([("watchers", 0, lambda r: f"{r['watchers']:,} {r['mode']}"),
           ("PUBLISH (request bytes)", 0, lambda r: f"{r['kind']} ({r['publish_request_bytes']:.0f})"),
           ("NOTIFY body per watcher (B)", 1, lambda r: f"{r['notify_body_bytes_per_watcher']:,.0f}"),
           ("NOTIFY datagram per watcher (B)", 1, lambda r: f"{r['notify_datagram_bytes_per_watcher']:,.0f}"),
           ("bytes on the wire per change", 1, lambda r: f"{r['notify_bytes_per_change']:,.0f}"),
           ("pidf-diff share", 1, lambda r: f"{r['pidf_diff_share']:.2f}"),
           ("fan-out p50 / p90 / worst ms", 1, lambda r: f"{r['fanout_p50_ms']} / {r['fanout_p90_ms']} / {r['fanout_worst_ms']}"),
           ("half the watchers p50 ms", 1, lambda r: r["half_watchers_p50_ms"])],
          [r for r in rows if r["measure"] == "rounds"])
    table([("watchers", 0, lambda r: f"{r['watchers']:,} {r['mode'] if r['watchers'] else ''}"),
           ("measure", 0, lambda r: r["measure"]), ("PUBLISH", 0, lambda r: r["kind"]),
           ("changes/s", 1, lambda r: r.get("changes_per_s", "")),
           ("PUBLISH/s", 1, lambda r: r.get("publish_per_s", r.get("changes_per_s"))),
           ("NOTIFY/s", 1, lambda r: f"{r['notifies_per_s']:,.0f}"),
           ("NOTIFY bytes/s", 1, lambda r: f"{r['notify_bytes_per_s']:,.0f}" if "notify_bytes_per_s" in r else ""),
           ("pidf-diff share", 1, lambda r: r.get("pidf_diff_share", "")),
           ("node CPU", 1, lambda r: r.get("node_cpu_cores")), ("client CPU", 1, lambda r: r["client_cpu_cores"]),
           ("load avg", 1, lambda r: r["loadavg_at_start"])],
          [r for r in rows if r["measure"] in ("closed-loop", "publish")])


def fullstate(args, tools, out, quiet):
    rows = []
    # At the default minimum NOTIFY interval (200 ms) the NOTIFYs of a split full state are paced by it; at 0, the split alone.
    for interval in ("00:00:00.200", "00:00:00"):
        command = ["dotnet", tools["rls"], SIP_PORT, "fullstate", "--presentities", args.presentities, "--lists", args.lists,
                   "--repeat", args.repeat, "--timeout", args.timeout]
        results = measured(out, quiet, "fullstate", command, [f"--Presence:Subscription:MinNotifyInterval={interval}"])[0]
        rows += [{**r, "min_notify_interval": interval} for r in results]
    record(out, rows, " ".join(sys.argv))
    table([("resources", 1, lambda r: f"{r['resources']:,}"), ("min NOTIFY interval", 0, lambda r: r["min_notify_interval"]),
           ("SUBSCRIBE answered ms", 1, lambda r: r["answered_ms"]), ("first NOTIFY ms", 1, lambda r: r["first_notify_ms"]),
           ("complete ms", 1, lambda r: r["complete_ms"] or f"not after {r['timeout_s']} s"),
           ("NOTIFYs", 1, lambda r: r["notifies"]), ("bytes (all NOTIFYs)", 1, lambda r: f"{sum(r['notify_datagram_bytes']):,}"),
           ("largest / smallest NOTIFY", 1, lambda r: f"{max(r['notify_datagram_bytes']):,} / {min(r['notify_datagram_bytes']):,}"),
           ("instances", 1, lambda r: r["instances_arrived"]), ("load avg", 1, lambda r: r["loadavg_before"])], rows)


def load(args, tools, out, quiet):
    command = ["dotnet", tools["rls"], SIP_PORT, "load", "--presentities", args.presentities, "--subscribers",
               args.subscribers, "--size", args.size, "--rates", args.rates, "--seconds", args.seconds, "--handshake"]
    rows, memories, complaints, state = measured(out, quiet, "load", command, memory_at=("published", "subscribed"))
    before, after = memories.get("published", {}), memories.get("subscribed", {})
    per = {}
    if before and after:
        per = {"rss_kib_per_list": round((after["rss_mib"] - before["rss_mib"]) * 1024 / args.subscribers, 2),
               "heap_kib_per_list": round(((after["heap_mib"] or 0) - (before["heap_mib"] or 0)) * 1024 / args.subscribers, 2)}
    rows.append({"measure": "memory", "before": before, "after": after, **per, "subscribers": args.subscribers,
                 "loadavg_before": state["loadavg_1m"], "node_complaints": len(complaints)})
    record(out, rows, " ".join(sys.argv))
    for r in rows:
        if r["measure"] == "subscribe":
            print(f"\n{r['subscribers']:,} list subscriptions of {r['size']} resources: {r['seconds']} s ({r['per_s']}/s), "
                  f"{r['failed']} failed, {r['with_full_state']} with full state; node CPU {r.get('node_cpu_cores')}")
    print(f"memory before {before}, after {after}: {per}")
    table([("PUBLISH/s offered", 1, lambda r: r["rate"]), ("sent", 1, lambda r: f"{r['publishes']:,}"),
           ("failed", 1, lambda r: r["publish_failures"]),
           ("resource updates expected / shown", 1, lambda r: f"{r['expected_resource_updates']:,} / {r['delivered_resource_updates']:,}"),
           ("NOTIFY/s (steady)", 1, lambda r: f"{r['notifies_per_s_steady'] or r['notifies_per_s']:,.0f}"),
           ("NOTIFY bytes", 1, lambda r: f"{r['notify_datagram_bytes_mean']:,.0f}"),
           ("latency p50 / p90 / p99 / max ms", 1,
            lambda r: f"{r['latency_p50_ms']} / {r['latency_p90_ms']} / {r['latency_p99_ms']} / {r['latency_max_ms']}"),
           ("stale after drain", 1, lambda r: r["stale_pairs_after_drain"]), ("NOTIFYs sent again", 1, lambda r: r["notify_retransmissions"]),
           ("node CPU", 1, lambda r: r.get("node_cpu_cores")), ("client CPU", 1, lambda r: r["client_cpu_cores"]),
           ("load avg", 1, lambda r: r["loadavg_at_start"])],
          [r for r in rows if r["measure"] == "load"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["partial", "fullstate", "load", "all"])
    parser.add_argument("--watchers", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=None, help="partial: 10 per measurement; load: 30 per rate")
    parser.add_argument("--presentities", type=int, default=1000)
    parser.add_argument("--lists", default="100 1000")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=300, help="fullstate: seconds to wait for a complete full state")
    parser.add_argument("--subscribers", type=int, default=10000)
    parser.add_argument("--size", type=int, default=10)
    parser.add_argument("--rates", default="100 500")
    parser.add_argument("--quiet-below", type=float, default=0.6)
    parser.add_argument("--quiet-wait", type=int, default=2400)
    parser.add_argument("--out", default=str(ROOT / "artifacts" / "load" / "rls"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tools = build(out)
    quiet = Quiet(args.quiet_below, args.quiet_wait)
    given = args.seconds
    if args.what in ("partial", "all"):
        args.seconds = given or 10
        partial(args, tools, out, quiet)
    if args.what in ("fullstate", "all"):
        fullstate(args, tools, out, quiet)
    if args.what in ("load", "all"):
        args.seconds = given or 30
        load(args, tools, out, quiet)


if __name__ == "__main__":
    main()
