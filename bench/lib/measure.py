"""Runs one command under /usr/bin/time in its own process group and measures it.

Every command is started in a new session, so an interrupted or timed-out run is ended by killing its whole
process group: no makeflow, worker or task is left behind. Wall time is taken here with a monotonic clock;
peak RSS comes from GNU time's %M, the largest resident set of the top process and the children it waited for.
"""
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = "/usr/bin/time"

_running: set[int] = set()  # process-group ids of commands still running


@dataclass(frozen=True)
class Run:
    ok: bool          # exited 0 within the time limit
    status: str       # "ok", "timeout", "exit N" or "signal N"
    wall_s: float
    rss_kb: int | None
    start_ns: int     # time.time_ns() taken just before the command was started


def run(argv: list[str], cwd: Path, log: Path, timeout_s: float) -> Run:
    """Runs argv in cwd with stdout and stderr to log; kills its process group after timeout_s."""
    rss_file = log.with_suffix(".rss")
    cmd = [GNU_TIME, "-f", "%M", "-o", str(rss_file), *argv]
    with open(log, "wb") as out:
        start_ns = time.time_ns()
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        _running.add(proc.pid)
        try:
            code = proc.wait(timeout=timeout_s)
            wall = time.monotonic() - t0
            status = "ok" if code == 0 else (f"signal {-code}" if code < 0 else f"exit {code}")
        except subprocess.TimeoutExpired:
            wall = time.monotonic() - t0
            status = "timeout"
        finally:
            if proc.poll() is None:
                kill_group(proc.pid)
                proc.wait()
            # The command may have left children behind in its group even after a clean exit.
            kill_group(proc.pid, grace_s=0)
            _running.discard(proc.pid)
    return Run(status == "ok", status, wall, _read_rss(rss_file), start_ns)


def kill_group(sid: int, grace_s: float = 2.0) -> None:
    """SIGTERM to every process of the session sid, then SIGKILL to whatever is left after grace_s.

    The session, not only the process group: makeflow puts each local task in a process group of its own,
    but tasks stay in the session that the command was started in.
    """
    deadline = time.monotonic() + grace_s
    sig = signal.SIGTERM
    while True:
        pids = session_members(sid)
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        if sig == signal.SIGKILL:
            return
        time.sleep(0.05)
        if time.monotonic() >= deadline:
            sig = signal.SIGKILL


def session_members(sid: int, proc_root: Path = Path("/proc")) -> list[int]:
    """Pids of the live processes in session sid and of all their descendants, read from proc_root/<pid>/stat.

    Descendants too: cctools' makeflow starts Open MPI's `orted --set-sid`, which leaves the session.
    """
    procs = []  # (pid, ppid, session)
    for entry in proc_root.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # Fields after the parenthesised command name: state ppid pgrp session ...
        fields = stat[stat.rindex(")") + 2:].split()
        if len(fields) > 3 and fields[0] != "Z":
            procs.append((int(entry.name), int(fields[1]), int(fields[3])))
    chosen = {pid for pid, _, session in procs if session == sid}
    grew = True
    while grew:
        before = len(chosen)
        chosen |= {pid for pid, ppid, _ in procs if ppid in chosen}
        grew = len(chosen) > before
    return sorted(chosen)


def kill_all() -> None:
    """Ends every command still running; called on interruption."""
    for pgid in list(_running):
        kill_group(pgid)
        _running.discard(pgid)


def _read_rss(rss_file: Path) -> int | None:
    # GNU time writes "Command exited with non-zero status N" before the value when the command fails.
    try:
        lines = rss_file.read_text().split()
        return int(lines[-1]) if lines and lines[-1].isdigit() else None
    except OSError:
        return None
