#!/usr/bin/env bash
# Executes every notebook top to bottom against a warehouse (default ./warehouse), headless, without
# writing outputs back into the repository. Used by the test suite; exits non-zero if any cell fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export CRM_WAREHOUSE="${CRM_WAREHOUSE:-$here/../warehouse}"
out="${NOTEBOOK_OUT:-$here/../target/notebooks}"
mkdir -p "$out"
# Debian's Jupyter lives with the system python, not with any python3 earlier on PATH.
py=/usr/bin/python3
for notebook in "$here"/*.ipynb; do
  name="$(basename "$notebook")"
  echo "notebook $name"
  (cd "$here" && "$py" -m nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
      --output-dir "$out" --output "$name" "$notebook" 2>&1 | tail -n 5)
  test -s "$out/$name"
done
echo "notebooks: all executed"
