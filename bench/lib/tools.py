"""Finds the makeflow commands to compare: cctools' (Debian's package) and Shoal's."""
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Makeflow:
    name: str                # "cctools" or "shoal"
    makeflow: Path | None    # None: not installed
    analyze: Path | None

    def available(self) -> bool:
        return self.makeflow is not None


def cctools() -> Makeflow:
    """Debian's cctools: $CCTOOLS_MAKEFLOW, else /usr/bin/makeflow, else a makeflow on PATH outside this repo."""
    mf = _exe(os.environ.get("CCTOOLS_MAKEFLOW")) or _exe("/usr/bin/makeflow") or _on_path("makeflow")
    an = _exe(str(mf.parent / "makeflow_analyze")) if mf else None
    return Makeflow("cctools", mf, an)


def shoal() -> Makeflow:
    """Shoal: $SHOAL_MAKEFLOW, else bin/makeflow of this repository; makeflow_analyze beside it or
    $SHOAL_MAKEFLOW_ANALYZE."""
    mf = _exe(os.environ.get("SHOAL_MAKEFLOW") or str(REPO / "bin" / "makeflow"))
    an = _exe(os.environ.get("SHOAL_MAKEFLOW_ANALYZE") or (str(mf.parent / "makeflow_analyze") if mf else None))
    return Makeflow("shoal", mf, an)


def _exe(path: str | None) -> Path | None:
    if path and os.path.isfile(path) and os.access(path, os.X_OK):
        return Path(os.path.abspath(path))  # not resolved: the launchers dispatch on the name they are called by
    return None


def _on_path(name: str) -> Path | None:
    for d in os.environ.get("PATH", "").split(os.pathsep):
        p = Path(d) / name
        if d and not p.resolve().is_relative_to(REPO) and _exe(str(p)):
            return p
    return None


def describe_machine(tools: list[Makeflow]) -> list[tuple[str, str]]:
    """(label, value) pairs that identify the machine and the versions measured."""
    mem_kb = _first(["awk", "/MemTotal/ {print $2}", "/proc/meminfo"])
    cpu = _first(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"]).strip()
    rows = [
        ("cores (nproc)", str(os.cpu_count() if not shutil.which("nproc") else _first(["nproc"]))),
        ("cpu", cpu or "?"),
        ("memory", f"{int(mem_kb) / 1048576:.1f} GiB" if mem_kb.isdigit() else "?"),
        ("kernel", _first(["uname", "-sr"])),
        ("JDK (Shoal's launcher)", _jdk()),
        ("shoal commit", _first(["git", "-C", str(REPO), "log", "-1", "--format=%h %s"])[:72]),
    ]
    for t in tools:
        where = str(t.makeflow) if t.makeflow else "not found"
        if t.name == "cctools" and t.makeflow:
            pkg = _first(["dpkg-query", "-W", "-f=${Version}", "coop-computing-tools"])
            ver = _first([str(t.makeflow), "-v"]).partition(" version ")[2]
            where += f" ({ver}; Debian coop-computing-tools {pkg or '?'})"
        rows.append((f"{t.name} makeflow", where))
    return rows


def _jdk() -> str:
    script = f'. "{REPO}/bin/jdk.sh" && shoal_find_jdk && "$SHOAL_JAVA_HOME/bin/java" -version 2>&1 | head -n 1'
    if os.environ.get("SHOAL_JAVA"):
        script = f'"{os.environ["SHOAL_JAVA"]}" -version 2>&1 | head -n 1'
    return _first(["bash", "-c", script]) or "none found"


def _first(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=30).stdout
        return out.strip().splitlines()[0] if out.strip() else ""
    except (OSError, subprocess.SubprocessError):
        return ""
