"""The four benchmarks. Each generates its workflows under ctx.work, measures them, and returns a Section."""
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import workflows
from cases import Result, Variant, measure_case
from tools import Makeflow

WARM_TIMEOUT_S = 600  # the first use of Shoal's launcher may build its jar


@dataclass
class Ctx:
    work: Path
    runs: int
    quick: bool
    jobs: int
    makeflows: list[Makeflow]     # cctools first, then shoal


@dataclass
class Section:
    title: str
    blurb: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _mkdir(p: Path) -> Path:
    p.mkdir(parents=True, exist_ok=True)
    return p


def _makeflow_argv(mf: Makeflow, jobs: int) -> list[str]:
    return [str(mf.makeflow), "-T", "local", "-j", str(jobs), "Makeflow"]


def _usable(ctx: Ctx, label: str, make_variants, template: Path, present=Makeflow.available) -> dict[str, str]:
    """Status per makeflow: "ok", or why it is n/a (not found, or failed a small warm-up run, not counted)."""
    status = {mf.name: "ok" if present(mf) else "n/a (not found)" for mf in ctx.makeflows}
    variants = [v for v in make_variants(template) if status.get(v.tool, "ok") == "ok"]
    for tool, res in measure_case(f"{label} warm-up", variants, 1, WARM_TIMEOUT_S, _mkdir(template / "runs")).items():
        if res.status != "ok":
            status[tool] = f"n/a (warm-up {res.status})"
    return status


def _status_rows(results: dict[str, Result], status: dict[str, str]) -> dict[str, Result]:
    for tool, st in status.items():
        if st != "ok":
            results[tool] = Result(tool, status=st)
    return results


def fmt_s(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}" if x < 10 else f"{x:.1f}"


def fmt_mb(kb: int | None) -> str:
    return "n/a" if kb is None else f"{kb / 1024:.1f}"


def fmt_ratio(a: float | None, b: float | None) -> str:
    return "n/a" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def fmt_wall(res: Result) -> str:
    if not res.ok:
        return res.status
    lo, hi = res.wall_range()
    return f"{fmt_s(res.wall())} ({fmt_s(lo)}–{fmt_s(hi)})"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ordered(results: dict[str, Result]) -> list[Result]:
    order = {"cctools": 0, "shoal": 1, "xargs": 2}
    return sorted(results.values(), key=lambda r: order.get(r.tool, 9))


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else "met" if ok else "NOT met"
