#!/usr/bin/env python3
"""Replay benchmark of issue 7: `simpleactors history` over a presentity with a million journaled events.

Records a real session first (a Release node, lab mode, SQLite: one PUBLISH and its removal through SIP), takes the two
events it journaled (PublicationAdded, PublicationRemoved) and writes them again and again into a copy of that journal
until the presentity has --events events, each with its own sequence number and a write time a millisecond apart. Then
runs `simpleactors history <aor> --json` (and the table form) on it as a child process, output to /dev/null, and reports
the events per second and the process's peak resident memory (VmHWM). The events are real ones, deserialized, applied
with the entity's own code and composed into a document each, as in any replay.

  python3 tests/load/history_bench.py [--events 1000000]

Needs the Release build (dotnet build -c Release src/SimpleActors.Node). Written for this project.
"""
import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402
from cluster_bench import Probe, pidf  # noqa: E402

PORT = 5470


def record(work):
    """A node; alice publishes and removes one publication; the node stops. Returns the journal file."""
    log = open(work / "server.log", "w")
    node = subprocess.Popen(["dotnet", str(bench.SimpleActors.BIN), "run", "--no-auth", "--data-dir", str(work / "data"),
                             "--Cluster:Port=0", "--Admin:Port=0", "--Xcap:Port=0", "--Xcap:HttpsPort=-1", f"--Sip:Listeners:0:Port={PORT}", f"--Sip:Listeners:1:Port={PORT}", "--Sip:Listeners:2:Port=0", "--Sip:Listeners:3:Port=0", "--Sip:Listeners:4:Port=0"],
                            stdout=log, stderr=subprocess.STDOUT, cwd=work)
    try:
        while "node up" not in (work / "server.log").read_text():
            time.sleep(0.1)
        alice = Probe("alice")
        status, message = alice.request("PUBLISH", "alice", PORT, "Event: presence\r\nExpires: 600\r\nContent-Type: application/pidf+xml\r\n",
                                        pidf("alice", "at my desk"))
        etag = next(l.split(":", 1)[1].strip() for l in message.split("\r\n") if l.lower().startswith("sip-etag"))
        removed, _ = alice.request("PUBLISH", "alice", PORT, f"Event: presence\r\nExpires: 0\r\nSIP-If-Match: {etag}\r\n")
        assert (status, removed) == (200, 200), (status, removed)
    finally:
        node.terminate()
        node.wait(timeout=60)
    return work / "data" / "simpleactors.db"


def multiply(db, events):
    """Repeats the presentity's two events until it has `events` of them."""
    connection = sqlite3.connect(db)
    rows = connection.execute(
        "SELECT persistence_id, sequence_nr, written_at, serializer_id, manifest, payload, writer FROM event_journal "
        "WHERE persistence_id = 'presentity|sip:alice@example.com' ORDER BY sequence_nr").fetchall()
    assert len(rows) == 2, rows
    pid, _, start, *_ = rows[0]
    batch = []
    for n in range(3, events + 1):
        _, _, _, serializer, manifest, payload, writer = rows[(n - 1) % 2]
        batch.append((pid, n, start + n, serializer, manifest, payload, writer))
        if len(batch) == 50000:
            connection.executemany(
                "INSERT INTO event_journal (persistence_id, sequence_nr, written_at, serializer_id, manifest, payload, writer) VALUES (?,?,?,?,?,?,?)", batch)
            batch.clear()
    if batch:
        connection.executemany(
            "INSERT INTO event_journal (persistence_id, sequence_nr, written_at, serializer_id, manifest, payload, writer) VALUES (?,?,?,?,?,?,?)", batch)
    connection.commit()
    connection.close()


def replay(work, arguments):
    """Runs `simpleactors history` with its output to /dev/null; returns (seconds, peak RSS in MiB)."""
    began = time.monotonic()
    process = subprocess.Popen(["dotnet", str(bench.SimpleActors.BIN), "history", "sip:alice@example.com", *arguments],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=work,
                               env={**os.environ, "SIMPLEACTORS__DataDirectory": str(work / "data")})
    peak = 0
    while process.poll() is None:
        try:
            for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.2)
    assert process.returncode == 0, process.stderr.read()
    return time.monotonic() - began, peak / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="simpleactors-history-"))
    try:
        db = record(work)
        multiply(db, args.events)
        for name, arguments in (("json", ["--json"]), ("table", [])):
            seconds, peak = replay(work, arguments)
            result = {"events": args.events, "output": name, "seconds": round(seconds, 1),
                      "events_per_second": round(args.events / seconds), "peak_rss_mib": round(peak, 1)}
            print(json.dumps(result), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
