#!/usr/bin/env bash
# Benchmark: single-machine training throughput (padded tokens/s after warm-up) of seqtrain's recurrent engine
# (model/rnn) against DL4J's SimpleRnn and LSTM and seqtrain's model/gru GRU, plus ND4J's sgemm rate, measured in
# interleaved rounds in one JVM (issues 4 and 12).
#   submit-scripts/bench-rnn.sh [WARMUP ITERATIONS ROUNDS [VOCAB DIM UNITS MAXLEN BATCH]]   (default 5 10 3, 10000 100 64 80 128)
#   OMP_NUM_THREADS=2 submit-scripts/bench-rnn.sh ...   (default 1)
#   BENCH_ONLY="engine LSTM" submit-scripts/bench-rnn.sh ...   (one cell, e.g. for a profile)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath >&2
echo "bench-rnn: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# one BLAS thread by default: on small RNNs one worker per core beats one worker with two threads (STACK.md)
OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" exec "${JAVA:-java}" -Xmx4g ${BENCH_ONLY:+"-Dbench.only=$BENCH_ONLY"} \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.seqtrain.bench.RnnThroughputBenchmark "$@"
