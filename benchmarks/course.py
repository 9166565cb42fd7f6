"""Time the whole course against the seed's single script, and check issue 18's budgets.

    make bench        (or: .venv/bin/python benchmarks/course.py [--repeat 3] [--breakdown 1])

The reference is the seed's next-value script as a learner would run it: a fresh Python that
imports TensorFlow and fits SimpleRNN(50) + Dense(1) for 200 epochs (benchmarks/exercise.py's
naive recipe), timed in the same run on the same machine. This machine is shared and its
timings swing 2x, so every figure is a ratio to the seed script of the same round, and the
budgets use the median over ``--repeat`` rounds (default 3). Each round runs, one after the other:

1. the seed script;
2. ``make nbval``: exactly the command CI runs (``make test``), timed as a whole, with a JUnit
   report added on its command line (``NBVAL_REPORT``) for each cell's time (the call only,
   without kernel start or shut-down), while every kernel's resident memory (its process tree)
   is sampled every 0.1 s;
3. in the first ``--breakdown`` rounds (default 1): every notebook alone, top to bottom in a fresh
   kernel (nbclient, as a learner's "Run All"), timing the kernel start, the setup (first code)
   cell, each code cell, and the kernel shut-down (immediate, as nbval does it), and the
   kernel's peak memory.

Budgets (issue 18): the slowest cell under nbval <= 0.35 x the seed script; ``make nbval`` <= 3.5 x
the seed script; every kernel's peak memory <= 1024 MiB. Each is printed last as a line
``budget: <what> | <measured> | <budget> | PASS|FAIL``, which ``benchmarks/budgets.py`` collects.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CELL_BUDGET = 0.35  # slowest cell under nbval / seed script
NBVAL_BUDGET = 3.5  # make nbval / seed script
MEMORY_BUDGET_MIB = 1024.0  # every kernel's peak resident memory

RUN_NOTEBOOK = """
import json, sys, time
import nbformat
from course_utils.teaching.execute import PromptClient

nb = nbformat.read(sys.argv[1], as_version=4)
client = PromptClient(nb, timeout=120, kernel_name="python3", shutdown_kernel="immediate",
                        resources={"metadata": {"path": sys.argv[2]}})
cells, errors = [], []
start = time.perf_counter()
with client.setup_kernel():
    started = time.perf_counter()
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        t = time.perf_counter()
        client.execute_cell(cell, index)
        cells.append([index, time.perf_counter() - t, cell.source.splitlines()[:1]])
    last_reply = time.perf_counter()
stopped = time.perf_counter()
errors = [o.get("ename") for c in nb.cells for o in c.get("outputs", [])
          if o.get("output_type") == "error"]
print(json.dumps({"kernel_start": started - start, "cells": cells, "wall": last_reply - start,
                  "shutdown": stopped - last_reply, "errors": errors}))
"""

NAIVE_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
import exercise
row = exercise.run("naive", scaled=False, fast=False)
print(f"prediction for [90..99]: {row['prediction']:.1f}")
"""


class KernelMemory:
    """Samples the resident memory of every Jupyter kernel below a process, every 0.1 s.

    A kernel's memory is its own RSS plus its descendants' (its process tree). ``peaks`` maps
    each kernel's pid to the largest sum seen.
    """

    def __init__(self, root: int) -> None:
        self.root = root
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> KernelMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                below = psutil.Process(self.root).children(recursive=True)
            except psutil.Error:
                below = []
            for p in below:
                try:
                    if "ipykernel_launcher" not in " ".join(p.cmdline()):
                        continue
                    tree = [p, *p.children(recursive=True)]
                    mib = sum(q.memory_info().rss for q in tree) / 2**20
                except psutil.Error:
                    continue
                self.peaks[p.pid] = max(self.peaks.get(p.pid, 0.0), mib)
            self._stop.wait(0.1)


