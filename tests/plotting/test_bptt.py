"""Figures of back-propagation through time (plotting.bptt): rolled/unrolled, by lag, loss runs."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.patches import FancyArrowPatch, Rectangle

from course_utils.plotting import (
    plot_gradient_by_lag,
    plot_loss_runs,
    plot_rolled,
    plot_rolled_and_unrolled,
)
from course_utils.plotting.cells import WEIGHT_TEXT_COLOR


def texts_of(ax):
    return [t.get_text() for t in ax.texts]


def cells_of(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_gid() == "cell"]


def test_the_rolled_cell_has_its_loop_and_its_three_weights():
    ax = plot_rolled()
    assert len(cells_of(ax)) == 1
    loops = [p for p in ax.patches if isinstance(p, FancyArrowPatch) and p.get_gid() == "loop"]
    assert len(loops) == 1
    texts = texts_of(ax)
    for label in ("$x_t$", "$y_t$", "$h_t$", "$h_{t-1}$", "$W_{xh}$", "$W_{hh}$", "$W_{hy}$"):
        assert texts.count(label) == 1, label
    weights = [t for t in ax.texts if t.get_text().startswith("$W_")]
    assert {to_rgba(t.get_color()) for t in weights} == {to_rgba(WEIGHT_TEXT_COLOR)}
    plt.close("all")


@pytest.mark.parametrize("n_steps", [1, 3, 6])
def test_rolled_and_unrolled_side_by_side(n_steps):
    rolled, unrolled = plot_rolled_and_unrolled(n_steps)
    assert rolled.figure is unrolled.figure
    assert len(cells_of(rolled)) == 1 and len(cells_of(unrolled)) == n_steps
    assert texts_of(unrolled).count("$W_{hh}$") == n_steps  # the shared weights, at every step
    assert "rolled and unrolled" in rolled.figure.get_suptitle()
    plt.close("all")


@pytest.mark.parametrize(("n_steps", "error"), [(0, ValueError), (7, ValueError), (2.0, TypeError)])
def test_rolled_and_unrolled_rejects_bad_lengths(n_steps, error):
    with pytest.raises(error, match="n_steps"):
        plot_rolled_and_unrolled(n_steps)


def test_gradient_by_lag_draws_one_line_per_setting_and_skips_zero_terms():
    ax = plot_gradient_by_lag({"vanishing": [1.0, 0.1, 0.01, 0.0], "exploding": [1.0, 2.0, 4.0]})
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["vanishing", "exploding"]
    np.testing.assert_array_equal(lines[0].get_xdata(), [0, 1, 2])  # the 0 term is left out
    assert ax.get_yscale() == "log"
    assert "lag" in ax.get_xlabel()
    plt.close("all")


@pytest.mark.parametrize(
    ("bad", "error", "message"),
    [
        ([1.0, 2.0], TypeError, "contributions must be"),
        ({}, ValueError, "contributions must"),
        ({"a": [1.0, -1.0]}, ValueError, "sizes >= 0"),
        ({"a": [1.0, np.nan]}, ValueError, "contributions"),
        ({"a": np.ones((2, 2))}, ValueError, "contributions"),
    ],
)
def test_gradient_by_lag_rejects_bad_input(bad, error, message):
    with pytest.raises(error, match=message):
        plot_gradient_by_lag(bad)


def test_loss_runs_mark_a_diverged_run_and_draw_the_reference():
    runs = [[1.0, 0.5, 0.25], [1.0, 1e6, np.nan], [np.inf, np.nan, np.nan]]
    ax = plot_loss_runs(runs, steps_per_point=10, ceiling=0.3, ceiling_label="predict 0")
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels.count("diverged (loss became nan or inf)") == 1  # one legend entry for all
    assert "predict 0" in labels and "seed 0" in labels
    np.testing.assert_array_equal(ax.get_lines()[0].get_xdata(), [10, 20, 30])
    crosses = [line for line in ax.get_lines() if line.get_marker() == "x"]
    assert len(crosses) == 2  # both runs that diverged are marked
    assert crosses[0].get_xdata()[0] == 20  # at the last finite loss
    plt.close("all")


def test_loss_runs_on_a_log_or_a_linear_axis():
    runs = [[0.7, 0.3, 0.2], [0.6, 0.25, 0.15]]
    assert plot_loss_runs(runs).get_yscale() == "log"
    ax = plot_loss_runs(runs, log=False)
    assert ax.get_yscale() == "linear" and ax.get_ylabel() == "training loss"
    assert plot_loss_runs(runs).get_ylabel() == "training loss (log scale)"
    plt.close("all")


def test_loss_runs_reject_bad_input():
    with pytest.raises(ValueError, match="runs must hold"):
        plot_loss_runs([])
    with pytest.raises(ValueError, match="labels must have one label per run"):
        plot_loss_runs([[1.0]], labels=["a", "b"])
    with pytest.raises(TypeError, match="steps_per_point"):
        plot_loss_runs([[1.0]], steps_per_point=1.5)
