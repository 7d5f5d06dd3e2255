#!/usr/bin/env bash
# Time of `crm ingest` on a folder of Parquet part files (default 200,000 customers in 200 parts, as a Spark export
# with its default 200 shuffle partitions writes them), for one or more checkouts run alternately (twice each):
# what reading every part's schema costs. Appends the table to bench/results/ingest.md of the first checkout.
# Usage: bench/ingest/parquet-parts.sh [CUSTOMERS] [PARTS] CHECKOUT [CHECKOUT ...]   (each CHECKOUT built)
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-200000}; parts=${2:-200}; shift 2
work=${BENCH_DIR:-/tmp/crm-parquet-bench}
input="$work/input-$rows-$parts"
if [[ ! -d "$input/customers" ]]; then
    mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
    OPENS=$(sed -n 's:.*<spark.java.opens>\(.*\)</spark.java.opens>.*:\1:p' pom.xml)
    java -Xmx4g $OPENS -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
        io.crmanalytics.bench.ParquetParts "$input/customers" "$rows" "$parts" > "$work.log" 2>&1
fi
results="$(cd "$1" && pwd)/bench/results/ingest.md"
{
    echo
    echo "### Parquet parts ingest, $rows customers in $parts parts, $(date -u '+%Y-%m-%d %H:%M') UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| checkout | run | stage s | command wall s | user CPU s |"
    echo "|---|---:|---:|---:|---:|"
} >> "$results"
for run in 1 2; do
    for checkout in "$@"; do
        rev=$(git -C "$checkout" rev-parse --short HEAD)
        rm -rf "$work/warehouse"
        /usr/bin/time -f "%e %U" -o "$work/time.txt" "$checkout/bin/crm" ingest --input "$input" \
            --warehouse "$work/warehouse" > "$work/out.txt" 2>&1
        stage=$(grep -E '^ +ingest customers' "$work/out.txt" | tail -1 | grep -oE '[0-9.]+s$' | tr -d s)
        read -r wall user < "$work/time.txt"
        echo "| $rev | $run | $stage | $wall | $user |" | tee -a "$results"
    done
done