def run_notebook(path: Path) -> dict:
    """One notebook top to bottom in a fresh kernel: start, cells, shut-down, peak memory.

    With ``PromptClient`` (course_utils/teaching/execute.py): plain nbclient now and then waits
    for a widget cell's reply until the cell's timeout, although the reply has come.
    """
    process = subprocess.Popen(
        [sys.executable, "-c", RUN_NOTEBOOK, str(path), str(path.parent)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with KernelMemory(process.pid) as memory:
        out, err = process.communicate()
    if process.returncode:
        raise RuntimeError(f"{path.name}: the runner failed:\n{err[-2000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    for line in err.splitlines():
        if "a kernel did not start" in line:  # PromptClient started another (said, not hidden)
            print(f"{path.name}: {line.strip()}", flush=True)
    if result["errors"]:
        raise RuntimeError(f"{path.name} raised {result['errors']}")
    result["peak_mib"] = max(memory.peaks.values(), default=0.0)
    return result


def time_naive_recipe() -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", NAIVE_SCRIPT, str(REPO / "benchmarks")],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    return time.perf_counter() - start


def time_make_nbval() -> tuple[float, dict[str, float], float]:
    """Run ``make nbval`` as CI does; return (wall s, {cell: call s}, largest kernel peak MiB)."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "nbval.xml"
        command = [
            "make",
            "--no-print-directory",
            "nbval",
            f"NBVAL_REPORT=--junitxml={report} -o junit_duration_report=call -q",
        ]
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        with KernelMemory(process.pid) as memory:
            out, _ = process.communicate()
        seconds = time.perf_counter() - start
        if process.returncode:
            raise RuntimeError(f"make nbval failed:\n{out[-3000:]}")
        cells = {}
        for case in ET.parse(report).iter("testcase"):
            notebook = Path(case.get("file") or case.get("classname", "?")).name
            cells[f"{notebook}::{case.get('name')}"] = float(case.get("time", 0.0))
    return seconds, cells, max(memory.peaks.values(), default=0.0)


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def verdict(name: str, measured: str, budget: str, ok: bool) -> str:
    return f"budget: {name} | {measured} | {budget} | {'PASS' if ok else 'FAIL'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are used (3)")
    parser.add_argument(
        "--breakdown", type=int, default=1, help="rounds that also time each notebook alone (1)"
    )
    args = parser.parse_args()
    if args.repeat < 1 or not 0 <= args.breakdown <= args.repeat:
        parser.error("need --repeat >= 1 and 0 <= --breakdown <= --repeat")
    print(
        f"{len(NOTEBOOKS)} notebooks, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
        f"{args.repeat} round(s); load average at start {load()}"
    )
    rounds: list[dict] = []
    alone: dict[str, list[dict]] = {p.name: [] for p in NOTEBOOKS}
    for i in range(args.repeat):
        naive = time_naive_recipe()
        nbval, cells, nbval_peak = time_make_nbval()
        rounds.append({"naive": naive, "nbval": nbval, "cells": cells, "peak": nbval_peak})
        print(
            f"round {i + 1}: seed script {naive:.1f} s, make nbval {nbval:.1f} s "
            f"(ratio {nbval / naive:.2f}), slowest cell {max(cells.values()):.1f} s; "
            f"load {load()}",
            flush=True,
        )
        if i < args.breakdown:
            for path in NOTEBOOKS:
                alone[path.name].append(run_notebook(path))

    if args.breakdown:
        print(
            "\nEach notebook alone in a fresh kernel (median of "
            f"{args.breakdown} run(s); seconds, peak MiB of the kernel's process tree):"
        )
        header = f"{'notebook':<30} {'start':>5} {'setup':>5} {'cells':>6} {'stop':>5} {'wall':>6}"
        print(f"{header} {'peak':>5}  slowest cell")
        for name, runs in alone.items():

            def med(key: str, runs: list[dict] = runs) -> float:
                return statistics.median(r[key] for r in runs)

            cell_s = [
                statistics.median(r["cells"][j][1] for r in runs)
                for j in range(len(runs[0]["cells"]))
            ]
            setup = cell_s[0]
            slowest = max(range(len(cell_s)), key=cell_s.__getitem__)
            index, _, first_line = runs[0]["cells"][slowest]
            peak = max(r["peak_mib"] for r in runs)
            print(
                f"{name:<30} {med('kernel_start'):>5.1f} {setup:>5.1f} {sum(cell_s):>6.1f} "
                f"{med('shutdown'):>5.1f} {med('wall'):>6.1f} {peak:>5.0f}  "
                f"{cell_s[slowest]:.1f} s, cell {index}: {(first_line or [''])[0][:40]}"
            )
        total = sum(statistics.median(r["wall"] for r in runs) for runs in alone.values())
        print(f"{'total (kernel start to last reply)':<50} {total:>6.1f}")

    naive = statistics.median(r["naive"] for r in rounds)
    nbval_ratio = statistics.median(r["nbval"] / r["naive"] for r in rounds)
    cell_ratio = statistics.median(max(r["cells"].values()) / r["naive"] for r in rounds)
    slowest_cells = [max(r["cells"], key=r["cells"].__getitem__) for r in rounds]
    slowest = statistics.mode(slowest_cells)
    peak = max([r["peak"] for r in rounds] + [r["peak_mib"] for v in alone.values() for r in v])
    print(
        f"\nseed script (fresh Python: import TensorFlow, 200-epoch fit): median {naive:.1f} s of "
        + ", ".join(f"{r['naive']:.1f}" for r in rounds)
    )
    print(
        f"make nbval: median ratio {nbval_ratio:.2f} of "
        + ", ".join(f"{r['nbval']:.1f} s" for r in rounds)
        + "; "
        f"slowest cell under nbval: {slowest} (median ratio {cell_ratio:.2f}); load {load()}"
    )
    print(
        verdict(
            "slowest cell under make nbval / seed script",
            f"{cell_ratio:.2f}",
            f"<= {CELL_BUDGET}",
            cell_ratio <= CELL_BUDGET,
        )
    )
    print(
        verdict(
            "make nbval / seed script",
            f"{nbval_ratio:.2f}",
            f"<= {NBVAL_BUDGET}",
            nbval_ratio <= NBVAL_BUDGET,
        )
    )
    print(
        verdict(
            "peak memory of a notebook kernel",
            f"{peak:.0f} MiB",
            f"<= {MEMORY_BUDGET_MIB:.0f} MiB",
            peak <= MEMORY_BUDGET_MIB,
        )
    )


if __name__ == "__main__":
    main()
