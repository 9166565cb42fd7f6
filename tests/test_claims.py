"""Claims the notebooks make about trained models, re-checked over several seeds.

Each section re-runs one notebook's experiment at the notebook's own settings for at least five
seeds and checks the claim with the tolerance the notebook's text states. The whole file stays
within 90 s on 2 cores (make test runs it with the slow tests).
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
from course_files import NOTEBOOK_DIR, REPO, stored_text

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


def test_nb03_without_clipping_every_run_blows_up_with_clipping_it_stays_finite_and_falls():
    # "without clipping, every seed's loss blows up (above 1000, or nan)"; "with clipping, no
    # seed's loss ever exceeds 2" and "every seed ends below 0.7 x the loss of predicting the
    # mean" (the text: "about half"; measured over seeds 0-4: 0.37-0.54 of it); "from a gain-1
    # start without clipping, every seed ends below 0.03 x that loss" (measured: 0.008-0.012)
    ns = nb03()
    without = ns["train_seeds"](clipnorm=None, seeds=SEEDS)
    with_clip = ns["train_seeds"](clipnorm=1.0, seeds=SEEDS)
    gain_1 = ns["train_seeds"](clipnorm=None, seeds=SEEDS, gain=1.0)
    mean_loss = np.var(ns["y_clip"])
    assert all(ns["blew_up"](loss) for loss in without), without
    assert all(loss.max() < 2 for loss in with_clip), with_clip
    ratios = [loss[-1] / mean_loss for loss in with_clip]
    assert all(r < 0.7 for r in ratios), ratios
    assert 0.3 < np.mean(ratios) < 0.7, ratios  # "about half"
    assert all(loss[-1] < 0.03 * mean_loss for loss in gain_1), (gain_1, mean_loss)


# --- notebook 05: Exercise: predict the next value ----------------------------------------------
#
# benchmarks/exercise.py trains the notebook's two models (raw integers; standardised) and the
# four scalings the text quotes, seeds 1 (the notebook's) to 5, in two processes, one per core,
# and writes their numbers. The tolerances below are the notebook's words.


NB05 = NOTEBOOK_DIR / "05_next_value_exercise.ipynb"
NB05_SEEDS = (1, 2, 3, 4, 5)
# (notebook seeds, variant seeds) per process: about the same number of trainings in each.
NB05_PROCESSES = (((1, 2, 3, 4, 5), (5,)), ((), (1, 2, 3, 4)))

#: What the notebook prints about its raw-integer model: claim -> test on the run's numbers.
NB05_RAW = {
    "prediction for [90..99] between 25 and 35": lambda r: 25 <= r["prediction"] <= 35,
    "root-mean-square error between 33 and 37": lambda r: 33 <= r["rmse"] <= 37,
    "mean absolute error between 25 and 29": lambda r: 25 <= r["mae"] <= 29,
    "predictions for windows 20..89 within 3 of each other": lambda r: r["spread_20_89"] < 3,
    "training loss still falling at the end": lambda r: r["still_falling"],
    "more than 80% of hidden states saturated": lambda r: r["saturated"] > 0.8,
    "final states for [40..49] and [80..89] differ by less than 0.01": lambda r: (
        r["state_gap"] < 0.01
    ),
    "before training, more than 70% of hidden states saturated": lambda r: (
        r["start_saturated"] > 0.7
    ),
    "before training, final states for [40..49] and [80..89] differ by more than 0.1": lambda r: (
        r["start_state_gap"] > 0.1
    ),
    "every Dense parameter moved by less than 0.6": lambda r: r["dense_moved"] < 0.6,
    "prediction equals the sum of |weights| + |bias| within 0.01": lambda r: (
        abs(r["prediction"] - r["ceiling"]) < 0.01
    ),
}
#: ... about its standardised model.
NB05_STANDARDISED = {
    "standardised: prediction for [90..99] between 98.5 and 99.6": lambda r: (
        98.5 <= r["prediction"] <= 99.6
    ),
    "standardised: mean absolute error below 0.25": lambda r: r["mae"] < 0.25,
    "standardised: fewer than 1% of hidden states saturated": lambda r: r["saturated"] < 0.01,
    "standardised: prediction for [200..209] between 85 and 115": lambda r: (
        85 <= r["prediction_200"] <= 115
    ),
}
#: What its text quotes from the benchmark's table of scalings (600 steps, Adam 0.001).
NB05_VARIANTS = {
    "divided by 1,000: within 0.5 of 100": ("divided by 1,000", 100, 0.5),
    "divided by 100: within 1.5 of 100": ("divided by 100", 100, 1.5),
    "only the targets standardised: about 98": ("only the targets standardised", 98, 1.5),
    "only the inputs standardised: about 34": ("only the inputs standardised", 34, 2),
}

#: What its text says about the model trained with only the targets standardised (raw inputs).
NB05_TARGETS_ONLY = {
    "fits its training windows closely (a mean absolute error below 0.25)": lambda v: (
        v["mae"] < 0.25
    ),
    "about 70% (65 to 75%) of its states are beyond ±0.99": lambda v: (
        0.65 <= v["saturated"] <= 0.75
    ),
}


# The runs are cached per process, not only per module: an xdist worker that has no next test in
# hand tears every fixture down, and a module fixture would then train everything again.
@pytest.fixture
def nb05_runs():
    return _nb05_runs()


@functools.cache
def _nb05_runs():
    """Seed -> {"raw": ..., "standardised": ..., "variants": ...}, from the benchmark."""
    folder = Path(tempfile.mkdtemp(prefix="claims-nb05-"))
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": str(REPO)}
    started = []
    for i, (seeds, variant_seeds) in enumerate(NB05_PROCESSES):
        out = folder / f"numbers{i}.json"
        command = [sys.executable, str(REPO / "benchmarks" / "exercise.py"), "--json", str(out)]
        command += ["--seeds", *map(str, seeds), "--variant-seeds", *map(str, variant_seeds)]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        started.append((process, out))
    runs: dict[int, dict] = {}
    for process, out in started:
        _, stderr = process.communicate(timeout=900)
        assert process.returncode == 0, f"benchmarks/exercise.py failed:\n{stderr[-3000:]}"
        for result in json.loads(out.read_text()):
            runs.setdefault(result.pop("seed"), {}).update(result)
    return runs


def test_nb05_five_seeds_ran_every_model(nb05_runs):
    assert sorted(nb05_runs) == list(NB05_SEEDS)
    for runs in nb05_runs.values():
        assert set(runs) == {"raw", "standardised", "standardised_twice", "variants"}
        assert set(runs["variants"]) == {name for name, _, _ in NB05_VARIANTS.values()}


def test_nb05_every_claim_about_its_models_holds_for_every_seed(nb05_runs):
    failed = [
        (seed, claim)
        for seed, runs in nb05_runs.items()
        for part, claims in (("raw", NB05_RAW), ("standardised", NB05_STANDARDISED))
        for claim, holds in claims.items()
        if not holds(runs[part])
    ]
    assert not failed, f"claims that do not hold (seed, claim): {failed}"


#: What its text says of the standardised recipe with twice the steps (1,200).
NB05_TWICE = (
    "with twice the steps, each of the five seeds fits its training windows more closely and "
    "answers within 0.7 of 100"
)


def test_nb05_twice_the_steps_bring_the_standardised_model_closer_for_every_seed(nb05_runs):
    once = {seed: runs["standardised"] for seed, runs in nb05_runs.items()}
    twice = {seed: runs["standardised_twice"] for seed, runs in nb05_runs.items()}
    assert all(twice[s]["mae"] < once[s]["mae"] for s in once), (once, twice)
    assert all(abs(r["prediction"] - 100) <= 0.7 for r in twice.values()), twice
    assert NB05_TWICE in markdown_text(NB05), f"the notebook no longer says {NB05_TWICE!r}"


def test_nb05_the_quoted_scalings_hold_for_every_seed(nb05_runs):
    failed = [
        (seed, claim, round(runs["variants"][name]["prediction"], 2))
        for seed, runs in nb05_runs.items()
        for claim, (name, about, tolerance) in NB05_VARIANTS.items()
        if abs(runs["variants"][name]["prediction"] - about) > tolerance
    ]
    assert not failed, f"quoted scalings that do not hold (seed, claim, prediction): {failed}"


def test_nb05_the_targets_only_model_tells_windows_apart_with_saturated_states(nb05_runs):
    failed = [
        (seed, claim)
        for seed, runs in nb05_runs.items()
        for claim, holds in NB05_TARGETS_ONLY.items()
        if not holds(runs["variants"]["only the targets standardised"])
    ]
    assert not failed, f"claims about the targets-only model that do not hold: {failed}"
    text = markdown_text(NB05)
    for claim in NB05_TARGETS_ONLY:
        assert claim in text, f"the notebook no longer says {claim!r}: update this test"


def markdown_text(path: Path) -> str:
    """A notebook's text cells as one line, every run of white space one blank."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return " ".join(
        " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown").split()
    )


