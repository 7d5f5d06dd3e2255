#!/usr/bin/env bash
# Speed of bring-your-own mode: `crm propensity train` on a 6,000 x 85 table and `score` on 4,000 rows, whole
# commands (JVM start included), bin/crm's default driver heap. The table is generated (seeded): 60 numbers,
# 15 text columns, 10 integer codes, a yes/no label from a logistic truth.
# Usage: bench/propensity/byo-speed.sh [OTHER_CHECKOUT ...]   (KEEP_WORK=1 keeps the tables and models)   each further checkout (e.g. a build of the previous
# code) is timed in the same run, interleaved, so that a shared machine's load hits both alike.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=$(mktemp -d "${TMPDIR:-/tmp}/propensity-byo-speed-XXXX")
/usr/bin/python3 - "$WORK" <<'PYEOF'
import math, random, sys
out = sys.argv[1]
def table(n, seed, path):
    r = random.Random(seed)
    header = ["customer_id"] + [f"num_{i}" for i in range(60)] + [f"text_{i}" for i in range(15)] \
        + [f"code_{i}" for i in range(10)] + ["bought"]
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for k in range(n):
            nums = [r.gauss(0, 1) for _ in range(60)]
            texts = [r.choice("abcdefgh"[: 3 + i % 5]) for i in range(15)]
            codes = [r.randint(1, 4 + i) for i in range(10)]
            logit = -1.5 + 0.8 * nums[0] - 0.5 * nums[1] + 0.3 * nums[2] * nums[3] \
                + (0.9 if texts[0] == "a" else 0) + (0.7 if codes[0] == 2 else 0)
            label = "yes" if r.random() < 1 / (1 + math.exp(-logit)) else "no"
            cells = [f"C{k:06d}"] + [f"{v:.4f}" if r.random() > 0.02 else "" for v in nums] + texts \
                + [str(c) for c in codes] + [label]
            f.write(",".join(cells) + "\n")
table(6000, 1, f"{out}/train.csv")
table(4000, 2, f"{out}/score.csv")
PYEOF
time_of() { local s e; s=$(date +%s%N); "$@" > "$WORK/last.log" 2>&1 || { cat "$WORK/last.log"; exit 1; }; e=$(date +%s%N);
  awk -v s="$s" -v e="$e" 'BEGIN{printf "%.1f", (e - s) / 1e9}'; }
for CHECKOUT in "$(pwd)" "$@"; do "$CHECKOUT/bin/crm" --version > /dev/null; done   # builds, outside the timings
# "first train": the first Spark command after a build, which also writes bin/crm's class-data archive (where the
# checkout's bin/crm has one); the columns after it are every later command's time.
echo "| checkout | first train after the build (s) | train 6,000 x 85 (s) | score 4,000 (s) |"
echo "|---|---:|---:|---:|"
for CHECKOUT in "$(pwd)" "$@"; do
  rm -f "$CHECKOUT"/target/crm-cds-*.jsa
  name="$(basename "$CHECKOUT")"
  train() { "$CHECKOUT/bin/crm" propensity train --features "$WORK/train.csv" --label bought --id customer_id \
    --model-dir "$WORK/model-$name-$1"; }
  F=$(time_of train first)
  T=$(time_of train again)
  S=$(time_of "$CHECKOUT/bin/crm" propensity score --model-dir "$WORK/model-$name-again" \
    --features "$WORK/score.csv" --out "$WORK/scores-$name.csv")
  echo "| $CHECKOUT | $F | $T | $S |"
done
[[ -n "${KEEP_WORK:-}" ]] && echo "kept $WORK" || rm -rf "$WORK"
