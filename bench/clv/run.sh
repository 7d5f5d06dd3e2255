#!/usr/bin/env bash
# CLV fit benchmark: ours (Spark tuples + Smile L-BFGS on the driver) vs a vectorized scipy reference on the same
# tuples. Usage: bench/clv/run.sh [CUSTOMERS,...] [RESULTS.md]  (default 1000000,10000000 and
# bench/results/clv.md). A size ending in "d" (10000000d) simulates and counts the tuples on the driver, not in Spark.
# Heavy: run it alone, late, at low priority; working files go to bench/out/clv (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes="${1:-1000000,10000000}"
results="${2:-bench/results/clv.md}"
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
opens=$(sed -n 's:.*<spark.java.opens>\(.*\)</spark.java.opens>.*:\1:p' pom.xml)
mkdir -p bench/out/clv bench/results
# A snapshot of the compiled classes, so that rebuilding the project while the benchmark runs cannot change it.
rm -rf bench/out/clv/classes && mkdir -p bench/out/clv/classes
cp -r target/classes bench/out/clv/classes/main && cp -r target/test-classes bench/out/clv/classes/test
# shellcheck disable=SC2086
exec nice -n 19 java -Xmx10g $opens \
  -cp "bench/out/clv/classes/test:bench/out/clv/classes/main:$(cat target/bench-classpath.txt)" \
  io.crmanalytics.bench.ClvBench "$sizes" bench/out/clv "$results" python3
