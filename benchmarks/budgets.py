"""Run the course's benchmarks one after the other and end with issue 18's budgets in one block.

    make bench        (or: .venv/bin/python benchmarks/budgets.py [--skip-clone])

Runs, showing their output as it comes: ``exercise.py`` (the seed's recipe vs the course's),
``forecast.py`` (notebook 7's comparison, re-computed), ``course.py`` (``make nbval`` and every
notebook against the seed script, memory) and ``make_test.py`` (``make test`` in a fresh clone;
``--skip-clone`` leaves it out). Every line a script prints that starts with ``budget:`` is
collected, and the last block lists them (what, measured, budget, PASS/FAIL), with the load
average. Nothing is left behind: each script cleans up after itself (temporary folders,
kernels), so ``make bench`` can run twice in a row. Exit status 1 when a script fails or a
budget is not met.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def run(script: str, *args: str) -> tuple[list[str], int]:
    """Run one benchmark script, echo its output, return its ``budget:`` lines and exit code."""
    print(f"\n===== benchmarks/{script} {' '.join(args)} (load {load()})", flush=True)
    process = subprocess.Popen(
        [sys.executable, str(HERE / script), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    budgets = []
    for line in process.stdout:
        print(line, end="", flush=True)
        if line.startswith("budget:"):
            budgets.append(line.strip())
    return budgets, process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-clone", action="store_true", help="leave out make_test.py")
    args = parser.parse_args()
    start = time.perf_counter()
    scripts = [("exercise.py",), ("forecast.py",), ("course.py",)]
    if not args.skip_clone:
        scripts.append(("make_test.py",))
    budgets: list[str] = []
    failed: list[str] = []
    for script, *script_args in scripts:
        lines, rc = run(script, *script_args)
        budgets += lines
        if rc:
            failed.append(script)
    # "what | measured | budget | verdict"; the fields may hold "|error|", so split on " | "
    rows = [
        [part.strip() for part in line.removeprefix("budget:").split(" | ")] for line in budgets
    ]
    rows = [r if len(r) == 4 else [" | ".join(r), "?", "?", "FAIL"] for r in rows]
    width = max((len(r[0]) for r in rows), default=10)
    minutes = (time.perf_counter() - start) / 60
    print(f"\n===== issue 18 budgets ({minutes:.1f} min; load at the end {load()})")
    print(f"{'what':<{width}}  {'measured':>20}  {'budget':>22}  verdict")
    for what, measured, budget, verdict in rows:
        print(f"{what:<{width}}  {measured:>20}  {budget:>22}  {verdict}")
    if failed:
        print(f"scripts that failed (their budgets may be missing): {', '.join(failed)}")
    passed = not failed and all(r[3] == "PASS" for r in rows)
    print(f"all budgets met: {'yes' if passed else 'no'}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