def test_nb05_the_notebook_prints_every_claim_as_true():
    text = stored_text(NB05)
    for claim in [*NB05_RAW, *NB05_STANDARDISED]:
        assert f"{claim}: True" in text, f"the notebook does not print {claim!r} as True"


def _printed(text: str, pattern: str) -> float:
    match = re.search(pattern, text)
    assert match, f"the notebook does not print {pattern!r}"
    return float(match.group(1).replace(",", ""))


def test_nb05_seed_1_gives_the_numbers_the_notebook_prints(nb05_runs):
    # The benchmark retrains one traced (and unrolled) model; the notebook builds new ones. Seed 1
    # is the notebook's: both must print the same rounded numbers.
    text, raw, standardised = stored_text(NB05), nb05_runs[1]["raw"], nb05_runs[1]["standardised"]
    assert _printed(text, r"\n(?:prediction for \[90\.\.99\]): about (\d+)") == 5 * round(
        raw["prediction"] / 5
    )
    assert _printed(text, r"RMSE about (\d+)") == round(raw["rmse"])
    assert _printed(text, r"MAE  about (\d+)") == round(raw["mae"])
    assert _printed(text, r"MSE  about ([\d,]+)") == round(raw["rmse"] ** 2, -2)
    assert _printed(text, r"hidden states with \|h\| > 0\.99: (\d+)%") == round(
        100 * raw["saturated"]
    )
    assert _printed(text, r"about (\d+) before training") == round(raw["start_ceiling"])
    assert _printed(text, r"before training, (\d+) after") == round(raw["ceiling"])
    assert _printed(text, r"standardised: prediction for \[90\.\.99\]: about (\d+)") == round(
        standardised["prediction"]
    )
    assert _printed(text, r"standardised: prediction for \[200\.\.209\]: about (\d+)") == round(
        standardised["prediction_200"]
    )


