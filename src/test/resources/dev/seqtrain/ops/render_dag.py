"""Loads an Airflow DAG file with airflow stubbed out and prints, as JSON, every SparkSubmitOperator's arguments with
the templates {{ ds }} and {{ params.x }} rendered: python3 render_dag.py DAG.py YYYY-MM-DD"""
import json
import re
import runpy
import sys
import types

dag_file, ds = sys.argv[1], sys.argv[2]
operators = []


class DAG:
    def __init__(self, dag_id, params=None, **kwargs):
        self.dag_id, self.params, self.kwargs = dag_id, params or {}, kwargs

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class SparkSubmitOperator:
    def __init__(self, task_id, **kwargs):
        self.task_id, self.kwargs, self.downstream = task_id, kwargs, []
        operators.append(self)

    def __rshift__(self, other):
        self.downstream.append(other.task_id)
        return other


def module(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    sys.modules[name] = m


module("airflow", DAG=DAG)
for name in ["airflow.providers", "airflow.providers.apache", "airflow.providers.apache.spark",
             "airflow.providers.apache.spark.operators"]:
    module(name)
module("airflow.providers.apache.spark.operators.spark_submit", SparkSubmitOperator=SparkSubmitOperator)

namespace = runpy.run_path(dag_file)
dags = [v for v in namespace.values() if isinstance(v, DAG)]
params = dags[0].params


def render(value):
    if isinstance(value, str):
        value = re.sub(r"\{\{\s*ds\s*\}\}", ds, value)
        return re.sub(r"\{\{\s*params\.(\w+)\s*\}\}", lambda m: str(params[m.group(1)]), value)
    if isinstance(value, list):
        return [render(v) for v in value]
    if isinstance(value, dict):
        return {k: render(v) for k, v in value.items()}
    return value


print(json.dumps({
    "dag_id": dags[0].dag_id,
    "tasks": [{"task_id": op.task_id, "downstream": op.downstream,
               **{k: render(v) for k, v in op.kwargs.items()}} for op in operators],
}))
