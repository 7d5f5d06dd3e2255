#!/usr/bin/env bash
# `crm ingest` on a real Spark standalone cluster: one master and one two-core worker on 127.0.0.1, built from
# the Maven Spark jars, the application jar submitted through jobs/submit. Checks that the jar is packaged as a
# cluster expects and that the executor really ran on the worker; stops every process it started, whatever
# happens. The full lane's StandaloneClusterIngestTest (failsafe) runs it and compares the warehouse it leaves
# with the same ingest in local mode.
#
# Usage: scripts/cluster-ingest.sh INPUT_DIR WAREHOUSE [RUN_DATE]   (RUN_DATE default 2024-05-01)
# Environment: CLUSTER_TEST_KEEP=1 keeps the scratch folder (logs of master, worker and driver).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -ge 2 ]] || { echo "usage: $0 INPUT_DIR WAREHOUSE [RUN_DATE]" >&2; exit 2; }
input="$(cd "$1" && pwd)"
cluster_wh="$2"
run_date="${3:-2024-05-01}"
started=$SECONDS

say() { printf 'cluster-ingest: %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

java="java"
[[ -n "${JAVA_HOME:-}" ]] && java="$JAVA_HOME/bin/java"

# bin/crm builds what is missing (classes, classpath files, java opens, app jar) and we need all of it.
"$root/bin/crm" --version >/dev/null
jar="$(ls "$root"/target/crm-analytics-*-app.jar | head -n 1)"
read -r -a opens < "$root/target/java-opens.txt"

# The app jar as a cluster expects it: the job graph and Delta inside, Spark and Scala not.
python3 - "$jar" <<'EOF' || fail "the application jar $jar is not packaged as a cluster expects"
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
must = ["jobs/nightly.json", "io/crmanalytics/cli/Main.class", "io/delta/sql/DeltaSparkSessionExtension.class",
        "picocli/CommandLine.class", "smile/base/cart/CART.class", "ml/dmlc/xgboost4j/java/XGBoost.class",
        "lib/linux/x86_64/libxgboost4j.so"]
must_not = ["scala/Predef.class", "org/apache/spark/SparkContext.class", "org/apache/hadoop/fs/FileSystem.class",
            "org/yaml/snakeyaml/Yaml.class", "lib/macos/x86_64/libxgboost4j.dylib"]
missing = [n for n in must if n not in names]
present = [n for n in must_not if n in names]
if missing or present:
    print("missing: %s; should not be bundled: %s" % (missing, present), file=sys.stderr)
    sys.exit(1)
EOF

scratch="$(mktemp -d "${TMPDIR:-/tmp}/crm-cluster-ingest.XXXXXX")"
pids=()
cleanup() {
    local code=$?
    # Each daemon runs in its own process group (setsid), so executors started by a worker go with it.
    for pid in ${pids[@]+"${pids[@]}"}; do
        kill -TERM -- "-$pid" 2>/dev/null || true
    done
    for pid in ${pids[@]+"${pids[@]}"}; do
        for _ in $(seq 50); do
            kill -0 -- "-$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL -- "-$pid" 2>/dev/null || true
    done
    if [[ $code -ne 0 ]]; then
        for log in "$scratch"/logs/*.log; do
            [[ -f "$log" ]] || continue
            say "--- last lines of $(basename "$log")"
            tail -n 15 "$log" >&2 || true
        done
    fi
    if [[ "${CLUSTER_TEST_KEEP:-}" == 1 ]]; then
        say "kept $scratch"
    else
        rm -rf "$scratch"
    fi
    exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A SPARK_HOME as a Worker needs it to build executor command lines: jars/ with Spark's runtime classpath
# and a RELEASE file (which tells the launcher to look in jars/). What the app jar bundles is left out, as on
# a real cluster, so a dependency missing from the app jar fails here. Keep in step with the shade includes.
spark_home="$scratch/spark-home"
mkdir -p "$spark_home/jars" "$spark_home/bin" "$scratch/logs"
echo "Spark 4.1.0 (crm-analytics cluster test, jars from the Maven build)" > "$spark_home/RELEASE"
bundled='/(io/delta|io/unitycatalog|com/github/haifengl|org/bytedeco|com/epam|info/picocli|ml/dmlc)/|/commons-csv-|/jackson-dataformat-yaml-|/snakeyaml-|/jackson-datatype-jdk8-'
tr ':' '\n' < <(cat "$root/target/classpath.txt"; echo; cat "$root/target/classpath-runtime.txt") \
    | grep -E '\.jar$' | grep -vE "$bundled" | sort -u | while read -r dep; do
        ln -sf "$dep" "$spark_home/jars/$(basename "$dep")"
    done
# spark-submit of this SPARK_HOME: the real SparkSubmit class on the jars above. Every JVM here (daemons, the
# driver, executors) uses the throughput collector, as bin/crm does: the test shares two cores with the test JVM.
cat > "$spark_home/bin/spark-submit" <<EOF
#!/usr/bin/env bash
exec "$java" ${opens[*]} -Xmx1g -XX:+UseParallelGC -cp "$spark_home/jars/*" org.apache.spark.deploy.SparkSubmit "\$@"
EOF
chmod +x "$spark_home/bin/spark-submit"
export SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.13
# Executors on this machine reach the driver and each other over loopback only.
export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=127.0.0.1

daemon() { # name, main class, args...
    local name=$1 main=$2
    shift 2
    setsid "$java" "${opens[@]}" -Xmx256m -XX:+UseParallelGC -cp "$spark_home/jars/*" "$main" "$@" \
        > "$scratch/logs/$name.log" 2>&1 < /dev/null &
    pids+=($!)
}

master_port=$(free_port)
master_ui=$(free_port)
master="spark://127.0.0.1:$master_port"
daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" --webui-port "$master_ui"
for _ in $(seq 360); do
    grep -q "I have been elected leader" "$scratch/logs/master.log" 2>/dev/null && break
    sleep 0.5
done
grep -q "I have been elected leader" "$scratch/logs/master.log" || fail "master did not start"
# One worker with both cores: one executor JVM runs the tasks, two at a time, so task closures, results and
# Delta's executor-side writes cross a process boundary as on a real cluster. A second worker would add a cold JVM
# (start-up, JIT, code generation) for no check the test makes; shuffles between executors are Spark's own.
daemon worker org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 --memory 1g \
    --webui-port "$(free_port)" --work-dir "$scratch/work" "$master"
workers=0
for _ in $(seq 360); do
    workers=$(curl -sf "http://127.0.0.1:$master_ui/json/" | python3 -c 'import json,sys; print(json.load(sys.stdin)["aliveworkers"])' 2>/dev/null || echo 0)
    [[ "$workers" == 1 ]] && break
    sleep 0.5
done
[[ "$workers" == 1 ]] || fail "expected 1 worker registered with $master, found $workers"
say "standalone cluster up: $master with 1 worker of 2 cores ($((SECONDS - started))s)"

common=(--warehouse "$cluster_wh" --run-date "$run_date")
# Code generation on, as given at launch: the data is small enough for crm to evaluate interpreted by itself
# (warehouse.CodeGeneration), and the local-mode ingest it is compared with does. So the comparison also checks
# that generated and interpreted evaluation write the same rows.
CRM_SUBMIT_ARGS="--master $master --deploy-mode client --driver-memory 1g --executor-memory 512m
    --conf spark.sql.codegen.wholeStage=true --conf spark.sql.codegen.factoryMode=FALLBACK
    --conf spark.executor.extraJavaOptions=-XX:+UseParallelGC
    --conf spark.cores.max=2 --conf spark.sql.shuffle.partitions=4 --conf spark.driver.host=127.0.0.1
    --conf spark.driver.bindAddress=127.0.0.1 --conf spark.ui.enabled=false" \
    CRM_JAR="$jar" "$root/jobs/submit" ingest --input "$input" "${common[@]}" --max-reject-rate 0.2 \
    > "$scratch/logs/submit.log" 2>&1 || fail "ingest under spark-submit failed"
# The work must really have run on the worker: each executor gets a folder under the application's on a worker.
executors=$(find "$scratch"/work -mindepth 2 -maxdepth 2 -type d 2>/dev/null | wc -l)
[[ "$executors" -ge 1 ]] || fail "no executor ran on the worker"
say "ingest on the cluster done: $executors executor(s) ($((SECONDS - started))s)"