# --- notebook 06: LSTM and GRU ----------------------------------------------------------------
# The notebook trains seed 0 (Keras' default weights at learning rate 0.02 and k = 20, each model's
# best start at k = 40, 100 Adam steps each) and reads 10 more seeds from a shipped table. Here
# the trainings the notebook looks inside run for seeds 0-4 with the notebook's own functions:
# every start at k = 40 and SimpleRNN's default start (the forgetting figure); the LSTM's and the
# GRU's default-start accuracies are covered by the shipped table over 10 seeds (last test), so
# they are not re-made here (budget: this section within 30 s on 2 quiet cores).

NB06_TRAINED = [("SimpleRNN", "default"), ("SimpleRNN", "best"), ("LSTM", "best"), ("GRU", "best")]


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
    assert ns["DEFAULT_LEARNING_RATE"] == 0.02
    out = {}
    for kind in ns["UNITS"]:
        trainer, _ = ns["make_trainer"](kind)
        for start, k in ns["PLAN"]:
            if (kind, start) not in NB06_TRAINED:
                continue
            for seed in SEEDS:
                accuracy, _ = ns["train"](trainer, kind, start, k, seed)
                out[kind, start, seed] = (accuracy, trainer.model.layers[0].get_weights())
    return out


def nb06_accuracies(kind: str, start: str) -> np.ndarray:
    return np.array([nb06_runs()[kind, start, seed][0] for seed in SEEDS])


