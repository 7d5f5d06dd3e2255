"""Tiny bridge from a notebook to the crm-analytics warehouse.

Queries go through the real `bin/crm sql` command (Spark SQL over the Delta tables, the same read-only door,
masking and audit), so a notebook sees exactly what the CLI and BI tools see. Set CRM_WAREHOUSE to point at another
warehouse (default: ./warehouse of the repository).

One `crm sql --stdin` session serves all of a notebook's queries: the JVM and Spark start once (about 11 s on
2 cores) instead of once per query. It is started at the first query and ends with the kernel.
"""
import atexit
import io
import json
import os
import subprocess
import tempfile
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
WAREHOUSE = os.environ.get("CRM_WAREHOUSE", str(REPO / "warehouse"))

_session = None
_errors = None  # the session's stderr: a file, so that a chatty JVM can never block on a full pipe


def _start():
    global _errors
    _errors = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
    command = [str(REPO / "bin" / "crm"), "sql", "--warehouse", WAREHOUSE, "--format", "csv", "--limit", "0",
               "--stdin"]
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=_errors,
                            text=True, encoding="utf-8")


def _close():
    global _session
    if _session is not None:
        _session.stdin.close()
        _session.wait(timeout=60)
        _session = None


atexit.register(_close)


def sql(query: str) -> pd.DataFrame:
    """Runs a Spark SQL query over the warehouse and returns the result as a DataFrame."""
    global _session
    if _session is None or _session.poll() is not None:
        _session = _start()
    _session.stdin.write(json.dumps({"sql": query}) + "\n")
    _session.stdin.flush()
    line = _session.stdout.readline()
    if not line:
        _session.wait(timeout=60)
        _errors.seek(0)
        error = _errors.read().strip()
        _session = None
        raise RuntimeError(f"crm sql ended: {error}")
    answer = json.loads(line)
    if not answer["ok"]:
        raise RuntimeError(f"crm sql failed: {answer['error']}")
    return pd.read_csv(io.StringIO(answer["output"]))


def latest_run_date(table: str) -> str:
    """The newest run_date of a gold table, as YYYY-MM-DD."""
    return str(sql(f"SELECT max(run_date) AS run_date FROM gold.{table}")["run_date"].iloc[0])
