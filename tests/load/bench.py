#!/usr/bin/env python3
"""The load suite of issue 5: SIPp scenarios against SimpleActors and, side by side, Kamailio 5.6.

For each scenario it starts the servers under test (SimpleActors in Release with a fresh SQLite journal; Kamailio
with tests/load/peers/kamailio in its durable and/or in-memory profile), warms them up, then steps the offered call
rate until more than 1 % of the calls fail or the offered rate is no longer completed. With several targets the
steps alternate between them (A at rate r, B at rate r, A at the next rate ...), so machine noise hits all alike.
Per step it records the calls completed per second, failures by kind (SIPp's counters), SIPp's response times
(p50/p90/p99 of its RTD), and the CPU (cores used) and peak memory (PSS, summed over the server's processes) of the
server. It writes results.json, results.md (a table and the sustained rates with their ratios) and results.svg
(p99 latency against offered rate, one panel per scenario).

  python3 tests/load/bench.py [--target simpleactors|kamailio|kamailio-memory|both|all] [--scenarios a,b,...]
                              [--seconds 10] [--rates "500 1000 ..."] [--out DIR] [--smoke]

--smoke runs every scenario for a few seconds at a low rate and fails (exit 1) unless every call to SimpleActors
succeeds and every peer completed calls in every scenario: the check .ci/run makes. A peer's failed calls are reported
but do not fail the smoke (Kamailio with its SQLite write-through store sheds calls on a slow disk; that is its
figure, not ours). Traffic goes to 127.0.0.1 only. Needs SIPp (sip-tester), python3, the .NET SDK; Kamailio
targets need the packages named in tests/load/peers/kamailio/README.md.
SimpleActors load suite; written for this project.
"""
import argparse
import csv
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "tests" / "load" / "scenarios"
KAMAILIO = ROOT / "tests" / "load" / "peers" / "kamailio"
USERS = 2000
UAS_PORT = 5099
CLK_TCK = os.sysconf("SC_CLK_TCK")
DEFAULT_RATES = {
    "register": [2000, 4000, 6000, 8000, 10000, 12000, 14000, 16000],
    "message": [2000, 4000, 6000, 8000, 10000, 12000, 14000],
    "publish": [500, 1000, 2000, 3000, 4000, 5000, 6000, 7000],
    "subscribe": [500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 5000],
    "mixed": [50, 100, 150, 200, 300, 400, 500],
    "register-new": [1000, 2000, 3000, 4000, 6000, 8000],
    "publish-new": [250, 500, 1000, 1500, 2000, 3000, 4000, 5000, 6000],
    "subscribe-new": [250, 500, 1000, 1500, 2000, 2500, 3000, 4000],
    "publish-first": [1000, 2000, 3000, 4000, 6000, 8000],
    "subscribe-first": [500, 1000, 2000, 3000, 4000, 6000],
}


def log(text):
    print(text, file=sys.stderr, flush=True)


class Server:
    """A server under test: started once per scenario on its own port and data directory."""

    def __init__(self, name, port, work):
        self.name, self.port, self.work = name, port, Path(work) / name

    def processes(self):
        """The server's processes: every process whose command line names its data directory."""
        found = subprocess.run(["pgrep", "-f", str(self.work)], capture_output=True, text=True).stdout.split()
        return [int(p) for p in found if int(p) != os.getpid()]

    def stop(self):
        for pid in self.processes():
            try:
                os.kill(pid, 15)
            except ProcessLookupError:
                pass
        for _ in range(100):
            if not self.processes():
                return
            time.sleep(0.1)
        for pid in self.processes():
            try:
                os.kill(pid, 9)
            except ProcessLookupError:
                pass


