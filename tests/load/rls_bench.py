#!/usr/bin/env python3
"""Partial presence (RFC 5263, 5264) and resource-list subscriptions (RFC 4662, 5367) under load, beside Kamailio's rls.

  python3 tests/load/rls_bench.py partial   [--watchers 1000] [--rounds 20] [--seconds 10]
  python3 tests/load/rls_bench.py fullstate [--presentities 1000] [--lists "100 1000"] [--repeat 2] [--timeout 300]
  python3 tests/load/rls_bench.py load      [--presentities 1000] [--subscribers 10000] [--size 10] [--rates "100 500"]
                                            [--seconds 30]
  python3 tests/load/rls_bench.py all       (the three, each on fresh nodes)
  common: [--target simpleactors|kamailio|both] [--service] [--quiet-below 0.6] [--quiet-wait 2400]
          [--out artifacts/load/rls]

--target (fullstate, load): SimpleActors (the default), Kamailio 5.6's rls module (tests/load/peers/kamailio-rls: presence
+ pua + rls on PostgreSQL, a fresh database each start), or both: each measurement on SimpleActors and then on Kamailio,
each on a fresh server. Kamailio has no request-contained lists (RFC 5367), so it always gets service URIs: every list
subscriber SUBSCRIBEs without a body to its own sip:<user>-list@example.com, a service of its rls-services document.
--service gives SimpleActors the same (default: request-contained lists at sip:rls@example.com). In service mode the tool
writes its lists to a file and waits ('@wait lists'); the runner installs them - on SimpleActors one XCAP PUT per watcher
(/xcap-root/rls-services/users/<aor>/index, 8 keep-alive connections, the lab node's XCAP on 127.0.0.1:8182), on
Kamailio one COPY into its xcap table (doc_type 8) - and lets it go on. partial is SimpleActors only.

partial: per watcher kind (partial: Accept lists application/pidf-diff+xml; plain: PIDF) a fresh node and
tests/load/partial (C#): one presentity with ten devices, 1,000 watchers; NOTIFY bytes per change and fan-out time,
changes per second in a closed loop, PUBLISH/s of the ten devices, each with full PIDF and with pidf-diff PUBLISHes.
The node runs with Presence:Subscription:MinNotifyInterval 0, so that the closed loop measures the fan-out, not the
rate limit (at the default 200 ms it could not exceed 5 changes/s).
fullstate: a fresh server, tests/load/rls (C#): N presentities publish, then one list of 100 and one of 1,000 of them is
subscribed at once: time until every instance has arrived (at most --timeout seconds), NOTIFYs and their sizes.
SimpleActors once with the default minimum NOTIFY interval (200 ms), which paces the NOTIFYs of a split full state, and
once on a node with 0 (the split alone); Kamailio (with both: between the two) with waitn_time 1 s, its least: it sends
a list's changes in batches up to 1 s apart. Both split a full state over NOTIFY bodies of at most 60,000 bytes.
load: a fresh server; 10,000 list subscribers (lists of 10 from 1,000 presentities), then PUBLISHes at each rate for the
given seconds: NOTIFYs/s, latency publish -> NOTIFY, failures; the server's memory after the presentities published,
after the lists were installed (service URIs) and after the subscriptions: SimpleActors RSS and, after a full
collection, the live managed heap (dotnet-gcdump); Kamailio the PSS of its processes, the shared memory in use
(kamcmd core.shmmem) and its database's size (pg_database_size: pua and rls keep their state there, db_mode 2).
Kamailio's CPU is its processes'; the CPU of the PostgreSQL backends serving its database is given beside it.

Every SimpleActors node: Release, fresh SQLite journal, lab mode (--no-auth, policy AllowAll), SIP on 127.0.0.1:5182;
Kamailio on the same port (UDP), no authentication, presence_xml force_active. Before each measurement the runner waits
until the 1-minute load average is below --quiet-below (polling every 30 s; all waits together at most --quiet-wait
seconds, then it goes on and says so); the load average at the start is recorded. Results: one JSON line per
measurement in OUT/rls-bench.jsonl (with the command; each with its target and list form), and markdown tables printed.
Traffic goes to 127.0.0.1 only. SimpleActors load suite; written for this project.
"""
import argparse
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import Usage, log  # noqa: E402  (the load suite's CPU and memory sampling)
from xcap_bench import Node  # noqa: E402  (a fresh lab node with its own data directory)

