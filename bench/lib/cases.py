"""Measures one case (one workflow size) across tools, runs interleaved, each run in a fresh directory."""
import os
import shutil
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import measure

OUT = Path(__file__).resolve().parents[1] / "out"   # logs of failed runs, kept after exit (git-ignored)


@dataclass
class Variant:
    """One tool's way to do a case's work."""
    tool: str                                   # "cctools", "shoal" or "xargs"
    argv: list[str]
    template: Path                              # dir holding the case's generated files
    fresh_dir: bool = True                      # False: run in template itself (nothing is written there)
    check: Callable[[Path, Path], str | None] | None = None     # (run dir, log) -> None or what is wrong
    after: Callable[[Path, measure.Run], dict] | None = None    # extra per-run values, e.g. first dispatch


@dataclass
class Result:
    tool: str
    status: str = "ok"                          # "ok", or why there is no number ("n/a: ...", "timeout", ...)
    runs: list[measure.Run] = field(default_factory=list)
    extras: dict[str, list] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "ok" and bool(self.runs)

    def wall(self) -> float | None:
        return statistics.median(r.wall_s for r in self.runs) if self.ok else None

    def wall_range(self) -> tuple[float, float] | None:
        return (min(r.wall_s for r in self.runs), max(r.wall_s for r in self.runs)) if self.ok else None

    def rss_kb(self) -> int | None:
        """Largest peak RSS over the runs."""
        vals = [r.rss_kb for r in self.runs if r.rss_kb is not None]
        return max(vals) if self.ok and vals else None

    def extra_median(self, key: str) -> float | None:
        vals = self.extras.get(key, [])
        return statistics.median(vals) if self.ok and vals else None


def measure_case(label: str, variants: list[Variant], runs: int, timeout_s: float, work: Path) -> dict[str, Result]:
    """Runs every variant `runs` times, interleaved (run 1 of each tool, then run 2, ...) so that the machine's
    drift hits all tools alike. A variant that fails, times out or writes wrong outputs is not run again."""
    results = {v.tool: Result(v.tool) for v in variants}
    for i in range(runs):
        for v in variants:
            res = results[v.tool]
            if res.status != "ok":
                continue
            run_dir = work / f"{v.tool}-{i}" if v.fresh_dir else v.template
            if v.fresh_dir:
                _fresh(run_dir, v.template)
            log = work / f"{v.tool}-{i}.log"
            r = measure.run(v.argv, run_dir, log, timeout_s)
            problem = None if r.ok else (f"timeout (> {timeout_s:.0f} s)" if r.status == "timeout" else
                                         f"failed ({r.status})")
            if problem is None and v.check:
                err = v.check(run_dir, log)
                problem = f"wrong output ({err})" if err else None
            if problem is None and v.after:
                for key, val in v.after(run_dir, r).items():
                    res.extras.setdefault(key, []).append(val)
            if problem is None:
                res.runs.append(r)
                _say(f"  {label:<24} {v.tool:<8} run {i + 1}/{runs}: {r.wall_s:8.3f} s"
                     f"  {(r.rss_kb or 0) / 1024:8.1f} MB")
            else:
                res.status = problem
                kept = _keep_log(log, f"{label}-{v.tool}-{i}")
                _say(f"  {label:<24} {v.tool:<8} run {i + 1}/{runs}: {problem}; log: {kept}")
            log.unlink(missing_ok=True)
            log.with_suffix(".rss").unlink(missing_ok=True)
            if v.fresh_dir:
                shutil.rmtree(run_dir, ignore_errors=True)
    return results


def _fresh(run_dir: Path, template: Path) -> None:
    """A new dir holding hard links to the template's files: no outputs, no .makeflowlog of an earlier run."""
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    for f in template.iterdir():
        if f.is_file():
            os.link(f, run_dir / f.name)


def _keep_log(log: Path, name: str) -> str:
    OUT.mkdir(exist_ok=True)
    dest = OUT / (name.replace(" ", "_").replace("=", "") + ".log")
    try:
        shutil.copyfile(log, dest)
        tail = log.read_text(errors="replace").splitlines()[-5:]
        for line in tail:
            _say(f"      | {line[:160]}")
    except OSError:
        return "(none)"
    return str(dest.relative_to(OUT.parent.parent))


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)
