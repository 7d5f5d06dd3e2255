# Sourced by the propensity harnesses that run a benchmark class from the test classes (run.sh,
# learning-curve.sh): compiles, then sets BUILD (a copy of the build, so that a rebuild during a long run does
# not change classes under it; the caller removes it), CP (its classpath) and OPENS (the JVM flags Spark needs).
# Run from the project root.
mvn -B -q -o test-compile -DskipTests
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt >/dev/null
OPENS=$(sed -n 's:.*<spark.java.opens>\(.*\)</spark.java.opens>.*:\1:p' pom.xml)
BUILD=$(mktemp -d "${TMPDIR:-/tmp}/propensity-bench-build-XXXX")
cp -r target/classes target/test-classes "$BUILD"/
CP="$BUILD/classes:$BUILD/test-classes:$(cat target/test-classpath.txt)"
