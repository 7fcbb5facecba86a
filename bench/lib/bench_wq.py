"""Master/worker benchmarks: each makeflow with `-T wq` and its own workers (cctools' work_queue_worker, Shoal's
bin/work_queue_worker) on this machine, started together by wq_run.sh and timed as one command."""
import os
import random
import socket
import threading
import time
from pathlib import Path

from benches import (Ctx, Section, Variant, _mkdir, _status_rows, _usable, fmt_mb, fmt_ratio, fmt_wall,
                     measure_case, ordered, sha256, verdict)
from cases import Result
from tools import Makeflow
import workflows

WQ_RUN = Path(__file__).resolve().parent / "wq_run.sh"


def worker_of(mf: Makeflow) -> Path | None:
    """The worker that goes with a makeflow: the work_queue_worker beside it."""
    if not mf.makeflow:
        return None
    w = mf.makeflow.parent / "work_queue_worker"
    return w if w.is_file() else None


def _available(mf: Makeflow) -> bool:
    return mf.available() and worker_of(mf) is not None


def _variants(ctx: Ctx, tpl: Path, workers: int, check, after=None, wopts: str = "") -> list[Variant]:
    return [Variant(mf.name, ["bash", str(WQ_RUN), str(mf.makeflow), str(worker_of(mf)), str(workers), wopts,
                              "Makeflow"], tpl, check=check, after=after)
            for mf in ctx.makeflows if _available(mf)]


def _rate_rows(sec: Section, res, count: int, unit: str) -> None:
    cc = res.get("cctools")
    for r in ordered(res):
        w = r.wall()
        sec.rows.append([r.tool, fmt_wall(r), fmt_mb(r.rss_kb()), f"{count / w:,.0f}" if w else "n/a",
                         fmt_ratio(w, cc.wall() if cc else None) if r.tool == "shoal" else ""])


def shrimp(ctx: Ctx) -> Section:
    """SHRIMP-shaped workflow through 2 workers; outputs compared with a local run."""
    chunks = 1000 if ctx.quick else 5000
    base = _mkdir(ctx.work / "wq-shrimp")
    ok = lambda d, _log: None if (d / "combined.txt").is_file() else "combined.txt is missing"
    digest = lambda d, _r: {"sha256": sha256(d / "combined.txt")}
    warm = _mkdir(base / "warm")
    workflows.shrimp(warm, 10)
    status = _usable(ctx, "wq-shrimp", lambda t: _variants(ctx, t, 2, ok, digest), warm, _available)
    tpl = _mkdir(base / f"c{chunks}")
    workflows.shrimp(tpl, chunks)
    # The reference: a local run of the same workflow by the first available makeflow.
    ref_dir = _mkdir(tpl / "local-ref")
    local = [Variant(mf.name, [str(mf.makeflow), "-T", "local", "Makeflow"], tpl, check=ok, after=digest)
             for mf in ctx.makeflows if mf.available()][:1]
    ref_res = measure_case("wq-shrimp local reference", local, 1, 600, ref_dir)
    ref = next((r.extras["sha256"][0] for r in ref_res.values() if r.ok), None)
    vs = [v for v in _variants(ctx, tpl, 2, ok, digest) if status.get(v.tool, "ok") == "ok"]
    res = _status_rows(measure_case(f"wq-shrimp chunks={chunks}", vs, ctx.runs, 1800, _mkdir(tpl / "runs")), status)
    for r in res.values():
        if r.ok and ref and any(h != ref for h in r.extras["sha256"]):
            r.status = "wrong output (combined.txt differs from the local run)"
    tasks = chunks + 2
    sec = Section("wq-shrimp", f"SHRIMP-shaped workflow ({chunks:,} maps over a shared 10 MiB ref.dat, {tasks:,} "
                  "tasks) with `makeflow -T wq` and 2 local workers of the same tool (default worker resources). "
                  "combined.txt compared with a local run.",
                  ["tool", "median wall s (min–max)", "peak RSS MB (makeflow)", "tasks/s", "Shoal/cctools time"])
    _rate_rows(sec, res, tasks, "tasks")
    sh, cc = res.get("shoal"), res.get("cctools")
    if ref:
        same = {t: r.ok for t, r in res.items()}
        sec.notes.append(f"combined.txt identical to the local run: "
                         + ", ".join(f"{t} {'yes' if s else 'n/a'}" for t, s in same.items()))
    if sh and cc and sh.ok and cc.ok:
        sec.notes.append(f"Shoal makespan = {sh.wall() / cc.wall():.2f}× cctools' (target ≤ 0.5×): "
                         f"{verdict(sh.wall() / cc.wall() <= 0.5)}")
    return sec


