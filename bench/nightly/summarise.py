#!/usr/bin/env python3
"""Turns one measured `crm run` (bench/nightly/measure.sh) into a Markdown section for bench/results/nightly.md.

Rows out of a job: the rows it wrote (run_summary.json, tables). Rows in: the rows of the tables it reads, as
written earlier in the same run (silver by ingest, gold by the jobs before it); ingest's rows in are the input
rows it read (its *.rows_in figures). The read lists follow the jobs' sources (docs/*.md say the same)."""
import argparse
import json
import os
import re

SILVER = "silver."
READS = {
    "root_causes": ["silver.customers", "silver.interactions", "silver.order_lines", "silver.orders",
                    "silver.products", "silver.shipments"],
    "clv": ["silver.orders"],
    "propensity": ["silver.customers", "silver.order_lines", "silver.orders", "silver.products",
                   "gold.customer_value"],
    "service": ["silver.customers", "silver.interactions", "silver.ivr_events", "silver.orders",
                "silver.shipments", "silver.surveys", "gold.complaint_attribution", "gold.customer_value"],
    "publish": ["silver.customers", "silver.interactions", "silver.orders", "silver.shipments",
                "silver.surveys", "gold.*"],
    "report": ["gold.*"],
}


def main():
    p = argparse.ArgumentParser()
    for name in ["label", "input", "warehouse", "run-date", "status", "wall", "work", "load-before",
                 "load-after", "options"]:
        p.add_argument("--" + name, default="")
    a = p.parse_args()

    summary_path = os.path.join(a.warehouse, "runs", a.run_date, "run_summary.json")
    summary = json.load(open(summary_path)) if os.path.exists(summary_path) else {"jobs": []}
    peaks = {}
    for line in open(os.path.join(a.work, "rss.txt")):
        done, kb = line.split()
        peaks[int(done)] = max(peaks.get(int(done), 0), int(kb))
    time_txt = open(os.path.join(a.work, "time.txt")).read()
    max_rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", time_txt).group(1))
    cpu = float(re.search(r"User time \(seconds\): ([\d.]+)", time_txt).group(1)) + \
        float(re.search(r"System time \(seconds\): ([\d.]+)", time_txt).group(1))

    written = {}
    out = []
    out.append(f"\n### {a.label}\n")
    out.append(f"`crm run --input {a.input} --run-date {a.run_date}` {a.options}".rstrip() +
               f" from a fresh warehouse; exit {a.status}.  ")
    out.append(f"Whole process: **{float(a.wall):.1f} s** wall, {cpu:.0f} s CPU, peak RSS "
               f"{max_rss_kb / 1048576:.2f} GiB.  ")
    out.append(f"Load before: `{a.load_before.strip()}`; after: `{a.load_after.strip()}`.\n")
    out.append("| job | wall s | peak RSS GiB | rows in | rows out |")
    out.append("|---|---:|---:|---:|---:|")
    for index, job in enumerate(summary.get("jobs", [])):
        name = job["job"]
        tables = job.get("tables", {})
        if name == "ingest":
            rows_in = sum(v for k, v in job.get("figures", {}).items() if k.endswith(".rows_in"))
        else:
            rows_in = 0
            for table in READS.get(name, []):
                if table.endswith(".*"):
                    prefix = table[:-1]
                    rows_in += sum(v for k, v in written.items() if k.startswith(prefix))
                else:
                    rows_in += written.get(table, 0)
        rows_out = sum(tables.values())
        for k, v in tables.items():
            # Ingest's silver counts are the rows MERGEd by this batch, which for a fresh warehouse is the table.
            written[k] = v
        peak = peaks.get(index, 0)
        out.append(f"| {name} | {job['seconds']:.1f} | {peak / 1048576:.2f} | {rows_in:,} | {rows_out:,} |")
    print("\n".join(out))


if __name__ == "__main__":
    main()
