#!/usr/bin/env bash
# Benchmark: the root-cause explanation engine (Spark, local[*]) against DuckDB GROUPING SETS computing the same
# single-factor and pairwise counts on the same Parquet shipments. Each engine runs in its own JVM so that peak
# memory (VmHWM, resident set high-water mark) is its own. Writes bench/results/rootcause.md.
# With BENCH_JOB=1 it also runs the whole root_causes job (complaint detection with the notes model, attribution,
# the engine, trends, the gold writes) on silver tables made once from the same shipments (DATA_DIR/warehouse).
#
#   bench/rootcause/run.sh [SHIPMENTS] [DATA_DIR]      default 10000000 and target/bench-rootcause
set -euo pipefail
cd "$(dirname "$0")/../.."
SHIPMENTS=${1:-10000000}
DATA=${2:-target/bench-rootcause/$SHIPMENTS}
HEAP=${BENCH_HEAP:-8g}

mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
OPENS=$(sed -n 's:.*<spark.java.opens>\(.*\)</spark.java.opens>.*:\1:p' pom.xml)
run() { nice -n 19 java -Xmx"$HEAP" $OPENS -cp "$CP" io.crmanalytics.bench.RootCauseBench "$@" | grep '^RESULT'; }

if [ ! -d "$DATA/shipments" ]; then
  run generate "$DATA" "$SHIPMENTS"
fi
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
SPARK=$(run spark "$DATA")
DUCK=$(run duckdb "$DATA")
echo "$SPARK"; echo "$DUCK"
JOB=""
if [ "${BENCH_JOB:-0}" = 1 ]; then
  if [ ! -d "$DATA/warehouse/silver/shipments" ]; then
    run silver "$DATA"
  fi
  JOB=$(run job "$DATA")
  echo "$JOB"
fi

read -r _ _ s_sec s_mb s_detail <<<"$SPARK"
read -r _ _ d_sec d_mb d_detail <<<"$DUCK"
ratio=$(python3 -c "print(f'{$s_sec/$d_sec:.1f}')")
mkdir -p bench/results
cat > bench/results/rootcause.md <<MD
## Root-cause explanation engine vs DuckDB ($(printf "%'d" "$SHIPMENTS") shipments)

Same Parquet files (8 dimensions, 4 complaint reasons, planted carrier and interaction), single-factor and
pairwise counts. The engine's JVM times everything from its start: the Spark session, one scan that encodes
the shipments into cached integer blocks, level 1 and level 2 of the Apriori search with min-support 0.01 (one
pass each over the cache), the risk ratios, p-values and Benjamini-Hochberg q-values, one pass for every
Mantel-Haenszel confounder stratification, and the ranking. DuckDB's JVM times one GROUPING SETS query over the
8 single and 28 pairwise sets (counts only: no pruning, no statistics). Not timed on either side: the job's
complaint detection, attribution, trends and table writes. Machine: $(nproc) cores, run under \`nice -n 19\`,
JVM heap $HEAP, load average before the run: $LOAD, $(date -u +%Y-%m-%d).

| engine | seconds | peak RSS (MB) | detail |
|---|---:|---:|---|
| crm explanation engine (Spark $(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' pom.xml), local[*]) | $s_sec | $s_mb | $s_detail |
| DuckDB $(sed -n 's:.*<duckdb.version>\(.*\)</duckdb.version>.*:\1:p' pom.xml) GROUPING SETS | $d_sec | $d_mb | $d_detail |

Ratio engine / DuckDB: **${ratio}x** (target: at most 3x).
MD
if [ -n "$JOB" ]; then
  read -r _ _ j_sec j_mb j_detail <<<"$JOB"
  jratio=$(python3 -c "print(f'{$j_sec/$d_sec:.1f}')")
  cat >> bench/results/rootcause.md <<MD

The whole job on the same shipments (\`BENCH_JOB=1\`): silver tables made from the Parquet files once (one
order, one customer per region bucket, delivery times giving each shipment its status, one contact per complaint:
30% without order id, 10% known only from English or Chinese notes; 3% of shipments with a product question),
then \`RootCausesJob\` with \`--max-factors 2\`, timed from its JVM's start, the Spark session included.

| run | seconds | peak RSS (MB) | detail |
|---|---:|---:|---|
| root_causes job | $j_sec | $j_mb | $j_detail |

Ratio job / DuckDB: **${jratio}x**.
MD
fi
cat bench/results/rootcause.md
