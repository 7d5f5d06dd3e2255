#!/usr/bin/env python3
"""Where a crm run's time went, from its Spark event log: what to look at when a job does not scale.

Usage: bench/nightly/eventlog.py EVENT_LOG [--top N]

EVENT_LOG is what Spark wrote under spark.eventLog.dir: a rolling log's folder (eventlog_v2_<app>, Spark 4's
default, its events_N_* files read in order) or a single file; zstd-compressed (Spark's default) or plain JSON
lines. Enable it for one run with
    CRM_JAVA_OPTS="-Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file:///tmp/evlog" bin/crm run ...

Prints
  - the SQL executions (one per action: a write, a count, a collect) grouped by their call site, largest total
    first: a call site with many executions is a loop of Spark jobs, one with a large mean is a heavy step;
  - the N longest single executions with their start time from the application's start;
  - the time no SQL execution was running: driver-side work (model fitting, planning, Delta log handling).
"""
import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict


def events(path):
    if os.path.isdir(path):
        parts = [f for f in os.listdir(path) if f.startswith("events_")]
        for part in sorted(parts, key=lambda f: int(f.split("_")[1])):
            yield from events(os.path.join(path, part))
        return
    name = path.removesuffix(".inprogress")
    if name.endswith(".zstd") or name.endswith(".zst"):
        proc = subprocess.Popen(["zstd", "-dc", path], stdout=subprocess.PIPE, text=True)
        yield from (json.loads(line) for line in proc.stdout if line.strip())
        proc.wait()
    else:
        with open(path) as f:
            yield from (json.loads(line) for line in f if line.strip())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()

    app_start = app_end = None
    starts, ends, described = {}, {}, {}
    for e in events(args.log):
        kind = e.get("Event", "")
        if kind == "SparkListenerApplicationStart":
            app_start = e["Timestamp"]
        elif kind == "SparkListenerApplicationEnd":
            app_end = e["Timestamp"]
        elif kind.endswith("SparkListenerSQLExecutionStart"):
            starts[e["executionId"]] = e["time"]
            # The description is the action's short call site, e.g. "save at DeltaWrites.java:61".
            described[e["executionId"]] = e.get("description") or "?"
        elif kind.endswith("SparkListenerSQLExecutionEnd"):
            ends[e["executionId"]] = e["time"]
    if app_start is None:
        sys.exit("eventlog: no application start in " + args.log)
    last = max([app_end or 0] + list(ends.values()))
    spans = sorted((starts[i], ends[i], described[i]) for i in starts if i in ends)

    by_site = defaultdict(lambda: [0, 0.0])
    for s, t, d in spans:
        by_site[d][0] += 1
        by_site[d][1] += (t - s) / 1000
    print(f"application: {(last - app_start) / 1000:.1f} s, {len(spans)} SQL executions")
    print("\nby call site (executions overlap when steps run concurrently):")
    print(f"{'total s':>9} {'count':>6} {'mean s':>8}  call site")
    for site, (n, total) in sorted(by_site.items(), key=lambda kv: -kv[1][1])[:args.top]:
        print(f"{total:9.1f} {n:6d} {total / n:8.2f}  {site}")

    print(f"\nlongest executions (start = seconds after the application started):")
    print(f"{'s':>8} {'start':>8}  call site")
    for s, t, d in sorted(spans, key=lambda x: x[0] - x[1])[:args.top]:
        print(f"{(t - s) / 1000:8.1f} {(s - app_start) / 1000:8.1f}  {d}")

    # Union of the executions' intervals: what is left of the application's time ran on the driver alone.
    covered, cursor = 0, app_start
    for s, t, _ in spans:
        if t <= cursor:
            continue
        covered += t - max(s, cursor)
        cursor = t
    idle = (last - app_start) - covered
    print(f"\nno SQL execution running: {idle / 1000:.1f} s of {(last - app_start) / 1000:.1f} s "
          "(driver-side work: fitting, planning, Delta log handling, JVM start-up of the session)")


if __name__ == "__main__":
    main()