def test_nb06_from_keras_default_weights_simple_rnn_fails_at_k20():
    # "100 Adam steps, Keras' default weights at rate 0.02, k = 20: every model below 0.6";
    # live here for SimpleRNN, whose trained weights the forgetting figure uses; the LSTM and
    # the GRU over 10 seeds in the shipped table (last test)
    accuracies = nb06_accuracies("SimpleRNN", "default")
    assert accuracies.max() < 0.6, accuracies


def test_nb06_from_their_best_start_gated_cells_solve_k40_simple_rnn_does_not():
    # "100 Adam steps, best start, k = 40: LSTM and GRU above 0.95"; "SimpleRNN below 0.9"
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


def test_nb06_some_units_write_at_the_cue_and_the_forget_bias_stays_where_it_started():
    # the notebook's counts over the units whose last state is > 90 % cue: "some, but fewer than
    # half" write at the cue (LSTM: i_0 > 0.5; GRU: z_0 < 0.3 and z > 0.75 at steps 1-5); the
    # LSTM's trained b_f "still above 4 in every unit that holds the cue"; then the drawn units:
    # the LSTM unit with the largest i_0 - i_1 and the GRU unit with the largest z_1 - z_0
    from course_utils import rnn

    ns = nb06()
    for seed in SEEDS:
        lstm_weights = nb06_runs()["LSTM", "best", seed][1]
        lstm = rnn.lstm_gates(ns["cued"], *lstm_weights)
        gru = rnn.gru_gates(ns["cued"], *nb06_runs()["GRU", "best", seed][1])
        lstm_keepers, gru_keepers = ns["keepers"](lstm["c"]), ns["keepers"](gru["h"])
        assert len(lstm_keepers) >= 8 and len(gru_keepers) >= 9, (seed, lstm_keepers, gru_keepers)
        i_gate, f_gate, z_gate = (g.mean(axis=0) for g in (lstm["i"], lstm["f"], gru["z"]))
        lstm_writers = np.sum(i_gate[0, lstm_keepers] > 0.5)
        gru_writers = np.sum(
            (z_gate[0, gru_keepers] < 0.3) & (z_gate[1:6, gru_keepers].min(axis=0) > 0.75)
        )
        assert 0 < lstm_writers < len(lstm_keepers) / 2, (seed, lstm_writers, lstm_keepers)
        assert 0 < gru_writers < len(gru_keepers) / 2, (seed, gru_writers, gru_keepers)
        b_f = lstm_weights[2][16:32]
        assert b_f[lstm_keepers].min() > 4, (seed, b_f[lstm_keepers])
        u = lstm_keepers[np.argmax(i_gate[0, lstm_keepers] - i_gate[1, lstm_keepers])]
        v = gru_keepers[np.argmax(z_gate[1, gru_keepers] - z_gate[0, gru_keepers])]
        assert i_gate[0, u] > 0.5, (seed, i_gate[0, u])  # "input gate above 0.5 at the cue"
        assert i_gate[1:6, u].max() < 0.25, (seed, i_gate[1:6, u])  # "below 0.25 at steps 1-5"
        assert f_gate[1:11, u].min() > 0.9, (seed, f_gate[1:11, u])  # "forget gate above 0.9"
        assert z_gate[0, v] < 0.3, (seed, z_gate[0, v])  # "update gate below 0.3 at the cue"
        assert z_gate[1:6, v].min() > 0.75, (seed, z_gate[1:6, v])  # "above 0.75 at steps 1-5"
        per_cue = lstm["c"][:, :, u].reshape(100, 4, -1).mean(axis=0).std(axis=0)
        assert per_cue[-1] > per_cue[1], (seed, per_cue)  # "further apart at step 40 than at 1"


