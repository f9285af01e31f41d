#!/usr/bin/env bash
# Benchmark: seqtrain's prepare vs. the Spark ML way (RegexTokenizer + CountVectorizer + pad UDF -> Parquet)
# on a generated IMDB-like TSV corpus, both in one JVM on local[2] with a 1 GB heap.
#   submit-scripts/bench-prepare.sh [SIZE_MB]          (default 1024; e.g. 64 for a quick check)
# Environment: BENCH_HEAP (default 1g), BENCH_MASTER (default local[2]), BENCH_JVM_OPTS (e.g. a JFR recording), BENCH_ARGS (extra PrepareBenchmark args,
# e.g. "--seed 11 --keep --work-dir /tmp/x"), JAVA (default java). Writes a GC log to target/bench-prepare-gc.log.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size_mb="${1:-1024}"
cd "$here"

echo "bench-prepare: building test classes and the test classpath ..." >&2
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath >&2

# Spark's own --add-opens list for Java 17 (see docs/operations.md, "Java 17").
opens=(-XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)

export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
echo "bench-prepare: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# shellcheck disable=SC2086
exec ${JAVA:-java} ${BENCH_JVM_OPTS:-} "${opens[@]}" -Xmx"${BENCH_HEAP:-1g}" -Xlog:gc:file=target/bench-prepare-gc.log \
  -Dlog4j2.configurationFile="$here/conf/log4j2.properties" \
  -Dspark.master="${BENCH_MASTER:-local[2]}" \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.seqtrain.bench.PrepareBenchmark --size-mb "$size_mb" ${BENCH_ARGS:-}
