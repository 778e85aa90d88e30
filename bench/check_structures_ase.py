"""Cross-check of `atomfinder structure` output with ASE (Debian python3-ase 3.22).

Reads extended-XYZ files written by the Java generator and recomputes, independently of the Java code,
the C-C bond statistics of graphene-like sheets (ASE periodic neighbour list, 1.8 Å cutoff) or the
nearest-neighbour distance of nanoparticles.

Usage: /usr/bin/python3 bench/check_structures_ase.py FILE.xyz [FILE.xyz ...]
"""
import sys

import numpy as np
from ase.io import read
from ase.neighborlist import neighbor_list


def main(paths):
    for path in paths:
        atoms = read(path)
        symbols = set(atoms.get_chemical_symbols())
        if symbols == {"C"}:
            i, j, d = neighbor_list("ijd", atoms, 1.8)
            coordination = np.bincount(i, minlength=len(atoms))
            print(f"{path}: {len(atoms)} C, cell {atoms.cell.lengths()}, pbc {atoms.pbc}, "
                  f"bond mean {d.mean():.4f} Å std {d.std():.4f} Å min {d.min():.4f} Å, "
                  f"coordination {dict(zip(*np.unique(coordination, return_counts=True)))}")
        else:
            atoms.pbc = False
            i, j, d = neighbor_list("ijd", atoms, 3.5)
            print(f"{path}: {len(atoms)} {'/'.join(sorted(symbols))}, nearest neighbour {d.min():.4f} Å, "
                  f"mean coordination (3.5 Å) {len(i) / len(atoms):.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