ROOT = Path(__file__).resolve().parents[2]
LOAD = ROOT / "tests" / "load"
SIP_PORT = 5182
XCAP_PORT = 8182  # the lab node's XCAP (HTTP) port in service mode; 0 (any free one) otherwise
GCDUMP = shutil.which("dotnet-gcdump") or str(Path.home() / ".dotnet" / "tools" / "dotnet-gcdump")
LAB = ["--Presence:Subscription:Policy=AllowAll"]
KAMAILIO_RLS = LOAD / "peers" / "kamailio-rls"
KAMCMD = shutil.which("kamcmd") or "/usr/sbin/kamcmd"
PG = os.environ.get("KAMAILIO_RLS_PG", "host=127.0.0.1 user=simpleactors password=simpleactors")
KAMAILIO_DB = os.environ.get("KAMAILIO_RLS_DB", "kamailio_rls_bench")


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


def rls_services(service, resources):
    """One watcher's rls-services document (RFC 4826 section 4): one service with its list inline, package presence."""
    entries = "".join(f'<rl:entry uri="{r}"/>' for r in resources)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rls-services xmlns="urn:ietf:params:xml:ns:rls-services" '
            f'xmlns:rl="urn:ietf:params:xml:ns:resource-lists"><service uri="{service}"><list name="list">{entries}</list>'
            '<packages><package>presence</package></packages></service></rls-services>')


def read_lists(path):
    """The tool's --lists-file: (watcher AOR, service URI, resource URIs) per line."""
    lists = []
    for line in Path(path).read_text().splitlines():
        watcher, service, *resources = line.split("\t")
        lists.append((watcher, service, resources))
    return lists


class SimpleActorsTarget:
    """A fresh lab node (xcap_bench.Node): request-contained lists, or with service=True, lists PUT over XCAP."""

    name = "simpleactors"

    def __init__(self, out, label, extra=(), service=False):
        self.service = service
        self.node = Node(out / f"node-{label}", auth=False, extra=LAB + list(extra), sip_port=SIP_PORT,
                         xcap_port=XCAP_PORT if service else 0, xcaps_port=-1)

    @property
    def list_form(self):
        return "service" if self.service else "request-contained"

    def start(self):
        self.node.start()
        return self

    def stop(self):
        self.node.stop()

    def processes(self):
        return self.node.processes()

    def complaints(self):
        return self.node.complaints()

    def memory(self):
        return memory(self.node)

    def install(self, lists, threads=8):
        """PUTs each watcher's rls-services document (lab node: --no-auth) through keep-alive connections in threads."""

        def worker(part):
            connection = http.client.HTTPConnection("127.0.0.1", XCAP_PORT, timeout=60)
            failed = []
            for watcher, service, resources in part:
                connection.request("PUT", f"/xcap-root/rls-services/users/{watcher}/index", rls_services(service, resources),
                                   {"Content-Type": "application/rls-services+xml"})
                response = connection.getresponse()
                text = response.read()
                if response.status >= 300:
                    failed.append(f"{watcher}: {response.status} {text[:200]!r}")
            connection.close()
            return failed

        with ThreadPoolExecutor(threads) as pool:
            failed = [f for part in pool.map(worker, [lists[i::threads] for i in range(threads)]) for f in part]
        for line in failed[:5]:
            log("  PUT failed: " + line)
        return len(failed)


class DatabaseBackends:
    """The PostgreSQL server processes serving one database (their command lines name it): Usage samples their CPU."""

    def __init__(self, database):
        self.pattern = f"postgres: .*{database} "

    def processes(self):
        found = subprocess.run(["pgrep", "-f", self.pattern], capture_output=True, text=True).stdout.split()
        return [int(p) for p in found if int(p) != os.getpid()]


