#!/usr/bin/env bash
# Regenerates the dose tables and plots of docs/evaluation.md for the shipped graphene model: fresh structures
# (never in any training set), 16 images per dose, through Table 1's ranges (graphene-80kv-wide), the model's
# graphene-80kv-start ranges, and the one Scherzer microscope of the paper's own dose test (graphene-80kv-paper-test).
# One PyTorch thread per process (small crops; see docs/benchmarks.md, "Evaluation").
# Usage: bench/evaluate_shipped.sh [MODEL]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
model=${1:-graphene}
export ATOMFINDER_JAVA_OPTS="${ATOMFINDER_JAVA_OPTS:--Xmx8g -Dai.djl.pytorch.num_threads=1}"
for ranges in graphene-80kv-wide graphene-80kv-start graphene-80kv-paper-test; do
  out="$here/docs/evaluation/$ranges"
  rm -rf "$out"
  "$here/bin/atomfinder" evaluate --model "$model" --preset graphene --examples 8 --microscope "$ranges" \
    --doses 1e2,3e2,1e3,3e3,1e4,3e4,1e5 --images-per-dose 16 --seed 1 --out "$out" 2>&1 | grep -v WARN
done
