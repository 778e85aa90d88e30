#!/usr/bin/env bash
# Analyses every experimental graphene image in ../shared/data/graphene-hrtem with a model, at the pixel sizes
# measured from each image's own lattice (docs/benchmarks.md, "Graphene lattice calibration"), and copies the
# overlays and summaries to docs/images/. Usage: bench/graphene_overlays.sh [MODEL] [OUT_DIR]
# With OUT_DIR the results stay there and docs/images/ is left alone (reading a checkpoint that is not shipped).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
model=${1:-graphene}
out=${2:-}
publish=true
if [ -n "$out" ]; then publish=false; else out=$(mktemp -d); fi
shared=${ATOMFINDER_SHARED:-$here/../shared}/data/graphene-hrtem
af() { "$here/bin/atomfinder" "$@"; }
declare -A pixel=([graphene_defect_raw.tif]=0.10935 [graphene_defect_filtered.tif]=0.10936
  [graphene_flower_raw.tif]=0.2193 [graphene_flower_filtered.tif]=0.2193 [graphene_filtered.dm3]=0.1374)
for name in graphene_defect_raw.tif graphene_defect_filtered.tif graphene_flower_raw.tif graphene_flower_filtered.tif graphene_filtered.dm3; do
  stem=${name%.*}
  rm -rf "$out/$stem"
  af analyze "$shared/$name" --model "$model" --pixel-size "${pixel[$name]}" --graphene-summary --out "$out/$stem" 2>&1 | grep -v WARN | tail -1
  grep -E "^atoms|^C–C" "$out/$stem/graphene.txt"
  if $publish; then
    mkdir -p "$here/docs/images"
    cp "$out/$stem/overlay.png" "$here/docs/images/$stem-overlay.png"
    cp "$out/$stem/graphene-overlay.png" "$here/docs/images/$stem-graphene.png"
    cp "$out/$stem/graphene.txt" "$here/docs/images/$stem-graphene.txt"
  fi
done
