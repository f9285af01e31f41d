#!/usr/bin/env bash
# Benchmark: single-machine training throughput (tokens/s after warm-up) of SimpleRNN, LSTM and GRU(64) on
# Embedding(10000, 100), maxlen 80, batch 128, measured in interleaved rounds in one JVM (issue 4).
#   submit-scripts/bench-rnn.sh [WARMUP ITERATIONS ROUNDS]     (default 5 10 3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath >&2
echo "bench-rnn: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# one BLAS thread: on small RNNs one worker per core beats one worker with two threads (STACK.md)
OMP_NUM_THREADS=1 exec "${JAVA:-java}" -Xmx4g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.seqtrain.bench.RnnThroughputBenchmark "$@"
