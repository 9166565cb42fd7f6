"""Notebook 6's comparison over seeds: the table behind its accuracy-against-k figure.

    .venv/bin/python benchmarks/memory_task_seeds.py [--seeds 10] [--out PATH]

Runs notebook 6's own functions (``start_weights``, ``make_trainer``, ``train``, taken from the
notebook's cells) with the notebook's budget: 100 Adam steps of 128 fresh sequences, accuracy on
1,000 test sequences. For each model (SimpleRNN, LSTM, GRU), each start (Keras' default, the
model's best), each k in 1, 3, 5, 10, 15, 20, 30, 40 and seeds 0..9: 480 trainings; then
SimpleRNN's best start with twice the budget (200 steps) at k = 30 and 40: 20 more. About 10
minutes on 2 cores. Seed s draws the starting weights (Keras' initialisers seeded with s, s + 1,
s + 2) and the training data (``memory_task`` seed 10,000 s + k); notebook 6 itself runs seed 0.

Writes ``course_utils/results/memory_task_seeds.csv`` (columns model, start, steps, k,
seed, accuracy), which ``course_utils.data.memory_task_runs`` reads, and prints the range over seeds
of every (model, start, k).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from test_claims import notebook_namespace  # noqa: E402 - the notebook's own cells, as the tests use

KS = [1, 3, 5, 10, 15, 20, 30, 40]
STARTS = ["default", "best"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument(
        "--out", type=Path, default=REPO / "course_utils/results/memory_task_seeds.csv"
    )
    args = parser.parse_args()

    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(42)
    tf.config.experimental.enable_op_determinism()
    nb = notebook_namespace("06_lstm_gru.ipynb", "build_model", "start_weights", "make_trainer")
    plans = [(100, kind, STARTS, KS) for kind in nb["UNITS"]]
    plans.append((200, "SimpleRNN", ["best"], [30, 40]))  # twice the budget: learnability
    rows = []
    start_all = time.perf_counter()
    for steps, kind, starts, ks in plans:
        nb["STEPS"] = steps  # batches() and make_trainer() read it, as in the notebook
        trainer, _ = nb["make_trainer"](kind)
        for start in starts:
            for k in ks:
                accs = []
                for seed in range(args.seeds):
                    accuracy, _ = nb["train"](trainer, kind, start, k, seed)
                    rows.append((kind, start, steps, k, seed, f"{accuracy:.3f}"))
                    accs.append(accuracy)
                print(
                    f"{kind:<9} {start:<7} {steps} steps, k = {k:>2}: accuracy "
                    f"{min(accs):.3f} .. {max(accs):.3f} over {args.seeds} seeds "
                    f"({time.perf_counter() - start_all:.0f} s)",
                    flush=True,
                )
    with args.out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["model", "start", "steps", "k", "seed", "accuracy"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()