def trivial(ctx: Ctx) -> Section:
    """Dispatch rate: N trivial one-core rules through 2 workers."""
    n = 2000 if ctx.quick else 10000
    base = _mkdir(ctx.work / "wq-trivial")

    def gen(d: Path, k: int) -> None:
        workflows.trivial(d, k)
        mf = d / "Makeflow"
        mf.write_text("CORES=1\nMEMORY=10\nDISK=10\n" + mf.read_text())

    warm = _mkdir(base / "warm")
    gen(warm, 20)
    status = _usable(ctx, "wq-trivial", lambda t: _variants(
        ctx, t, 2, lambda d, _l: workflows.check_trivial(d, 20)), warm, _available)
    tpl = _mkdir(base / f"n{n}")
    gen(tpl, n)
    vs = [v for v in _variants(ctx, tpl, 2, lambda d, _l: workflows.check_trivial(d, n))
          if status.get(v.tool, "ok") == "ok"]
    res = _status_rows(measure_case(f"wq-trivial N={n}", vs, ctx.runs, 1200, _mkdir(tpl / "runs")), status)
    sec = Section("wq-trivial", f"{n:,} independent rules `echo K > out.K` with CORES=1 MEMORY=10 DISK=10, "
                  "`makeflow -T wq` and 2 local workers (2 cores each as detected): tasks/s end to end, "
                  "including start-up and every output fetched back.",
                  ["tool", "median wall s (min–max)", "peak RSS MB (makeflow)", "tasks/s", "Shoal/cctools time"])
    _rate_rows(sec, res, n, "tasks")
    sh = res.get("shoal")
    if sh and sh.ok:
        sec.notes.append(f"Shoal {n / sh.wall():,.0f} tasks/s end to end (target ≥ 2,000 dispatched/s): "
                         f"{verdict(n / sh.wall() >= 2000)}")
    return sec


