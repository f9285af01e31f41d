#!/usr/bin/env bash
# Benchmark (issue #14, "workers that scale"): fit seconds per epoch of the same job and data with
#   plain-dl4j  MultiLayerNetwork.fit in one JVM, one thread (dev.seqtrain.bench.PlainDl4jFit)
#   seq-1w      seqtrain train, local[2], training.workers=1
#   seq-2w      seqtrain train, local[2], training.workers=2
#   cluster-2w  seqtrain train, local-cluster[2,1,...] (two executor JVMs), training.workers=2
# in interleaved rounds, and the ratios measured in the same run (median over rounds of the per-round ratios).
# The job: IMDB-like generated reviews (dev.seqtrain.bench.ReviewCorpus), Keras tokenizer 10k words, maxlen 200,
# Embedding(10000,50) -> LSTM(50) -> Dense(32) -> Dense(1), batch 64 per worker, Adam 1e-3. Fit seconds come from
# history.json's fit_seconds (the fit alone, without validation); the baseline times its own fit loop.
#   submit-scripts/bench-scaling.sh [MEGABYTES] [EPOCHS] [ROUNDS]      (default: 10 2 1: about 6,400 training reviews)
# Environment: BENCH_SET="key=value ..." (extra --set for the seqtrain runs, e.g. training.averaging_frequency=20),
# BENCH_ONLY="seq-2w cluster-2w" (a subset), BENCH_JFR=DIR (a JFR recording of every seqtrain run's driver JVM).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mb="${1:-10}"; epochs="${2:-2}"; rounds="${3:-1}"
only="${BENCH_ONLY:-plain-dl4j seq-1w seq-2w cluster-2w}"
echo "bench-scaling: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"

submit-scripts/seqtrain --help >/dev/null 2>&1 || true   # builds target/seqtrain.jar and target/lib/
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath >&2
testcp="target/test-classes:target/classes:$(cat target/bench.classpath)"
appcp="$here/target/seqtrain.jar:$here/target/lib/*"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -cp "$testcp" dev.seqtrain.bench.WriteReviewCorpus "$work/corpus" "$mb"
cat >"$work/job.yaml" <<YAML
name: bench-scaling
data: {format: tsv, train: "file://$work/corpus/*.tsv", header: false, label_column: "0", text_column: "1",
       validation_split: 0.2}
text: {num_words: 10000, oov_token: "<OOV>", maxlen: 200, padding: pre, truncating: pre}
model:
  layers:
    - embedding: {output_dim: 50, mask_zero: true}
    - lstm: {units: 50}
    - dense: {units: 32, activation: relu}
    - dense: {units: 1, activation: sigmoid}
  loss: binary_crossentropy
  optimizer: {name: adam, learning_rate: 0.001}
training: {epochs: $epochs, batch_size_per_worker: 64, seed: 42, progress_seconds: 0}
output: {dir: "$work/model", if_exists: overwrite, checkpoints: false, prepared_dir: "$work/prepared"}
YAML
extra=()
for kv in ${BENCH_SET:-}; do extra+=(--set "$kv"); done
SEQTRAIN_MASTER="local[2]" submit-scripts/seqtrain prepare "$work/job.yaml" >"$work/log" 2>&1 || { tail -20 "$work/log"; exit 1; }
python3 -c "import json;p=json.load(open('$work/prepared/prepared.json'));print(f\"corpus: {p['train_rows']} training / {p['validation_rows']} validation reviews, $epochs epochs, $rounds round(s); seqtrain settings: ${BENCH_SET:-job defaults}\")"

# Spark's own --add-opens list for Java 17 (docs/operations.md); local-cluster executors get it from Spark itself
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
export OMP_NUM_THREADS=1 SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.12 SPARK_HOME="$work/spark-home"
mkdir -p "$SPARK_HOME/jars"

