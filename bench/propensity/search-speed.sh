#!/usr/bin/env bash
# The in-memory model search alone (`ModelSearchBenchmark`, test classes, no Spark): the default grid on ROWS x
# FEATURES seeded rows, ROUNDS times, in this checkout and in each further checkout given (e.g. a build of the
# previous code), interleaved round by round so that a shared machine's load hits all alike. Prints each round's
# logistic-regression path, trees and whole search; nothing is appended to a results file.
# Usage: bench/propensity/search-speed.sh [OTHER_CHECKOUT ...]
# Environment: ROWS (default 100000, the job's training cap), FEATURES (default 134, the warehouse job's width at
# 1 M customers), ROUNDS (default 3), HEAP (default 4g, bin/crm's driver heap).
set -euo pipefail
cd "$(dirname "$0")/../.."
checkouts=("$(pwd)" "$@")
declare -A classpath
for checkout in "${checkouts[@]}"; do   # builds, outside the timings
  (cd "$checkout" && mvn -B -q -o test-compile -DskipTests \
    && mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt > /dev/null)
  classpath[$checkout]="$checkout/target/classes:$checkout/target/test-classes:$(cat "$checkout/target/test-classpath.txt")"
done
for round in $(seq "${ROUNDS:-3}"); do
  for checkout in "${checkouts[@]}"; do
    echo "== round $round, $checkout ($(git -C "$checkout" rev-parse --short HEAD)$(git -C "$checkout" diff --quiet || echo ' + uncommitted'))"
    java -Xmx"${HEAP:-4g}" -XX:+UseParallelGC -cp "${classpath[$checkout]}" \
      io.crmanalytics.propensity.ModelSearchBenchmark "${ROWS:-100000}" "${FEATURES:-134}" 1 2>&1 \
      | grep -E "logistic regression|boosted trees:|round 1"
  done
done
