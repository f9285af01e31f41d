#!/usr/bin/env bash
# Benchmark (issue 14, parts 3-4): one-pass validation vs a training pass over the same documents and vs the previous
# two-pass validation; seqtrain predict documents/s per core with peak heap/off-heap, IMDB-like reviews, local[2].
#   submit-scripts/bench-eval.sh [--size-mb 8] [--predict-size-mb 32] [--eval-batches 128,512,2048] [--rounds 3]
#       [--work-dir DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath >&2
echo "bench-eval: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
opens="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
--add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
-Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
# one BLAS thread per Spark worker (STACK.md). ND4J's arrays live off-heap and go when the GC collects their Java
# objects; JavaCPP forces a collection when the process' resident memory passes maxphysicalbytes (a shared machine)
# shellcheck disable=SC2086
OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" exec "${JAVA:-java}" -Xmx4g -Dorg.bytedeco.javacpp.maxbytes=3g -Dorg.bytedeco.javacpp.maxphysicalbytes=7g $opens \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.seqtrain.bench.EvaluationBenchmark "$@"
