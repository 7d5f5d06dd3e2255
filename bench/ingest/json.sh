#!/usr/bin/env bash
# Time of `crm ingest` on a JSON Lines customers file of N rows (default 1,000,000), for one or more checkouts
# run alternately (twice each), so that a change to the JSON reader is measured against its base in one sitting.
# Appends the table to bench/results/ingest.md of the first checkout.
# Usage: bench/ingest/json.sh [ROWS] CHECKOUT [CHECKOUT ...]   (each CHECKOUT built, bin/crm ready)
set -euo pipefail
rows=${1:-1000000}; shift
work=${BENCH_DIR:-/tmp/crm-json-bench}
mkdir -p "$work/input-$rows"
if [[ ! -s "$work/input-$rows/customers.json" ]]; then
    python3 - "$rows" "$work/input-$rows/customers.json" <<'PY'
import json, random, sys
random.seed(7)
with open(sys.argv[2], "w") as f:
    for i in range(int(sys.argv[1])):
        f.write(json.dumps({"customer_id": "C%07d" % i,
            "signup_date": "2024-%02d-%02d" % (random.randint(1, 12), random.randint(1, 28)),
            "region": random.choice(["North", "South", "East", "West"]), "city": "City %d" % random.randint(1, 500),
            "name": "Name %d" % i, "email": "n%d@example.com" % i,
            "phone": "+1-555-%03d-%04d" % (random.randint(0, 999), random.randint(0, 9999)),
            "marketing_consent": random.random() < 0.5, "vip": random.random() < 0.1}) + "\n")
PY
fi
results="$(cd "$1" && pwd)/bench/results/ingest.md"
{
    echo
    echo "### JSON Lines ingest, $rows customers, $(date -u '+%Y-%m-%d %H:%M') UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| checkout | run | stage s | command wall s | user CPU s | peak RSS MB |"
    echo "|---|---:|---:|---:|---:|---:|"
} >> "$results"
for run in 1 2; do
    for checkout in "$@"; do
        rev=$(git -C "$checkout" rev-parse --short HEAD)
        rm -rf "$work/warehouse"
        /usr/bin/time -f "%e %U %M" -o "$work/time.txt" "$checkout/bin/crm" ingest --input "$work/input-$rows" \
            --warehouse "$work/warehouse" > "$work/out.txt" 2>&1
        stage=$(grep -E '^ +ingest customers' "$work/out.txt" | tail -1 | grep -oE '[0-9.]+s$' | tr -d s)
        read -r wall user rss < "$work/time.txt"
        echo "| $rev | $run | $stage | $wall | $user | $((rss / 1024)) |" | tee -a "$results"
    done
done