def test_nb06_simple_rnn_forgets_the_cue_the_gated_cells_dip_and_recover():
    # the cue's share of the whole state: SimpleRNN default start < 1 % at step 40; best start
    # < 20 % at step 1 and < 10 % at step 40; LSTM c_t and GRU h_t below 90 % at some step 1-10
    # and above 90 % at step 40
    from course_utils import rnn

    ns = nb06()
    cued, share = ns["cued"], ns["cue_share"]
    for seed in SEEDS:
        runs = nb06_runs()
        default_rnn = share(rnn.rnn_forward(cued, *runs["SimpleRNN", "default", seed][1]))
        best_rnn = share(rnn.rnn_forward(cued, *runs["SimpleRNN", "best", seed][1]))
        lstm = share(rnn.lstm_forward(cued, *runs["LSTM", "best", seed][1])[1])
        gru = share(rnn.gru_forward(cued, *runs["GRU", "best", seed][1]))
        assert default_rnn[-1] < 0.01, (seed, default_rnn[-1])
        assert best_rnn[1] < 0.2 and best_rnn[-1] < 0.1, (seed, best_rnn[[1, -1]])
        for name, gated in (("LSTM", lstm), ("GRU", gru)):
            assert gated[1:11].min() < 0.9 and gated[-1] > 0.9, (name, seed, gated)


def test_nb06_the_shipped_table_over_10_seeds_supports_the_notebooks_verdicts():
    # The table (benchmarks/memory_task_seeds.py, the notebook's functions, seeds 0-9) is too
    # costly to re-make here (480 trainings); its seed-0 runs at the notebook's two settings
    # are the notebook's own. Here: it is complete, and each verdict holds.
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
    runs_200 = memory_task_runs(steps=200)
    assert runs_200["SimpleRNN", "best", 30].min() > 0.85
    assert runs_200["SimpleRNN", "best", 40].max() < 0.95  # "not yet k = 40"
    assert round(float(np.median(runs_200["SimpleRNN", "best", 40])), 1) == 0.7  # "median 0.7"


# --- notebook 07: forecasting ---------------------------------------------------------------
#
# benchmarks/forecast.py re-computes notebook 7 from scratch for seeds 42 (the notebook's), 1, 2,
# 3 and 4, in two processes at once (one per core), and writes every seed's numbers to JSON. Every
# claim the notebook makes about its trained models is checked on every seed here, with the
# number the notebook states; with seed 42 the benchmark must print the notebook's own table.

# Two processes with about the same work; 42 second: a reused, already traced model trains it.
NB07_SEED_GROUPS = ((2, 42), (1, 3, 4))
# The notebook's table rows and the benchmark's names for them.
NB07_TABLE_ROWS = {
    "last value": "naive",
    "cycle naive": "seasonal naive",
    "linear": "linear",
    "AR(9)": "statistical",
    "SimpleRNN": "SimpleRNN",
    "LSTM": "LSTM",
}


