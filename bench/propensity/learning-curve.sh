#!/usr/bin/env bash
# What the training cap costs: out-of-time AUC against training rows, with the job's own features and model search
# (`LearningCurveBenchmark`, test classes). Generates N customers (default 1,000,000; three pooled training windows,
# so 3N customer-windows to draw from), then fits each category at each size on a seeded random subset of them.
# Usage: bench/propensity/learning-curve.sh [CUSTOMERS]
# Environment: BENCH_SIZES (default 25000,50000,100000,250000,1000000), BENCH_CATEGORIES (default
# category_0,category_5), BENCH_HEAP (default 14g: the uncapped sample is held encoded on the driver, about
# 0.9 KB a row), BENCH_NOTE (last column), RESULTS (default bench/results/propensity.md,
# where a section with the rows is appended).
# Heavy at 1 M: run it alone on the machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=bench/propensity/test-classpath.sh
. bench/propensity/test-classpath.sh
WH=$(mktemp -d "${TMPDIR:-/tmp}/learning-curve-XXXX")
trap 'rm -rf "$BUILD" "$WH"' EXIT
RESULTS="${RESULTS:-bench/results/propensity.md}"
N="${1:-1000000}"
{
  echo
  echo "## Learning curve at $N customers, $(date -u '+%Y-%m-%d %H:%M') UTC, commit $(git rev-parse --short HEAD), load: $(uptime | sed 's/.*load average: //')"
  echo
  echo "| customers | category | training rows | positives | validation rows | LR AUC | GBT AUC | chosen | AUC | trees | seconds | note |"
  echo "|---:|---|---|---:|---:|---:|---:|---|---:|---|---:|---|"
} >> "$RESULTS"
TIMES=$(mktemp)
# shellcheck disable=SC2086
# Spark refuses to collect more than 1 GB of task results by default; the uncapped sample at 1 M is about 3 GB.
/usr/bin/time -v -o "$TIMES" java -Xmx${BENCH_HEAP:-14g} -Dspark.driver.maxResultSize=0 \
  -Dbench.sizes="${BENCH_SIZES:-25000,50000,100000,250000,1000000}" \
  -Dbench.categories="${BENCH_CATEGORIES:-category_0,category_5}" \
  -Dbench.note="${BENCH_NOTE:-local[2], 2-core machine}" $OPENS -cp "$CP" \
  io.crmanalytics.propensity.LearningCurveBenchmark "$N" "$WH" "$RESULTS"
RSS_KB=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TIMES")
WALL=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$TIMES")
printf '\nWhole process: %s wall, peak RSS %.1f GiB.\n' "$WALL" "$(awk -v k="$RSS_KB" 'BEGIN{print k/1048576}')" \
  | tee -a "$RESULTS"
rm -f "$TIMES"
