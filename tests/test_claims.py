"""Claims the notebooks make about trained models, re-checked over several seeds.

Each section re-runs one notebook's experiment at the notebook's own settings for at least five
seeds and checks the claim with the tolerance the notebook's text states. The whole file stays
within 90 s on 2 cores (make test runs it with the slow tests).
"""

from __future__ import annotations

import functools
import json

import numpy as np
import pytest
from course_files import NOTEBOOK_DIR

pytestmark = pytest.mark.slow

SEEDS = [0, 1, 2, 3, 4]


def notebook_namespace(name: str, *defines: str) -> dict:
    """Run the code cells of a notebook that define ``defines`` (and its import cell) in one
    namespace, so a test calls the notebook's own functions at the notebook's own settings."""
    nb = json.loads((NOTEBOOK_DIR / name).read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    chosen = [s for s in sources if s.startswith("import keras")]  # the imports
    for define in defines:
        found = [s for s in sources if f"def {define}(" in s or s.startswith(f"{define} =")]
        assert len(found) == 1, f"{name}: {len(found)} cells define {define}"
        if found[0] not in chosen:
            chosen.append(found[0])
    namespace: dict = {}
    for source in chosen:
        exec(compile(source, name, "exec"), namespace)
    return namespace


# --- notebook 03: unrolling and back-propagation through time --------------------------------


@functools.cache
def nb03() -> dict:
    from course_utils.setup import import_tensorflow_quietly

    import_tensorflow_quietly()
    return notebook_namespace(
        "03_unrolling.ipynb", "echo_windows", "train_echo", "train_seeds", "blew_up"
    )


@functools.cache
def nb03_echo() -> tuple:
    return tuple(nb03()["train_echo"](SEEDS))


def test_nb03_a_window_shorter_than_the_dependency_learns_nothing_a_longer_one_learns_it():
    # "window of 4: still unexplained at least 0.95"; "window of 10: still unexplained below 0.1"
    ns = nb03()
    short, long = ns["SHORT"], ns["LONG"]
    assert (short, long, ns["DELAY"]) == (4, 10, 6)
    scores = [score for score, _start, _trained in nb03_echo()]
    assert all(score[short] >= 0.95 for score in scores), scores
    assert all(score[long] < 0.1 for score in scores), scores


def test_nb03_training_spreads_the_singular_values_of_w_hh_around_1():
    # "at the start every singular value is 1 (within 1e-5)"; after training "the largest is
    # above 1.2", "the smallest is below 0.7"
    for _score, start, trained in nb03_echo():
        sv_start = np.linalg.svd(start, compute_uv=False)
        sv = np.linalg.svd(trained, compute_uv=False)
        assert np.allclose(sv_start, 1, atol=1e-5)
        assert sv[0] > 1.2, sv
        assert sv[-1] < 0.7, sv


def test_nb03_without_clipping_every_run_blows_up_with_clipping_every_run_learns():
    # "without clipping, every seed's loss blows up (above 1000, or nan)"; "with clipping, no
    # seed's loss ever exceeds 2" and "every seed ends below the loss of predicting the mean"
    ns = nb03()
    without = ns["train_seeds"](clipnorm=None, seeds=SEEDS)
    with_clip = ns["train_seeds"](clipnorm=1.0, seeds=SEEDS)
    mean_loss = np.var(ns["y_clip"])
    assert all(ns["blew_up"](loss) for loss in without), without
    assert all(loss.max() < 2 for loss in with_clip), with_clip
    assert all(loss[-1] < mean_loss for loss in with_clip), (with_clip, mean_loss)


# --- notebook 06: LSTM and GRU ----------------------------------------------------------------
# The notebook trains seed 0 (Keras' default start at k = 20, each model's best start at k = 40,
# 100 Adam steps each) and reads 10 more seeds from a shipped table; here the same six trainings
# run for seeds 0-4 with the notebook's own functions, and every verdict the notebook prints
# about them is checked for each seed.


@functools.cache
def nb06() -> dict:
    from course_utils.setup import import_tensorflow_quietly

    import_tensorflow_quietly()
    return notebook_namespace(
        "06_lstm_gru.ipynb",
        "build_model",
        "start_weights",
        "make_trainer",
        "cue_gradient_ratio",
        "K_LOOK",
    )


@functools.cache
def nb06_runs() -> dict:
    """{(kind, start, seed): (accuracy, the recurrent layer's trained weights)}"""
    ns = nb06()
    assert ns["STEPS"] == 100 and ns["PLAN"] == [("default", 20), ("best", 40)]
    out = {}
    for kind in ns["UNITS"]:
        trainer, _ = ns["make_trainer"](kind)
        for start, k in ns["PLAN"]:
            for seed in SEEDS:
                accuracy, _ = ns["train"](trainer, kind, start, k, seed)
                out[kind, start, seed] = (accuracy, trainer.model.layers[0].get_weights())
    return out


def nb06_accuracies(kind: str, start: str) -> np.ndarray:
    return np.array([nb06_runs()[kind, start, seed][0] for seed in SEEDS])


def test_nb06_from_keras_defaults_every_model_fails_at_k20():
    # "Keras' default start, k = 20: every model below 0.6 (chance 0.25)"
    for kind in nb06()["UNITS"]:
        accuracies = nb06_accuracies(kind, "default")
        assert accuracies.max() < 0.6, (kind, accuracies)


def test_nb06_from_their_best_start_gated_cells_solve_k40_simple_rnn_does_not():
    # "Best start, k = 40: LSTM and GRU above 0.95"; "SimpleRNN below 0.9"
    for kind in ("LSTM", "GRU"):
        accuracies = nb06_accuracies(kind, "best")
        assert accuracies.min() > 0.95, (kind, accuracies)
    accuracies = nb06_accuracies("SimpleRNN", "best")
    assert accuracies.max() < 0.9, accuracies


def test_nb06_the_best_start_sends_the_gradient_back_to_the_cue():
    # "From Keras' default start, the cue gets less than 1/1,000 of the last step's gradient";
    # "From each best start, it gets at least 100 times more than from the default"
    ns = nb06()
    for kind in ns["UNITS"]:
        model = ns["build_model"](kind)
        for seed in SEEDS:
            default = ns["cue_gradient_ratio"](model, kind, "default", seed=seed)
            best = ns["cue_gradient_ratio"](model, kind, "best", seed=seed)
            assert default < 1e-3, (kind, seed, default)
            assert best > 100 * default, (kind, seed, best, default)
            if kind == "SimpleRNN":  # "the cue gets more gradient than the last step"
                assert best > 1, (seed, best)


def test_nb06_the_chosen_units_write_at_the_cue_and_keep_afterwards():
    # the notebook's selection: units whose last state is > 90 % cue, then the LSTM unit with
    # the largest i_0 - i_1 and the GRU unit with the largest z_1 - z_0
    from course_utils import rnn

    ns = nb06()
    for seed in SEEDS:
        lstm = rnn.lstm_gates(ns["cued"], *nb06_runs()["LSTM", "best", seed][1])
        gru = rnn.gru_gates(ns["cued"], *nb06_runs()["GRU", "best", seed][1])
        lstm_keepers, gru_keepers = ns["keepers"](lstm["c"]), ns["keepers"](gru["h"])
        assert len(lstm_keepers) >= 8 and len(gru_keepers) >= 9, (seed, lstm_keepers, gru_keepers)
        i_gate, f_gate, z_gate = (g.mean(axis=0) for g in (lstm["i"], lstm["f"], gru["z"]))
        u = lstm_keepers[np.argmax(i_gate[0, lstm_keepers] - i_gate[1, lstm_keepers])]
        v = gru_keepers[np.argmax(z_gate[1, gru_keepers] - z_gate[0, gru_keepers])]
        assert i_gate[0, u] > 0.5, (seed, i_gate[0, u])  # "input gate above 0.5 at the cue"
        assert i_gate[1:6, u].max() < 0.25, (seed, i_gate[1:6, u])  # "below 0.25 at steps 1-5"
        assert f_gate[1:11, u].min() > 0.9, (seed, f_gate[1:11, u])  # "forget gate above 0.9"
        assert z_gate[0, v] < 0.3, (seed, z_gate[0, v])  # "update gate below 0.3 at the cue"
        assert z_gate[1:6, v].min() > 0.75, (seed, z_gate[1:6, v])  # "above 0.75 at steps 1-5"
        per_cue = lstm["c"][:, :, u].reshape(100, 4, -1).mean(axis=0).std(axis=0)
        assert per_cue[-1] > per_cue[1], (seed, per_cue)  # "further apart at step 40 than at 1"


def test_nb06_simple_rnn_forgets_the_cue_the_gated_cells_keep_it():
    # the cue's share of the whole state at step 40: SimpleRNN default start < 1 %, best start
    # < 60 %; LSTM c_t > 80 %; GRU h_t > 70 %
    from course_utils import rnn

    ns = nb06()
    cued, share = ns["cued"], ns["cue_share"]
    for seed in SEEDS:
        runs = nb06_runs()
        default_rnn = share(rnn.rnn_forward(cued, *runs["SimpleRNN", "default", seed][1]))[-1]
        best_rnn = share(rnn.rnn_forward(cued, *runs["SimpleRNN", "best", seed][1]))[-1]
        lstm = share(rnn.lstm_forward(cued, *runs["LSTM", "best", seed][1])[1])[-1]
        gru = share(rnn.gru_forward(cued, *runs["GRU", "best", seed][1]))[-1]
        assert default_rnn < 0.01, (seed, default_rnn)
        assert best_rnn < 0.6, (seed, best_rnn)
        assert lstm > 0.8, (seed, lstm)
        assert gru > 0.7, (seed, gru)


def test_nb06_the_shipped_table_over_10_seeds_supports_the_notebooks_verdicts():
    # The table (benchmarks/memory_task_seeds.py, the notebook's functions, seeds 0-9) is too
    # costly to re-make here (480 trainings); its seed-0 runs at the notebook's two settings
    # are the notebook's own, re-made above. Here: it is complete, and each verdict holds.
    from course_utils.data import memory_task_runs

    runs = memory_task_runs()
    models, starts, ks = (
        ("SimpleRNN", "LSTM", "GRU"),
        ("default", "best"),
        (1, 3, 5, 10, 15, 20, 30, 40),
    )
    assert set(runs) == {(m, s, k) for m in models for s in starts for k in ks}
    assert all(len(v) == 10 for v in runs.values())
    assert all(runs[m, s, 5].min() > 0.9 for m in models for s in starts)
    assert all(runs[m, "default", 20].max() < 0.6 for m in models)
    assert all(runs[m, "default", 40].max() < 0.5 for m in models)
    assert all(runs[m, "best", 20].min() > 0.85 for m in models)
    assert all(runs[m, "best", 40].min() > 0.95 for m in ("LSTM", "GRU"))
    assert runs["SimpleRNN", "best", 40].max() < 0.9
    assert round(float(np.median(runs["SimpleRNN", "best", 40])), 1) == 0.5  # "median 0.5"
    assert memory_task_runs(steps=200)["SimpleRNN", "best", 30].min() > 0.85
