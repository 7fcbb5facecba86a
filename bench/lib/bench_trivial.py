"""(a) trivial: N independent `echo K > out.K` rules, -T local, against xargs -P cores -n 1 sh -c."""
from benches import (Ctx, Section, Variant, _makeflow_argv, _mkdir, _status_rows, _usable, fmt_mb, fmt_ratio,
                     fmt_wall, measure_case, ordered, verdict)
import workflows

TIMEOUT_S = {1000: 120, 5000: 300, 10000: 300}


def run(ctx: Ctx) -> Section:
    sizes = [1000, 5000] if ctx.quick else [1000, 10000]
    base = _mkdir(ctx.work / "trivial")

    def variants(tpl, n):
        vs = [Variant(mf.name, _makeflow_argv(mf, ctx.jobs), tpl,
                      check=lambda d, _log: workflows.check_trivial(d, n))
              for mf in ctx.makeflows if mf.available()]
        vs.append(Variant("xargs", ["xargs", "-a", "commands.txt", "-d", "\\n", "-P", str(ctx.jobs), "-n", "1",
                                    "sh", "-c"], tpl, check=lambda d, _log: workflows.check_trivial(d, n)))
        return vs

    warm = _mkdir(base / "warm")
    workflows.trivial(warm, 20)
    status = _usable(ctx, "trivial", lambda tpl: variants(tpl, 20), warm)

    sec = Section("trivial", "N independent rules `out.K:` / `echo K > out.K`; `makeflow -T local -j "
                  f"{ctx.jobs}`; xargs: `xargs -P {ctx.jobs} -n 1 sh -c` with one `echo K > out.K` per invocation.",
                  ["N", "tool", "median wall s (min–max)", "peak RSS MB", "tasks/s", "ms/rule",
                   "Shoal/cctools time", "Shoal/xargs time"])
    per_rule: dict[str, dict[int, float]] = {}
    for n in sizes:
        tpl = _mkdir(base / f"n{n}")
        workflows.trivial(tpl, n)
        vs = [v for v in variants(tpl, n) if status.get(v.tool, "ok") == "ok"]
        res = _status_rows(measure_case(f"trivial N={n}", vs, ctx.runs, TIMEOUT_S[n], _mkdir(tpl / "runs")), status)
        cc, sh, xa = (res.get(t) for t in ("cctools", "shoal", "xargs"))
        for r in ordered(res):
            w = r.wall()
            if w:
                per_rule.setdefault(r.tool, {})[n] = w / n
            is_shoal = r.tool == "shoal"
            sec.rows.append([f"{n:,}", r.tool, fmt_wall(r), fmt_mb(r.rss_kb()),
                             f"{n / w:.0f}" if w else "n/a", f"{w / n * 1000:.3f}" if w else "n/a",
                             fmt_ratio(w, cc.wall() if cc else None) if is_shoal else "",
                             fmt_ratio(w, xa.wall() if xa else None) if is_shoal else ""])
        if sh and sh.ok and cc and cc.ok and n in (1000, 10000):
            speed = cc.wall() / sh.wall()
            want = 2 if n == 1000 else 5
            sec.notes.append(f"N={n:,}: Shoal throughput = {speed:.2f}× cctools' (target ≥ {want}×): "
                             f"{verdict(speed >= want)}")
        if sh and sh.ok and xa and xa.ok and n in (1000, 10000):
            sec.notes.append(f"N={n:,}: Shoal time = {sh.wall() / xa.wall():.2f}× xargs' (target ≤ 1.5×): "
                             f"{verdict(sh.wall() / xa.wall() <= 1.5)}")
    small, big = sizes
    for tool, pr in per_rule.items():
        if small in pr and big in pr:
            g = pr[big] / pr[small]
            target = f" (target ≤ 1.2×: {verdict(g <= 1.2)})" if tool == "shoal" and big == 10000 else ""
            sec.notes.append(f"{tool}: time per rule at N={big:,} ÷ time per rule at N={small:,} = {g:.2f}×"
                             f"{target}")
    return sec
