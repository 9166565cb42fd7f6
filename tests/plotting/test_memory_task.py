"""Figures of notebook 6: the memory task and the model comparison (plotting.memory_task)."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba

from course_utils.data import memory_task
from course_utils.plotting import (
    plot_accuracy_over_seeds,
    plot_accuracy_vs_k,
    plot_cue_runs,
    plot_cue_separation,
    plot_gates_over_time,
    plot_memory_task,
)
from course_utils.style import MODEL_COLORS


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
    with pytest.raises(ValueError, match="accuracy must be a non-empty dict"):
        plot_accuracy_vs_k({}, [1])
    with pytest.raises(TypeError, match="accuracy must be a dict"):
        plot_accuracy_vs_k([1.0], [1])
    with pytest.raises(ValueError, match="one value per k"):
        plot_accuracy_vs_k({"LSTM": [1.0, 0.5]}, [5, 20, 50])
    with pytest.raises(ValueError, match=r"must be in \[0, 1\]"):
        plot_accuracy_vs_k({"LSTM": [1.5]}, [5])
    with pytest.raises(ValueError, match=r"chance must be a finite number >= 0 and <= 1"):
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
    with pytest.raises(TypeError, match="separation must be a dict"):
        plot_cue_separation([1.0, 2.0])
    with pytest.raises(ValueError, match="positive at step 0"):
        plot_cue_separation({"x": [0.0, 1.0]})


def test_plot_cue_separation_without_a_floor_draws_every_value_and_leaves_out_zeros():
    sep = {
        "SimpleRNN h_t, default start": [1.0, 1e-31, 0.0],
        "SimpleRNN h_t, best": [1.0, 0.5, 0.2],
    }
    ax = plot_cue_separation(sep, floor=None)
    dashed, solid = (line for line in ax.lines if line.get_label() in sep)
    np.testing.assert_allclose(dashed.get_ydata(), [1.0, 1e-31, np.nan])  # no floor, no 0
    assert dashed.get_linestyle() == "--" and solid.get_linestyle() == "-"
    with pytest.raises(ValueError, match="floor must be a finite number >= 0"):
        plot_cue_separation(sep, floor=-1.0)


def test_plot_accuracy_over_seeds_one_panel_per_model_every_seed_and_the_live_runs():
    runs = {
        (m, s, k): np.linspace(0.3, 0.9, 10)
        for m in ("LSTM", "GRU")
        for s in ("default", "best")
        for k in (5, 40)
    }
    axes = plot_accuracy_over_seeds(runs, live={("GRU", "best", 40): 1.0}, chance=0.25)
    assert [ax.get_title() for ax in axes] == ["LSTM", "GRU"]
    seeds = [line for line in axes[0].lines if line.get_marker() == "o"]
    assert len(seeds) == 4 and all(len(line.get_xdata()) == 10 for line in seeds)
    medians = [line for line in axes[0].lines if line.get_label() == "best start"]
    np.testing.assert_allclose(medians[0].get_ydata(), [0.6, 0.6])
    stars = [line for line in axes[1].lines if line.get_marker() == "*"]
    assert len(stars) == 1 and stars[0].get_ydata()[0] == 1.0
    assert not [line for line in axes[0].lines if line.get_marker() == "*"]
    plt.close("all")
    with pytest.raises(TypeError, match="runs must be a dict"):
        plot_accuracy_over_seeds([0.5])
    with pytest.raises(ValueError, match="runs keys must be"):
        plot_accuracy_over_seeds({("LSTM", "tuned", 5): [0.5]})
    with pytest.raises(ValueError, match=r"must be in \[0, 1\]"):
        plot_accuracy_over_seeds({("LSTM", "best", 5): [1.5]})
    plt.close("all")


def test_plot_gates_over_time_one_line_per_gate_in_0_1():
    ax = plot_gates_over_time({"z": [0.1, 0.9, 0.95], "r": [0.5, 0.6, 0.6]}, title="GRU")
    assert [line.get_label() for line in ax.lines] == ["$z_t$", "$r_t$"]
    assert ax.get_ylim() == (-0.03, 1.03) and ax.get_title() == "GRU"
    with pytest.raises(TypeError, match="gates must be a dict"):
        plot_gates_over_time([0.5])
    with pytest.raises(ValueError, match=r"must be in \[0, 1\]"):
        plot_gates_over_time({"i": [1.2]})
    plt.close("all")
