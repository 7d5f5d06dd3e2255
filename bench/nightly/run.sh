#!/usr/bin/env bash
# The nightly run at a given company size: `crm generate` N customers (the generator's default per-customer
# volumes, as in sample-data) into /tmp, then `crm run` on it from a fresh warehouse, timed as a whole process,
# with each job's wall time, peak RSS and rows in/out appended to bench/results/nightly.md (see measure.sh).
#
# Usage: bench/nightly/run.sh N [crm run options...]   e.g. bench/nightly/run.sh 100000 --config big.yaml
# Environment: BENCH_DIR (default /tmp/crm-nightly-bench), RESULTS, CRM, CRM_DRIVER_MEMORY (default 4g).
# Heavy above 100,000 customers: run it alone on the machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
customers="${1:?usage: bench/nightly/run.sh N [crm run options...]}"
shift
crm="${CRM:-$root/bin/crm}"
bench="${BENCH_DIR:-/tmp/crm-nightly-bench}"
run_date="${RUN_DATE:-2026-06-30}"
input="$bench/input-$customers"

if [[ ! -f "$input/ground_truth.json" ]]; then
    rm -rf "$input"
    mkdir -p "$bench"
    start=$(date +%s)
    "$crm" generate --out "$input" --customers "$customers" --run-date "$run_date"
    echo "run.sh: generated $customers customers in $(( $(date +%s) - start )) s ($(du -sh "$input" | cut -f1))" >&2
fi
CRM="$crm" RUN_DATE="$run_date" "$here/measure.sh" "$customers customers ($(date -u +%Y-%m-%d))" "$input" \
    "$bench/warehouse-$customers" "$@"
