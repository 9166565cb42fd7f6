"""Time the whole course: every notebook in a fresh kernel, against the seed's single script.

    make bench        (or: .venv/bin/python benchmarks/course.py)

Each notebook runs top to bottom in a new kernel (nbclient, as nbval does), in its own runner
process; its wall time runs from starting the kernel to the last cell's reply (imports included,
kernel shut-down not), and its peak memory is that kernel's maximum resident set size.
The reference is the seed's next-value script as a learner would run it: a fresh Python that
imports TensorFlow and fits SimpleRNN(50) + Dense(1) for 200 epochs (benchmarks/exercise.py's
naive recipe), timed in the same run on the same machine.

Both sides are run ``--repeat`` times (default 3), interleaved, and their medians compared: this
machine's timings swing by 20-30 % from run to run. Last line:
``course: total T.T s for N notebooks; naive recipe R.R s; ratio X.XX``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))

RUN_NOTEBOOK = """
import json, resource, sys, time
import nbformat
from nbclient import NotebookClient

nb = nbformat.read(sys.argv[1], as_version=4)
client = NotebookClient(nb, timeout=600, kernel_name="python3",
                        resources={"metadata": {"path": sys.argv[2]}})
start = time.perf_counter()
with client.setup_kernel():  # starts the kernel; shuts it down on exit (not timed)
    for index, cell in enumerate(nb.cells):
        client.execute_cell(cell, index)
    seconds = time.perf_counter() - start  # kernel start + every cell, as a learner waits
errors = [o.get("ename") for c in nb.cells for o in c.get("outputs", [])
          if o.get("output_type") == "error"]
peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the kernel
print(json.dumps({"seconds": seconds, "peak_mib": peak_mib, "errors": errors}))
"""

NAIVE_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
import exercise
row = exercise.run("naive", scaled=False, fast=False)
print(f"prediction for [90..99]: {row['prediction']:.1f}")
"""


def run_notebook(path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", RUN_NOTEBOOK, str(path), str(path.parent)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["errors"]:
        raise RuntimeError(f"{path.name} raised {result['errors']}")
    return result


def time_naive_recipe() -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", NAIVE_SCRIPT, str(REPO / "benchmarks")],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    return time.perf_counter() - start, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of every notebook and of the naive recipe; medians are reported (default 3)",
    )
    repeat = parser.parse_args().repeat
    if repeat < 1:
        parser.error("--repeat must be at least 1")
    print(
        f"{len(NOTEBOOKS)} notebooks, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
        f"median of {repeat} run(s) each, runs interleaved"
    )
    seconds: dict[str, list[float]] = {p.name: [] for p in NOTEBOOKS}
    peaks: dict[str, float] = dict.fromkeys(seconds, 0.0)
    naive_runs: list[float] = []
    said = ""
    for _ in range(repeat):  # interleaved, so a slow spell of the machine hits both sides
        for path in NOTEBOOKS:
            result = run_notebook(path)
            seconds[path.name].append(result["seconds"])
            peaks[path.name] = max(peaks[path.name], result["peak_mib"])
        naive, said = time_naive_recipe()
        naive_runs.append(naive)
    print(f"\n{'notebook':<34} {'wall s':>7} {'runs':>17} {'peak MiB':>9}")
    total = 0.0
    for name, runs in seconds.items():
        total += statistics.median(runs)
        shown = " ".join(f"{r:.1f}" for r in runs)
        print(f"{name:<34} {statistics.median(runs):>7.1f} {shown:>17} {peaks[name]:>9.0f}")
    print(f"{'total (sum of medians)':<34} {total:>7.1f}")
    naive = statistics.median(naive_runs)
    shown = ", ".join(f"{r:.1f}" for r in naive_runs)
    print(
        f"\nnaive recipe (fresh Python: import TensorFlow, 200-epoch fit): median {naive:.1f} s "
        f"of {shown}; {said}"
    )
    print(
        f"course: total {total:.1f} s for {len(NOTEBOOKS)} notebooks; "
        f"naive recipe {naive:.1f} s; ratio {total / naive:.2f}"
    )


if __name__ == "__main__":
    main()
