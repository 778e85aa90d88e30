#!/usr/bin/env python3
"""Pools an evaluate run's per-image.csv by a property of each image's microscope, read from its id: by default the
least contrast, over the azimuth, of graphene's 2.13 Å lattice (Transfer.latticeContrast), to show how the score
depends on how visible the lattice was; or the astigmatism or the absolute defocus in Å.
Usage: bench/f1_by_contrast.py EVALUATE_OUT [EDGES] [contrast|astigmatism|defocus],
e.g. EDGES = 0.1,0.25 (the default) or 30,60 with astigmatism."""
import csv
import math
import re
import sys

folder = sys.argv[1]
edges = [float(e) for e in (sys.argv[2] if len(sys.argv) > 2 else "0.1,0.25").split(",")]
pooled_by = sys.argv[3] if len(sys.argv) > 3 else "contrast"
patterns = {
    "contrast": (r"at 2\.13 Å mean [\d.]+ min ([\d.]+)", "least lattice contrast at 2.13 Å"),
    "astigmatism": (r"astigmatism ([\d.]+) Å", "astigmatism (Å)"),
    "defocus": (r"defocus (-?[\d.]+) Å", "|defocus| (Å)"),
}
if pooled_by not in patterns:
    sys.exit(f"unknown property {pooled_by!r}: use one of {', '.join(patterns)}")
pattern, heading = patterns[pooled_by]
bounds = [0.0] + edges + [math.inf]
rows = list(csv.DictReader(open(f"{folder}/per-image.csv", encoding="utf-8")))
print(f"| dose (e/Å²) | {heading} | images | precision | recall | F1 | RMSE (Å) |")
print("|---|---|---|---|---|---|---|")
for dose in sorted({float(r["dose_e_per_A2"]) for r in rows}):
    for low, high in zip(bounds, bounds[1:]):
        tp = fp = fn = images = 0
        squared = 0.0
        for r in rows:
            value = abs(float(re.search(pattern, r["image"]).group(1)))
            if float(r["dose_e_per_A2"]) != dose or not low <= value < high:
                continue
            images += 1
            t, p, n = int(r["tp"]), int(r["fp"]), int(r["fn"])
            tp, fp, fn = tp + t, fp + p, fn + n
            if t:
                squared += t * float(r["rmse_A"]) ** 2
        if not images:
            continue
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rmse = math.sqrt(squared / tp) if tp else math.nan
        span = f"< {high:g}" if low == 0 else (f"≥ {low:g}" if high == math.inf else f"{low:g}–{high:g}")
        print(f"| {dose:g} | {span} | {images} | {precision:.3f} | {recall:.3f} | {f1:.3f} | {rmse:.3f} |")
