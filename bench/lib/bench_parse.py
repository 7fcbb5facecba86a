"""(c) parse: `makeflow_analyze -k FILE` (parse and check only) of 100,000 and 1,000,000 generated rules."""
from benches import (Ctx, Section, Variant, _mkdir, _status_rows, _usable, fmt_mb, fmt_ratio, fmt_wall,
                     measure_case, ordered, verdict)
import measure
import workflows

TIMEOUT_S = {100_000: 120, 1_000_000: 600}


def run(ctx: Ctx) -> Section:
    sizes = [100_000] if ctx.quick else [100_000, 1_000_000]
    base = _mkdir(ctx.work / "parse")

    def syntax_ok(_dir, log):
        return None if "Syntax OK" in log.read_text(errors="replace") else "no 'Syntax OK' in its output"

    def variants(tpl, path):
        return [Variant(mf.name, [str(mf.analyze), "-k", str(path)], tpl, fresh_dir=False, check=syntax_ok)
                for mf in ctx.makeflows if mf.analyze]

    warm = _mkdir(base / "warm")
    workflows.parse(warm / "Makeflow", 1000, chained=True)
    status = _usable(ctx, "parse", lambda tpl: variants(tpl, tpl / "Makeflow"), warm,
                     present=lambda mf: mf.analyze is not None)
    _must_reject(ctx, warm, status)

    sec = Section("parse", "`makeflow_analyze -k FILE`: parse and syntax-check only. Independent: rule K is "
                  "`out.K:` / `echo K > out.K`; chained: rule K also reads out.K-1. Bytes/rule = peak RSS ÷ rules.",
                  ["rules", "shape", "file MB", "tool", "median wall s (min–max)", "peak RSS MB", "bytes/rule",
                   "rules/s", "Shoal/cctools time"])
    for n in sizes:
        for chained in (False, True):
            shape = "chained" if chained else "independent"
            tpl = _mkdir(base / f"{shape}-{n}")
            path = tpl / "Makeflow"
            workflows.parse(path, n, chained)
            vs = [v for v in variants(tpl, path) if status.get(v.tool, "ok") == "ok"]
            res = _status_rows(measure_case(f"parse {shape} {n}", vs, ctx.runs, TIMEOUT_S[n], tpl), status)
            cc, sh = res.get("cctools"), res.get("shoal")
            for r in ordered(res):
                w, kb = r.wall(), r.rss_kb()
                sec.rows.append([f"{n:,}", shape, f"{path.stat().st_size / 1e6:.1f}", r.tool, fmt_wall(r),
                                 fmt_mb(kb), f"{kb * 1024 / n:.0f}" if kb else "n/a",
                                 f"{n / w:,.0f}" if w else "n/a",
                                 fmt_ratio(w, cc.wall() if cc else None) if r.tool == "shoal" else ""])
            if n == 1_000_000 and sh and sh.ok:
                fast, small = sh.wall() < 15, (sh.rss_kb() or 0) < 2 * 1024 * 1024
                sec.notes.append(f"{shape} 1,000,000: Shoal {sh.wall():.1f} s (target < 15 s: {verdict(fast)}), "
                                 f"{fmt_mb(sh.rss_kb())} MB (target < 2 GB: {verdict(small)})")
            path.unlink()
    return sec


def _must_reject(ctx: Ctx, warm, status: dict[str, str]) -> None:
    """A checker that exits 0 on a workflow defining out.1 twice is not parsing: its times would mean nothing."""
    bad = warm / "Twice"
    bad.write_text("out.1:\n\techo 1 > out.1\n\nout.1:\n\techo 2 > out.1\n")
    for mf in ctx.makeflows:
        if status.get(mf.name) == "ok":
            r = measure.run([str(mf.analyze), "-k", str(bad)], warm, warm / f"twice-{mf.name}.log", 60)
            if r.ok:
                status[mf.name] = "n/a (accepts a file defining out.1 twice: does not check)"
