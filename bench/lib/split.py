"""Split step of the SHRIMP-shaped benchmark: writes chunk.0 .. chunk.N-1 of 1-64 KiB each.

Usage: python3 split.py N SEED. Sizes and bytes come from a seeded generator, so every run writes the same files.
"""
import random
import sys

n, seed = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)
for k in range(n):
    size = rng.randint(1, 64) * 1024
    with open(f"chunk.{k}", "wb") as f:
        f.write(rng.randbytes(size))
