"""Tests of the nightly DAG's graph logic, standard library only (run: python3 -m unittest discover airflow/tests).

The CLI check runs the real `crm` for every task: bin/crm when present, else the compiled classes
(target/classes + target/classpath.txt from `mvn compile`).
"""

import json
import os
import py_compile
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from datetime import timedelta

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DAGS = os.path.join(REPO, "airflow", "dags")
sys.path.insert(0, DAGS)

import crm_graph  # noqa: E402

GRAPH_FILE = os.path.join(REPO, "jobs", "nightly.json")


def defaults(name, default):
    return default


def crm_command():
    """How to start the real CLI here, or a reason why it cannot be started."""
    launcher = os.path.join(REPO, "bin", "crm")
    if os.path.isfile(launcher) and os.access(launcher, os.X_OK):
        return [launcher], None
    classes = os.path.join(REPO, "target", "classes")
    classpath_file = os.path.join(REPO, "target", "classpath.txt")
    java = shutil.which("java")
    if not (os.path.isdir(classes) and os.path.isfile(classpath_file) and java):
        return None, "neither bin/crm nor target/classes + target/classpath.txt (run `mvn compile`) + java"
    with open(classpath_file, encoding="utf-8") as stream:
        classpath = classes + os.pathsep + stream.read().strip()
    return [java, "-cp", classpath, crm_graph.MAIN_CLASS], None


class GraphTest(unittest.TestCase):
    def setUp(self):
        with open(GRAPH_FILE, encoding="utf-8") as stream:
            self.raw = json.load(stream)
        self.graph = crm_graph.load_graph(GRAPH_FILE)
        self.settings = crm_graph.Settings.from_variables(defaults)
        self.tasks = crm_graph.build_tasks(self.graph, self.settings)

    def test_tasks_and_order_equal_the_job_graph(self):
        self.assertEqual([job["name"] for job in self.raw["jobs"]], [task.task_id for task in self.tasks])
        self.assertEqual([job.get("depends_on", []) for job in self.raw["jobs"]],
                         [task.upstream for task in self.tasks])
        position = {task.task_id: index for index, task in enumerate(self.tasks)}
        for task in self.tasks:
            for upstream in task.upstream:
                self.assertLess(position[upstream], position[task.task_id])
        self.assertEqual(self.raw["schedule"], self.graph.schedule)
        self.assertEqual(self.raw["name"], self.graph.name)

    def test_arguments_carry_the_logical_date_and_resolved_placeholders(self):
        for task, job in zip(self.tasks, self.raw["jobs"]):
            args = task.application_args
            self.assertEqual(["--warehouse", "/data/crm/warehouse", "--run-date", "{{ ds }}", "--time-zone", "UTC"],
                             args[:6])
            self.assertEqual(len(job["command"]), len(task.command))
            self.assertEqual(task.command, args[6:])
            self.assertFalse(any("${" in arg for arg in args), args)
        ingest = next(task for task in self.tasks if task.task_id == "ingest")
        self.assertIn("/data/crm/input/{{ ds }}", ingest.command)

    def test_retries_backoff_sla_and_delta_conf(self):
        for task in self.tasks:
            self.assertEqual(3, task.retries)
            self.assertTrue(task.retry_exponential_backoff)
            self.assertEqual(timedelta(minutes=5), task.retry_delay)
            self.assertEqual(timedelta(minutes=60), task.max_retry_delay)
            self.assertEqual(timedelta(hours=6), task.sla)
            self.assertEqual("io.delta.sql.DeltaSparkSessionExtension", task.conf["spark.sql.extensions"])

    def test_variables_override_defaults(self):
        given = {"crm_warehouse": "s3a://lake/crm", "crm_retries": "5", "crm_sla_hours": "2.5",
                 "crm_spark_conn_id": "spark_yarn"}
        settings = crm_graph.Settings.from_variables(lambda name, default: given.get(name, default))
        tasks = crm_graph.build_tasks(self.graph, settings, run_date="2024-03-01")
        self.assertEqual("spark_yarn", settings.conn_id)
        self.assertEqual(["--warehouse", "s3a://lake/crm", "--run-date", "2024-03-01"],
                         tasks[0].application_args[:4])
        self.assertEqual(5, tasks[0].retries)
        self.assertEqual(timedelta(hours=2.5), tasks[0].sla)
        with self.assertRaisesRegex(crm_graph.GraphError, "crm_retries must be a number"):
            crm_graph.Settings.from_variables(lambda name, default: "many" if name == "crm_retries" else default)

    def test_bad_graphs_fail_with_the_job_named(self):
        job = {"name": "a", "command": ["x"], "depends_on": []}
        cases = [
            ({"jobs": []}, "lists no jobs"),
            ({"jobs": [job, dict(job)]}, "job 'a' appears twice"),
            ({"jobs": [{"name": "b", "command": ["x"], "depends_on": ["a"]}, job]},
             "job 'b' depends on 'a', which is not listed before it"),
            ({"jobs": [{"name": "c", "command": []}]}, "job 'c' needs a command"),
        ]
        for data, message in cases:
            with self.assertRaises(crm_graph.GraphError) as raised:
                crm_graph.parse_graph(data, "test.json")
            self.assertIn(message, str(raised.exception))
        graph = crm_graph.parse_graph({"jobs": [{"name": "d", "command": ["go", "--to", "${nowhere}"]}]})
        with self.assertRaisesRegex(crm_graph.GraphError, r"job 'd' uses \$\{nowhere\}"):
            crm_graph.build_tasks(graph, self.settings)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as broken:
            broken.write("{not json")
        try:
            with self.assertRaisesRegex(crm_graph.GraphError, "not valid JSON"):
                crm_graph.load_graph(broken.name)
        finally:
            os.unlink(broken.name)

    def test_every_task_is_accepted_by_the_real_cli(self):
        command, problem = crm_command()
        if command is None:
            self.fail("cannot run the crm CLI: " + problem)
        tasks = crm_graph.build_tasks(self.graph, self.settings, run_date="2024-03-01")
        for task in tasks:
            with self.subTest(task=task.task_id):
                # The command path: the leading words of the job's command that are not option values.
                path = []
                for arg in task.command:
                    if arg.startswith("-"):
                        break
                    path.append(arg)
                result = subprocess.run(command + task.application_args + ["--help"], capture_output=True,
                                        text=True, timeout=120)
                self.assertEqual(0, result.returncode, result.stderr)
                usage = result.stdout.splitlines()[0] if result.stdout else ""
                # picocli prints the root usage for an unknown command, so check the usage names this one.
                self.assertTrue(usage.startswith("Usage: crm " + " ".join(path) + " "),
                                "crm does not know `%s`: %s" % (" ".join(path), usage))
                accepted = set(re.findall(r"--[a-z][a-z0-9-]*", result.stdout))
                for arg in task.application_args:
                    if arg.startswith("--"):
                        self.assertIn(arg.split("=")[0], accepted,
                                      "`crm %s` has no option %s" % (" ".join(path), arg))

    def test_dag_files_compile(self):
        for name in ("crm_nightly.py", "crm_graph.py"):
            py_compile.compile(os.path.join(DAGS, name), cfile=os.path.join(tempfile.gettempdir(),
                                                                            name + "c"), doraise=True)

    def test_the_dag_imports_airflow_only_itself(self):
        with open(os.path.join(DAGS, "crm_graph.py"), encoding="utf-8") as stream:
            source = stream.read()
        self.assertNotRegex(source, r"(?m)^\s*(import|from)\s+airflow")


if __name__ == "__main__":
    unittest.main()