def small_files(ctx: Ctx) -> Section:
    """10,000 input files of 1–64 KiB: 100 rules of 100 inputs each, one worker."""
    rules, per = (20, 100) if ctx.quick else (100, 100)
    base = _mkdir(ctx.work / "wq-files")

    def gen(d: Path, r: int, p: int) -> None:
        rnd = random.Random(7)
        lines = []
        for k in range(r):
            ins = [f"in.{k}.{j}" for j in range(p)]
            for name in ins:
                (d / name).write_bytes(rnd.randbytes(rnd.randint(1024, 65536)))
            lines.append(f"sum.{k}: {' '.join(ins)}\n\tcat in.{k}.* | wc -c > sum.{k}\n")
        (d / "Makeflow").write_text("CORES=1\nMEMORY=10\nDISK=100\n" + "".join(lines))

    def check(d: Path, r: int, p: int) -> str | None:
        for k in range(r):
            want = sum((d / f"in.{k}.{j}").stat().st_size for j in range(p))
            f = d / f"sum.{k}"
            if not f.is_file() or int(f.read_text().strip() or -1) != want:
                return f"sum.{k} wrong or missing"
        return None

    warm = _mkdir(base / "warm")
    gen(warm, 2, 3)
    status = _usable(ctx, "wq-files", lambda t: _variants(ctx, t, 1, lambda d, _l: check(d, 2, 3)), warm,
                     _available)
    tpl = _mkdir(base / "tpl")
    gen(tpl, rules, per)
    vs = [v for v in _variants(ctx, tpl, 1, lambda d, _l: check(d, rules, per)) if status.get(v.tool, "ok") == "ok"]
    res = _status_rows(measure_case(f"wq-files {rules * per}", vs, ctx.runs, 1200, _mkdir(tpl / "runs")), status)
    files = rules * per
    sec = Section("wq-files", f"{files:,} input files of 1–64 KiB (seeded), {rules} rules of {per} inputs each "
                  "(`cat in.K.* | wc -c > sum.K`), `makeflow -T wq`, 1 local worker: files/s end to end.",
                  ["tool", "median wall s (min–max)", "peak RSS MB (makeflow)", "files/s", "Shoal/cctools time"])
    _rate_rows(sec, res, files, "files")
    sh, cc = res.get("shoal"), res.get("cctools")
    if sh and cc and sh.ok and cc.ok:
        sec.notes.append(f"Shoal files/s = {cc.wall() / sh.wall():.2f}× cctools' (target ≥ 2×): "
                         f"{verdict(cc.wall() / sh.wall() >= 2)}")
    return sec


