#!/usr/bin/env bash
# Benchmark: does the driver's memory grow with the corpus? seqtrain's prepare on a local-cluster (two executor JVMs
# of 1 GB; the driver runs no tasks) for each corpus size, with the driver in a 512 MB heap (Spark's minimum is
# 450 MB). Prints, per size, the driver's peak heap used and peak heap after GC (HeapMeter samples the driver JVM
# only) and the driver's CPU time.
#   submit-scripts/bench-prepare-driver.sh [SIZE_MB ...]          (default: 64 512)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(64 512)

mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
# local-cluster launches executors from SPARK_HOME; its jars/ may stay empty when extraClassPath carries the classpath
spark_home="$(mktemp -d)"
mkdir -p "$spark_home/jars"
trap 'rm -rf "$spark_home"' EXIT
classpath="$here/target/test-classes:$here/target/classes:$(cat target/bench.classpath)"
for size in "${sizes[@]}"; do
  echo "== driver memory, ${size} MB corpus" >&2
  SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.12 BENCH_HEAP=512m BENCH_MASTER="local-cluster[2,1,1024]" \
  BENCH_JVM_OPTS="-Dspark.executor.extraClassPath=$classpath ${BENCH_JVM_OPTS:-}" \
  BENCH_ARGS="--only seqtrain --warmup-mb 0" \
    "$here/submit-scripts/bench-prepare.sh" "$size" | grep -E "^(corpus|spark|seqtrain prepare)"
done
