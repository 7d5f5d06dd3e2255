#!/usr/bin/env bash
# Real-data benchmark: `crm propensity train` / `score` (bring-your-own mode) against scikit-learn on the same
# fixed, seeded 70/30 split of two public churn tables from Debian's r-cran-modeldata (wa_churn: 7,043 telecom
# customers; mlc_churn: 5,000). Nothing is downloaded and no data is committed: the tables come from the installed
# R package. Needs: apt-get install -y r-base-core r-cran-modeldata python3-sklearn.
# Usage: bench/propensity/real.sh [WORK_DIR]      Writes bench/results/propensity-real.md.
# Timings are whole commands (JVM start included), bin/crm's default 4 GB driver heap.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
WORK=${1:-$(mktemp -d "${TMPDIR:-/tmp}/propensity-real-XXXX")}
PY=/usr/bin/python3   # Debian's python, where python3-sklearn is installed
RESULTS=bench/results/propensity-real.md
mkdir -p "$WORK"
Rscript -e "library(modeldata); data(wa_churn); data(mlc_churn);
  write.csv(wa_churn, '$WORK/wa_churn.csv', row.names = FALSE, na = '');
  write.csv(mlc_churn, '$WORK/mlc_churn.csv', row.names = FALSE, na = '')" >/dev/null

seconds() { awk -v s="$1" -v e="$2" 'BEGIN{printf "%.1f", (e - s) / 1e9}'; }
field() { $PY -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

{
  echo "| data set | train / test rows | model | test AUC | top-decile lift | wall s | chosen |"
  echo "|---|---|---|---:|---:|---:|---|"
} > "$WORK/table.md"
# bin/crm writes its class-data archive at the exit of the first Spark command after a build, which takes that
# command ~20 s longer once; do it here, untimed, so the timings below are every later command's.
"$ROOT/bin/crm" --version > /dev/null
mkdir -p "$WORK/warm"
$PY bench/propensity/real.py split "$WORK/wa_churn.csv" churn "$WORK/warm" > /dev/null
"$ROOT/bin/crm" propensity train --features "$WORK/warm/train.csv" --label churn --id row_id \
  --model-dir "$WORK/warm/model" > "$WORK/warm/train.log" 2>&1
for DATA in wa_churn mlc_churn; do
  DIR="$WORK/$DATA"
  mkdir -p "$DIR"
  SIZES=$($PY bench/propensity/real.py split "$WORK/$DATA.csv" churn "$DIR")
  ROWS="$(echo "$SIZES" | field 'd["train_rows"]') / $(echo "$SIZES" | field 'd["test_rows"]')"
  S=$(date +%s%N)
  "$ROOT/bin/crm" propensity train --features "$DIR/train.csv" --label churn --id row_id \
    --model-dir "$DIR/model" > "$DIR/train.log" 2>&1
  M=$(date +%s%N)
  "$ROOT/bin/crm" propensity score --model-dir "$DIR/model" --features "$DIR/test.csv" \
    --out "$DIR/scores.csv" > "$DIR/score.log" 2>&1
  E=$(date +%s%N)
  OURS=$($PY bench/propensity/real.py evaluate "$DIR" churn "$DIR/scores.csv")
  CHOSEN=$(sed -n 's/^chosen: \([a-z_]*\).*/\1/p' "$DIR/train.log")
  printf "| %s | %s | crm propensity train + score (grid small) | %.4f | %.2f | %s + %s | %s |\n" "$DATA" "$ROWS" \
    "$(echo "$OURS" | field 'd["auc"]')" "$(echo "$OURS" | field 'd["lift"]')" "$(seconds "$S" "$M")" \
    "$(seconds "$M" "$E")" "$CHOSEN" >> "$WORK/table.md"
  $PY bench/propensity/real.py reference "$DIR" churn > "$DIR/reference.json"
  $PY - "$DIR/reference.json" "$DATA" "$ROWS" >> "$WORK/table.md" <<'PYEOF'
import json, sys
results = json.load(open(sys.argv[1]))
for name, r in results.items():
    print(f"| {sys.argv[2]} | {sys.argv[3]} | {name} | {r['auc']:.4f} | {r['lift']:.2f} | {r['seconds']:.1f} | {r['params']} |")
PYEOF
done
{
  echo ""
  echo "### $(date -u +%Y-%m-%d) real.sh, $(nproc) cores, seed 20261201 split"
  echo ""
  cat "$WORK/table.md"
} | tee -a "$RESULTS"
