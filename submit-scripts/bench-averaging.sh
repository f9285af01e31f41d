#!/usr/bin/env bash
# Benchmark: what exact averaging rounds cost against DL4J's own splits, and what training.approach: export saves.
# Prepares the demo corpus once, then trains it with each configuration (alternating, REPS times each) through the
# CLI in Spark local mode and prints, per run, the mean seconds per epoch (fit + validation, from history.json), the
# batches fitted per epoch against the batches the epoch holds, the last validation accuracy and the JVM's CPU seconds;
# then each configuration's median seconds per epoch as a ratio to dl4j's, measured in the same run.
#   submit-scripts/bench-averaging.sh [DOCUMENTS] [EPOCHS] [REPS]        (default: 20000 3 2)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
docs="${1:-20000}"; epochs="${2:-3}"; reps="${3:-2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
common=(--set "data.demo.documents=$docs" --set "training.epochs=$epochs" --set "output.prepared_dir=$work/prepared"
        --set "output.if_exists=overwrite" --set "output.checkpoints=false" --set "training.progress_seconds=0")
submit-scripts/seqtrain prepare spark-jobs/demo-sentiment.yaml "${common[@]}" --set "output.dir=$work/m" >/dev/null 2>&1
rows=$(python3 -c "import json;print(json.load(open('$work/prepared/prepared.json'))['train_rows'])")
batch=$(grep -E '^\s*batch_size_per_worker:' spark-jobs/demo-sentiment.yaml | head -1 | sed 's/.*: *//; s/ .*//')
echo "demo: $docs documents, $rows training rows, batch $batch per worker: $(( (rows + batch - 1) / batch )) batches per epoch; $epochs epochs; $(nproc) cores"

declare -A config=(
  [dl4j]="--set training.averaging_rounds=dl4j"
  [exact]="--set training.averaging_rounds=exact"
  [export]="--set training.averaging_rounds=exact --set training.approach=export")
order=(dl4j exact export)
for rep in $(seq 1 "$reps"); do
  for name in "${order[@]}"; do
    out="$work/$name-$rep"
    # shellcheck disable=SC2086
    /usr/bin/time -f "%U %S" -o "$work/time" submit-scripts/seqtrain train spark-jobs/demo-sentiment.yaml "${common[@]}" \
        --set "output.dir=$out" ${config[$name]} >"$work/log" 2>&1 || { tail -20 "$work/log"; exit 1; }
    cpu=$(awk '{print $1 + $2}' "$work/time")
    python3 - "$out" "$name" "$rows" "$batch" "$cpu" <<'PY' | tee -a "$work/results"
import json, sys
out, name, rows, batch, cpu = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
h = json.load(open(out + "/history.json"))
per_epoch = sum(e["seconds"] for e in h) / len(h)
fitted = [e.get("batches", 0) for e in h]
print(f"{name:6s} {per_epoch:7.1f} s/epoch  fitted {fitted} of {(rows + batch - 1) // batch}  "
      f"val_accuracy {h[-1]['val_accuracy']:.4f}  cpu {cpu:.0f} s")
PY
  done
done
python3 - "$work/results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    f = line.split()
    runs.setdefault(f[0], []).append(float(f[1]))
base = statistics.median(runs["dl4j"])
for name, s in runs.items():
    print(f"median {name:6s} {statistics.median(s):7.1f} s/epoch  ratio to dl4j {statistics.median(s) / base:.2f}")
PY
