#!/usr/bin/env bash
# Propensity benchmark: training and scoring time for N customers x 8 categories (default 1,000,000).
# Usage: bench/propensity/run.sh [CUSTOMERS ...]     e.g. bench/propensity/run.sh 10000 100000 1000000
# Runs at nice 19; results are appended to bench/results/propensity.md (with the process's peak resident memory
# from /usr/bin/time). BENCH_GRID (default small), BENCH_WINDOWS (pooled training windows),
# BENCH_MAXROWS (the job's --max-training-rows, default the job's; 0 = no cap), BENCH_HEAP (6g), BENCH_NOTE (last column).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=bench/propensity/test-classpath.sh
. bench/propensity/test-classpath.sh
RESULTS=bench/results/propensity.md
for N in "${@:-1000000}"; do
  WH=$(mktemp -d "${TMPDIR:-/tmp}/propensity-bench-XXXX")
  # shellcheck disable=SC2086
  TIMES=$(mktemp)
  ROW=$(mktemp)
  /usr/bin/time -v -o "$TIMES" nice -n 19 java -Xmx${BENCH_HEAP:-6g} -Dbench.grid=${BENCH_GRID:-small} \
    -Dbench.windows=${BENCH_WINDOWS:-3} ${BENCH_MAXROWS:+-Dbench.maxrows=$BENCH_MAXROWS} \
    -Dbench.note="${BENCH_NOTE:-local[2], 2-core machine}" -Dbench.rss=@RSS@ $OPENS -cp "$CP" \
    io.crmanalytics.bench.PropensityBenchmark "$N" "$WH" "$ROW"
  RSS_KB=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TIMES")
  RSS=$(awk -v k="$RSS_KB" 'BEGIN{printf "%.1f", k/1048576}')
  sed "s/@RSS@/$RSS/" "$ROW" | tee -a "$RESULTS"
  rm -f "$TIMES" "$ROW"
  rm -rf "$WH"
done
rm -rf "$BUILD"
