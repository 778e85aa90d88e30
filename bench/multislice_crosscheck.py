"""Independent numpy model of atomfinder's projected potentials and multislice (issue #3), used to find
(1) why the gridded V_z on a 0.05 Å grid deviates from the analytic curve, and
(2) which placement of atoms along the beam makes the exit wave converge as slices get thinner.

Run: /usr/bin/python3 bench/multislice_crosscheck.py   (a few minutes on one core)

Same conventions as the Java code: Lobato f(k) (resources lobato.json), bilinear deposition, FFT,
x f(k)/(kappa dx dy sinc), 2/3-Nyquist cosine-tapered aperture on every transmission function and
propagator, 300 kV, the 79-atom gold particle of MultislicePhysicsTest.
"""
import json
import pathlib

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
TABLE = json.load(open(ROOT / "atomfinder-core/src/main/resources/io/github/atomfinder/simulation/lobato.json"))
INV_KAPPA = 47.8776
H, C, ME, E = 6.62607015e-34, 299792458.0, 9.1093837015e-31, 1.602176634e-19
ENERGY = 300e3
LAM_M = H * C / np.sqrt(E * ENERGY * (2 * ME * C * C + E * ENERGY))
LAM = LAM_M * 1e10
SIG = 2 * np.pi * ME * (1 + E * ENERGY / (ME * C * C)) * LAM_M * E / H**2 * 1e-10


def scattering(element):
    a, b = map(np.array, TABLE["elements"][element])
    return lambda k: sum(a[i] * (2 + b[i] * k * k) / (1 + b[i] * k * k) ** 2 for i in range(5))


