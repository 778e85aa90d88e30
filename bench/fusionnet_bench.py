"""Yardstick for atomfinder-nn: the same FusionNet-style network in PyTorch (eager, CPU).

Architecture as io.github.atomfinder.nn.FusionNet: per level conv3x3 -> residual(3x conv3x3) -> conv3x3,
every conv followed by ReLU then BatchNorm; 2x2 max pool; up: 1x1 conv (+ReLU, BN) halving the maps, then
edge-replicate pad + 3x3 conv to 4C + pixel shuffle; additive skips; 1x1 score conv; softmax.

Run: /usr/bin/python3 bench/fusionnet_bench.py [threads]   (prints ms per 1024^2 inference and per training step)
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def unit(cin, cout, k=3):
    return nn.Sequential(nn.Conv2d(cin, cout, k, padding=k // 2), nn.ReLU(), nn.BatchNorm2d(cout))


class Block(nn.Module):
    def __init__(self, cin, c):
        super().__init__()
        self.a = unit(cin, c)
        self.res = nn.Sequential(unit(c, c), unit(c, c), unit(c, c))
        self.b = unit(c, c)

    def forward(self, x):
        x = self.a(x)
        return self.b(x + self.res(x))


class Up(nn.Module):
    def __init__(self, cin, c):
        super().__init__()
        self.halve = unit(cin, c, 1)
        self.conv = nn.Conv2d(c, 4 * c, 3, bias=False)

    def forward(self, x):
        x = F.pad(self.halve(x), (1, 1, 1, 1), mode="replicate")
        return F.pixel_shuffle(self.conv(x), 2)


class FusionNet(nn.Module):
    def __init__(self, cin=1, classes=2, width=16, levels=3):
        super().__init__()
        w = [width << k for k in range(levels + 1)]
        self.enc = nn.ModuleList([Block(cin if k == 0 else w[k - 1], w[k]) for k in range(levels + 1)])
        self.up = nn.ModuleList([Up(w[k + 1], w[k]) for k in reversed(range(levels))])
        self.dec = nn.ModuleList([Block(w[k], w[k]) for k in reversed(range(levels))])
        self.score = nn.Conv2d(w[0], classes, 1)
        self.levels = levels

    def forward(self, x):
        skips = []
        for k, e in enumerate(self.enc):
            x = e(x)
            if k < self.levels:
                skips.append(x)
                x = F.max_pool2d(x, 2)
        for i in range(self.levels):
            x = self.dec[i](self.up[i](x) + skips[self.levels - 1 - i])
        return torch.softmax(self.score(x), 1)


def timed(fn, warm=1, runs=3):
    for _ in range(warm):
        fn()
    t = []
    for _ in range(runs):
        s = time.perf_counter()
        fn()
        t.append((time.perf_counter() - s) * 1e3)
    t.sort()
    return t[len(t) // 2]


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    for width in [int(a) for a in sys.argv[2:]] or [8, 16, 32]:
        net = FusionNet(width=width)
        net.eval()
        x = torch.randn(1, 1, 1024, 1024)
        with torch.no_grad():
            ms = timed(lambda: net(x))
        print(f"inference 1024x1024 untiled, width {width}: median {ms:.1f} ms")
        net.train()
        opt = torch.optim.Adam(net.parameters(), lr=1e-3, weight_decay=1e-5)
        xb = torch.randn(4, 1, 256, 256)
        yb = torch.rand(4, 2, 256, 256)

        def step():
            opt.zero_grad()
            loss = ((net(xb) - yb) ** 2).mean()
            loss.backward()
            opt.step()

        ms = timed(step, warm=2, runs=4)
        print(f"training step batch 4 crop 256 width {width}: median {ms:.1f} ms")


if __name__ == "__main__":
    main()
