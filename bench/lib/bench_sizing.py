"""sizing: greedy requests on a small machine. Map rules that keep one core busy ~0.5 s but ask CORES=2,
MEMORY=4000, run with --allocation=fixed, waste and throughput; time and used/allocated cores per mode."""
import re
from pathlib import Path

from benches import Ctx, Section, Variant, _mkdir, fmt_ratio, fmt_wall, measure_case, verdict

TIMEOUT_S = 1800


BUSY = Path(__file__).with_name("busy.sh")


def workflow(dir, maps: int) -> None:
    (dir / "busy.sh").write_text(BUSY.read_text())
    with open(dir / "Makeflow", "w") as mf:
        mf.write(".MAKEFLOW CATEGORY map\nCORES=2\nMEMORY=4000\n\n")
        for k in range(maps):
            # One core busy for about half a second, in plain sh (no interpreter start-up to blur it).
            mf.write(f"map.{k}: busy.sh\n\tsh busy.sh 0.5 map.{k}\n\n")


def check(maps):
    def f(d, _log):
        for k in range(maps):
            if not (d / f"map.{k}").exists():
                return f"map.{k} is missing"
        return None
    return f


def run(ctx: Ctx) -> Section:
    maps = 60 if ctx.quick else 300
    base = _mkdir(ctx.work / "sizing")
    tpl = _mkdir(base / f"m{maps}")
    workflow(tpl, maps)
    shoal = next((m for m in ctx.makeflows if m.name == "shoal" and m.available()), None)
    sec = Section("sizing", f"{maps} map rules, each keeping one core busy ~0.5 s while asking CORES=2 MEMORY=4000, "
                  f"on {ctx.jobs} cores: Shoal with `--monitor=mon --allocation=MODE`. Used/allocated cores after "
                  "sizing settled (tasks after the first 25) from `shoal report`.",
                  ["mode", "median wall s (min–max)", "fixed/mode time", "used/allocated cores (settled)"])
    if shoal is None:
        sec.notes.append("Shoal not found: n/a")
        return sec
    modes = ["fixed", "waste", "throughput"]
    vs = [Variant(f"shoal-{m}", [str(shoal.makeflow), "-T", "local", "--monitor=mon", f"--allocation={m}",
                                  "Makeflow"], tpl, check=check(maps), after=_usage) for m in modes]
    res = measure_case(f"sizing maps={maps}", vs, 1 if not ctx.quick else 1, TIMEOUT_S, _mkdir(tpl / "runs"))
    fixed = res.get("shoal-fixed")
    for m in modes:
        r = res[f"shoal-{m}"]
        ratio = fmt_ratio(fixed.wall(), r.wall()) if fixed and fixed.ok and r.ok and m != "fixed" else ""
        use = r.extra_median("settled")
        sec.rows.append([m, fmt_wall(r), ratio, "n/a" if use is None else f"{use:.2f}"])
        if m != "fixed" and r.ok and fixed and fixed.ok:
            speed = fixed.wall() / r.wall()
            sec.notes.append(f"{m}: {speed:.2f}× faster than fixed (target ≥ 1.8×): {verdict(speed >= 1.8)}; "
                             f"used/allocated {use if use is not None else 'n/a'} (target ≥ 0.95): "
                             f"{verdict(use is not None and use >= 0.95)}")
    return sec


def _usage(run_dir, _run) -> dict:
    """The settled used/allocated cores ratio, as `shoal report` prints it (`settled cores used/allocated: X`)."""
    import subprocess
    from tools import REPO
    out = subprocess.run([str(REPO / "bin" / "shoal"), "report", "--monitor", "mon", "-X", str(run_dir),
                          "Makeflow"], capture_output=True, text=True, timeout=120).stdout
    m = re.search(r"settled cores used/allocated:\s*([0-9.]+)", out)
    return {"settled": float(m.group(1))} if m else {}