def gridded_single_atom(f, n, dx, aliases=0):
    """V_z of one atom at a pixel centre; aliases > 0 adds f(k + m/dx) (the sampled, not band-limited, V_z)."""
    k = np.fft.fftfreq(n, dx)
    kx, ky = np.meshgrid(k, k)
    kernel = sum(f(np.hypot(kx + mx / dx, ky + my / dx))
                 for mx in range(-aliases, aliases + 1) for my in range(-aliases, aliases + 1))
    delta = np.zeros((n, n))
    delta[n // 2, n // 2] = 1
    return np.fft.ifft2(np.fft.fft2(delta) * kernel * INV_KAPPA / dx**2).real


def potential_check():
    print("gridded V_z on a 0.05 Å grid, % deviation from the sampled (alias-summed) V_z")
    for element in ["C", "Au"]:
        f = scattering(element)
        exact = gridded_single_atom(f, 512, 0.05, aliases=6)
        grid = gridded_single_atom(f, 512, 0.05)
        c = 256
        cells = {"on axis 0.5 Å (10,0)": (0, 10), "off axis 0.5 Å (6,8)": (6, 8),
                 "on axis 1.0 Å (20,0)": (0, 20), "neighbours (19,0),(21,0)": None,
                 "off axis 1.0 Å (12,16)": (12, 16)}
        out = []
        for name, d in cells.items():
            if d is None:
                out.append(name + " " + " ".join(f"{100 * (grid[c, c + m] / exact[c, c + m] - 1):+.2f}" for m in (19, 21)))
            else:
                out.append(f"{name} {100 * (grid[c + d[0], c + d[1]] / exact[c + d[0], c + d[1]] - 1):+.3f}")
        print(" ", element, "; ".join(out))


class Simulator:
    def __init__(self, extent, n):
        self.n, self.dx = n, extent / n
        k = np.fft.fftfreq(n, self.dx)
        self.kx, self.ky = np.meshgrid(k, k)
        self.k2 = self.kx**2 + self.ky**2
        kk = np.sqrt(self.k2)
        u = np.hypot(self.kx * self.dx, self.ky * self.dx)
        sinc = np.where(u == 0, 1, np.sin(u) / np.where(u == 0, 1, u))
        self.kernel = scattering("Au")(kk) * INV_KAPPA / self.dx**2 / sinc
        kc, w = 2 / 3 * 0.5 / self.dx, 0.01 / self.dx
        self.aperture = np.where(kk > kc, 0, np.where(kk > kc - w, 0.5 * (1 + np.cos(np.pi * (kk - kc + w) / w)), 1))

    def propagate(self, psi, dz):
        return np.fft.ifft2(np.fft.fft2(psi) * np.exp(-1j * np.pi * LAM * dz * self.k2) * self.aperture)

    def transmission(self, xy, weights):
        d = np.zeros((self.n, self.n))
        px, py = xy[:, 0] / self.dx, xy[:, 1] / self.dx
        fx, fy = np.floor(px), np.floor(py)
        wx, wy = px - fx, py - fy
        x0, y0 = fx.astype(int) % self.n, fy.astype(int) % self.n
        x1, y1 = (x0 + 1) % self.n, (y0 + 1) % self.n
        for yy, xx, w in [(y0, x0, (1 - wx) * (1 - wy)), (y0, x1, wx * (1 - wy)), (y1, x0, (1 - wx) * wy), (y1, x1, wx * wy)]:
            np.add.at(d, (yy, xx), weights * w)
        v = np.fft.ifft2(np.fft.fft2(d) * self.kernel).real
        return np.fft.ifft2(np.fft.fft2(np.exp(1j * SIG * v)) * self.aperture)


def exit_wave(sim, atoms, depth, thickness, scheme):
    """scheme: 'linear' (shares between the two nearest slice centres, transmitted at the centres),
    'containing' (whole atom in its slice, at the centre), 'plane' (whole atom in its slice, the slice transmitted
    at its atoms' mean z: atomfinder's scheme)."""
    count = max(1, int(np.ceil(depth / thickness - 1e-9)))
    dz = depth / count
    index = np.minimum(count - 1, np.floor(atoms[:, 2] / dz)).astype(int)
    centre = np.clip(atoms[:, 2] / dz - 0.5, 0, count - 1)
    psi, z = np.ones((sim.n, sim.n), complex), 0.0
    for i in range(count):
        if scheme == "linear":
            lower = np.floor(centre)
            w = np.where(lower == i, 1 - (centre - lower), 0) + np.where(lower + 1 == i, centre - lower, 0)
        else:
            w = (index == i).astype(float)
        m = w > 0
        if not m.any():
            continue
        plane = atoms[m, 2].mean() if scheme == "plane" else (i + 0.5) * dz
        psi = sim.propagate(psi, plane - z) if plane != z else psi
        psi = psi * sim.transmission(atoms[m, :2], w[m])
        z = plane
    return sim.propagate(psi, depth - z)


def gold_particle(extent=20.0, depth=16.0, radius=7.0):
    a, s, margin = 4.08, np.sqrt(0.5), 3
    basis = [(0, 0, 0), (.5, .5, 0), (.5, 0, .5), (0, .5, .5)]
    r = int(np.ceil(max(extent, depth) / a)) + 2
    out = []
    for i in range(-r, r + 1):
        for j in range(-r, r + 1):
            for k in range(-r, r + 1):
                for b in basis:
                    u, v, w = (i + b[0]) * a, (j + b[1]) * a, (k + b[2]) * a
                    x, y, z = w + extent / 2, (u - v) * s + extent / 2, (u + v) * s + depth / 2
                    if abs(x - extent / 2) < extent / 2 - margin and abs(y - extent / 2) < extent / 2 - margin \
                            and 0.01 <= z < depth - 0.01:
                        out.append((x, y, z))
    p = np.array(out)
    centre = np.array([extent / 2, extent / 2, depth / 2])
    return p[((p - centre) ** 2).sum(1) < radius**2]


def slicing_check():
    base = gold_particle()
    centre = np.array([10, 10, 8.0])
    t = np.radians(3)
    rot = np.array([[1, 0, 0], [0, np.cos(t), -np.sin(t)], [0, np.sin(t), np.cos(t)]])
    cases = {"zone axis": base, "tilted 3°": (base - centre) @ rot.T + centre,
             "displaced σ 0.08 Å": base + np.random.default_rng(1).normal(0, 0.08, base.shape)}
    sim = Simulator(20, 400)
    rel = lambda a, b: np.linalg.norm(a - b) / np.linalg.norm(b)
    print(f"exit-wave relative L2 change, {len(base)}-atom gold particle, 300 kV, 0.05 Å")
    for name, atoms in cases.items():
        for scheme in ["linear", "containing", "plane"]:
            w = {t: exit_wave(sim, atoms, 16, t, scheme) for t in (1, 0.5, 0.25, 0.125)}
            print(f"  {name:20s} {scheme:10s} 1->0.5 {rel(w[.5], w[1]):.4f}  0.5->0.25 {rel(w[.25], w[.5]):.4f}"
                  f"  0.25->0.125 {rel(w[.125], w[.25]):.4f}")


if __name__ == "__main__":
    potential_check()
    slicing_check()
