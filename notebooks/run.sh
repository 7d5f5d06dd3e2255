#!/usr/bin/env bash
# Executes every notebook top to bottom against a warehouse (default ./warehouse), headless, without
# writing outputs back into the repository. Used by the test suite; exits non-zero if any cell fails.
# The notebooks run at the same time: each spends most of its time starting its own `crm sql` JVM.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export CRM_WAREHOUSE="${CRM_WAREHOUSE:-$here/../warehouse}"
out="${NOTEBOOK_OUT:-$here/../target/notebooks}"
mkdir -p "$out"
# Debian's Jupyter lives with the system python, not with any python3 earlier on PATH.
py=/usr/bin/python3
names=()
pids=()
for notebook in "$here"/*.ipynb; do
  name="$(basename "$notebook")"
  names+=("$name")
  (cd "$here" && "$py" -m nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
      --output-dir "$out" --output "$name" "$notebook" > "$out/$name.log" 2>&1) &
  pids+=($!)
done
failed=0
for i in "${!names[@]}"; do
  name="${names[$i]}"
  status=0
  wait "${pids[$i]}" || status=$?
  echo "notebook $name"
  tail -n 5 "$out/$name.log"
  if [[ $status -ne 0 || ! -s "$out/$name" ]]; then
    echo "notebook $name FAILED (exit $status; whole log: $out/$name.log)" >&2
    failed=1
  fi
done
[[ $failed -eq 0 ]] || exit 1
echo "notebooks: all executed"
