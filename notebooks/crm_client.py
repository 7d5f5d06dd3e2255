"""Tiny bridge from a notebook to the crm-analytics warehouse.

Queries go through the real `bin/crm sql` command (Spark SQL over the Delta tables), so a notebook sees exactly
what the CLI and BI tools see. Set CRM_WAREHOUSE to point at another warehouse (default: ./warehouse of the
repository). Each call starts a JVM, so notebooks ask few, aggregated queries.
"""
import io
import os
import subprocess
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
WAREHOUSE = os.environ.get("CRM_WAREHOUSE", str(REPO / "warehouse"))


def sql(query: str) -> pd.DataFrame:
    """Runs a Spark SQL query over the warehouse and returns the result as a DataFrame."""
    command = [str(REPO / "bin" / "crm"), "sql", "--warehouse", WAREHOUSE, "--format", "csv", "--limit", "0", query]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"crm sql failed ({done.returncode}): {done.stderr.strip()}")
    return pd.read_csv(io.StringIO(done.stdout))


def latest_run_date(table: str) -> str:
    """The newest run_date of a gold table, as YYYY-MM-DD."""
    return str(sql(f"SELECT max(run_date) AS run_date FROM gold.{table}")["run_date"].iloc[0])
