#!/usr/bin/env bash
# seqtrain on a Spark cluster, through the cluster's own spark-submit.
#
#   submit-scripts/submit.sh [--dry-run] ENV SUBCOMMAND JOB.yaml [seqtrain options ...] [-- spark-submit options ...]
#
#   ENV         local | standalone | yarn | k8s | yarn-gpu | k8s-gpu: the Spark properties in conf/ENV.conf
#   SUBCOMMAND  run | prepare | train | evaluate | predict | summary   (as in submit-scripts/seqtrain)
#   seqtrain options   --set key.path=value, --report DIR, --input/--output ... (passed to the CLI unchanged)
#   after --    spark-submit options (--master, --deploy-mode, --conf k=v, --num-executors ...): they win over conf/ENV.conf
#   --dry-run   print the spark-submit command instead of running it
#
# Needs SPARK_HOME (Spark 3.5, Scala 2.12) and the cluster jar, which every package builds: mvn -DskipTests package
# (the *-gpu environments use the CUDA build: mvn -Pcuda -DskipTests package). SEQTRAIN_JAR overrides the
# jar, e.g. SEQTRAIN_JAR=local:///opt/seqtrain/seqtrain-cluster.jar for a jar baked into a Kubernetes image.
#
# The job spec and conf/log4j2.properties travel with --files. In cluster deploy mode the driver runs on the cluster
# and finds the shipped spec in its working directory, so the CLI gets the spec's base name; in client mode it gets
# the local path.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
me="submit.sh"

usage() {
  echo "usage: $me [--dry-run] ENV SUBCOMMAND JOB.yaml [--set key=value ...] [-- spark-submit options]" >&2
  echo "  ENV: $(cd "$here/conf" && ls ./*.conf 2>/dev/null | sed 's|^\./||; s|\.conf$||' | tr '\n' ' ')" >&2
  exit 2
}
fail() { echo "$me: $*" >&2; exit 2; }

dry_run=false
positional=()
cli_args=()
spark_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; spark_args=("$@"); break ;;
    --dry-run) dry_run=true ;;
    -h|--help) usage ;;
    *) if [ ${#positional[@]} -lt 3 ]; then positional+=("$1"); else cli_args+=("$1"); fi ;;
  esac
  shift
done
[ ${#positional[@]} -eq 3 ] || usage
env_name="${positional[0]}" subcommand="${positional[1]}" spec="${positional[2]}"

[ -n "${SPARK_HOME:-}" ] || fail "SPARK_HOME is not set: point it at a Spark 3.5 (Scala 2.12) installation, e.g. export SPARK_HOME=/opt/spark"
[ -x "$SPARK_HOME/bin/spark-submit" ] || fail "no executable $SPARK_HOME/bin/spark-submit (SPARK_HOME=$SPARK_HOME)"

props="$here/conf/$env_name.conf"
[ -f "$props" ] || fail "unknown ENV '$env_name': no $props"
case "$subcommand" in
  run|prepare|train|evaluate|predict|summary) ;;
  *) fail "unknown SUBCOMMAND '$subcommand': one of run, prepare, train, evaluate, predict, summary" ;;
esac
[ -f "$spec" ] || fail "no job spec $spec"
spec="$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")"

# the value of KEY in a Spark properties file ("key value" or "key=value"; the last one wins)
prop() {
  local key="${2//./\\.}"
  sed -n -E "s/^[[:space:]]*${key}[[:space:]]*[=[:space:]][[:space:]]*(.*[^[:space:]])[[:space:]]*$/\1/p" "$1" | tail -n 1
}
# the value of a spark-submit option given after --, as "--opt value" or "--conf key=value"
spark_arg() {
  local opt="$1" key="$2" i
  for ((i = 0; i < ${#spark_args[@]}; i++)); do
    if [ "${spark_args[$i]}" = "$opt" ] && [ $((i + 1)) -lt ${#spark_args[@]} ]; then echo "${spark_args[$((i + 1))]}"; fi
    if [ "${spark_args[$i]}" = "--conf" ] && [[ "${spark_args[$((i + 1))]:-}" == "$key="* ]]; then
      echo "${spark_args[$((i + 1))]#"$key="}"
    fi
  done | tail -n 1
}

deploy_mode="$(spark_arg --deploy-mode spark.submit.deployMode)"
[ -n "$deploy_mode" ] || deploy_mode="$(prop "$props" spark.submit.deployMode)"
[ -n "$deploy_mode" ] || deploy_mode=client

gpu=false
[ -n "$(prop "$props" spark.executor.resource.gpu.amount)" ] && gpu=true

if [ -n "${SEQTRAIN_JAR:-}" ]; then
  jar="$SEQTRAIN_JAR"
elif $gpu; then
  jar="$here/target/seqtrain-cluster-cuda.jar"
else
  jar="$here/target/seqtrain-cluster.jar"
fi
if ! $dry_run && [[ "$jar" != *://* ]] && [ ! -f "$jar" ]; then
  if $gpu; then build="mvn -Pcuda -DskipTests package"; else build="mvn -DskipTests package"; fi
  fail "no cluster jar $jar: build it with '$build'"
fi

log_conf="$here/conf/log4j2.properties"
files="$spec,$log_conf"
# YARN runs the GPU discovery script from the executor's working directory (see conf/yarn-gpu.conf)
if $gpu && [ "$(prop "$props" spark.executor.resource.gpu.discoveryScript)" = "./getGpusResources.sh" ]; then
  files="$files,$here/conf/getGpusResources.sh"
fi

if [ "$deploy_mode" = cluster ]; then
  spec_arg="$(basename "$spec")"
  driver_log="log4j2.properties"
else
  spec_arg="$spec"
  driver_log="$log_conf"
fi

# Spark's own --add-opens list for Java 17 (docs/operations.md, "Java 17"), ahead of the options conf/ENV.conf sets itself
opens="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
# training.collect_stats: DL4J stamps its statistics with a clock that asks 0.pool.ntp.org by default and fails the
# job after ten unanswered tries where there is no internet access; the system clock instead (a properties file can
# choose another: its options come later and win)
clock="-Dorg.deeplearning4j.spark.time.TimeSource=org.deeplearning4j.spark.time.SystemClockTimeSource"
driver_opts="$opens $clock -Dlog4j2.configurationFile=$driver_log $(prop "$props" spark.driver.extraJavaOptions)"
executor_opts="$opens $clock -Dlog4j2.configurationFile=log4j2.properties $(prop "$props" spark.executor.extraJavaOptions)"

cmd=("$SPARK_HOME/bin/spark-submit"
  --properties-file "$props"
  --name "seqtrain $subcommand $(basename "${spec%.*}")"
  --class dev.seqtrain.cli.Main
  --files "$files"
  --conf "spark.driver.extraJavaOptions=${driver_opts% }"
  --conf "spark.executor.extraJavaOptions=${executor_opts% }"
  ${spark_args[@]+"${spark_args[@]}"}
  "$jar" "$subcommand" "$spec_arg" ${cli_args[@]+"${cli_args[@]}"})

if $dry_run; then
  quoted=()
  for a in "${cmd[@]}"; do
    if [[ "$a" =~ ^[A-Za-z0-9_./:=,@%+-]+$ ]]; then quoted+=("$a"); else quoted+=("'${a//\'/\'\\\'\'}'"); fi
  done
  echo "${quoted[*]}"
  exit 0
fi
exec "${cmd[@]}"