def large_file(ctx: Ctx) -> Section:
    """One rule reading one large input: transfer rate against a plain socket copy of the same bytes."""
    mib = 128 if ctx.quick else 1024
    base = _mkdir(ctx.work / "wq-large")

    def gen(d: Path, size: int) -> None:
        with open(d / "big.dat", "wb") as f:
            block = random.Random(3).randbytes(1 << 20)
            for _ in range(size >> 20):
                f.write(block)
            f.write(block[: size & ((1 << 20) - 1)])
        (d / "Makeflow").write_text("CORES=1\nMEMORY=100\nDISK=4000\nsize.txt: big.dat\n\twc -c < big.dat > size.txt\n")

    def check(d: Path, size: int) -> str | None:
        f = d / "size.txt"
        return None if f.is_file() and f.read_text().strip() == str(size) else "size.txt wrong or missing"

    warm = _mkdir(base / "warm")
    gen(warm, 1)
    status = _usable(ctx, "wq-large", lambda t: _variants(ctx, t, 1, lambda d, _l: check(d, 1)), warm, _available)
    variants = {}
    for label, size in (("tiny", 1), ("big", mib << 20)):
        tpl = _mkdir(base / label)
        gen(tpl, size)
        variants[label] = [v for v in _variants(ctx, tpl, 1, lambda d, _l, s=size: check(d, s))
                           if status.get(v.tool, "ok") == "ok"]
    # Round by round (each tool's 1-byte run, each tool's big run, the socket copy): the page cache's
    # writeback of the gigabytes written so far weighs on every measure of a round alike.
    res_by = {label: {} for label in variants}
    socket_s = []
    for i in range(ctx.runs):
        for label, vs in variants.items():
            for tool, r in measure_case(f"wq-large {label} {i + 1}/{ctx.runs}", vs, 1, 1200,
                                        _mkdir(base / label / "runs")).items():
                merged = res_by[label].setdefault(tool, Result(tool))
                merged.runs.extend(r.runs)
                if r.status != "ok":
                    merged.status = r.status
            variants[label] = [v for v in vs if res_by[label][v.tool].status == "ok"]
        socket_s.append(_socket_copy(base / "big" / "big.dat", base / "copy.dat"))
    res_by = {label: _status_rows(res, status) for label, res in res_by.items()}
    socket_s.sort()
    sock = socket_s[len(socket_s) // 2]
    sec = Section("wq-large", f"one rule reading a {mib:,} MiB input through 1 local worker; the transfer time is "
                  "the run's median wall time minus that of the same workflow with a 1-byte input; beside it, a "
                  "plain loopback socket copy of the same file into a file (Python, sendfile → recv_into), "
                  "measured in the same invocation, round by round (1-byte runs, big runs, socket copy).",
                  ["tool", "median wall s big (min–max)", "median wall s tiny", "transfer MiB/s",
                   "fraction of socket copy"])
    sock_rate = mib / sock
    for r in ordered(res_by["big"]):
        t = res_by["tiny"].get(r.tool)
        rate = mib / (r.wall() - t.wall()) if r.ok and t and t.ok and r.wall() > t.wall() else None
        sec.rows.append([r.tool, fmt_wall(r), fmt_wall(t) if t else "n/a", f"{rate:,.0f}" if rate else "n/a",
                         f"{rate / sock_rate:.2f}" if rate else "n/a"])
        if r.tool == "shoal" and rate:
            sec.notes.append(f"Shoal at {rate / sock_rate:.0%} of the socket copy (target ≥ 80 %): "
                             f"{verdict(rate / sock_rate >= 0.8)}")
    sec.rows.append(["socket copy", f"{sock:.3f}", "", f"{sock_rate:,.0f}", "1.00"])
    return sec


def _socket_copy(src: Path, dst: Path) -> float:
    """Seconds to copy src to dst through a loopback TCP connection (one sender, one receiver thread)."""
    srv = socket.create_server(("127.0.0.1", 0))
    port = srv.getsockname()[1]

    def receive():
        conn, _ = srv.accept()
        buf = bytearray(1 << 20)
        view = memoryview(buf)
        with conn, open(dst, "wb") as out:
            while n := conn.recv_into(buf):
                out.write(view[:n])

    t = threading.Thread(target=receive)
    t0 = time.monotonic()
    t.start()
    with socket.create_connection(("127.0.0.1", port)) as c, open(src, "rb") as f:
        c.sendfile(f)
    t.join()
    dt = time.monotonic() - t0
    srv.close()
    dst.unlink(missing_ok=True)
    return dt


SIM = Path(__file__).resolve().parent / "simworkers.py"


def simulated(ctx: Ctx) -> Section:
    """1,000 simulated workers: the manager's CPU and memory while idle; dispatch rate to instant workers."""
    import resource
    import signal
    import subprocess
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    count, window = (200, 5.0) if ctx.quick else (1000, 20.0)
    n = 2000 if ctx.quick else 20000
    base = _mkdir(ctx.work / "wq-sim")
    rows, notes = [], []
    for mf in ctx.makeflows:
        if not mf.available():
            rows.append([mf.name, "n/a (not found)", "", "", ""])
            continue
        idle_d = _mkdir(base / f"{mf.name}-idle")
        (idle_d / "Makeflow").write_text("out.txt:\n\techo hi > out.txt\n")
        cpu, rss, err = [], [], None
        for _ in range(ctx.runs):
            try:
                c, r = _idle_sample(mf, idle_d, count, window, subprocess, signal)
                cpu.append(c)
                rss.append(r)
            except RuntimeError as e:
                err = str(e)
                break
        disp = []
        for i in range(ctx.runs if not err else 0):
            d = _mkdir(base / f"{mf.name}-fast-{i}")
            workflows.trivial(d, n)
            (d / "Makeflow").write_text("CORES=1\nMEMORY=10\nDISK=10\n" + (d / "Makeflow").read_text())
            try:
                disp.append(_dispatch_run(mf, d, n, subprocess, signal))
            except RuntimeError as e:
                err = str(e)
                break
        med = lambda xs: sorted(xs)[len(xs) // 2] if xs else None
        c, r, t = med(cpu), med(rss), med(disp)
        rows.append([mf.name, f"{c:.3f}" if c is not None else (err or "n/a"),
                     f"{r:,.0f}" if r is not None else "n/a", f"{n / t:,.0f}" if t else (err or "n/a"),
                     f"{t:.2f}" if t else "n/a"])
        if mf.name == "shoal" and c is not None:
            notes.append(f"Shoal idle with {count:,} workers: {c:.3f} cores, {r:,.0f} MB RSS "
                         f"(targets < 1 core, < 1,024 MB): {verdict(c < 1 and r < 1024)}")
        if mf.name == "shoal" and t:
            notes.append(f"Shoal dispatch to instant workers: {n / t:,.0f} tasks/s (target ≥ 2,000): "
                         f"{verdict(n / t >= 2000)}")
    sec = Section("wq-sim", f"simulated workers (bench/lib/simworkers.py, protocol 9, one Python process). Idle: "
                  f"{count:,} workers connected to `makeflow -T wq` whose one task never ends; the manager "
                  f"process's CPU (cores, utime+stime over {window:.0f} s after all connected) and RSS. Dispatch: "
                  f"{n:,} one-core trivial rules to 16 instant workers of 4 cores (tasks end at once, outputs are "
                  "2-byte files): tasks/s over the whole run.",
                  ["tool", "idle CPU cores (median)", "idle RSS MB", "dispatch tasks/s", "dispatch wall s"], rows,
                  notes)
    return sec


def _start_manager(mf: Makeflow, d: Path, subprocess):
    pf = d / ".port"
    pf.unlink(missing_ok=True)
    log = open(d / "manager.log", "w")
    p = subprocess.Popen([str(mf.makeflow), "-T", "wq", "-p", "0", "-Z", str(pf), "Makeflow"], cwd=d,
                         stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    while not (pf.is_file() and pf.read_text().strip()):
        if p.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"manager wrote no port file (see {d / 'manager.log'})")
        time.sleep(0.02)
    return p, int("".join(ch for ch in pf.read_text() if ch.isdigit()))


def _stop(p, signal) -> None:
    import measure
    if p.poll() is None:
        measure.kill_group(p.pid)
    try:
        p.wait(10)
    except Exception:
        pass


def _idle_sample(mf: Makeflow, d: Path, count: int, window: float, subprocess, signal):
    for f in d.glob("Makeflow.*"):
        f.unlink()
    p, port = _start_manager(mf, d, subprocess)
    sim = subprocess.Popen(["python3", str(SIM), "127.0.0.1", str(port), "--count", str(count), "--mode", "idle"],
                           stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        if not sim.stdout.readline().startswith("connected"):
            raise RuntimeError("simulated workers did not connect")
        time.sleep(3)  # let the manager take in every handshake before sampling its idle cost
        pid = _jvm_or_self(p.pid)
        t0, c0 = time.monotonic(), _cpu_s(pid)
        time.sleep(window)
        cores = (_cpu_s(pid) - c0) / (time.monotonic() - t0)
        return cores, _rss_mb(pid)
    finally:
        _stop(sim, signal)
        _stop(p, signal)


def _dispatch_run(mf: Makeflow, d: Path, n: int, subprocess, signal) -> float:
    t0 = time.monotonic()
    p, port = _start_manager(mf, d, subprocess)
    sim = subprocess.Popen(["python3", str(SIM), "127.0.0.1", str(port), "--count", "16", "--mode", "fast",
                            "--cores", "4"], stdout=subprocess.DEVNULL, start_new_session=True)
    try:
        rc = p.wait(1200)
        dt = time.monotonic() - t0
        if rc != 0:
            raise RuntimeError(f"makeflow exit {rc}")
        missing = sum(1 for k in range(n) if not (d / f"out.{k}").is_file())
        if missing:
            raise RuntimeError(f"{missing} outputs missing")
        return dt
    finally:
        _stop(sim, signal)
        _stop(p, signal)


def _jvm_or_self(pid: int) -> int:
    return pid  # both launchers exec: the pid is the manager process itself


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")
