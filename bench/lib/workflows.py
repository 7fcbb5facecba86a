"""Generates the benchmark workflows (Makeflow text) and the xargs command lists that do the same work."""
import random
from pathlib import Path

SPLIT_SCRIPT = Path(__file__).with_name("split.py")
REF_BYTES = 10 * 1024 * 1024


def trivial(dir: Path, n: int) -> None:
    """n independent rules `out.K: / echo K > out.K`; also commands.txt, one such command a line, for xargs."""
    with open(dir / "Makeflow", "w") as mf, open(dir / "commands.txt", "w") as cmds:
        for k in range(n):
            mf.write(f"out.{k}:\n\techo {k} > out.{k}\n\n")
            cmds.write(f"echo {k} > out.{k}\n")


def check_trivial(dir: Path, n: int) -> str | None:
    """None when every out.K holds K, else what is wrong."""
    for k in range(n):
        try:
            if (dir / f"out.{k}").read_text() != f"{k}\n":
                return f"out.{k} has wrong content"
        except OSError:
            return f"out.{k} is missing"
    return None


def parse(path: Path, n: int, chained: bool) -> None:
    """n rules like trivial's; when chained, rule K also reads out.K-1, making one path of n rules."""
    with open(path, "w", buffering=1 << 20) as mf:
        for k in range(n):
            dep = f" out.{k - 1}" if chained and k > 0 else ""
            mf.write(f"out.{k}:{dep}\n\techo {k} > out.{k}\n\n")


def shrimp(dir: Path, chunks: int, seed: int = 42) -> None:
    """SHRIMP-shaped: split (script shipped as split.py) -> `chunks` map rules reading ref.dat -> combine.

    ref.dat, the shared 10 MB input, is written here once (deterministic bytes) and linked into each run dir.
    """
    (dir / "split.py").write_text(SPLIT_SCRIPT.read_text())
    rng = random.Random(seed)
    with open(dir / "ref.dat", "wb") as ref:
        ref.write(rng.randbytes(REF_BYTES))
    names = [f"chunk.{k}" for k in range(chunks)]
    maps = [f"map.{k}" for k in range(chunks)]
    with open(dir / "Makeflow", "w") as mf:
        mf.write(f"{' '.join(names)}: split.py\n\tpython3 split.py {chunks} {seed}\n\n")
        for k in range(chunks):
            mf.write(f"map.{k}: chunk.{k} ref.dat\n\twc -c chunk.{k} ref.dat > map.{k}\n\n")
        mf.write(f"combined.txt: {' '.join(maps)}\n\tcat {' '.join(maps)} > combined.txt\n")
    # The same work for xargs: split, the maps in parallel, combine.
    (dir / "commands.txt").write_text("".join(f"wc -c chunk.{k} ref.dat > map.{k}\n" for k in range(chunks)))
    (dir / "xargs.sh").write_text(
        "set -eu\n"
        f"python3 split.py {chunks} {seed}\n"
        'xargs -d "\\n" -P "$1" -n 1 sh -c < commands.txt\n'
        f"cat {' '.join(maps)} > combined.txt\n")


def startup(dir: Path, n: int = 10) -> None:
    """n independent rules, each writing `date +%s%N` (the time it was dispatched) to stamp.K."""
    with open(dir / "Makeflow", "w") as mf:
        for k in range(n):
            mf.write(f"stamp.{k}:\n\tdate +%s%N > stamp.{k}\n\n")


def first_stamp_ns(dir: Path, n: int = 10) -> int | None:
    stamps = []
    for k in range(n):
        try:
            stamps.append(int((dir / f"stamp.{k}").read_text().strip()))
        except (OSError, ValueError):
            return None
    return min(stamps)
