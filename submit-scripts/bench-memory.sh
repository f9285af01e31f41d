#!/usr/bin/env bash
# Benchmark (issue 14): driver (= executor, local mode) memory while `seqtrain run` prepares and trains generated
# IMDB-like corpora of two sizes: peak heap from the JVM's GC log (heap used before a collection, and live heap after
# one), ND4J's off-heap is inside the process' peak resident set (GNU time's maximum RSS). Flat in corpus size means
# the second corpus' peaks stay near the first's. One epoch, a small model (Embedding(10000,16) -> LSTM(16) -> Dense(1)),
# maxlen 64, local[2], -Xmx4g.
#   submit-scripts/bench-memory.sh [SIZE_MB ...]   (default: 128 512) [env WORK=DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(128 512)
work="${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/seqtrain-bench-memory.XXXXXX")}"
mkdir -p "$work"
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath >&2
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
opens="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
--add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
-Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"  # (GNU nproc would report this, hence getconf below)
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
echo "bench-memory: $(getconf _NPROCESSORS_ONLN) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg), work directory $work" >&2
echo "| corpus MB | documents | prepare+train s | peak heap used MB (before GC) | peak live heap MB (after GC) | peak RSS MB | load before | load after |"
echo "|---|---|---|---|---|---|---|---|"
for mb in "${sizes[@]}"; do
  corpus="$work/corpus-$mb"
  [ -d "$corpus" ] || java -cp "$cp" dev.seqtrain.bench.ReviewCorpus "$corpus" "$mb" 8
  cat >"$work/job-$mb.yaml" <<YAML
name: bench-memory-$mb
data: {format: tsv, train: "$corpus/*.tsv", header: false, label_column: "0", text_column: "1", validation_split: 0.1}
text: {num_words: 10000, oov_token: "<OOV>", maxlen: 64}
model:
  layers:
    - embedding: {output_dim: 16, mask_zero: true}
    - lstm: {units: 16}
    - dense: {units: 1, activation: sigmoid}
  loss: binary_crossentropy
training: {epochs: 1, batch_size_per_worker: 256, averaging_frequency: 20, workers: 2, seed: 7}
output: {dir: "$work/model-$mb", if_exists: overwrite}
YAML
  load_before="$(cut -d' ' -f1 /proc/loadavg)"
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  /usr/bin/time -f "%M" -o "$work/rss-$mb.kb" java -Xmx4g $opens -Xlog:gc:file="$work/gc-$mb.log" \
    -Djava.awt.headless=true -Dlog4j2.configurationFile="$here/conf/log4j2.properties" -Dspark.master="local[2]" \
    -cp "$cp" dev.seqtrain.cli.Main run "$work/job-$mb.yaml" >"$work/run-$mb.out" 2>"$work/run-$mb.log" \
    || { echo "bench-memory: run of $mb MB failed, see $work/run-$mb.log" >&2; exit 1; }
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  python3 - "$mb" "$work" "$seconds" "$load_before" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import json, re, sys
mb, work, seconds, lb, la = sys.argv[1:6]
before = after = 0
for line in open(f"{work}/gc-{mb}.log"):
    m = re.search(r"(\d+)M->(\d+)M\(\d+M\)", line)
    if m:
        before, after = max(before, int(m.group(1))), max(after, int(m.group(2)))
rss = int(open(f"{work}/rss-{mb}.kb").read().split()[-1]) // 1024
stats = json.load(open(f"{work}/model-{mb}.prepared/stats.json"))
docs = stats["train"]["documents"] + stats.get("validation", {}).get("documents", 0)
print(f"| {mb} | {docs:,} | {float(seconds):.0f} | {before:,} | {after:,} | {rss:,} | {lb} | {la} |")
PY
done