def _nb07_measures(r):
    """Every claimed quantity for one seed's results, by name."""
    import numpy as np

    mae, ep, by_h = r["mae"], r["epochs"], r["by_horizon"]
    naive = min(mae["naive"], mae["seasonal naive"])
    linear = min(mae["linear"], mae["statistical"])
    extra = np.subtract(by_h["LSTM, direct"], by_h["LSTM, recursive"])  # (11,): h = 1 .. 11
    ar = np.asarray(by_h["AR, recursive"])
    rec, direct = np.asarray(by_h["LSTM, recursive"]), np.asarray(by_h["LSTM, direct"])
    cycle = np.asarray(by_h["cycle naive"])
    linear_gap = np.subtract(by_h["linear, direct"], by_h["linear, recursive"])
    return {
        "epochs run, most": max(ep[k]["run"] for k in ("SimpleRNN", "LSTM")),
        "LSTM's kept epoch": ep["LSTM"]["best"],
        "SimpleRNN's kept epoch": ep["SimpleRNN"]["best"],
        "validation minus training loss at the kept epoch, least": min(
            ep[k]["val_at_best"] - ep[k]["train_at_best"] for k in ("SimpleRNN", "LSTM")
        ),
        "naive MAE minus LSTM's": naive - mae["LSTM"],
        "LSTM's MAE over the naive one's": mae["LSTM"] / naive,
        "linear MAE minus LSTM's": linear - mae["LSTM"],
        "SimpleRNN's MAE from AR(9)'s": abs(mae["SimpleRNN"] - mae["statistical"]),
        "LSTM's MAE": mae["LSTM"],
        "direct minus recursive, 1 to 5 ahead, least": float(extra[:5].min()),
        "direct minus recursive, 8 to 11 ahead less 1 to 5 ahead": float(
            extra[7:].mean() - extra[:5].mean()
        ),
        "recursive LSTM minus AR(9), 3 to 11 ahead, mean": float((rec - ar)[2:].mean()),
        "direct LSTM minus AR(9), 3 to 11 ahead, mean": float((direct - ar)[2:].mean()),
        "direct LSTM minus AR(9), 2 to 11 ahead, least": float((direct - ar)[1:].min()),
        "direct LSTM minus cycle naive, 3 to 8 ahead, least": float((direct - cycle)[2:8].min()),
        "either LSTM minus AR(9), 3 to 11 ahead, least": float(
            min((rec - ar)[2:].min(), (direct - ar)[2:].min())
        ),
        "recursive LSTM minus cycle naive, 4 to 11 ahead, least": float((rec - cycle)[3:].min()),
        "recursive LSTM minus cycle naive, 4 to 11 ahead, most": float((rec - cycle)[3:].max()),
        "linear direct minus recursive, 1 to 6 ahead, largest size": float(
            np.abs(linear_gap[:6]).max()
        ),
        "linear direct minus recursive, 7 to 11 ahead, least": float(linear_gap[6:].min()),
        "bootstrap interval of the LSTM's lead over AR(9), low end": r["lead_interval"][0],
        "bootstrap interval of the LSTM's lead over AR(9), high end": r["lead_interval"][1],
    }


