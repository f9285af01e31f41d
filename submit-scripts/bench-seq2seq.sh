#!/usr/bin/env bash
# Benchmark: single-machine training throughput (padded tokens/s, forward + backward + Adam) of the encoder-decoder
# layer (model/seq2seq) in the CMUdict shape (spark-jobs/cmudict-g2p.yaml), batch 64: the current layer with Luong and
# Bahdanau attention against the layer before issue 15 (test scope, bench/olds2s), interleaved rounds in one JVM.
#   submit-scripts/bench-seq2seq.sh [WARMUP ITERATIONS ROUNDS [BATCH]]   (default 3 5 3, 64)
#   OMP_NUM_THREADS=2 submit-scripts/bench-seq2seq.sh ...   (default 1)
#   BENCH_ONLY="new luong" submit-scripts/bench-seq2seq.sh ...   (comma-separated entries, e.g. for a profile)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath >&2
echo "bench-seq2seq: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" exec "${JAVA:-java}" -Xmx4g ${BENCH_ONLY:+"-Dbench.only=$BENCH_ONLY"} \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.seqtrain.bench.Seq2SeqThroughputBenchmark "$@"
