"""bench/run's driver: generates the workflows, measures every benchmark, prints and records the results."""
import argparse
import datetime
import os
import shlex
import shutil
import signal
import sys
import time
from pathlib import Path

import bench_monitor
import bench_parse
import bench_shrimp
import bench_sizing
import bench_startup
import bench_trivial
import bench_wq
import measure
import tools
from benches import Ctx, Section

BENCH = Path(__file__).resolve().parents[1]
ALL = {"trivial": bench_trivial.run, "shrimp": bench_shrimp.run, "parse": bench_parse.run,
       "startup": bench_startup.run, "monitor": bench_monitor.run, "sizing": bench_sizing.run,
       "wq-shrimp": bench_wq.shrimp, "wq-trivial": bench_wq.trivial, "wq-files": bench_wq.small_files,
       "wq-large": bench_wq.large_file, "wq-sim": bench_wq.simulated}


class Interrupted(Exception):
    pass


def _on_signal(signum, _frame):
    raise Interrupted(signal.Signals(signum).name)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="bench/run", description="Shoal vs cctools makeflow benchmarks.")
    ap.add_argument("--quick", action="store_true", help="smaller sizes and 1 run: a smoke check (< 3 min)")
    ap.add_argument("--only", action="append", default=[], metavar="NAME",
                    help=f"run only these benchmarks (repeatable or comma-separated): {', '.join(ALL)}")
    ap.add_argument("--runs", type=int, help="runs per configuration (default 3; 1 with --quick)")
    ap.add_argument("--no-save", action="store_true", help="print only; do not append to bench/RESULTS.md")
    ap.add_argument("--keep", action="store_true", help="keep bench/work/ (generated workflows) after the run")
    ap.add_argument("--work", type=Path, default=BENCH / "work", metavar="DIR",
                    help="where the generated workflows and the workers' directories go (default bench/work); "
                         "a tmpfs such as /dev/shm takes this machine's disk out of the measurement")
    args = ap.parse_args(argv)
    names = [n for spec in args.only for n in spec.split(",") if n] or list(ALL)
    if unknown := [n for n in names if n not in ALL]:
        ap.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(ALL)}")
    runs = args.runs or (1 if args.quick else 3)
    if runs < 1:
        ap.error("--runs must be at least 1")
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _on_signal)

    work = args.work.resolve() / f"run-{os.getpid()}"
    makeflows = [tools.cctools(), tools.shoal()]
    ctx = Ctx(work, runs, args.quick, os.cpu_count() or 1, makeflows)
    started = datetime.datetime.now(datetime.timezone.utc)
    t0 = time.monotonic()
    sections: list[Section] = []
    try:
        work.mkdir(parents=True)
        for name in names:
            print(f"== {name}", file=sys.stderr, flush=True)
            sections.append(ALL[name](ctx))
    except Interrupted as e:
        print(f"bench/run: interrupted ({e}); stopping its commands", file=sys.stderr)
        measure.kill_all()
        return 130
    finally:
        measure.kill_all()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    report = render(started, time.monotonic() - t0, ["bench/run", *argv], runs, makeflows, sections, args.quick)
    print(report)
    if not args.no_save:
        with open(BENCH / "RESULTS.md", "a") as f:
            f.write("\n" + report)
        print(f"bench/run: appended to {BENCH / 'RESULTS.md'}", file=sys.stderr)
    return 0


def render(started, elapsed_s, argv, runs, makeflows, sections: list[Section], quick: bool) -> str:
    out = [f"## {started:%Y-%m-%d %H:%M} UTC — `{shlex.join(argv)}`{' (quick: smoke sizes)' if quick else ''}", "",
           f"Runs per configuration: {runs} (median; startup: its own count); whole run {elapsed_s / 60:.1f} min.", ""]
    out += [f"- {label}: {value}" for label, value in tools.describe_machine(makeflows)]
    for s in sections:
        out += ["", f"### {s.title}", "", s.blurb, "", "| " + " | ".join(s.header) + " |",
                "|" + "|".join("---" for _ in s.header) + "|"]
        out += ["| " + " | ".join(row) + " |" for row in s.rows]
        if s.notes:
            out += [""] + [f"- {n}" for n in s.notes]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
