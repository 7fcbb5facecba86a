"""(d) startup: from starting the makeflow command to its first task running, for a 10-rule workflow."""
from benches import (Ctx, Section, Variant, _makeflow_argv, _mkdir, _status_rows, _usable, fmt_mb, fmt_ratio,
                     measure_case, ordered, verdict)
import workflows

TIMEOUT_S = 60


def run(ctx: Ctx) -> Section:
    runs = 5 if ctx.quick else max(10, ctx.runs)
    base = _mkdir(ctx.work / "startup")

    def first_dispatch(d, r):
        first = workflows.first_stamp_ns(d)
        return {"first_ms": (first - r.start_ns) / 1e6} if first else {}

    def variants(tpl):
        return [Variant(mf.name, _makeflow_argv(mf, ctx.jobs), tpl, after=first_dispatch,
                        check=lambda d, _log: None if workflows.first_stamp_ns(d) else "a stamp.K is missing")
                for mf in ctx.makeflows if mf.available()]

    tpl = _mkdir(base / "w10")
    workflows.startup(tpl)
    status = _usable(ctx, "startup", variants, tpl)
    vs = [v for v in variants(tpl) if status.get(v.tool, "ok") == "ok"]
    res = _status_rows(measure_case("startup 10 rules", vs, runs, TIMEOUT_S, _mkdir(tpl / "runs")), status)

    sec = Section("startup", f"10 independent rules `date +%s%N > stamp.K`; first dispatch = earliest stamp − "
                  f"the clock read just before starting the command (`makeflow -T local -j {ctx.jobs}`, through "
                  f"its launcher for Shoal); median of {runs} runs.",
                  ["tool", "first dispatch ms median (min–max)", "whole run ms", "peak RSS MB",
                   "Shoal/cctools first dispatch"])
    cc = res.get("cctools")
    for r in ordered(res):
        f = r.extra_median("first_ms")
        fs = r.extras.get("first_ms", [])
        sec.rows.append([r.tool, f"{f:.1f} ({min(fs):.1f}–{max(fs):.1f})" if f is not None else r.status,
                         f"{r.wall() * 1000:.0f}" if r.ok else "n/a", fmt_mb(r.rss_kb()),
                         fmt_ratio(f, cc.extra_median("first_ms") if cc else None) if r.tool == "shoal" else ""])
        if r.tool == "shoal" and f is not None:
            sec.notes.append(f"Shoal first dispatch {f:.0f} ms, launcher included (target < 500 ms from JVM "
                             f"start): {verdict(f < 500)}")
    return sec
