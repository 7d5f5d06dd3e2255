#!/usr/bin/env bash
# Propensity benchmark: training and scoring time for N customers x 8 categories (default 1,000,000).
# Usage: bench/propensity/run.sh [CUSTOMERS ...]     e.g. bench/propensity/run.sh 10000 100000 1000000
# Runs at nice 19; results are appended to bench/results/propensity.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o test-compile -DskipTests
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt >/dev/null
OPENS=$(sed -n 's:.*<spark.java.opens>\(.*\)</spark.java.opens>.*:\1:p' pom.xml)
CP="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
RESULTS=bench/results/propensity.md
for N in "${@:-1000000}"; do
  WH=$(mktemp -d "${TMPDIR:-/tmp}/propensity-bench-XXXX")
  # shellcheck disable=SC2086
  nice -n 19 java -Xmx${BENCH_HEAP:-6g} -Dbench.grid=${BENCH_GRID:-small} $OPENS -cp "$CP" io.crmanalytics.bench.PropensityBenchmark "$N" "$WH" "$RESULTS"
  rm -rf "$WH"
done
