"""The nightly job graph (jobs/nightly.json) turned into Airflow task specifications.

Plain Python, standard library only: Airflow cannot be installed where the tests run, so everything the DAG
needs is decided here and tested with unittest; crm_nightly.py only hands these specs to Airflow.

The graph file is the one `crm run` reads:
    {"name": ..., "schedule": ..., "jobs": [{"name", "command": [...], "depends_on": [...], "description"}]}
with ${input}, ${run_date} and ${warehouse} placeholders in the commands.
"""

import json
import os
import re
from dataclasses import dataclass, field
from datetime import timedelta

MAIN_CLASS = "io.crmanalytics.cli.Main"

# Delta Lake on the cluster. The application jar also sets these in its SparkSession; passing them to
# spark-submit keeps them visible in the Spark UI and in effect for anything that starts before our code.
DELTA_CONF = {
    "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
    "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
}

# The graph shipped next to this folder in the repository (airflow/dags/ -> jobs/nightly.json).
REPOSITORY_GRAPH = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "jobs",
                                                 "nightly.json"))

# Airflow Variables the DAG reads, with the defaults used when a Variable is not set (see airflow/README.md).
VARIABLE_DEFAULTS = {
    "crm_spark_conn_id": "spark_default",
    "crm_application_jar": "/opt/crm-analytics/crm-analytics-0.1.0-app.jar",
    "crm_warehouse": "/data/crm/warehouse",
    "crm_input": "/data/crm/input/{{ ds }}",
    "crm_job_graph": REPOSITORY_GRAPH,
    "crm_time_zone": "UTC",
    "crm_start_date": "2024-01-01",
    "crm_retries": "3",
    "crm_retry_delay_minutes": "5",
    "crm_max_retry_delay_minutes": "60",
    "crm_sla_hours": "6",
}

_PLACEHOLDER = re.compile(r"\$\{([a-z_]+)}")
_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


class GraphError(ValueError):
    """The job graph file is unusable; the message names the file and the job."""


@dataclass(frozen=True)
class Settings:
    """What a deployment chooses: paths may be Jinja templates, rendered by Airflow at run time."""
    conn_id: str
    application_jar: str
    warehouse: str
    input: str
    time_zone: str
    retries: int
    retry_delay: timedelta
    max_retry_delay: timedelta
    sla: timedelta

    @staticmethod
    def from_variables(get):
        """Settings from a getter get(name, default) -> str, e.g. Airflow's Variable.get."""
        def value(name):
            return get(name, VARIABLE_DEFAULTS[name])

        def number(name):
            text = value(name)
            try:
                result = float(text)
            except (TypeError, ValueError):
                raise GraphError("Airflow Variable %s must be a number, not %r" % (name, text))
            if result < 0:
                raise GraphError("Airflow Variable %s must not be negative, not %r" % (name, text))
            return result

        return Settings(
            conn_id=value("crm_spark_conn_id"),
            application_jar=value("crm_application_jar"),
            warehouse=value("crm_warehouse"),
            input=value("crm_input"),
            time_zone=value("crm_time_zone"),
            retries=int(number("crm_retries")),
            retry_delay=timedelta(minutes=number("crm_retry_delay_minutes")),
            max_retry_delay=timedelta(minutes=number("crm_max_retry_delay_minutes")),
            sla=timedelta(hours=number("crm_sla_hours")),
        )


@dataclass(frozen=True)
class TaskSpec:
    """One SparkSubmitOperator task: its id, the CLI arguments after the main class, and its upstream tasks."""
    task_id: str
    command: list
    application_args: list
    upstream: list
    description: str
    retries: int
    retry_delay: timedelta
    max_retry_delay: timedelta
    sla: timedelta
    retry_exponential_backoff: bool = True
    conf: dict = field(default_factory=lambda: dict(DELTA_CONF))


@dataclass(frozen=True)
class Graph:
    name: str
    schedule: str
    jobs: list


def load_graph(path):
    """Reads and checks the job graph: names unique, commands non-empty, dependencies listed before their job."""
    try:
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
    except OSError as error:
        raise GraphError("cannot read job graph %s: %s" % (path, error.strerror or error))
    except ValueError as error:
        raise GraphError("job graph %s is not valid JSON: %s" % (path, error))
    return parse_graph(data, path)


def parse_graph(data, source="job graph"):
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), list) or not data["jobs"]:
        raise GraphError("%s lists no jobs" % source)
    seen = []
    for job in data["jobs"]:
        name = job.get("name") if isinstance(job, dict) else None
        if not isinstance(name, str) or not _NAME.match(name):
            raise GraphError("%s: every job needs a name of letters, digits, '_', '.' or '-' (got %r)"
                             % (source, name))
        command = job.get("command")
        if not isinstance(command, list) or not command or not all(isinstance(a, str) for a in command):
            raise GraphError("%s: job '%s' needs a command, a non-empty list of strings" % (source, name))
        if name in seen:
            raise GraphError("%s: job '%s' appears twice" % (source, name))
        for dependency in job.get("depends_on") or []:
            if dependency not in seen:
                raise GraphError("%s: job '%s' depends on '%s', which is not listed before it"
                                 % (source, name, dependency))
        seen.append(name)
    return Graph(name=data.get("name") or "crm_nightly", schedule=data.get("schedule") or "@daily",
                 jobs=data["jobs"])


def resolve(argument, variables, job_name):
    """Replaces ${name} placeholders; an unknown one is an error naming the job."""
    def replace(match):
        key = match.group(1)
        if key not in variables:
            raise GraphError("job '%s' uses ${%s}, which the DAG does not define (defined: %s)"
                             % (job_name, key, ", ".join(sorted(variables))))
        return variables[key]
    return _PLACEHOLDER.sub(replace, argument)


def global_args(settings, run_date):
    """The crm options every task gets before its command: the same ones `crm run` passes to each job."""
    return ["--warehouse", settings.warehouse, "--run-date", run_date, "--time-zone", settings.time_zone]


def build_tasks(graph, settings, run_date="{{ ds }}"):
    """One TaskSpec per job, in graph order (which load_graph proved respects every dependency)."""
    variables = {"input": settings.input, "run_date": run_date, "warehouse": settings.warehouse}
    tasks = []
    for job in graph.jobs:
        command = [resolve(argument, variables, job["name"]) for argument in job["command"]]
        tasks.append(TaskSpec(
            task_id=job["name"],
            command=command,
            application_args=global_args(settings, run_date) + command,
            upstream=list(job.get("depends_on") or []),
            description=job.get("description") or "",
            retries=settings.retries,
            retry_delay=settings.retry_delay,
            max_retry_delay=settings.max_retry_delay,
            sla=settings.sla,
        ))
    return tasks
