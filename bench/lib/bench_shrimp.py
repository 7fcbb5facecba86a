"""(b) shrimp: split -> 5,000 maps (each reads its 1-64 KiB chunk and a shared 10 MB file) -> combine."""
from benches import (Ctx, Section, Variant, _makeflow_argv, _mkdir, _status_rows, _usable, fmt_mb, fmt_ratio,
                     fmt_wall, measure_case, ordered, sha256)
import workflows

TIMEOUT_S = 300


def run(ctx: Ctx) -> Section:
    chunks = 1000 if ctx.quick else 5000
    tasks = chunks + 2
    base = _mkdir(ctx.work / "shrimp")

    def check(d, _log):
        return None if (d / "combined.txt").is_file() else "combined.txt is missing"

    def digest(d, _run):
        return {"sha256": sha256(d / "combined.txt")}

    def variants(tpl):
        vs = [Variant(mf.name, _makeflow_argv(mf, ctx.jobs), tpl, check=check, after=digest)
              for mf in ctx.makeflows if mf.available()]
        vs.append(Variant("xargs", ["sh", "xargs.sh", str(ctx.jobs)], tpl, check=check, after=digest))
        return vs

    warm = _mkdir(base / "warm")
    workflows.shrimp(warm, 10)
    status = _usable(ctx, "shrimp", variants, warm)

    tpl = _mkdir(base / f"c{chunks}")
    workflows.shrimp(tpl, chunks)
    vs = [v for v in variants(tpl) if status.get(v.tool, "ok") == "ok"]
    res = _status_rows(measure_case(f"shrimp chunks={chunks}", vs, ctx.runs, TIMEOUT_S, _mkdir(tpl / "runs")),
                       status)
    # Byte-identical combine output: every tool's, every run's, against cctools' (or xargs' without cctools).
    ref_tool = "cctools" if res.get("cctools") and res["cctools"].ok else "xargs"
    ref = (res[ref_tool].extras.get("sha256") or [None])[0] if res.get(ref_tool) and res[ref_tool].ok else None
    same = {}
    for r in res.values():
        if r.ok and ref:
            same[r.tool] = all(h == ref for h in r.extras["sha256"])
            if not same[r.tool]:
                r.status = f"wrong output (combined.txt differs from {ref_tool}')"

    sec = Section("shrimp", f"SHRIMP-shaped: 1 split rule (python3 split.py, {chunks:,} chunks of 1–64 KiB), "
                  f"{chunks:,} map rules (`wc -c chunk.K ref.dat > map.K`, ref.dat = 10 MiB shared), "
                  f"1 combine rule (`cat map.0 … map.N-1 > combined.txt`); {tasks:,} tasks; `-T local -j {ctx.jobs}`. "
                  "xargs: the same split, maps under `xargs -P`, and combine, from a shell script.",
                  ["tool", "median wall s (min–max)", "peak RSS MB", "tasks/s", "Shoal/cctools time",
                   "Shoal/xargs time", "combined.txt = reference"])
    cc, xa = res.get("cctools"), res.get("xargs")
    for r in ordered(res):
        w = r.wall()
        is_shoal = r.tool == "shoal"
        sec.rows.append([r.tool, fmt_wall(r), fmt_mb(r.rss_kb()), f"{tasks / w:.0f}" if w else "n/a",
                         fmt_ratio(w, cc.wall() if cc else None) if is_shoal else "",
                         fmt_ratio(w, xa.wall() if xa else None) if is_shoal else "",
                         "reference" if r.tool == ref_tool and r.tool in same else
                         ("yes" if same.get(r.tool) else "NO" if r.tool in same else "n/a")])
    if ref:
        sec.notes.append(f"combined.txt sha256 ({ref_tool}): {ref[:16]}…")
    return sec
