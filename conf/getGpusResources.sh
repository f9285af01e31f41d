#!/usr/bin/env bash
# Spark GPU discovery script (spark.executor.resource.gpu.discoveryScript): prints the GPUs this executor may use as
# {"name": "gpu", "addresses": ["0", "1", ...]}, from nvidia-smi. Run by every executor at startup; a failure here
# fails the executor with this script's message instead of a job that silently trains on the CPU.
set -euo pipefail
if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "getGpusResources.sh: nvidia-smi not found on $(hostname): this executor has no NVIDIA driver" >&2
  exit 1
fi
addresses="$(nvidia-smi --query-gpu=index --format=csv,noheader | tr -d ' ' | paste -sd, - | sed 's/,/","/g')"
if [ -z "$addresses" ]; then
  echo "getGpusResources.sh: nvidia-smi lists no GPU on $(hostname)" >&2
  exit 1
fi
echo "{\"name\": \"gpu\", \"addresses\": [\"$addresses\"]}"