seqtrain() { # NAME MASTER WORKERS
  local jfr=()
  [ -n "${BENCH_JFR:-}" ] && mkdir -p "$BENCH_JFR" && jfr=(-XX:StartFlightRecording=filename="$BENCH_JFR/$1-r$rep.jfr",settings=profile)
  java "${opens[@]}" "${jfr[@]}" -Xmx3g -Djava.awt.headless=true -Dlog4j2.configurationFile="$here/conf/log4j2.properties" \
    -Dspark.master="$2" -Dspark.ui.enabled=false -Dspark.executor.extraClassPath="$appcp" \
    -Dspark.executorEnv.OMP_NUM_THREADS=1 -Dspark.executor.memory=2g -Dspark.scheduler.minRegisteredResourcesRatio=1.0 \
    -Dspark.scheduler.maxRegisteredResourcesWaitingTime=120s \
    -cp "$appcp" dev.seqtrain.cli.Main train "$work/job.yaml" --set "training.workers=$3" \
    --set "output.dir=$work/$1" "${extra[@]}" >"$work/log" 2>&1 || { tail -30 "$work/log"; exit 1; }
  python3 - "$work/$1/history.json" "$1" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY' | tee -a "$work/results"
import json, sys
for e in json.load(open(sys.argv[1])):
    print(f"{sys.argv[2]} epoch {e['epoch']} fit_seconds {e['fit_seconds']:.2f} val_accuracy {e['val_accuracy']:.4f} "
          f"batches {e.get('batches', 0)} load {sys.argv[3]}")
PY
}

for rep in $(seq 1 "$rounds"); do
  for name in $only; do
    case "$name" in
      plain-dl4j)
        java "${opens[@]}" -Xmx3g -Dlog4j2.configurationFile="$here/conf/log4j2.properties" -cp "$testcp" \
          dev.seqtrain.bench.PlainDl4jFit "$work/job.yaml" "$work/prepared" "$epochs" 2>"$work/log" \
          | sed "s/\$/ load $(cut -d' ' -f1 /proc/loadavg)/" | tee -a "$work/results" ;;
      seq-1w) seqtrain seq-1w "local[2]" 1 ;;
      seq-2w) seqtrain seq-2w "local[2]" 2 ;;
      cluster-2w) seqtrain cluster-2w "local-cluster[2,1,2048]" 2 ;;
    esac
  done
  echo "round $rep" >>"$work/results"
done

python3 - "$work/results" <<'PY'
import statistics, sys
rounds, cur = [], {}
for line in open(sys.argv[1]):
    f = line.split()
    if f[0] == "round":
        rounds.append(cur); cur = {}
        continue
    cur.setdefault(f[0], []).append((float(f[4]), float(f[6])))
def per_epoch(r, name):  # mean fit seconds per epoch, and the last epoch's accuracy
    e = r.get(name)
    return (sum(s for s, _ in e) / len(e), e[-1][1]) if e else None
names = [n for n in ["plain-dl4j", "seq-1w", "seq-2w", "cluster-2w"] if any(n in r for r in rounds)]
print("\n| run | fit s/epoch (median of rounds) | val_accuracy (last epoch) |")
print("|---|---|---|")
for n in names:
    v = [per_epoch(r, n) for r in rounds if n in r]
    print(f"| {n} | {statistics.median(x[0] for x in v):.1f} | {statistics.median(x[1] for x in v):.4f} |")
print("\n| ratio (same rounds) | speed-up | target |")
print("|---|---|---|")
for a, b, target in [("plain-dl4j", "seq-2w", 1.8), ("seq-1w", "seq-2w", 1.7), ("seq-1w", "cluster-2w", 1.6),
                     ("plain-dl4j", "seq-1w", None)]:
    r = [per_epoch(x, a)[0] / per_epoch(x, b)[0] for x in rounds if a in x and b in x]
    if r:
        print(f"| {a} / {b} | {statistics.median(r):.2f}x | {'>= %.1fx' % target if target else '-'} |")
PY