class KamailioTarget:
    """
    Kamailio 5.6's rls through tests/load/peers/kamailio-rls (start.sh: a fresh PostgreSQL database each start). Lists are
    service URIs only: rls-services documents COPYed into its xcap table. Its processes are found by its work directory.
    """

    name = "kamailio"
    list_form = "service"

    def __init__(self, out, label):
        self.work = out / f"kamailio-{label}"
        self.database = DatabaseBackends(KAMAILIO_DB)

    def start(self):
        if self.work.exists():
            shutil.rmtree(self.work)
        self.work.mkdir(parents=True)
        started = subprocess.run(["bash", str(KAMAILIO_RLS / "start.sh"), str(SIP_PORT), str(self.work)], capture_output=True,
                                 text=True, timeout=180, env={**os.environ, "KAMAILIO_RLS_PG": PG, "KAMAILIO_RLS_DB": KAMAILIO_DB})
        if started.returncode != 0:
            raise RuntimeError(f"Kamailio did not start:\n{started.stdout}\n{started.stderr}")
        return self

    def stop(self):
        subprocess.run(["bash", str(KAMAILIO_RLS / "stop.sh"), str(self.work)], capture_output=True, timeout=60)

    def processes(self):
        found = subprocess.run(["pgrep", "-f", f"kamailio .*{self.work}"], capture_output=True, text=True).stdout.split()
        return [int(p) for p in found if int(p) != os.getpid()]

    def complaints(self):
        """ERROR and CRITICAL lines of its log, and the script's own warnings (a back-end dialog never found)."""
        lines = (self.work / "kamailio.log").read_text(errors="replace").splitlines()
        return [line for line in lines if any(k in line for k in (" ERROR: ", " CRITICAL: ", " ALERT: ", "<script>"))]

    def sql(self, query):
        done = subprocess.run(["psql", f"{PG} dbname={KAMAILIO_DB}", "-tAc", query], capture_output=True, text=True, timeout=120)
        return done.stdout.strip() if done.returncode == 0 else None

    def rpc(self, *command):
        done = subprocess.run([KAMCMD, "-s", f"unix:{self.work / 'kamailio_ctl'}", *command], capture_output=True, text=True, timeout=30)
        return done.stdout

    def shm_used(self):
        found = re.search(r"real_used:\s*(\d+)", self.rpc("core.shmmem"))
        return int(found.group(1)) if found else None

    def memory(self):
        """
        PSS summed over its processes (shared memory counted once; its pages stay touched once used, so this is a high-water
        mark), the shared memory its allocator has in use, and the size of its database (pua and rls keep their state
        there, db_mode 2), in MiB. First the shared memory settles: tm keeps each finished transaction for its wait timer
        (5 s), so 6 s, then until it changes by under 1 % in a second (at most 15 s more): the counterpart of the full
        collection before SimpleActors' heap is measured.
        """
        time.sleep(6)
        last = self.shm_used()
        for _ in range(15):
            time.sleep(1)
            used = self.shm_used()
            if used is None or last is None or abs(used - last) <= used // 100:
                break
            last = used
        pss = 0
        for pid in self.processes():
            try:
                pss += next(int(line.split()[1]) for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
                            if line.startswith("Pss:"))
            except (OSError, StopIteration):
                pass
        shm = self.shm_used()
        size = self.sql("SELECT pg_database_size(current_database())")
        rows = self.sql("SELECT (SELECT count(*) FROM rls_watchers) || ' ' || (SELECT count(*) FROM rls_presentity) || ' ' || "
                        "(SELECT count(*) FROM pua)")
        waits = re.search(r"value:\s*(\d+)", self.rpc("pv.shvGet", "backend_dialog_waits"))
        return {"pss_mib": round(pss / 1024, 1), "shm_used_mib": round(shm / 1048576, 1) if shm else None,
                "db_mib": round(int(size) / 1048576, 1) if size else None,
                "rls_watchers_rls_presentity_pua_rows": rows,
                # first back-end NOTIFYs that waited for pua's dialog (kamailio.cfg, route[BACKEND_DIALOG])
                "backend_dialog_waits": int(waits.group(1)) if waits else None}

    def install(self, lists):
        """One COPY of every watcher's rls-services document into the xcap table (columns as start.sh of linphone-rls)."""
        rows = []
        for watcher, service, resources in lists:
            user, domain = watcher.removeprefix("sip:").split("@", 1)
            document = rls_services(service, resources).encode().hex()
            # COPY's text format: the bytea as \x<hex>, its backslash doubled.
            rows.append("\t".join([user, domain, "\\\\x" + document, "8", "e1", "1", f"/rls-services/users/{watcher}/index", "0"]))
        done = subprocess.run(["psql", f"{PG} dbname={KAMAILIO_DB}", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                               "COPY xcap (username, domain, doc, doc_type, etag, source, doc_uri, port) FROM STDIN"],
                              input="\n".join(rows) + "\n", capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            log("  COPY failed: " + done.stderr[-500:])
            return len(lists)
        return 0


class Sampling:
    """bench.Usage on a target's processes and, for Kamailio, on its database's PostgreSQL backends (their CPU only)."""

    def __init__(self, target):
        self.usage = Usage(target)
        self.database = Usage(target.database) if hasattr(target, "database") else None

    def finish(self):
        figures = {"node_" + k: v for k, v in self.usage.finish().items()}
        if self.database:
            figures["db_cpu_cores"] = self.database.finish()["cpu_cores"]
        return figures


def drive(target, command, quiet, memory_at=()):
    """
    Runs a tool against the target. Each '@phase X' or '@wait X' line starts sampling the target's CPU, finished at the
    next '@result' (or at '@phase drain'), whose figures get node_cpu_cores, node_peak_pss_mib (for Kamailio also
    db_cpu_cores, its PostgreSQL backends) and the load average at the phase's start. At '@wait lists' the runner
    installs the lists of the tool's --lists-file on the target. At a phase in memory_at the target's memory is
    measured (after the lists are installed); after '@wait rate ...' the runner waits for a quiet machine; after any
    '@wait' it tells the tool to go on. Returns the results, the memory by phase and the installation's figures.
    """
    log("  " + " ".join(str(c) for c in command))
    process = subprocess.Popen([str(c) for c in command], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=ROOT)
    errors = []
    threading.Thread(target=lambda: errors.extend(process.stderr), daemon=True).start()
    results, memories, installed, usage, held, load = [], {}, {}, None, None, None
    for line in process.stdout:
        line = line.rstrip("\n")
        if line.startswith(("@phase ", "@wait ")):
            phase = line.split(" ", 1)[1]
            if phase == "drain":  # the measured window ends here; the result comes after the drain
                held, usage = usage.finish() if usage else None, None
                continue
            if usage:
                usage.finish()
            if phase == "lists":
                lists = read_lists(command[command.index("--lists-file") + 1])
                began = time.monotonic()
                failed = target.install(lists)
                took = time.monotonic() - began
                installed = {"lists": len(lists), "seconds": round(took, 1), "per_s": round(len(lists) / max(took, 1e-9)),
                             "failed": failed}
                log(f"  lists installed on {target.name}: {installed}")
            if phase in memory_at:
                memories[phase] = target.memory()
                log(f"  memory at {phase}: {memories[phase]}")
            if line.startswith("@wait "):
                if phase.startswith("rate"):
                    quiet.wait()
                process.stdin.write("\n")
                process.stdin.flush()
            load = float(Path("/proc/loadavg").read_text().split()[0])
            usage = Sampling(target)
        elif line.startswith("@result "):
            figures = json.loads(line[len("@result "):])
            if usage or held:
                figures.update(held or usage.finish())
                usage = held = None
            figures["loadavg_at_start"] = load
            results.append(figures)
            log("  " + json.dumps({k: v for k, v in figures.items() if not isinstance(v, list)}))
        else:
            log("  " + line)
    process.wait()
    if process.returncode != 0:
        log("  tool failed: " + "".join(errors[-20:]))
    return results, memories, installed


def measured(out, quiet, target, command, memory_at=()):
    """
    The target started fresh for one tool run, once the machine is quiet: the tool's results (each with the target, the
    list form, the load average before and the count of the target's complaints), the memory figures by phase, the
    lists' installation, the complaints and the quiet state. In service mode the tool writes its lists next to the
    target's work directory and the runner installs them (drive).
    """
    state = quiet.wait()
    if target.list_form == "service":
        command = command + ["--service", "--lists-file", out / f"lists-{target.name}.tsv", "--handshake"]
    log(f"{target.name} ({target.list_form} lists)")
    target.start()
    try:
        rows, memories, installed = drive(target, command, quiet, memory_at)
        complaints = target.complaints()
    finally:
        target.stop()
    for r in rows:
        r.update({"target": target.name, "list_form": target.list_form, "loadavg_before": state["loadavg_1m"],
                  "node_complaints": len(complaints)})
        if installed and r.get("measure") in ("fullstate", "subscribe"):
            r["lists_installed"] = installed
    for line in complaints[:10]:
        log(f"  {target.name}: " + line)
    return rows, memories, installed, complaints, state


def targets(args, out, name, extra=()):
    """The targets of one measurement in the order they run: SimpleActors (with extra options), Kamailio, or both."""
    chosen = []
    if args.target in ("simpleactors", "both"):
        chosen.append(SimpleActorsTarget(out, name, extra, args.service))
    if args.target in ("kamailio", "both"):
        chosen.append(KamailioTarget(out, name))
    return chosen


def who(r):
    """The target column: SimpleActors with service URIs is marked; Kamailio serves only those."""
    return r["target"] + (" (service URI)" if r["target"] == "simpleactors" and r.get("list_form") == "service" else "")


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
    if args.target != "simpleactors":
        log("partial: SimpleActors only (Kamailio 5.6 has no partial notification or publication, RFC 5263/5264)")
    rows = []
    for mode in ("partial", "plain"):
        command = ["dotnet", tools["partial"], SIP_PORT, mode, "--watchers", args.watchers, "--rounds", args.rounds,
                   "--seconds", args.seconds] + (["--baseline"] if mode == "partial" else [])
        node = SimpleActorsTarget(out, f"partial-{mode}", ["--Presence:Subscription:MinNotifyInterval=00:00:00"])
        rows += measured(out, quiet, node, command)[0]
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
    command = ["dotnet", tools["rls"], SIP_PORT, "fullstate", "--presentities", args.presentities, "--lists", args.lists,
               "--repeat", args.repeat, "--timeout", args.timeout]
    # SimpleActors at the default minimum NOTIFY interval (200 ms), which paces the NOTIFYs of a split full state, and at
    # 0 (the split alone); Kamailio (waitn_time 1 s, its least) between the two with --target both.
    plan = []
    for interval in ("00:00:00.200", "00:00:00"):
        for target in targets(args, out, "fullstate", [f"--Presence:Subscription:MinNotifyInterval={interval}"]):
            if target.name == "kamailio" and interval != "00:00:00.200":
                continue
            plan.append((target, interval if target.name == "simpleactors" else "waitn_time 1 s"))
    for target, interval in plan:
        results = measured(out, quiet, target, command)[0]
        rows += [{**r, "min_notify_interval": interval} for r in results]
    record(out, rows, " ".join(sys.argv))
    table([("target", 0, who), ("resources", 1, lambda r: f"{r['resources']:,}"),
           ("min NOTIFY interval", 0, lambda r: r["min_notify_interval"]),
           ("SUBSCRIBE answered ms", 1, lambda r: r["answered_ms"]), ("first NOTIFY ms", 1, lambda r: r["first_notify_ms"]),
           ("complete ms", 1, lambda r: r["complete_ms"] or f"not after {r['timeout_s']} s"),
           ("NOTIFYs", 1, lambda r: r["notifies"]),
           ("bytes (all NOTIFYs)", 1, lambda r: f"{sum(r['notify_datagram_bytes']):,}"),
           ("largest / smallest NOTIFY", 1,
            lambda r: f"{max(r['notify_datagram_bytes'], default=0):,} / {min(r['notify_datagram_bytes'], default=0):,}"),
           ("instances", 1, lambda r: r["instances_arrived"]), ("load avg", 1, lambda r: r["loadavg_before"])], rows)


def per_list(target, before, after, subscribers):
    """Memory per list subscription between two measurements: SimpleActors RSS and live heap; Kamailio PSS, shared
    memory in use and database size."""
    if not before or not after:
        return {}
    keys = {"simpleactors": (("rss_mib", "rss_kib_per_list"), ("heap_mib", "heap_kib_per_list")),
            "kamailio": (("pss_mib", "pss_kib_per_list"), ("shm_used_mib", "shm_kib_per_list"), ("db_mib", "db_kib_per_list"))}
    return {name: round(((after.get(key) or 0) - (before.get(key) or 0)) * 1024 / subscribers, 2) for key, name in keys[target]}


def load(args, tools, out, quiet):
    command = ["dotnet", tools["rls"], SIP_PORT, "load", "--presentities", args.presentities, "--subscribers",
               args.subscribers, "--size", args.size, "--rates", args.rates, "--seconds", args.seconds, "--handshake"]
    rows = []
    for target in targets(args, out, "load"):
        results, memories, installed, complaints, state = measured(out, quiet, target, command,
                                                                    memory_at=("published", "lists", "subscribed"))
        published, lists, subscribed = memories.get("published", {}), memories.get("lists"), memories.get("subscribed", {})
        # Per list subscription: from the lists installed (service URIs) or the presentities published, to subscribed;
        # the documents themselves (service URIs) from published to the lists installed.
        figures = {"measure": "memory", "target": target.name, "list_form": target.list_form, "published": published,
                   "lists_installed": lists, "subscribed": subscribed, **per_list(target.name, lists or published, subscribed, args.subscribers),
                   "documents": per_list(target.name, published, lists, args.subscribers) if lists else None,
                   "subscribers": args.subscribers, "installed": installed, "loadavg_before": state["loadavg_1m"],
                   "node_complaints": len(complaints)}
        rows += results + [figures]
    record(out, rows, " ".join(sys.argv))
    for r in rows:
        if r["measure"] == "subscribe":
            print(f"\n{who(r)}: {r['subscribers']:,} list subscriptions of {r['size']} resources: {r['seconds']} s ({r['per_s']}/s), "
                  f"{r['failed']} failed, {r['with_full_state']} with full state; node CPU {r.get('node_cpu_cores')}"
                  + (f", its database's CPU {r['db_cpu_cores']}" if "db_cpu_cores" in r else ""))
    for r in rows:
        if r["measure"] == "memory":
            per = {k: v for k, v in r.items() if k.endswith("_per_list")}
            print(f"{who(r)} memory: published {r['published']}, lists installed {r['lists_installed']}, subscribed {r['subscribed']}; "
                  f"per list subscription {per}" + (f"; per list document {r['documents']}" if r["documents"] else ""))
    table([("target", 0, who), ("PUBLISH/s offered", 1, lambda r: r["rate"]), ("sent", 1, lambda r: f"{r['publishes']:,}"),
           ("failed", 1, lambda r: r["publish_failures"]),
           ("resource updates expected / shown", 1, lambda r: f"{r['expected_resource_updates']:,} / {r['delivered_resource_updates']:,}"),
           ("NOTIFY/s (steady)", 1, lambda r: f"{r['notifies_per_s_steady'] or r['notifies_per_s']:,.0f}"),
           ("NOTIFY bytes", 1, lambda r: f"{r['notify_datagram_bytes_mean']:,.0f}"),
           ("latency p50 / p90 / p99 / max ms", 1,
            lambda r: f"{r['latency_p50_ms']} / {r['latency_p90_ms']} / {r['latency_p99_ms']} / {r['latency_max_ms']}"),
           ("stale after drain", 1, lambda r: r["stale_pairs_after_drain"]), ("NOTIFYs sent again", 1, lambda r: r["notify_retransmissions"]),
           ("node CPU", 1, lambda r: r.get("node_cpu_cores")), ("its DB CPU", 1, lambda r: r.get("db_cpu_cores", "")),
           ("client CPU", 1, lambda r: r["client_cpu_cores"]), ("load avg", 1, lambda r: r["loadavg_at_start"])],
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
    parser.add_argument("--target", default="simpleactors", choices=["simpleactors", "kamailio", "both"],
                        help="fullstate, load: SimpleActors, Kamailio's rls, or both (alternating, each on a fresh server)")
    parser.add_argument("--service", action="store_true",
                        help="SimpleActors: service URIs (rls-services over XCAP) instead of request-contained lists")
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
