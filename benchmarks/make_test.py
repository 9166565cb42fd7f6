"""Time ``make test`` suite by suite, in a fresh clone (as a new contributor or CI runs it).

    .venv/bin/python benchmarks/make_test.py [--here] [--budget 360]

Clones this repository's committed HEAD into a temporary folder (uncommitted changes are not
in it), then runs there, one after the other and each timed: ``make venv`` (pip's cache is used
when warm), ``make proxy`` when npm is found (as ``.ci/run`` does), and every suite that
``make test`` runs, in the order of its ``test:`` line in the Makefile (lint, unit, slow,
nbval, browser, hub, ...). That is what ``make test`` does, with a clock around each part. The
clone is removed at the end, also when a suite fails. ``--here`` times the suites in this
checkout instead (no clone, no venv set-up).

Prints one line per part with its time and the load average when it ended, then
``budget: make test in a fresh clone | M min S s | <= 6 min | PASS|FAIL`` (the budget counts
the venv set-up and every suite) and a line that says whether every suite passed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUDGET_S = 360.0  # issue 18: a fresh clone's make test in at most 6 minutes


def suites(makefile: Path) -> list[str]:
    """The prerequisites of ``test:`` in the Makefile, in order."""
    match = re.search(r"^test:([^\n]*)$", makefile.read_text(), re.MULTILINE)
    if not match:
        raise SystemExit(f"no 'test:' target in {makefile}")
    return match.group(1).split()


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def run_part(name: str, command: list[str], cwd: Path, log: Path) -> tuple[float, int]:
    start = time.perf_counter()
    with log.open("a") as out:
        out.write(f"\n===== {' '.join(command)}\n")
        out.flush()
        rc = subprocess.run(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT).returncode
    seconds = time.perf_counter() - start
    status = "ok" if rc == 0 else f"FAILED (exit {rc})"
    print(f"{name:<10} {seconds:>7.1f} s  {status:<16} load {load()}", flush=True)
    return seconds, rc


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--here", action="store_true", help="this checkout, no clone, no venv")
    parser.add_argument("--budget", type=float, default=BUDGET_S, help="seconds (360)")
    args = parser.parse_args()
    python = os.environ.get("PYTHON", "python3")
    tmp = Path(tempfile.mkdtemp(prefix="make-test-"))
    log = tmp / "make_test.log"
    print(f"make test timed part by part; {os.cpu_count()} CPUs; load at start {load()}")
    try:
        if args.here:
            where = REPO
            parts: list[tuple[str, list[str]]] = []
        else:
            where = tmp / "clone"
            subprocess.run(["git", "clone", "--quiet", str(REPO), str(where)], check=True, cwd=tmp)
            head = subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"],
                cwd=where,
                text=True,
                capture_output=True,
                check=True,
            ).stdout.strip()
            print(f"fresh clone of {head} in {where}")
            parts = [("venv", ["make", "--no-print-directory", f"PYTHON={python}", "venv"])]
            if shutil.which("npm"):
                parts.append(("proxy", ["make", "--no-print-directory", "proxy"]))
        parts += [(s, ["make", "--no-print-directory", s]) for s in suites(where / "Makefile")]
        env_ci = os.environ.get("CI")
        total, failed = 0.0, []
        for name, command in parts:
            seconds, rc = run_part(name, command, where, log)
            total += seconds
            if rc:
                failed.append(name)
        minutes, seconds = divmod(round(total), 60)
        ok = total <= args.budget and not failed
        label = (
            "make test (suites only, this checkout)" if args.here else "make test in a fresh clone"
        )
        print(f"{'total':<10} {total:>7.1f} s")
        if failed:
            print(f"suites that failed: {', '.join(failed)}; the log:")
            print(log.read_text()[-4000:])
        else:
            print(f"every part passed (CI={env_ci or 'unset'})")
        print(
            f"budget: {label} | {minutes} min {seconds:02d} s | <= {args.budget / 60:g} min | "
            f"{'PASS' if ok else 'FAIL'}"
        )
        return 0 if not failed else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