class SimpleActors(Server):
    # SIMPLEACTORS_NODE_DLL runs another build's binary (a before/after comparison) with this suite's scenarios.
    BIN = Path(os.environ.get("SIMPLEACTORS_NODE_DLL") or ROOT / "src" / "SimpleActors.Node" / "bin" / "Release" / "net10.0" / "simpleactors.dll")

    def start(self, keep=False):
        if self.work.exists() and not keep:
            shutil.rmtree(self.work)
        self.work.mkdir(parents=True, exist_ok=True)
        out = open(self.work / "server.log", "w")
        subprocess.Popen(
            ["dotnet", str(self.BIN), "run", "--data-dir", str(self.work / "data"), "--Cluster:Port=0", "--Admin:Port=0", "--Xcap:Port=0", "--Xcap:HttpsPort=-1",
             f"--Sip:Listeners:0:Port={self.port}", f"--Sip:Listeners:1:Port={self.port}", "--Sip:Listeners:2:Port=0", "--Sip:Listeners:3:Port=0", "--Sip:Listeners:4:Port=0", "--no-auth",
             "--Presence:Subscription:Policy=AllowAll", "--Logging:LogLevel:Default=Warning",
             "--Logging:LogLevel:SimpleActors.Node=Information"],
            stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        for _ in range(600):
            if "node up" in (self.work / "server.log").read_text():
                return
            time.sleep(0.05)
        raise RuntimeError(f"SimpleActors did not start:\n{(self.work / 'server.log').read_text()[-2000:]}")


class Kamailio(Server):
    def __init__(self, name, port, work, profile):
        super().__init__(name, port, work)
        self.profile = profile

    def start(self, keep=False):
        if self.work.exists() and not keep:
            shutil.rmtree(self.work)
        self.work.mkdir(parents=True, exist_ok=True)
        started = subprocess.run(["bash", str(KAMAILIO / "start.sh"), self.profile, str(self.port), str(self.work)],
                                 capture_output=True, text=True, timeout=120)
        if started.returncode != 0:
            raise RuntimeError(f"Kamailio ({self.profile}) did not start:\n{started.stdout}\n{started.stderr}")

    def stop(self):
        subprocess.run(["bash", str(KAMAILIO / "stop.sh"), str(self.work)], capture_output=True, timeout=60)
        super().stop()


COUNTERS = shutil.which("dotnet-counters") or next(
    (p for p in [str(Path.home() / ".dotnet" / "tools" / "dotnet-counters")] if Path(p).exists()), None)


class ServerLatency:
    """
    The server's own answer times while a step runs (SimpleActors only: its meter SimpleActors.Edge, histogram
    simpleactors.sip.server.duration, read with dotnet-counters once a second): per method, the mean over the step's
    seconds of each second's p50, p95 and p99, in ms. Nothing when dotnet-counters is missing.
    """

    def __init__(self, server, folder, seconds):
        self.file, self.process = folder / f"counters-{time.monotonic_ns()}.csv", None
        pids = server.processes() if isinstance(server, SimpleActors) else []
        if COUNTERS and len(pids) == 1:
            duration = time.strftime("%H:%M:%S", time.gmtime(int(seconds) + 2))
            self.process = subprocess.Popen(
                [COUNTERS, "collect", "-p", str(pids[0]), "--counters", "SimpleActors.Edge", "--format", "csv", "-o", str(self.file),
                 "--refresh-interval", "1", "--duration", f"00:{duration}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1)

    def finish(self):
        if self.process is None:
            return {}
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        values = {}
        if self.file.exists():
            for row in list(csv.reader(open(self.file)))[1:]:
                name = row[2]
                if "method=" in name and "Percentile=" in name:
                    method = name.split("method=")[1].split(";")[0]
                    pct = "p" + name.split("Percentile=")[1].split("]")[0]
                    values.setdefault(method, {}).setdefault(pct, []).append(float(row[4]))
        return {m: {p: round(statistics.mean(v), 2) for p, v in ps.items()} for m, ps in values.items()}


class Usage:
    """Samples a server's CPU time and memory (PSS summed over its processes) every 0.25 s while a step runs."""

    def __init__(self, server):
        self.server, self.peak_pss_kib, self.running = server, 0, True
        self.ticks0, self.t0 = self.ticks(), time.monotonic()
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def ticks(self):
        total = 0
        for pid in self.server.processes():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
            except (OSError, IndexError, ValueError):
                pass
        return total

    def sample(self):
        while self.running:
            pss = 0
            for pid in self.server.processes():
                try:
                    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                        if line.startswith("Pss:"):
                            pss += int(line.split()[1])
                except OSError:
                    pass
            self.peak_pss_kib = max(self.peak_pss_kib, pss)
            time.sleep(0.25)

    def finish(self):
        self.running = False
        self.thread.join()
        seconds = max(time.monotonic() - self.t0, 1e-9)
        return {"cpu_cores": round((self.ticks() - self.ticks0) / CLK_TCK / seconds, 2),
                "peak_pss_mib": round(self.peak_pss_kib / 1024, 1)}


def write_csv(path, rows):
    path.write_text("SEQUENTIAL\n" + "".join(r + "\n" for r in rows))


class Scenario:
    """A SIPp scenario run at stepped rates; one call per user line of its injection file."""

    def __init__(self, name, xml, rows):
        self.name, self.xml, self.rows = name, xml, rows

    def prepare(self, server, folder):
        """Whatever must be in place before the steps (registrations, a user agent)."""

    def finish(self, server):
        """Undoes prepare."""


class FirstContactScenario(Scenario):
    """
    Every call a user the server has never seen (a registration storm after a restart, a failover or an outage): each
    step, warm-up included, gets users of its own, as many as it makes calls, so no entity is warm.
    """

    def __init__(self, name, xml, row):
        super().__init__(name, xml, [])
        self.row, self.batch = row, 0

    def fresh_rows(self, count):
        self.batch += 1
        return [self.row(f"b{self.batch}n", i) for i in range(count)]


class MessageScenario(Scenario):
    """MESSAGE to registered users whose contact is one SIPp user agent that answers 200."""

    def prepare(self, server, folder):
        write_csv(folder / "register.csv", [f"user{i};;3600;example.com;{UAS_PORT}" for i in range(USERS)])
        sipp(folder, "register.xml", folder / "register.csv", server.port, 500, USERS, "register-setup")
        subprocess.Popen(["sipp", "-sf", str(SCENARIOS / "message_uas.xml"), "-p", str(UAS_PORT), "-i", "127.0.0.1",
                          f"127.0.0.1:{server.port}", "-buff_size", "4194304", "-nostdin", "-bg"],
                         cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)

    def finish(self, server):
        subprocess.run(["pkill", "-f", f"sipp.*-p {UAS_PORT}"], capture_output=True)


class MixedScenario(MessageScenario):
    """
    The traffic of users online, per user and hour, as a presence client behaves without a resource list (RFC 4662):
    one REGISTER refresh (Expires 3600), a publication's life (initial, refresh, modify, remove: four PUBLISH, about
    the state changes a user makes in an hour), twenty SUBSCRIBEs (a buddy list of ~20 watched one by one, each
    dialog subscribed, refreshed and ended: the refreshes dominate real presence load) and ten MESSAGEs. So at a
    step's rate R (REGISTERs per second) the other scenarios run at the same time at 1 R publication lives, 20/3 R
    subscription cycles (three SUBSCRIBEs each) and 10 R MESSAGEs, to one SIPp user agent the users are registered
    at. The step's calls are all of them; its response times are all of them together.
    """

    PARTS = [("register.xml", 1.0), ("publish_cycle.xml", 1.0), ("subscribe_cycle.xml", 20 / 3), ("message_uac.xml", 10.0)]

    def __init__(self):
        super().__init__("mixed (per R: 1 REGISTER, 4 PUBLISH, 20 SUBSCRIBE, 10 MESSAGE)", None, [])
        self.parts = {
            "register.xml": [f"user{i};;3600;example.com;{UAS_PORT}" for i in range(USERS)],
            "publish_cycle.xml": [f"user{i};example.com" for i in range(USERS)],
            "subscribe_cycle.xml": [f"user{i};example.com;user{(i + 7) % USERS}" for i in range(USERS)],
            "message_uac.xml": [f"user{i};;example.com;user{(i + 1) % USERS}" for i in range(USERS)],
        }


SCENARIO_LIST = {
    "register": Scenario("REGISTER", "register.xml", [f"user{i};;3600;example.com;{UAS_PORT}" for i in range(USERS)]),
    "message": MessageScenario("MESSAGE", "message_uac.xml", [f"user{i};;example.com;user{(i + 1) % USERS}" for i in range(USERS)]),
    "publish": Scenario("PUBLISH cycle (4 PUBLISH)", "publish_cycle.xml", [f"user{i};example.com" for i in range(USERS)]),
    "subscribe": Scenario("SUBSCRIBE cycle (3 SUBSCRIBE, 3 NOTIFY)", "subscribe_cycle.xml",
                          [f"user{i};example.com;user{(i + 1) % USERS}" for i in range(USERS)]),
    "mixed": MixedScenario(),
    # First contact (issue 15): users never seen before.
    "register-new": FirstContactScenario("REGISTER, new users", "register.xml", lambda p, i: f"{p}{i};;3600;example.com;{UAS_PORT}"),
    "publish-new": FirstContactScenario("PUBLISH cycle, new presentities", "publish_cycle.xml", lambda p, i: f"{p}{i};example.com"),
    "subscribe-new": FirstContactScenario("SUBSCRIBE cycle, new watcher of a new presentity", "subscribe_cycle.xml",
                                          lambda p, i: f"{p}w{i};example.com;{p}u{i}"),
    # The first request alone, each to a new entity: what first contact itself costs, without the warm requests that
    # follow it in the cycles above.
    "publish-first": FirstContactScenario("initial PUBLISH, new presentities", "publish_once.xml",
                                          lambda p, i: f"{p}{i};;example.com;first"),
    "subscribe-first": FirstContactScenario("initial SUBSCRIBE and NOTIFY, new watcher of a new presentity",
                                            "subscribe_first.xml", lambda p, i: f"{p}w{i};example.com;{p}u{i}"),
}


def sipp(folder, xml, csv_path, port, rate, calls, tag, seconds=None):
    """Runs SIPp once; returns (stat row as a dict, response times in ms)."""
    for old in glob.glob(str(folder / "*_rtt.csv")):
        os.remove(old)
    stat = folder / f"{tag}.stat.csv"
    timeout = (seconds or calls / max(rate, 1)) * 6 + 30
    subprocess.run(["sipp", "-sf", str(SCENARIOS / xml), "-inf", str(csv_path), f"127.0.0.1:{port}", "-i", "127.0.0.1",
                    "-t", "u1", "-buff_size", "4194304", "-recv_timeout", "10000", "-r", str(rate), "-m", str(calls),
                    "-nostdin", "-trace_stat", "-stf", str(stat), "-fd", "1", "-trace_rtt", "-rtt_freq", "1"],
                   cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)
    rows = list(csv.reader(open(stat), delimiter=";"))
    last = dict(zip(rows[0], rows[-1]))
    rtts = []
    for path in glob.glob(str(folder / "*_rtt.csv")):
        for r in list(csv.reader(open(path), delimiter=";"))[1:]:
            try:
                rtts.append(float(r[1]))
            except (ValueError, IndexError):
                pass
    return last, sorted(rtts)


def elapsed_of(stat):
    """SIPp's elapsed time of a run, in seconds, from its stat row."""
    return sum(float(x) * m for x, m in zip(stat["ElapsedTime(C)"].split(":"), (3600, 60, 1)))


def failure_kinds(stat):
    """SIPp's failed calls by kind (its FailedXxx(C) counters that are not zero)."""
    return {k[6:-3]: int(v) for k, v in stat.items() if k.startswith("Failed") and k.endswith("(C)") and k != "FailedCall(C)" and int(v) > 0}


def run_together(target, args_list):
    """Runs target(*args) for each args at once, in threads (SIPp processes side by side), and waits for all."""
    threads = [threading.Thread(target=target, args=args) for args in args_list]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def totals(runs):
    """Successful and failed calls, the longest elapsed time and the sorted response times of several sipp() runs."""
    lasts = [r[0] for r in runs]
    return (sum(int(l["SuccessfulCall(C)"]) for l in lasts), sum(int(l["FailedCall(C)"]) for l in lasts),
            max(elapsed_of(l) for l in lasts), sorted(x for r in runs for x in r[1]))


def percentile(sorted_values, p):
    """The p-quantile (0..1) of sorted values, to 0.1; None when there are none."""
    return round(sorted_values[min(len(sorted_values) - 1, int(p * len(sorted_values)))], 1) if sorted_values else None


def step(server, scenario, folder, rate, seconds):
    latency = ServerLatency(server, folder, seconds)
    usage = Usage(server)
    if isinstance(scenario, MixedScenario):
        runs = []

        def part(xml, share):
            sub = folder / xml.removesuffix(".xml")
            sub.mkdir(exist_ok=True)
            write_csv(sub / "calls.csv", scenario.parts[xml])
            part_rate = max(1, round(rate * share))
            runs.append(sipp(sub, xml, sub / "calls.csv", server.port, part_rate, max(1, int(part_rate * seconds)), f"{server.name}-{rate}", seconds))

        run_together(part, scenario.PARTS)
        lasts = [r[0] for r in runs]
        ok, failed, elapsed, rtts = totals(runs)
        offered_calls = sum(max(1, round(rate * share)) for _, share in scenario.PARTS)
        completed_scale = rate / offered_calls  # completed, like offered, in R
        kinds = {}
        for l in lasts:
            for k, v in failure_kinds(l).items():
                kinds[k] = kinds.get(k, 0) + v
    else:
        calls = max(1, int(rate * seconds))
        if isinstance(scenario, FirstContactScenario):
            write_csv(folder / "calls.csv", scenario.fresh_rows(calls))
        last, rtts = sipp(folder, scenario.xml, folder / "calls.csv", server.port, rate, calls, f"{server.name}-{rate}", seconds)
        ok, failed = int(last["SuccessfulCall(C)"]), int(last["FailedCall(C)"])
        elapsed = elapsed_of(last)
        completed_scale = 1.0
        kinds = failure_kinds(last)
    used = usage.finish()
    pct = lambda p: percentile(rtts, p)
    result = {"target": server.name, "offered": rate, "completed": round(ok * completed_scale / max(elapsed, 1e-9)),
              "failed_pct": round(100.0 * failed / max(ok + failed, 1), 2), "failures": kinds,
              "p50_ms": pct(0.5), "p90_ms": pct(0.9), "p99_ms": pct(0.99), **used, "server_ms": latency.finish()}
    result["sustained"] = result["failed_pct"] <= 1.0 and result["completed"] >= 0.97 * rate
    return result


def run_scenario(key, servers, rates, seconds, work, smoke):
    scenario = SCENARIO_LIST[key]
    steps, folders = [], {}
    for server in servers:
        server.start()
        folder = Path(work) / f"{key}-{server.name}"
        folder.mkdir(parents=True, exist_ok=True)
        write_csv(folder / "calls.csv", scenario.rows)
        scenario.prepare(server, folder)
        folders[server.name] = folder
        if not smoke:
            step(server, scenario, folder, min(rates[0], 500), 3)  # warm-up, not recorded
    try:
        live = list(servers)
        for rate in rates:
            for server in list(live):
                result = step(server, scenario, folders[server.name], rate, seconds)
                result["scenario"] = key
                steps.append(result)
                log(f"{key:10} {server.name:17} offered {rate:6} completed {result['completed']:6} failed {result['failed_pct']:6.2f} % "
                    f"p99 {result['p99_ms']} ms cpu {result['cpu_cores']} pss {result['peak_pss_mib']} MiB")
                if not result["sustained"]:
                    live.remove(server)
            if not live:
                break
    finally:
        for server in servers:
            scenario.finish(server)
            server.stop()
    return steps


def fanout(servers, work, rounds):
    """One PUBLISH to 1,000 watchers (tests/load/fanout), per target: median, p90 and worst time to the last NOTIFY."""
    subprocess.run(["dotnet", "build", "-c", "Release", str(ROOT / "tests/load/fanout"), "-v", "q", "-nologo"],
                   check=True, stdout=subprocess.DEVNULL)
    results = []
    for server in servers:
        server.start()
        try:
            run = subprocess.run(["dotnet", "run", "-c", "Release", "--no-build", "--project", str(ROOT / "tests/load/fanout"), "--",
                                  "127.0.0.1", str(server.port), "1000", str(rounds)], capture_output=True, text=True, timeout=600)
            times = sorted(float(line.split("all 1000 NOTIFYs after ")[1].split(" ms")[0])
                           for line in run.stdout.splitlines() if "all 1000 NOTIFYs after" in line)
            results.append({"scenario": "fanout", "target": server.name, "rounds": len(times),
                            "median_ms": statistics.median(times) if times else None,
                            "p90_ms": times[int(len(times) * 0.9)] if times else None, "worst_ms": times[-1] if times else None,
                            "error": None if times else (run.stdout + run.stderr)[-500:]})
            log(f"fanout     {server.name:17} {results[-1]}")
        finally:
            server.stop()
    return results


def answers_options(port, timeout=0.2):
    """True when the server at 127.0.0.1:port answers an OPTIONS (any final response)."""
    import socket
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    s.settimeout(timeout)
    local = s.getsockname()[1]
    branch = f"z9hG4bK{time.monotonic_ns()}"
    request = (f"OPTIONS sip:127.0.0.1:{port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{local};branch={branch};rport\r\n"
               f"Max-Forwards: 70\r\nFrom: <sip:probe@example.com>;tag=p\r\nTo: <sip:127.0.0.1:{port}>\r\n"
               f"Call-ID: {branch}@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
    try:
        s.sendto(request.encode(), ("127.0.0.1", port))
        return s.recv(65536).startswith(b"SIP/2.0 ")
    except OSError:
        return False
    finally:
        s.close()


def hold(servers, work, count, rate):
    """
    Memory with `count` live subscriptions (subscribe_hold.xml: watchers w0.. on count/50 presentities, Expires 3600,
    each left subscribed), then a SIGKILL of every process of the server and a start on the same data: the time
    until it answers an OPTIONS and until its CPU settles. SimpleActors is also measured once its idle subscriptions
    sleep (Presence:Subscription:IdleTimeout, 60 s).
    """
    results = []
    for server in servers:
        folder = Path(work) / f"hold-{server.name}"
        folder.mkdir(parents=True, exist_ok=True)
        write_csv(folder / "hold.csv", [f"w{i};example.com;user{i % max(1, count // 50)}" for i in range(count)])
        server.start()
        try:
            result = {"scenario": "hold", "target": server.name, "subscriptions": count}
            usage = Usage(server)
            time.sleep(1)
            result["empty_pss_mib"] = usage.finish()["peak_pss_mib"]
            usage = Usage(server)
            last, _ = sipp(folder, "subscribe_hold.xml", folder / "hold.csv", server.port, rate, count, "hold")
            result["held"] = int(last["SuccessfulCall(C)"])
            time.sleep(5)
            result["held_pss_mib"] = usage.finish()["peak_pss_mib"]
            if isinstance(server, SimpleActors) and count > 1000:
                # Asleep 60-90 s after their last NOTIFY (IdleTimeout, checked every half of it); then up to one
                # Memory:TrimCheckInterval (30 s) until a quiet node returns the memory it no longer uses.
                time.sleep(125)
                usage = Usage(server)
                time.sleep(1)
                result["asleep_pss_mib"] = usage.finish()["peak_pss_mib"]
            for pid in server.processes():
                try:
                    os.kill(pid, 9)
                except ProcessLookupError:
                    pass
            while server.processes():
                time.sleep(0.05)
            # A killed Kamailio main process can stay a zombie where nothing reaps it: its pid file would say it runs.
            (server.work / "kamailio.pid").unlink(missing_ok=True)
            began = time.monotonic()
            threading.Thread(target=lambda: server.start(keep=True), daemon=True).start()
            while not answers_options(server.port):
                if time.monotonic() - began > 120:
                    break
            result["answering_after_s"] = round(time.monotonic() - began, 2)
            # Settled: the server's processes used under 5 % of a core over a second.
            for _ in range(120):
                usage = Usage(server)
                time.sleep(1)
                if usage.finish()["cpu_cores"] < 0.05:
                    break
            result["settled_after_s"] = round(time.monotonic() - began, 1)
            usage = Usage(server)
            time.sleep(1)
            result["restarted_pss_mib"] = usage.finish()["peak_pss_mib"]
            results.append(result)
            log(f"hold       {server.name:17} {result}")
        finally:
            server.stop()
    return results


def sustained(steps, key, target):
    rates = [s["offered"] for s in steps if s["scenario"] == key and s["target"] == target and s["sustained"]]
    return max(rates) if rates else 0


def markdown(results, targets):
    lines = [f"Load suite run {results['date']} on {results['machine']}; {results['seconds']} s per step; "
             f"command: `{results['command']}`", "",
             "| scenario | target | offered /s | completed /s | failed | failures by kind | p50 ms | p90 ms | p99 ms | server p50/p99 ms | CPU cores | peak PSS MiB |",
             "|---|---|---:|---:|---:|---|---:|---:|---:|---|---:|---:|"]
    for s in results["steps"]:
        kinds = ", ".join(f"{k} {v}" for k, v in s["failures"].items()) or "-"
        server = ", ".join(f"{m} {v.get('p50', '-')}/{v.get('p99', '-')}" for m, v in sorted(s.get("server_ms", {}).items())) or "-"
        lines.append(f"| {s['scenario']} | {s['target']} | {s['offered']} | {s['completed']} | {s['failed_pct']:.2f} % | {kinds} | "
                     f"{s['p50_ms']} | {s['p90_ms']} | {s['p99_ms']} | {server} | {s['cpu_cores']} | {s['peak_pss_mib']} |")
    lines += ["", "| scenario | " + " | ".join(f"{t} sustained /s" for t in targets) +
              (" | ratio (first / others) |" if len(targets) > 1 else " |"),
              "|---|" + "---:|" * len(targets) + ("---|" if len(targets) > 1 else "")]
    for key in results["scenarios"]:
        values = [sustained(results["steps"], key, t) for t in targets]
        ratio = " | " + ", ".join(f"{values[0] / v:.2f}x vs {t}" if v else f"- vs {t}" for t, v in zip(targets[1:], values[1:])) if len(targets) > 1 else ""
        lines.append(f"| {key} | " + " | ".join(str(v) for v in values) + ratio + " |")
    for h in results.get("hold", []):
        lines.append("")
        per = (h["held_pss_mib"] - h["empty_pss_mib"]) * 1024 / max(h["held"], 1)
        asleep = (f", {h['asleep_pss_mib']} MiB once asleep "
                  f"({(h['asleep_pss_mib'] - h['empty_pss_mib']) * 1024 / max(h['held'], 1):.1f} KiB each)") if "asleep_pss_mib" in h else ""
        lines.append(f"{h['held']:,} live subscriptions on {h['target']}: PSS {h['empty_pss_mib']} MiB empty, {h['held_pss_mib']} MiB "
                     f"held ({per:.1f} KiB each){asleep}; after kill -9 answering in {h['answering_after_s']} s, settled after "
                     f"{h['settled_after_s']} s, {h['restarted_pss_mib']} MiB")
    ms = lambda x: "-" if x is None else f"{x:.1f}"
    for f in results["fanout"]:
        lines.append("")
        lines.append(f"Fan-out (1,000 watchers, {f['rounds']} rounds) on {f['target']}: median {ms(f['median_ms'])} ms, "
                     f"p90 {ms(f['p90_ms'])} ms, worst {ms(f['worst_ms'])} ms" + (f" — error: {f['error']}" if f["error"] else ""))
    return "\n".join(lines) + "\n"


def svg(results, targets):
    """p99 latency against offered rate, one panel per scenario, one line per target."""
    colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e"]
    keys = results["scenarios"]
    width, height, pad = 360, 240, 45
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width * max(1, len(keys))}" height="{height + 40}" font-family="sans-serif" font-size="11">']
    for n, key in enumerate(keys):
        x0 = n * width
        steps = [s for s in results["steps"] if s["scenario"] == key and s["p99_ms"] is not None]
        if not steps:
            continue
        max_rate = max(s["offered"] for s in steps)
        max_ms = max(max(s["p99_ms"] for s in steps), 1)
        sx = lambda r: x0 + pad + (width - 2 * pad) * r / max_rate
        sy = lambda ms: height - pad + 20 - (height - 2 * pad) * min(ms, max_ms) / max_ms
        parts.append(f'<text x="{x0 + width / 2}" y="14" text-anchor="middle" font-weight="bold">{key}: p99 ms vs offered calls/s</text>')
        parts.append(f'<line x1="{x0 + pad}" y1="{height - pad + 20}" x2="{x0 + width - pad}" y2="{height - pad + 20}" stroke="black"/>')
        parts.append(f'<line x1="{x0 + pad}" y1="{pad - 5}" x2="{x0 + pad}" y2="{height - pad + 20}" stroke="black"/>')
        parts.append(f'<text x="{x0 + width - pad}" y="{height - pad + 34}" text-anchor="end">{max_rate}/s</text>')
        parts.append(f'<text x="{x0 + pad - 4}" y="{pad}" text-anchor="end">{max_ms:.0f}</text>')
        for t, target in enumerate(targets):
            points = [(sx(s["offered"]), sy(s["p99_ms"])) for s in steps if s["target"] == target]
            if points:
                color = colors[t % len(colors)]
                parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in points)}"/>')
                parts.append(f'<text x="{x0 + pad + 5}" y="{pad + 12 * t + 5}" fill="{color}">{target}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", default="simpleactors", choices=["simpleactors", "kamailio", "kamailio-memory", "both", "all"])
    parser.add_argument("--scenarios", default="register,register-new,message,publish,publish-new,subscribe,subscribe-new,publish-first,subscribe-first,mixed,fanout")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rates", help="the same rate steps for every scenario, e.g. \"500 1000 2000\"")
    parser.add_argument("--rounds", type=int, default=30, help="fan-out rounds")
    parser.add_argument("--hold", type=int, default=100000, help="live subscriptions of the hold measurement (scenario hold)")
    parser.add_argument("--hold-rate", type=int, default=1000, help="subscriptions made per second for it")
    parser.add_argument("--out", default=str(ROOT / "artifacts" / "load"))
    parser.add_argument("--smoke", action="store_true", help="a few seconds per scenario at a low rate; exit 1 on any failed call")
    args = parser.parse_args()

    targets = {"simpleactors": ["simpleactors"], "kamailio": ["kamailio-durable"], "kamailio-memory": ["kamailio-memory"],
               "both": ["simpleactors", "kamailio-durable"], "all": ["simpleactors", "kamailio-durable", "kamailio-memory"]}[args.target]
    keys = [k.strip() for k in args.scenarios.split(",") if k.strip()]
    if shutil.which("sipp") is None:
        sys.exit("SIPp is missing: apt-get install -y sip-tester")
    if "simpleactors" in targets and not os.environ.get("SIMPLEACTORS_NODE_DLL"):
        subprocess.run(["dotnet", "build", "-c", "Release", str(ROOT / "src/SimpleActors.Node"), "-v", "q", "-nologo"],
                       check=True, stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="simpleactors-bench.")
    ports = iter(range(5460, 5580))  # a fresh port per server and scenario

    def make(name):
        if name == "simpleactors":
            return SimpleActors(name, next(ports), work)
        return Kamailio(name, next(ports), work, name.split("-")[1])

    seconds = 3 if args.smoke else args.seconds
    results = {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": f"{os.cpu_count()} cores, {os.uname().sysname} {os.uname().release}",
               "seconds": seconds, "command": " ".join(["python3", "tests/load/bench.py"] + sys.argv[1:]), "targets": targets,
               "scenarios": [k for k in keys if k not in ("fanout", "hold")], "steps": [], "fanout": [], "hold": []}
    try:
        for key in keys:
            servers = [make(t) for t in targets]
            if key == "fanout":
                results["fanout"] += fanout(servers, work, 3 if args.smoke else args.rounds)
                continue
            if key == "hold":
                results["hold"] = results.get("hold", []) + hold(servers, work, 300 if args.smoke else args.hold, 200 if args.smoke else args.hold_rate)
                continue
            rates = [50] if args.smoke else [int(r) for r in args.rates.split()] if args.rates else DEFAULT_RATES[key]
            results["steps"] += run_scenario(key, servers, rates, seconds, work, args.smoke)
    finally:
        subprocess.run(["pkill", "-f", work], capture_output=True)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (out / "results.md").write_text(markdown(results, targets))
    (out / "results.svg").write_text(svg(results, targets))
    print(markdown(results, targets))
    if args.smoke:
        bad = [s for s in results["steps"] if (s["failed_pct"] > 0 and s["target"] == "simpleactors") or s["completed"] == 0] + \
              [f for f in results["fanout"] if f["error"]]
        peers = [s for s in results["steps"] if s["failed_pct"] > 0 and s["target"] != "simpleactors" and s not in bad]
        if peers:
            log(f"smoke: a peer failed calls (reported, not ours): {peers}")
        if bad:
            log(f"smoke: {len(bad)} scenario runs with failures: {bad}")
            sys.exit(1)
        log("smoke: every scenario completed without a failed call")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
