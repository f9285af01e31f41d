#!/usr/bin/env bash
# Benchmark (issue #14): training.batching. (1) Throughput: fixed padding against dynamic padding without and with
# length buckets, on IMDB-like lengths (log-normal, median 170 tokens, maxlen 400), Embedding(10000, 50) -> LSTM(50)
# -> Dense(1), interleaved rounds in one JVM (dev.seqtrain.bench.BatchingBenchmark): real tokens/s and the ratio to
# fixed. (2) Accuracy: MR (../shared/corpora/mr, spark-jobs/mr-lstm.yaml) with fixed padding and with dynamic
# padding + 8 buckets, the same seed, validation accuracy per epoch: in one JVM (dev.seqtrain.bench.MrBatchingAccuracy,
# the job's tokenizer and network without Spark), or with BENCH_MR_CLI=1 prepared once and trained through the CLI
# (history.json; far slower on a loaded machine).
#   submit-scripts/bench-batching.sh [DOCUMENTS ROUNDS] [MR_EPOCHS] [SEEDS]     (default: 1024 2 3 "42 43")
#   BENCH_SKIP_MR=1 / BENCH_SKIP_SPEED=1 submit-scripts/bench-batching.sh ...   (one side only)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
docs="${1:-1024}"; rounds="${2:-2}"; epochs="${3:-3}"; seeds="${4:-42 43}"
echo "bench-batching: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"

mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath >&2
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
if [ -z "${BENCH_SKIP_SPEED:-}" ]; then
  # one BLAS thread: on small RNNs one worker per core beats one worker with two threads (STACK.md)
  OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" "${JAVA:-java}" -Xmx4g \
    -cp "$cp" dev.seqtrain.bench.BatchingBenchmark "$docs" "$rounds"
fi

if [ -z "${BENCH_SKIP_MR:-}" ] && [ -z "${BENCH_MR_CLI:-}" ]; then
  OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" "${JAVA:-java}" -Xmx3g -cp "$cp" dev.seqtrain.bench.MrBatchingAccuracy \
    "$epochs" "${seeds// /,}" 8
elif [ -z "${BENCH_SKIP_MR:-}" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  common=(--set "output.prepared_dir=$work/prepared" --set "output.if_exists=overwrite" --set "output.checkpoints=false"
          --set "training.progress_seconds=0" --set "training.epochs=$epochs")
  submit-scripts/seqtrain prepare spark-jobs/mr-lstm.yaml "${common[@]}" --set "output.dir=$work/m" >"$work/log" 2>&1 \
      || { tail -20 "$work/log"; exit 1; }
  declare -A config=(
    [fixed]="--set training.batching.padding=fixed --set training.batching.buckets=1"
    [dynamic+8b]="--set training.batching.padding=dynamic --set training.batching.buckets=8")
  echo "MR: spark-jobs/mr-lstm.yaml, $epochs epochs"
  for seed in $seeds; do
    for name in fixed dynamic+8b; do
      out="$work/$name-$seed"
      load="$(cut -d' ' -f1-3 /proc/loadavg)"
      # shellcheck disable=SC2086
      submit-scripts/seqtrain train spark-jobs/mr-lstm.yaml "${common[@]}" --set "training.seed=$seed" \
          --set "output.dir=$out" ${config[$name]} >"$work/log" 2>&1 || { tail -20 "$work/log"; exit 1; }
      python3 - "$out" "$name" "$seed" "$load" <<'PY'
import json, sys
out, name, seed, load = sys.argv[1:5]
h = json.load(open(out + "/history.json"))
print(f"MR seed {seed} {name:11s} val_accuracy {h[-1]['val_accuracy']:.4f}  "
      f"{sum(e['seconds'] for e in h) / len(h):6.1f} s/epoch  load {load}")
PY
    done
  done
fi
