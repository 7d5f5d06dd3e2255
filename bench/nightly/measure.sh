#!/usr/bin/env bash
# One measured nightly run: `crm run --input INPUT` into a fresh WAREHOUSE, timed as a whole process, with the
# process's resident memory sampled twice a second so each job gets its own peak (the window from the previous
# job's progress line to its own). Appends a section to RESULTS (default bench/results/nightly.md) and keeps the
# run's stderr as WAREHOUSE.stderr.txt.
#
# Usage: bench/nightly/measure.sh LABEL INPUT WAREHOUSE [crm options...]
# Environment: CRM (default: bin/crm of this checkout), RESULTS, CRM_DRIVER_MEMORY (bin/crm's, default 4g).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
label="$1"; input="$2"; warehouse="$3"; shift 3
crm="${CRM:-$root/bin/crm}"
results="${RESULTS:-$root/bench/results/nightly.md}"
run_date="${RUN_DATE:-2026-06-30}"

rm -rf "$warehouse"
mkdir -p "$warehouse"
work="$(mktemp -d "${TMPDIR:-/tmp}/crm-nightly.XXXXXX")"
load_before="$(uptime)"

start=$(date +%s.%N)
/usr/bin/time -v -o "$work/time.txt" "$crm" run --input "$input" --run-date "$run_date" \
    --warehouse "$warehouse" "$@" > "$work/stdout.txt" 2> "$work/stderr.txt" &
launcher=$!
# Sample the JVM's RSS and which job line was printed last. bin/crm execs java (the time child is the JVM), except
# in the run that writes its class-data archive, where java is bin/crm's child.
jvm_under() {
    local pid="$1" depth
    for depth in 1 2 3; do
        pid="$(pgrep -P "$pid" | head -n 1 || true)"
        [[ -z "$pid" ]] && return 0
        if [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == java ]]; then
            echo "$pid"
            return 0
        fi
    done
}
: > "$work/rss.txt"
while kill -0 "$launcher" 2>/dev/null; do
    jvm="$(jvm_under "$launcher")"
    if [[ -n "$jvm" && -r "/proc/$jvm/status" ]]; then
        rss_kb="$(awk '/^VmRSS:/ {print $2}' "/proc/$jvm/status" 2>/dev/null || true)"
        jobs_done="$(grep -c '^\[[0-9]*/[0-9]*\]' "$work/stdout.txt" 2>/dev/null || true)"
        [[ -n "$rss_kb" ]] && echo "$jobs_done $rss_kb" >> "$work/rss.txt"
    fi
    sleep 0.5
done
set +e
wait "$launcher"
status=$?
set -e
end=$(date +%s.%N)
load_after="$(uptime)"

python3 "$here/summarise.py" --label "$label" --input "$input" --warehouse "$warehouse" --run-date "$run_date" \
    --status "$status" --wall "$(echo "$end - $start" | bc)" --work "$work" \
    --load-before "$load_before" --load-after "$load_after" --options "$*" >> "$results"
tail -n 30 "$results"
if [[ $status -ne 0 ]]; then
    echo "measure: crm run failed ($status); its output is in $work" >&2
    tail -n 20 "$work/stderr.txt" >&2
    exit "$status"
fi
# The run's log (per-step times of every job) stays beside its warehouse, for reading after the section is written.
cp "$work/stderr.txt" "$warehouse.stderr.txt"
rm -rf "$work"
