#!/usr/bin/env bash
# Acceptance on sample-data/: AUC of the published propensity vs the AUC of the generator's true probabilities
# (Bayes ceiling) for the planted categories. Usage: bench/propensity/acceptance.sh [SAMPLE_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o test-compile -DskipTests
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt >/dev/null
OPENS=$(sed -n 's:.*<spark.java.opens>\(.*\)</spark.java.opens>.*:\1:p' pom.xml)
CP="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
WH=$(mktemp -d "${TMPDIR:-/tmp}/propensity-acceptance-XXXX")
# shellcheck disable=SC2086
nice -n 19 java -Xmx4g $OPENS -cp "$CP" io.crmanalytics.bench.PropensityAcceptance "${1:-sample-data}" "$WH"
