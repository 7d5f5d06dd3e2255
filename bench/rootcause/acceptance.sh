#!/usr/bin/env bash
# Acceptance check of `crm root-causes` on sample-data (too slow for the unit-test budget on a shared machine):
# ingests sample-data into a fresh warehouse, runs the job for the ground truth's run date, and checks that
#  - the planted carrier is rank 1 for complaint_reason 'all', with shipment share within +-0.01 and complaint
#    share within +-0.05 of ground_truth.json;
#  - the planted interaction is reported (which requires its lift's lower bound above each part's lift).
# Exit 0 when both hold. Usage: bench/rootcause/acceptance.sh [WAREHOUSE_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
WH=${1:-target/acceptance-rootcause}
mvn -B -q -o compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/classes:$(cat target/bench-classpath.txt)"
OPENS=$(sed -n 's:.*<spark.java.opens>\(.*\)</spark.java.opens>.*:\1:p' pom.xml)
RUN_DATE=$(python3 -c "import json; print(json.load(open('sample-data/ground_truth.json'))['run_date'])")
crm() { nice -n 19 java -Xmx4g $OPENS -cp "$CP" io.crmanalytics.cli.Main "$@" --warehouse "$WH" --run-date "$RUN_DATE"; }

rm -rf "$WH"
crm ingest --input sample-data
crm root-causes
crm sql --format csv "select complaint_reason, factors, num_factors, rank, shipment_share, complaint_share, lift,
    lift_ci_low, adjusted_lift from gold.complaint_root_causes where complaint_reason = 'all' order by rank nulls last" \
    > "$WH/root_causes_all.csv"

python3 - "$WH/root_causes_all.csv" <<'PY'
import csv, json, sys
truth = json.load(open("sample-data/ground_truth.json"))
rows = list(csv.DictReader(open(sys.argv[1])))
carrier = "carrier=" + truth["root_cause_carrier"]
top = next(r for r in rows if r["rank"] == "1")
ok = True
def check(name, cond, detail):
    global ok
    ok &= cond
    print(("PASS " if cond else "FAIL ") + name + ": " + detail)
check("planted carrier rank 1", top["factors"] == carrier, "rank 1 is " + top["factors"])
mine = next((r for r in rows if r["factors"] == carrier), None)
if mine:
    s, c = float(mine["shipment_share"]), float(mine["complaint_share"])
    check("shipment share", abs(s - truth["root_cause_shipment_share"]) <= 0.01,
          f"{s:.4f} vs truth {truth['root_cause_shipment_share']}")
    check("complaint share", abs(c - truth["root_cause_complaint_share"]) <= 0.05,
          f"{c:.4f} vs truth {truth['root_cause_complaint_share']}")
planted = truth["planted_interaction"]["factors"]
inter = next((r for r in rows if r["factors"] == planted), None)
check("planted interaction reported above its parts", inter is not None and inter["rank"] != "",
      "row: " + (json.dumps(inter) if inter else "missing"))
sys.exit(0 if ok else 1)
PY
