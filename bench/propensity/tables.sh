#!/usr/bin/env bash
# Propensity quality across real tables: six customer-like tables of Debian's r-cran-modeldata (churn, credit,
# loans, attrition, remote work), three seeded 70/30 splits each, `crm propensity train` + `score` (BYO mode,
# default grid) of one or more checkouts against scikit-learn's tuned references on the same splits (real.py).
# One fixed split (real.sh) ranks models by luck as much as by skill; 18 splits of 6 tables show whether a change
# to the model search helps in general. Nothing is downloaded and no data is committed.
# Needs: apt-get install -y r-base-core r-cran-modeldata python3-sklearn. Quality only: no timings (see real.sh).
# Usage: bench/propensity/tables.sh CHECKOUT [BASE ...]   (each built, bin/crm ready; CHECKOUT is compared with
#        each BASE, and its bench/results/propensity-tables.md gets the table)
set -euo pipefail
[[ $# -ge 1 ]] || { sed -n 2,9p "$0"; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3   # Debian's python, where python3-sklearn is installed
WORK=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/propensity-tables-XXXX")}
RESULTS="$(cd "$1" && pwd)/bench/results/propensity-tables.md"
TABLES="wa_churn mlc_churn credit_data lending_club attrition stackoverflow"
mkdir -p "$WORK"
# The label becomes a 0/1 column y; 1 is the class a campaign would target (the churner, the bad loan, ...).
Rscript -e "library(modeldata); setwd('$WORK')
  w <- function(x, label, positive, name) { y <- as.integer(x[[label]] == positive); x[[label]] <- NULL
    x\$y <- y; write.csv(x, paste0(name, '.csv'), row.names = FALSE, na = '') }
  data(wa_churn); w(wa_churn, 'churn', 'Yes', 'wa_churn'); data(mlc_churn); w(mlc_churn, 'churn', 'yes', 'mlc_churn')
  data(credit_data); w(credit_data, 'Status', 'bad', 'credit_data')
  data(lending_club); w(lending_club, 'Class', 'bad', 'lending_club')
  data(attrition); w(attrition, 'Attrition', 'Yes', 'attrition')
  data(stackoverflow); w(stackoverflow, 'Remote', 'Remote', 'stackoverflow')" > /dev/null

LINES="$WORK/lines.txt"
: > "$LINES"
for table in $TABLES; do
    for seed in 1 2 3; do
        dir="$WORK/$table-$seed"
        mkdir -p "$dir"
        $PY "$HERE/real.py" split "$WORK/$table.csv" y "$dir" "$seed" > /dev/null
        for checkout in "$@"; do
            rev=$(git -C "$checkout" rev-parse --short HEAD)
            out="$dir/$rev"
            mkdir -p "$out"
            "$checkout/bin/crm" propensity train --features "$dir/train.csv" --label y --id row_id \
                --model-dir "$out/model" > "$out/train.log" 2>&1
            "$checkout/bin/crm" propensity score --model-dir "$out/model" --features "$dir/test.csv" \
                --out "$out/scores.csv" > "$out/score.log" 2>&1
            chosen=$(sed -n 's/^chosen: \([a-z_]*\).*depth=\([0-9]*\).*/\1 depth \2/p;s/^chosen: \(logistic_regression\).*/\1/p' \
                "$out/train.log")
            echo "$table $seed crm@$rev $($PY "$HERE/real.py" evaluate "$dir" y "$out/scores.csv" | tr -d ' ') $chosen" \
                >> "$LINES"
        done
        $PY "$HERE/real.py" reference "$dir" y | $PY -c "
import json, sys
for name, r in json.load(sys.stdin).items():
    short = 'sklearn-LR' if 'Logistic' in name else 'sklearn-HGB'
    print('$table', $seed, short, json.dumps({'auc': r['auc'], 'lift': r['lift']}).replace(' ', ''))" >> "$LINES"
        tail -n $(($# + 2)) "$LINES"
    done
done
$PY - "$LINES" "$(nproc)" >> "$RESULTS" <<'PYEOF'
import collections, json, sys, datetime
rows = collections.defaultdict(dict)
chosen = {}
for line in open(sys.argv[1]):
    table, seed, model, result, *rest = line.split(maxsplit=4)
    rows[(table, int(seed))][model] = json.loads(result)
    chosen[(table, int(seed), model)] = " ".join(rest).strip()
models = list(dict.fromkeys(m for r in rows.values() for m in r))
print(f"\n### {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC tables.sh, {sys.argv[2]} cores, seeds 1-3\n")
print("| table | seed | " + " | ".join(f"{m} AUC / lift" for m in models) + " |")
print("|---|---:|" + "---:|" * len(models))
for (table, seed), r in sorted(rows.items()):
    cells = []
    for m in models:
        text = f"{r[m]['auc']:.4f} / {r[m]['lift']:.2f}"
        cells.append(text + (f" ({chosen[(table, seed, m)]})" if chosen.get((table, seed, m)) else ""))
    print(f"| {table} | {seed} | " + " | ".join(cells) + " |")
n = len(rows)
print("| **mean** | | " + " | ".join(
    f"**{sum(r[m]['auc'] for r in rows.values()) / n:.4f} / {sum(r[m]['lift'] for r in rows.values()) / n:.3f}**"
    for m in models) + " |")
crm = [m for m in models if m.startswith("crm@")]
for a, b in [(crm[0], other) for other in crm[1:]]:
    for k in ("auc", "lift"):
        up = sum(r[a][k] > r[b][k] for r in rows.values())
        down = sum(r[a][k] < r[b][k] for r in rows.values())
        print(f"\n{a} against {b}, {k}: higher in {up}, lower in {down}, equal in {n - up - down} of {n} splits.")
for m in crm:
    met = sum(r[m]["auc"] >= max(r["sklearn-LR"]["auc"], r["sklearn-HGB"]["auc"]) - 0.005 for r in rows.values())
    lift = sum(r[m]["lift"] >= max(r["sklearn-LR"], r["sklearn-HGB"], key=lambda x: x["auc"])["lift"]
               for r in rows.values())
    print(f"\n{m}: AUC within 0.005 of the better reference in {met} of {n} splits; top-decile lift at least the "
          f"better reference's in {lift} of {n}.")
PYEOF
tail -n 30 "$RESULTS"
