"""crm-analytics nightly DAG: one SparkSubmitOperator per job of jobs/nightly.json.

Every task runs `spark-submit --class io.crmanalytics.cli.Main <application jar> --warehouse ... --run-date
{{ ds }} <job command>`, so a task computes exactly its logical date and can be re-run or backfilled alone
(each job replaces its run date's partition). Deployment and Variables: airflow/README.md.
"""

from datetime import datetime

try:  # Airflow 3
    from airflow.sdk import DAG, Variable
except ImportError:  # Airflow 2.4+
    from airflow import DAG
    from airflow.models import Variable
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

import crm_graph


def _variable(name, default):
    # Positional: the parameter is default_var in Airflow 2 and default in Airflow 3.
    return Variable.get(name, default)


def _sla_supported():
    # Airflow 3 removed task SLAs (replaced by deadline alerts); Airflow 2 honours them.
    import airflow
    return int(airflow.__version__.split(".")[0]) < 3


settings = crm_graph.Settings.from_variables(_variable)
graph = crm_graph.load_graph(_variable("crm_job_graph", crm_graph.VARIABLE_DEFAULTS["crm_job_graph"]))
start_date = datetime.fromisoformat(_variable("crm_start_date", crm_graph.VARIABLE_DEFAULTS["crm_start_date"]))

with DAG(
    dag_id=graph.name,
    description="crm-analytics nightly: ingest, analytics jobs, publish (jobs/nightly.json)",
    schedule=graph.schedule,
    start_date=start_date,
    # Every job is idempotent per run date, so missed days can be filled in; one run at a time keeps the
    # publish step's volume gate comparing with the day before.
    catchup=True,
    max_active_runs=1,
    tags=["crm-analytics"],
) as dag:
    operators = {}
    for task in crm_graph.build_tasks(graph, settings):
        extra = {"sla": task.sla} if _sla_supported() else {}
        operators[task.task_id] = SparkSubmitOperator(
            task_id=task.task_id,
            doc_md=task.description,
            conn_id=settings.conn_id,
            application=settings.application_jar,
            java_class=crm_graph.MAIN_CLASS,
            application_args=task.application_args,
            conf=task.conf,
            name="crm-" + task.task_id,
            retries=task.retries,
            retry_delay=task.retry_delay,
            retry_exponential_backoff=task.retry_exponential_backoff,
            max_retry_delay=task.max_retry_delay,
            **extra,
        )
        for upstream in task.upstream:
            operators[upstream] >> operators[task.task_id]
