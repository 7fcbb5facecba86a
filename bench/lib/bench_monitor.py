"""monitor: the cost of measuring every task. N trivial rules with and without `--monitor=DIR`, per tool."""
from benches import (Ctx, Section, Variant, _makeflow_argv, _mkdir, _status_rows, _usable, fmt_mb, fmt_ratio,
                     fmt_wall, measure_case, verdict)
import workflows

TIMEOUT_S = 300


def run(ctx: Ctx) -> Section:
    n = 200 if ctx.quick else 1000
    base = _mkdir(ctx.work / "monitor")

    def variants(tpl, count):
        vs = []
        for mf in ctx.makeflows:
            if not mf.available():
                continue
            plain = _makeflow_argv(mf, ctx.jobs)
            check = (lambda c: lambda d, _log: workflows.check_trivial(d, c))(count)
            vs.append(Variant(mf.name, plain, tpl, check=check))
            vs.append(Variant(f"{mf.name}+monitor", plain[:-1] + ["--monitor=mon", plain[-1]], tpl, check=check))
        return vs

    warm = _mkdir(base / "warm")
    workflows.trivial(warm, 10)
    status = _usable(ctx, "monitor", lambda tpl: variants(tpl, 10), warm,
                     present=lambda mf: mf.available())
    tpl = _mkdir(base / f"n{n}")
    workflows.trivial(tpl, n)
    vs = [v for v in variants(tpl, n) if status.get(v.tool, "ok") == "ok"]
    res = _status_rows(measure_case(f"monitor N={n}", vs, ctx.runs, TIMEOUT_S, _mkdir(tpl / "runs")), status)
    sec = Section("monitor", f"{n:,} trivial rules (`echo K > out.K`), `makeflow -T local -j {ctx.jobs}`, without and "
                  "with `--monitor=mon` (a resource summary per rule).",
                  ["tool", "median wall s (min–max)", "peak RSS MB", "with/without monitor"])
    for tool in ("cctools", "shoal"):
        plain, mon = res.get(tool), res.get(f"{tool}+monitor")
        for r in (plain, mon):
            if r is None:
                continue
            ratio = fmt_ratio(mon.wall(), plain.wall()) if r is mon and plain else ""
            sec.rows.append([r.tool, fmt_wall(r), fmt_mb(r.rss_kb()), ratio])
        if tool == "shoal" and plain and mon and plain.ok and mon.ok:
            q = mon.wall() / plain.wall()
            sec.notes.append(f"Shoal with --monitor = {q:.2f}× without (target ≤ 1.3×): {verdict(q <= 1.3)}")
    return sec
