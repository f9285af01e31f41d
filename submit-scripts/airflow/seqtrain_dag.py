"""seqtrain on Airflow: prepare >> train >> evaluate, one run per day on that day's data ({{ ds }}).

Each task is a spark-submit of the seqtrain cluster jar (mvn -DskipTests package) with the same Spark
properties as submit-scripts/submit.sh (conf/<SEQTRAIN_ENV>.conf) on the Spark connection SPARK_CONN_ID (its master
and deploy mode). Retries are safe: every output (prepared data, model directory, evaluation report) is written to a
temporary sibling and renamed into place whole, and output.if_exists=skip makes a retried task keep an output that a
previous attempt completed.

Trigger with other values: airflow dags trigger seqtrain_reviews_daily --conf '{"epochs": 2}'  (params below).
"""
from datetime import datetime, timedelta
import os

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

SEQTRAIN_HOME = os.environ.get("SEQTRAIN_HOME", "/opt/seqtrain")
SEQTRAIN_ENV = os.environ.get("SEQTRAIN_ENV", "yarn")  # conf/<env>.conf: yarn and k8s submit in cluster deploy mode
SPARK_CONN_ID = os.environ.get("SEQTRAIN_SPARK_CONN_ID", "spark_default")

APPLICATION = f"{SEQTRAIN_HOME}/target/seqtrain-cluster.jar"
JOB_SPEC = f"{SEQTRAIN_HOME}/submit-scripts/airflow/reviews-daily.yaml"
LOG_CONF = f"{SEQTRAIN_HOME}/conf/log4j2.properties"
PROPERTIES_FILE = f"{SEQTRAIN_HOME}/conf/{SEQTRAIN_ENV}.conf"

# Spark's --add-opens list for Java 17 (docs/operations.md, "Java 17"), as submit.sh passes it
JAVA17_OPENS = " ".join([
    "-XX:+IgnoreUnrecognizedVMOptions",
    *[f"--add-opens={m}=ALL-UNNAMED" for m in [
        "java.base/java.lang", "java.base/java.lang.invoke", "java.base/java.lang.reflect", "java.base/java.io",
        "java.base/java.net", "java.base/java.nio", "java.base/java.util", "java.base/java.util.concurrent",
        "java.base/java.util.concurrent.atomic", "java.base/jdk.internal.ref", "java.base/sun.nio.ch",
        "java.base/sun.nio.cs", "java.base/sun.security.action", "java.base/sun.util.calendar",
        "java.security.jgss/sun.security.krb5"]],
    "-Djdk.reflect.useDirectMethodHandle=false",
    "-Dio.netty.tryReflectionSetAccessible=true",
    # conf/log4j2.properties arrives through files= in every container's working directory
    "-Dlog4j2.configurationFile=log4j2.properties",
])

# training.collect_stats: DL4J stamps its statistics with a clock that asks 0.pool.ntp.org by default and fails the
# job after ten unanswered tries without internet access; the system clock instead, on the driver and the executors
DL4J_CLOCK = "-Dorg.deeplearning4j.spark.time.TimeSource=org.deeplearning4j.spark.time.SystemClockTimeSource"

# The executors' ND4J off-heap limits from conf/<env>.conf (the conf= below would replace them otherwise)
EXECUTOR_OFF_HEAP = "-Dorg.bytedeco.javacpp.maxbytes=2g -Dorg.bytedeco.javacpp.maxphysicalbytes=6656m"

# Defaults for every run; a triggered run may override any of them (--conf '{"epochs": 2}')
PARAMS = {
    "corpus": "hdfs:///corpora/reviews",  # {corpus}/{ds}/train.tsv and test.tsv
    "models": "hdfs:///models/reviews",   # {models}/{ds} (model), .prepared, .evaluation
    "epochs": 4,
    "num_words": 10000,
}

# The --set overrides every task passes: dated input and output paths, params, and if_exists=skip for retries
OVERRIDES = [
    "data.train={{ params.corpus }}/{{ ds }}/train.tsv",
    "data.test={{ params.corpus }}/{{ ds }}/test.tsv",
    "output.dir={{ params.models }}/{{ ds }}",
    "output.prepared_dir={{ params.models }}/{{ ds }}.prepared",
    "output.if_exists=skip",
    "training.epochs={{ params.epochs }}",
    "text.num_words={{ params.num_words }}",
]

# application_args per task: SUBCOMMAND JOB.yaml --set ... (the spec travels with files= and, in cluster deploy mode,
# sits in the driver's working directory under its base name)
TASKS = {
    "prepare": ["prepare", os.path.basename(JOB_SPEC)],
    "train": ["train", os.path.basename(JOB_SPEC)],
    "evaluate": ["evaluate", os.path.basename(JOB_SPEC), "--report", "{{ params.models }}/{{ ds }}.evaluation"],
}


def application_args(task):
    args = list(TASKS[task])
    for override in OVERRIDES:
        args += ["--set", override]
    return args


with DAG(
    dag_id="seqtrain_reviews_daily",
    description="seqtrain: prepare >> train >> evaluate on the day's reviews",
    schedule="@daily",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    params=PARAMS,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=5)},
    tags=["seqtrain"],
) as dag:
    tasks = [
        SparkSubmitOperator(
            task_id=task,
            conn_id=SPARK_CONN_ID,
            application=APPLICATION,
            java_class="dev.seqtrain.cli.Main",
            name=f"seqtrain {task} reviews-daily {{{{ ds }}}}",
            properties_file=PROPERTIES_FILE,
            files=f"{JOB_SPEC},{LOG_CONF}",
            conf={
                "spark.driver.extraJavaOptions": f"{JAVA17_OPENS} {DL4J_CLOCK}",
                "spark.executor.extraJavaOptions": f"{JAVA17_OPENS} {DL4J_CLOCK} {EXECUTOR_OFF_HEAP}",
            },
            application_args=application_args(task),
        )
        for task in TASKS
    ]
    prepare, train, evaluate = tasks
    prepare >> train >> evaluate