# (claim as the notebook prints it, or None for a claim of its text; the quantity; "<" or ">";
# the number; its tolerance): every seed's quantity is on that side of the number, and the worst
# seed within the tolerance of it.
NB07_EPOCHS = "SimpleRNN and LSTM stopped early, in fewer than 150 of the 300 epochs allowed"
NB07_KEPT = "the LSTM's kept epoch is within its first 15, SimpleRNN's after epoch 40"
NB07_RECURSIVE = "the recursive LSTM beats the direct LSTM 1 to 5 years ahead"
NB07_NARROWS = (
    "the direct LSTM's extra error is smaller 8 to 11 years ahead than 1 to 5 years ahead"
)
NB07_INTERVAL = "its 95 % paired bootstrap interval runs from under 1 to over 5 sunspots"
NB07_AR_REC = "averaged over 3 to 11 years ahead, AR(9) beats the LSTM, recursive"
NB07_AR_DIR = "averaged over 3 to 11 years ahead, AR(9) beats the LSTM, direct"
NB07_AR_DIR_ALL = "AR(9) beats the direct LSTM at every horizon from 2 to 11 years ahead"
NB07_CYCLE_DIR = "the direct LSTM is worse than the cycle naive forecast 3 to 8 years ahead"
NB07_LIN_TIE = "linear, direct is within 1.5 sunspots of recursive 1 to 6 years ahead"
NB07_LIN_REC = "linear, recursive beats direct 7 to 11 years ahead"
NB07_CLAIMS = [
    (NB07_EPOCHS, "epochs run, most", "<", 150, 50),
    (NB07_KEPT, "LSTM's kept epoch", "<", 15.5, 12),
    (NB07_KEPT, "SimpleRNN's kept epoch", ">", 40, 10),
    (
        "at the kept epoch, both validation losses are above the training losses",
        "validation minus training loss at the kept epoch, least",
        ">",
        0,
        0.15,
    ),
    ("the best recurrent model beats both naive baselines", "naive MAE minus LSTM's", ">", 0, 13),
    (
        "the LSTM cuts both naive baselines' error by more than 40 %",
        "LSTM's MAE over the naive one's",
        "<",
        0.6,
        0.1,
    ),
    (
        "the LSTM's test MAE is below the linear model's and AR(9)'s",
        "linear MAE minus LSTM's",
        ">",
        0,
        2,
    ),
    (
        "the LSTM's lead over the better linear model is under 5 sunspots",
        "linear MAE minus LSTM's",
        "<",
        5,
        2,
    ),
    ("SimpleRNN is within 2 sunspots of AR(9)", "SimpleRNN's MAE from AR(9)'s", "<", 2, 1),
    (NB07_RECURSIVE, "direct minus recursive, 1 to 5 ahead, least", ">", 0, 4),
    (NB07_NARROWS, "direct minus recursive, 8 to 11 ahead less 1 to 5 ahead", "<", 0, 3),
    (NB07_INTERVAL, "bootstrap interval of the LSTM's lead over AR(9), low end", "<", 1, 3),
    (NB07_INTERVAL, "bootstrap interval of the LSTM's lead over AR(9), high end", ">", 5, 1),
    (NB07_AR_REC, "recursive LSTM minus AR(9), 3 to 11 ahead, mean", ">", 0, 1),
    (NB07_AR_DIR, "direct LSTM minus AR(9), 3 to 11 ahead, mean", ">", 0, 8),
    (NB07_AR_DIR_ALL, "direct LSTM minus AR(9), 2 to 11 ahead, least", ">", 0, 4),
    (NB07_CYCLE_DIR, "direct LSTM minus cycle naive, 3 to 8 ahead, least", ">", 0, 3),
    (NB07_LIN_TIE, "linear direct minus recursive, 1 to 6 ahead, largest size", "<", 1.5, 0.5),
    (NB07_LIN_REC, "linear direct minus recursive, 7 to 11 ahead, least", ">", 0, 2),
    # the summary: "the LSTM [misses] by 11 to 13 (over five seeds)"
    (None, "LSTM's MAE", ">", 10.5, 1),
    (None, "LSTM's MAE", "<", 13, 1),
]
# "with other random seeds [the LSTM's] score moves by a sunspot or two": its range over seeds
NB07_LSTM_SPREAD = (1.0, 2.5)
# Claims the notebook makes "with this seed" only (checked on seed 42), each with the seed-42
# quantity, its side and number (tolerance as above).
NB07_THIS_SEED = [
    (
        "with this seed, AR(9) beats both LSTMs at every horizon from 3 to 11 years ahead",
        "either LSTM minus AR(9), 3 to 11 ahead, least",
        ">",
        0,
        3,
    ),
    (
        "with this seed, the recursive LSTM is worse than the cycle naive 4 to 11 years ahead",
        "recursive LSTM minus cycle naive, 4 to 11 ahead, least",
        ">",
        0,
        5,
    ),
]
# "5 years ahead: from about 24 to 36 sunspots over five seeds" (the recursive LSTM's MAE)
NB07_FIVE_AHEAD = (24, 36)


def _nb07_failures(results, claims):
    """The claims (with the offending values) that do not hold over every seed."""
    failed = []
    for text, quantity, side, number, tolerance in claims:
        values = [_nb07_measures(r)[quantity] for r in results]
        worst = max(values) if side == "<" else min(values)
        on_side = all(v < number if side == "<" else v > number for v in values)
        if not on_side or abs(worst - number) > tolerance:
            failed.append(
                (text or quantity, side, number, tolerance, [round(v, 3) for v in values])
            )
    return failed


def _nb07_notebook_text():
    import nbformat
    from course_files import NOTEBOOK_DIR

    nb = nbformat.read(NOTEBOOK_DIR / "07_forecasting.ipynb", as_version=4)
    return "\n".join(
        out.get("text", "")
        for cell in nb.cells
        if cell.cell_type == "code" and "solution" not in cell.metadata.get("tags", [])
        for out in cell.outputs
        if out.output_type == "stream"
    )


def _nb07_run_benchmark(folder):
    """Every seed's results and the stdout of the process that ran the notebook's seed."""
    import json
    import os
    import subprocess
    import sys

    from course_files import REPO

    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": str(REPO)}
    # one thread each: two processes on two cores (the numbers are the same with any count)
    env.update(dict.fromkeys(["TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS"], "1"))
    env.update(dict.fromkeys(["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"], "1"))
    started = []
    for i, seeds in enumerate(NB07_SEED_GROUPS):
        out = folder / f"seeds{i}.json"
        command = [sys.executable, str(REPO / "benchmarks" / "forecast.py"), "--seeds"]
        command += [*map(str, seeds), "--json", str(out)]
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


