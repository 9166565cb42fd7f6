"""Notebook 6's helpers: the long-memory task and its figures."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_rgba

from course_utils.data import memory_task
from course_utils.plotting import (
    MODEL_COLORS,
    plot_accuracy_vs_k,
    plot_cue_runs,
    plot_cue_separation,
    plot_memory_task,
)

# --- data.memory_task ---------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 40),
    k=st.integers(0, 30),
    n_symbols=st.integers(2, 6),
    noise=st.floats(0, 3),
    seed=st.integers(0, 2**32 - 1),
)
def test_memory_task_layout(n, k, n_symbols, noise, seed):
    X, y = memory_task(n, k, n_symbols=n_symbols, noise=noise, seed=seed)
    assert X.shape == (n, k + 1, n_symbols + 1) and X.dtype == np.float32
    assert y.shape == (n,) and y.dtype == np.int64
    assert np.all((0 <= y) & (y < n_symbols))
    # step 0: the cue's symbol one-hot, and the marker
    expected_cue = np.zeros((n, n_symbols + 1), dtype=np.float32)
    expected_cue[np.arange(n), y] = 1.0
    expected_cue[:, n_symbols] = 1.0
    np.testing.assert_array_equal(X[:, 0], expected_cue)
    # later steps: no marker, the symbol features are noise only
    np.testing.assert_array_equal(X[:, 1:, n_symbols], 0.0)


def test_memory_task_is_deterministic_and_seeded():
    X1, y1 = memory_task(50, 10, seed=3)
    X2, y2 = memory_task(50, 10, seed=3)
    X3, y3 = memory_task(50, 10, seed=4)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3) and not np.array_equal(y1, y3)


def test_memory_task_noise_level_and_balanced_labels():
    X, y = memory_task(4000, 20, n_symbols=4, noise=1.5, seed=0)
    distractors = X[:, 1:, :4]
    assert abs(distractors.std() - 1.5) < 0.02 and abs(distractors.mean()) < 0.02
    counts = np.bincount(y, minlength=4) / len(y)
    np.testing.assert_allclose(counts, 0.25, atol=0.03)  # chance level is 1 / n_symbols
    X0, _ = memory_task(10, 5, noise=0.0)
    np.testing.assert_array_equal(X0[:, 1:], 0.0)


def test_memory_task_k0_is_just_the_cue():
    X, y = memory_task(8, 0, n_symbols=3)
    assert X.shape == (8, 1, 4)
    np.testing.assert_array_equal(np.argmax(X[:, 0, :3], axis=1), y)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n_samples": 0, "k": 5}, ValueError, "n_samples must be a positive int"),
        ({"n_samples": 2.0, "k": 5}, TypeError, "n_samples must be a positive int"),
        ({"n_samples": 2, "k": -1}, ValueError, "k must be an int >= 0"),
        ({"n_samples": 2, "k": 1.5}, TypeError, "k must be an int >= 0"),
        ({"n_samples": 2, "k": True}, TypeError, "k must be an int >= 0"),
        ({"n_samples": 2, "k": 3, "n_symbols": 1}, ValueError, "n_symbols must be at least 2"),
        ({"n_samples": 2, "k": 3, "n_symbols": "4"}, TypeError, "n_symbols must be a positive"),
        ({"n_samples": 2, "k": 3, "noise": -0.1}, ValueError, "noise must be a finite number"),
        ({"n_samples": 2, "k": 3, "noise": float("nan")}, ValueError, "noise must be a finite"),
        ({"n_samples": 2, "k": 3, "noise": "1"}, TypeError, "noise must be a number"),
        ({"n_samples": 2, "k": 3, "seed": 1.0}, TypeError, "seed must be an int"),
    ],
)
def test_memory_task_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        memory_task(**kwargs)


# --- plotting -----------------------------------------------------------------------------------


def test_plot_memory_task_shows_features_over_time():
    X, y = memory_task(1, 12, n_symbols=4, seed=1)
    ax = plot_memory_task(X[0])
    image = ax.images[0].get_array()
    assert image.shape == (5, 13)  # features as rows, steps as columns
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "symbol 0",
        "symbol 1",
        "symbol 2",
        "symbol 3",
        "marker",
    ]
    assert f"({y[0]})" in ax.get_title() and "12 steps" in ax.get_title()
    with pytest.raises(ValueError, match="x must be one sequence"):
        plot_memory_task(X)  # a batch, not one sequence
    with pytest.raises(ValueError, match="vmax must be positive"):
        plot_memory_task(X[0], vmax=0)


def test_plot_accuracy_vs_k_one_line_per_model_and_chance():
    ks = [5, 20, 50]
    acc = {"SimpleRNN": [1.0, 0.6, 0.25], "LSTM": [1.0, 1.0, 0.99], "GRU": [1.0, 1.0, 1.0]}
    _fig, ax = plt.subplots()
    assert plot_accuracy_vs_k(acc, ks, chance=0.25, ax=ax) is ax
    lines = {line.get_label(): line for line in ax.lines}
    assert set(lines) == {"SimpleRNN", "LSTM", "GRU", "chance"}
    np.testing.assert_allclose(lines["SimpleRNN"].get_ydata(), [1.0, 0.6, 0.25])
    np.testing.assert_allclose(lines["LSTM"].get_xdata(), ks)
    assert to_rgba(lines["LSTM"].get_color()) == to_rgba(MODEL_COLORS["LSTM"])
    np.testing.assert_allclose(lines["chance"].get_ydata(), [0.25, 0.25])
    assert list(ax.get_xticks()) == ks


def test_plot_accuracy_vs_k_bad_input():
    with pytest.raises(TypeError, match="accuracy must be a non-empty dict"):
        plot_accuracy_vs_k({}, [1])
    with pytest.raises(ValueError, match="one value per k"):
        plot_accuracy_vs_k({"LSTM": [1.0, 0.5]}, [5, 20, 50])
    with pytest.raises(ValueError, match=r"must be in \[0, 1\]"):
        plot_accuracy_vs_k({"LSTM": [1.5]}, [5])
    with pytest.raises(ValueError, match=r"chance must be in \(0, 1\)"):
        plot_accuracy_vs_k({"LSTM": [1.0]}, [5], chance=2)


def test_plot_cue_runs_one_line_per_cue():
    states = np.array([[0.0, 0.5, 0.5], [0.0, -0.5, -0.4], [0.0, 0.1, 0.0]])
    ax = plot_cue_runs(states, title="t", ylabel="c")
    assert [line.get_label() for line in ax.lines] == [f"cue = symbol {s}" for s in range(3)]
    np.testing.assert_allclose(ax.lines[1].get_ydata(), [0.0, -0.5, -0.4])
    assert ax.get_ylabel() == "c"
    with pytest.raises(ValueError, match=r"states must have shape \(n_cues >= 2, T\)"):
        plot_cue_runs(np.ones(5))


def test_plot_cue_separation_is_relative_to_step_0_on_a_log_axis():
    sep = {"SimpleRNN h_t": [2.0, 1.0, 0.0], "LSTM c_t": [4.0, 4.0, 4.0]}
    ax = plot_cue_separation(sep, floor=1e-3)
    assert ax.get_yscale() == "log"
    curves = [line for line in ax.lines if line.get_label() in sep]
    np.testing.assert_allclose(curves[0].get_ydata(), [1.0, 0.5, 1e-3])  # 0 drawn at the floor
    np.testing.assert_allclose(curves[1].get_ydata(), [1.0, 1.0, 1.0])
    assert to_rgba(curves[0].get_color()) == to_rgba(MODEL_COLORS["SimpleRNN"])
    assert "distance" in ax.get_ylabel()
    ax = plot_cue_separation({"GRU h_t": [1.0, 0.9]}, ylabel="share explained by the cue")
    assert ax.get_ylabel() == "share explained by the cue"
    with pytest.raises(TypeError, match="separation must be a non-empty dict"):
        plot_cue_separation([1.0, 2.0])
    with pytest.raises(ValueError, match="positive at step 0"):
        plot_cue_separation({"x": [0.0, 1.0]})
    with pytest.raises(ValueError, match=r"floor must be in \(0, 1\)"):
        plot_cue_separation(sep, floor=0)
