"""Notebook 7's claims about its trained models hold over five seeds, at the notebook's settings.

``benchmarks/forecast.py`` re-computes the notebook from scratch for seeds 42 (the notebook's),
1, 2, 3 and 4, in two processes at once (one per core). Each seed's results say whether each
claim the notebook prints holds; every claim must hold for every seed. With seed 42 the benchmark
must also print the notebook's own table, and the notebook must print each claim as true.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCHMARK = ROOT / "benchmarks" / "forecast.py"
NOTEBOOK = ROOT / "notebooks" / "07_forecasting.ipynb"
# Two processes, one per core. The benchmark traces each model once and reuses it for later
# seeds, so the notebook's seed 42 runs second: its numbers matching the notebook's (trained on
# new models) shows that a reused model trains like a new one.
SEED_GROUPS = ((1, 42, 2), (3, 4))
# The notebook's table rows and the benchmark's names for them.
TABLE_ROWS = {
    "last value": "naive",
    "cycle naive": "seasonal naive",
    "linear": "linear",
    "AR(9)": "statistical",
    "SimpleRNN": "SimpleRNN",
    "LSTM": "LSTM",
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Every seed's results and the stdout of the process that ran the notebook's seed."""
    folder = tmp_path_factory.mktemp("forecast")
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": str(ROOT)}
    started = []
    for i, seeds in enumerate(SEED_GROUPS):
        out = folder / f"seeds{i}.json"
        command = [sys.executable, str(BENCHMARK), "--seeds", *map(str, seeds), "--json", str(out)]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        started.append((process, out))
    results, stdouts = [], []
    for process, out in started:
        stdout, stderr = process.communicate(timeout=900)
        assert process.returncode == 0, f"benchmarks/forecast.py failed:\n{stderr[-3000:]}"
        results += json.loads(out.read_text())
        stdouts.append(stdout)
    return results, stdouts[0]


def notebook_text() -> str:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    return "\n".join(
        out.get("text", "")
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "stream"
    )


def notebook_seed(results):
    return next(r for r in results if r["seed"] == 42)


def test_five_seeds_ran_the_notebooks_on_a_reused_model(runs):
    results, _ = runs
    assert [r["seed"] for r in results] == [s for group in SEED_GROUPS for s in group]
    assert len(results) >= 5 and results[1]["seed"] == 42


def test_every_claim_holds_for_every_seed(runs):
    results, _ = runs
    failed = [(r["seed"], claim) for r in results for claim, ok in r["claims"].items() if not ok]
    assert not failed, f"claims that do not hold (seed, claim): {failed}"


def test_the_notebook_prints_every_claim_and_it_is_true(runs):
    results, _ = runs
    text = notebook_text()
    for claim in notebook_seed(results)["claims"]:
        assert f"{claim}: True" in text, f"the notebook does not print {claim!r} as True"


def test_the_lstm_moves_by_a_sunspot_or_two_over_seeds(runs):
    # The notebook: "with other random seeds the LSTM's score moves by a sunspot or two".
    results, _ = runs
    scores = [r["mae"]["LSTM"] for r in results]
    assert max(scores) - min(scores) < 2.5, scores


def test_the_benchmark_prints_the_notebooks_table(runs):
    results, stdout = runs
    text = notebook_text()
    table = text[text.index("test MAE, sunspots") :]
    shown = {}
    for row, key in TABLE_ROWS.items():
        match = re.search(rf"^\s*{re.escape(row)}\s+(\d+(?:\.\d)?)\s*$", table, re.MULTILINE)
        assert match, f"no row {row!r} in the notebook's table"
        shown[key] = match.group(1)
    last = stdout.strip().splitlines()[-1]
    expected = (
        "forecast: yearly sunspot number 1700-2008, test MAE naive {naive}, seasonal naive "
        "{seasonal naive}, linear {linear}, statistical {statistical}, SimpleRNN {SimpleRNN}, "
        "LSTM {LSTM} (sunspots)"
    )
    for key, value in shown.items():
        expected = expected.replace("{" + key + "}", value)
    assert last == expected
    # and the JSON agrees with the printed line
    mae = notebook_seed(results)["mae"]
    assert f"LSTM {mae['LSTM']:.0f} " in last and f"naive {mae['naive']:.1f}," in last
