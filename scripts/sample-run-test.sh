#!/usr/bin/env bash
# End-to-end check of the README's first command: `bin/crm run` on the bundled sample data into a scratch
# warehouse (target/sample-run-warehouse), then the claims the sample's ground truth lets us check, then the analyst
# notebooks against that warehouse; exits non-zero on any failure.
#
#   scripts/sample-run-test.sh                   run the quick sample nightly, then check it
#   scripts/sample-run-test.sh --warehouse DIR   check a sample run already made in DIR (read only)
#
# `mvn verify` uses the second form: sample.SampleRunTest makes the run in the failsafe JVM (testing.
# SampleRunWarehouse, the same `crm run` in-process, whose warehouse the erasure test copies) and has this script
# check it, so the lane pays one JVM's start and JIT warm-up fewer.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
run_date="$(/usr/bin/env python3 -c 'import json; print(json.load(open("sample-data/ground_truth.json"))["run_date"])')"
if [[ "${1:-}" == "--warehouse" && -n "${2:-}" ]]; then
  warehouse="$(cd "$2" && pwd)"
  echo "sample run: checking the run in $warehouse"
elif [[ $# -eq 0 ]]; then
  warehouse="$root/target/sample-run-warehouse"
  rm -rf "$warehouse"
  echo "sample run: bin/crm run --input sample-data --run-date $run_date"
  start=$(date +%s)
  CRM_NO_BUILD=1 bin/crm run --input sample-data --run-date "$run_date" --warehouse "$warehouse" \
    --config scripts/sample-run.yaml
  echo "sample run: pipeline took $(( $(date +%s) - start ))s"
else
  echo "usage: scripts/sample-run-test.sh [--warehouse DIR]" >&2
  exit 2
fi

fail() { echo "sample run: FAILED: $*" >&2; exit 1; }
# bin/crm adds -XX:+UseParallelGC unless CRM_JAVA_OPTS names a collector: the JVM refuses to start with two.
CRM_NO_BUILD=1 CRM_JAVA_OPTS="-XX:+UseG1GC" bin/crm --version >/dev/null \
  || fail "bin/crm does not start with a collector chosen in CRM_JAVA_OPTS"
# The queries of the checks below, answered in one `crm sql --stdin` session (one JVM start, not one a query);
# answer N (header dropped) lands in $answers/N.csv.
answers="$root/target/sample-run-answers"
rm -rf "$answers" && mkdir -p "$answers"
sql_all() {
  python3 - "$warehouse" "$answers" "$@" <<'PY'
import json, os, subprocess, sys
warehouse, answers, queries = sys.argv[1], sys.argv[2], sys.argv[3:]
requests = "".join(json.dumps({"sql": q}) + "\n" for q in queries)
done = subprocess.run(["bin/crm", "sql", "--warehouse", warehouse, "--format", "csv", "--limit", "0", "--stdin"],
                      input=requests, capture_output=True, text=True, env=dict(os.environ, CRM_NO_BUILD="1"))
lines = [l for l in done.stdout.splitlines() if l.startswith("{")]
if done.returncode != 0 or len(lines) != len(queries):
    sys.exit("crm sql --stdin failed (exit %d): %s%s" % (done.returncode, done.stderr, done.stdout))
for n, line in enumerate(lines):
    answer = json.loads(line)
    if not answer["ok"]:
        sys.exit("query %d failed: %s" % (n, answer["error"]))
    with open(os.path.join(answers, "%d.csv" % n), "w", encoding="utf-8") as f:
        f.write("".join(answer["output"].replace("\r", "").splitlines(True)[1:]))
PY
}

test -s "$warehouse/reports/$run_date/report.html" || fail "no report.html"
test -s "$warehouse/reports/$run_date/summary.json" || fail "no summary.json"
test -e "$warehouse/exports/latest" || test -s "$warehouse/exports/LATEST" || fail "no exports/latest"
test -s "$warehouse/runs/$run_date/run_summary.json" || fail "no run_summary.json"
# The sample is small data: Spark evaluates it interpreted (warehouse.CodeGeneration, docs/cluster.md).
codegen="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["spark_code_generation"])' \
  "$warehouse/runs/$run_date/run_summary.json")"
[[ "$codegen" == off ]] || fail "spark_code_generation is '$codegen' in run_summary.json, expected off for the sample"

carrier="$(python3 -c 'import json; print(json.load(open("sample-data/ground_truth.json"))["root_cause_carrier"])')"
share="$(python3 -c 'import json; print(json.load(open("sample-data/ground_truth.json"))["root_cause_shipment_share"])')"
cshare="$(python3 -c 'import json; print(json.load(open("sample-data/ground_truth.json"))["root_cause_complaint_share"])')"
node="$(python3 -c 'import json; print(json.load(open("sample-data/ground_truth.json"))["ivr_problem_node"])')"
sql_all "select factors, shipment_share, complaint_share from gold.complaint_root_causes
         where complaint_reason = 'all' and rank = 1" \
  "select node from gold.ivr_funnel where flagged order by node" || fail "the check queries failed"
top="$(cat "$answers/0.csv")"
IFS=, read -r top_factors top_share top_cshare <<<"$top"
echo "sample run: rank 1 for all complaints: $top (planted: carrier=$carrier, shipment share $share," \
  "complaint share $cshare)"
[[ "$top_factors" == "carrier=$carrier" ]] || fail "planted carrier is not rank 1"
python3 -c "import sys; sys.exit(0 if abs($top_share - $share) <= 0.01 else 1)" \
  || fail "shipment share $top_share is not within 0.01 of $share"
python3 -c "import sys; sys.exit(0 if abs($top_cshare - $cshare) <= 0.05 else 1)" \
  || fail "complaint share $top_cshare is not within 0.05 of $cshare"
window_accuracy="$(python3 -c 'import json, sys
jobs = json.load(open(sys.argv[1]))["jobs"]
print([j for j in jobs if j["job"] == "root_causes"][0]["figures"]["attribution accuracy by window"])' \
  "$warehouse/runs/$run_date/run_summary.json")"
echo "sample run: window attribution accuracy against ground_truth_interactions.csv: $window_accuracy"
python3 -c "import sys; sys.exit(0 if $window_accuracy >= 0.95 else 1)" \
  || fail "window attribution accuracy $window_accuracy is below 0.95"
# No outreach to a customer who already complained about that parcel (inbound, after it shipped), by the truth.
called_about="$(python3 - "$warehouse/outreach/$run_date/proactive_outreach.csv" <<'PY'
import csv, sys
rows = lambda f: list(csv.DictReader(open(f, encoding="utf-8")))
listed = {r["shipment_id"] for r in rows(sys.argv[1])}
shipped = {r["shipment_id"]: r["shipped_ts"] for r in rows("sample-data/shipments.csv")}
inbound = {r["interaction_id"]: r["started_ts"] for r in rows("sample-data/interactions.csv")
           if r["direction"] != "outbound"}
print(" ".join(sorted({t["shipment_id"] for t in rows("sample-data/ground_truth_interactions.csv")
                       if t["delivery_problem"] == "true" and t["shipment_id"] in listed
                       and t["interaction_id"] in inbound and inbound[t["interaction_id"]] >= shipped[t["shipment_id"]]})))
PY
)"
[[ -z "$called_about" ]] || fail "outreach lists shipments their customer already complained about: $called_about"
echo "sample run: no outreach shipment was already complained about (ground_truth_interactions.csv)"
flagged="$(tr '\n' ' ' < "$answers/1.csv")"
echo "sample run: flagged IVR nodes: $flagged(planted: $node)"
[[ "$flagged" == "$node " ]] || fail "ivr_funnel does not flag exactly the planted node"

if [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import nbconvert, ipykernel, pandas, matplotlib' 2>/dev/null; then
  CRM_WAREHOUSE="$warehouse" notebooks/run.sh
elif [[ "${CI:-}" == "true" ]]; then
  fail "Jupyter (Debian python3-nbconvert, python3-ipykernel, python3-pandas, python3-matplotlib) is missing"
else
  echo "sample run: notebooks SKIPPED: install python3-nbconvert python3-ipykernel python3-pandas python3-matplotlib"
fi
echo "sample run: all checks passed"
