#!/usr/bin/env bash
# Benchmark (issue 14, part 5): seqtrain on one GPU in Spark local mode, with ND4J's CUDA backend (the `cuda` Maven
# profile). Prints the ND4J backend line and tokens/s of (1) the recurrent-engine LSTM at the rnn bench shape
# (bench-rnn.sh's default: Embedding(10000,100) -> LSTM(64), maxlen 80, batch 128) and (2) the IMDB LSTM job of
# issue 14 (spark-jobs/keras-lstm.yaml: 20,000 generated reviews, one epoch). About 5 minutes on a modern GPU.
#   submit-scripts/bench-gpu.sh [--cpu] [--work-dir DIR]
# Without a GPU (nvidia-smi missing or listing none), or when the CUDA backend cannot be resolved from the local Maven
# repository (this script builds offline: fetch the artifacts once with network access, e.g.
# `mvn -Pcuda -DskipTests package`), it runs the same on the CPU backend and says so on every result line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

force_cpu=""
work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cpu) force_cpu=1; shift ;;
    --work-dir) work="$2"; shift 2 ;;
    *) echo "bench-gpu: unknown argument $1; usage: bench-gpu.sh [--cpu] [--work-dir DIR]" >&2; exit 2 ;;
  esac
done
work="${work:-$(mktemp -d "${TMPDIR:-/tmp}/seqtrain-bench-gpu.XXXXXX")}"
mkdir -p "$work"
classpath_file="target/bench-gpu.classpath"

backend=cuda
why=""
if [ -n "$force_cpu" ]; then
  backend=cpu; why="--cpu given"
elif ! command -v nvidia-smi >/dev/null 2>&1; then
  backend=cpu; why="no GPU here: nvidia-smi is not installed"
elif ! gpus="$(nvidia-smi -L 2>/dev/null)" || [ -z "$gpus" ]; then
  backend=cpu; why="no GPU here: nvidia-smi lists no device"
fi
if [ "$backend" = cuda ]; then
  echo "bench-gpu: GPU: $(echo "$gpus" | head -1)" >&2
  # the cuda profile swaps nd4j-native for nd4j-cuda-11.6 (pom.xml); offline: no surprise downloads of ~1.2 GB
  if ! mvn -B -q -o -Pcuda test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$classpath_file" >"$work/mvn-cuda.log" 2>&1; then
    backend=cpu
    why="the CUDA backend could not be built offline: org.nd4j:nd4j-cuda-11.6:1.0.0-M2.1 (linux-x86_64, -cudnn) or org.bytedeco:cuda:11.6-8.3-1.5.7 is not in the local Maven repository (fetch them once with network access: mvn -Pcuda -DskipTests package); Maven's output: $work/mvn-cuda.log"
  fi
fi
if [ "$backend" = cpu ]; then
  echo "bench-gpu: FALLING BACK TO THE CPU BACKEND (nd4j-native): $why" >&2
  mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$classpath_file" >&2
fi
echo "bench-gpu: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg), work directory $work" >&2

opens="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
--add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
-Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
cp="target/test-classes:target/classes:$(cat "$classpath_file")"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
label="backend: $backend${why:+ (fallback: $why)}"

# 1. the rnn bench shape, engine LSTM only: 3 warm-up iterations, 20 timed, 2 rounds
echo "== 1. engine LSTM, rnn bench shape (Embedding(10000,100) -> LSTM(64), maxlen 80, batch 128) =="
# shellcheck disable=SC2086
java -Xmx4g $opens -Dbench.only="engine LSTM" -cp "$cp" dev.seqtrain.bench.RnnThroughputBenchmark 3 20 2 \
  2>"$work/rnn.log" | tee "$work/rnn.out"
rnn_best="$(awk '$1 == "engine" && $2 == "LSTM" {print $3}' "$work/rnn.out" | head -1)"

# 2. the IMDB LSTM job of issue 14, one epoch, one worker in local mode (one GPU: one task at a time)
echo "== 2. IMDB LSTM job (spark-jobs/keras-lstm.yaml, 16,000 training reviews, 1 epoch, local[1]) =="
model="$work/keras-lstm"
# shellcheck disable=SC2086
java -Xmx8g $opens -Djava.awt.headless=true -Dlog4j2.configurationFile="$here/conf/log4j2.properties" \
  -Dspark.master="local[1]" -cp "$cp" dev.seqtrain.cli.Main run spark-jobs/keras-lstm.yaml \
  --set training.epochs=1 --set training.workers=1 --set output.dir="$model" --set output.if_exists=overwrite \
  >"$work/job.out" 2>"$work/job.log" || { echo "bench-gpu: the IMDB LSTM job failed, see $work/job.log" >&2; exit 1; }
backend_line="$(grep -m1 'ND4J on the driver' "$work/job.log" | sed 's/.*ND4J on the driver: //')"
python3 - "$model" "$label" "$backend_line" "$rnn_best" <<'PY'
import json, sys
model, label, line, rnn = sys.argv[1:5]
stats = json.load(open(model + ".prepared/stats.json"))["train"]
epoch = json.load(open(model + "/history.json"))[0]
s = epoch["seconds"]
padded = stats["documents"] * stats["maxlen"]
print(f"ND4J backend line: {line}")
print(f"| measurement | tokens/s | {label} |")
print("|---|---|---|")
print(f"| engine LSTM, rnn bench shape (padded tokens/s, best round) | {rnn} | |")
print(f"| IMDB LSTM job, 1 epoch of {stats['documents']:,} reviews in {s:.1f} s (its validation included): padded tokens/s (documents x maxlen {stats['maxlen']}) | {padded / s:,.0f} | |")
# the corpus' tokens before truncation to maxlen: what dynamic padding feeds is between the two
print(f"| IMDB LSTM job: corpus tokens/s (before truncation) | {stats['tokens'] / s:,.0f} | loss {epoch['loss']:.4f}, val_accuracy {epoch.get('val_accuracy', float('nan')):.4f} |")
PY