@pytest.fixture
def nb07_runs():
    return _nb07_runs()


@functools.cache
def _nb07_runs():
    """Every seed's results and the benchmark's output, once per process (see ``nb05_runs``)."""
    return _nb07_run_benchmark(Path(tempfile.mkdtemp(prefix="claims-nb07-")))


nb07_slow = pytest.mark.slow  # two TensorFlow processes: make slow (and make test) run them


@nb07_slow
def test_nb07_five_seeds_ran_the_notebooks_seed_on_a_reused_model(nb07_runs):
    results, _ = nb07_runs
    assert [r["seed"] for r in results] == [s for group in NB07_SEED_GROUPS for s in group]
    assert len(results) >= 5 and results[1]["seed"] == 42  # the second of its process


@nb07_slow
def test_nb07_every_claim_holds_for_every_seed(nb07_runs):
    results, _ = nb07_runs
    failed = _nb07_failures(results, NB07_CLAIMS)
    assert not failed, f"claims that do not hold (claim, side, number, tolerance, values): {failed}"


@nb07_slow
def test_nb07_the_claims_made_for_this_seed_hold_for_it_and_depend_on_the_seed(nb07_runs):
    results, _ = nb07_runs
    seed42 = [r for r in results if r["seed"] == 42]
    failed = _nb07_failures(seed42, NB07_THIS_SEED)
    assert not failed, f"seed 42 claims that do not hold: {failed}"
    # "whether the recursive LSTM falls behind the cycle naive depends on the seed (... with
    # others it stays below it)": some seed keeps it below the cycle naive 4 to 11 years ahead
    most = [
        _nb07_measures(r)["recursive LSTM minus cycle naive, 4 to 11 ahead, most"] for r in results
    ]
    assert min(most) < 0, most


@nb07_slow
def test_nb07_the_recursive_lstms_error_five_years_ahead_swings_with_the_seed(nb07_runs):
    results, _ = nb07_runs
    five = [r["by_horizon"]["LSTM, recursive"][4] for r in results]
    assert (round(min(five)), round(max(five))) == NB07_FIVE_AHEAD, five


@nb07_slow
def test_nb07_the_notebook_prints_every_claim_and_it_is_true():
    text = _nb07_notebook_text()
    for claim in {c[0] for c in NB07_CLAIMS + NB07_THIS_SEED if c[0]}:
        assert f"{claim}: True" in text, f"the notebook does not print {claim!r} as True"


@nb07_slow
def test_nb07_the_lstm_moves_by_a_sunspot_or_two_over_seeds(nb07_runs):
    results, _ = nb07_runs
    scores = [r["mae"]["LSTM"] for r in results]
    low, high = NB07_LSTM_SPREAD
    assert low <= max(scores) - min(scores) <= high, scores


@nb07_slow
def test_nb07_the_notebooks_rounded_scores_are_not_on_a_rounding_edge(nb07_runs):
    # The table shows SimpleRNN and LSTM to whole sunspots; a last-digit change on another CPU
    # must not flip them: each is at least 0.1 from the nearest .5.
    results, _ = nb07_runs
    mae = next(r for r in results if r["seed"] == 42)["mae"]
    for kind in ("SimpleRNN", "LSTM"):
        assert abs(mae[kind] % 1 - 0.5) >= 0.1, (kind, mae[kind])


@nb07_slow
def test_nb07_the_benchmark_prints_the_notebooks_table(nb07_runs):
    import re

    results, stdout = nb07_runs
    text = _nb07_notebook_text()
    table = text[text.index("test MAE, sunspots") :]
    shown = {}
    for row, key in NB07_TABLE_ROWS.items():
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
    mae = next(r for r in results if r["seed"] == 42)["mae"]  # the JSON agrees with the line
    assert f"LSTM {mae['LSTM']:.0f} " in last and f"naive {mae['naive']:.1f}," in last
