#!/usr/bin/env python3
"""How much the structure of the graphene training sheets can add to each atom's own signal.

Each atom's own signal in a dose-limited image places it no better than the Cramér–Rao bound of
`bin/bench PositionPrecisionBound` (2-D RMSE S). The random sheets also have nearly equal bonds (std ≈ 0.034 Å;
bond angles spread ±12°, which says far less). If every atom were observed with independent isotropic Gaussian
error of 2-D RMSE S, how well would an estimator place them that also knows WHICH atoms are bonded and the
bond-length distribution? The maximum a posteriori estimate (least squares of the observed positions and of the
bond lengths about their mean, scipy) answers with its RMSE and the fraction of atoms within 0.5 Å (evaluate's
matching radius). It is an oracle for a real reader of an image (the bonds are given, every atom is seen
independently of its neighbours), so what it reaches is about the best a bond-length prior can add.
(A linearised Bayesian bound is no use here: at S ≈ 0.3 Å the bond length is far from linear in the positions.)

Usage: bench/bond_prior_bound.py DATASET_DIR [EXAMPLES=6] [S1,S2,...] [SEED=1]
DATASET_DIR is a folder of `atomfinder dataset build --preset graphene` (its example-*/sites.csv and example.json)."""
import glob
import json
import os
import sys

import numpy as np
from scipy.optimize import least_squares
from scipy.sparse import lil_matrix

folder = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 6
rmses = [float(s) for s in (sys.argv[3] if len(sys.argv) > 3 else "0.432,0.318,0.137,0.100,0.043,0.032").split(",")]
rng = np.random.default_rng(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
BOND_CUTOFF = 1.9


def sheet(example):
    meta = json.load(open(os.path.join(example, "example.json"), encoding="utf-8"))
    cell = np.array(meta["shape"], float)[::-1] * np.array(meta["sampling_A"], float)[::-1]  # (x, y) extent in Å
    p = np.loadtxt(os.path.join(example, "sites.csv"), delimiter=",", skiprows=1)[:, :2]
    d = p[:, None, :] - p[None, :, :]
    d -= cell * np.round(d / cell)
    r = np.hypot(d[..., 0], d[..., 1])
    i, j = np.where((r < BOND_CUTOFF) & (np.arange(len(p))[:, None] < np.arange(len(p))[None, :]))
    coordination = np.bincount(np.concatenate([i, j]), minlength=len(p))
    beside_rim = np.zeros(len(p), bool)
    beside_rim[i[coordination[j] < 3]] = True
    beside_rim[j[coordination[i] < 3]] = True
    inside = (coordination == 3) & ~beside_rim
    return p, cell, i, j, r[i, j], inside


def bond_vectors(q, cell, i, j):
    dv = q[i] - q[j]
    return dv - cell * np.round(dv / cell)


sheets = [sheet(e) for e in sorted(glob.glob(os.path.join(folder, "example-*")))[:count]]
if not sheets:
    sys.exit(f"{folder}: no example-*/sites.csv (give a folder of 'atomfinder dataset build --preset graphene')")
lengths = np.concatenate([s[4] for s in sheets])
d0, spread = lengths.mean(), lengths.std()
print(f"{len(sheets)} sheets, {sum(len(s[0]) for s in sheets)} atoms, {len(lengths)} bonds of {d0:.4f} ± {spread:.4f} Å")
print("| own-signal RMSE S (Å) | with the bond prior: MAP RMSE (Å) | inside the lattice | within 0.5 Å: own signal | MAP |")
print("|---:|---:|---:|---:|---:|")
for s_own in rmses:
    per_axis = s_own / np.sqrt(2)
    map_sq, own_sq, inside_sq = [], [], []
    for p, cell, i, j, _, inside in sheets:
        n = len(p)
        observed = p + rng.normal(0, per_axis, p.shape)

        def residuals(x):
            q = x.reshape(-1, 2)
            dv = bond_vectors(q, cell, i, j)
            return np.concatenate([((q - observed) / per_axis).ravel(), (np.hypot(dv[:, 0], dv[:, 1]) - d0) / spread])

        sparsity = lil_matrix((2 * n + len(i), 2 * n))
        for k in range(2 * n):
            sparsity[k, k] = 1
        for b in range(len(i)):
            for t in (2 * i[b], 2 * i[b] + 1, 2 * j[b], 2 * j[b] + 1):
                sparsity[2 * n + b, t] = 1
        estimate = least_squares(residuals, observed.ravel(), jac_sparsity=sparsity, x_scale="jac").x.reshape(-1, 2)
        map_sq.append(np.sum((estimate - p) ** 2, 1))
        own_sq.append(np.sum((observed - p) ** 2, 1))
        inside_sq.append(map_sq[-1][inside])
    map_sq, own_sq, inside_sq = np.concatenate(map_sq), np.concatenate(own_sq), np.concatenate(inside_sq)
    print(f"| {s_own:.3f} | {np.sqrt(map_sq.mean()):.3f} | {np.sqrt(inside_sq.mean()):.3f} | "
          f"{(own_sq < 0.25).mean():.3f} | {(map_sq < 0.25).mean():.3f} |")
