"""Figures of notebook 7 (plotting.forecasting): the split, losses, forecasts, error by horizon."""

import numpy as np
import pytest

from course_utils.plotting import (
    FORECAST_COLORS,
    plot_epoch_losses,
    plot_error_by_horizon,
    plot_split,
    plot_test_forecasts,
)
from course_utils.style import MODEL_COLORS

YEARS = np.arange(2000, 2012)


def test_plot_split_draws_each_part_with_its_years():
    parts = (np.arange(6.0), np.arange(3.0), np.arange(3.0))
    ax = plot_split(YEARS, parts)
    assert [line.get_label() for line in ax.lines] == [
        "training 2000-2005",
        "validation 2006-2008",
        "test 2009-2011",
    ]
    assert len(ax.patches) == 3  # each part's span shaded
    with pytest.raises(ValueError, match="add up to len\\(years\\)"):
        plot_split(YEARS, (np.arange(6.0), np.arange(3.0), np.arange(2.0)))
    with pytest.raises(ValueError, match="parts must be three arrays"):
        plot_split(YEARS, (np.arange(12.0),))


def test_plot_epoch_losses_marks_the_kept_epoch():
    losses = {"LSTM": {"train_loss": [1.0, 0.5, 0.4], "val_loss": [2.0, 1.5, 1.7]}}
    ax = plot_epoch_losses(losses)
    assert ax.get_yscale() == "log" and len(ax.lines) == 3  # two curves and the kept epoch
    training, validation, kept = ax.lines
    assert training.get_linestyle() == "--" and validation.get_linestyle() == "-"
    assert list(kept.get_xdata()) == [2] and list(kept.get_ydata()) == [1.5]
    assert validation.get_color() == MODEL_COLORS["LSTM"]  # notebook 6's colour
    with pytest.raises(TypeError, match="histories must be a dict"):
        plot_epoch_losses([1.0])
    with pytest.raises(ValueError, match="must hold 'train_loss' and 'val_loss'"):
        plot_epoch_losses({"LSTM": {"loss": [1.0]}})
    with pytest.raises(ValueError, match="losses <= 0"):
        plot_epoch_losses({"LSTM": {"train_loss": [0.0], "val_loss": [1.0]}})


def test_plot_test_forecasts_one_line_per_forecaster():
    ax = plot_test_forecasts(
        YEARS[:3], [1.0, 2.0, 3.0], {"LSTM": [1.0, 2.0, 2.5], "AR(9)": [1, 2, 3]}
    )
    assert [line.get_label() for line in ax.lines] == ["truth", "LSTM", "AR(9)"]
    assert ax.lines[1].get_color() == FORECAST_COLORS["LSTM"]
    assert ax.lines[2].get_color() == FORECAST_COLORS["AR"]  # by the name's start
    with pytest.raises(ValueError, match="forecasts\\['LSTM'\\] must have 3 values"):
        plot_test_forecasts(YEARS[:3], [1.0, 2.0, 3.0], {"LSTM": [1.0]})
    with pytest.raises(ValueError, match="truth must have the length of years"):
        plot_test_forecasts(YEARS[:3], [1.0, 2.0], {"LSTM": [1.0]})


def test_plot_error_by_horizon_recursive_and_direct_share_a_colour():
    ax = plot_error_by_horizon({"LSTM, recursive": [1.0, 2.0], "LSTM, direct": [2.0, 2.0]})
    assert [line.get_linestyle() for line in ax.lines] == ["-", "--"]
    assert ax.lines[0].get_color() == ax.lines[1].get_color()
    assert ax.get_xlabel() == "years ahead" and list(ax.get_xticks()) == [1, 2]
    with pytest.raises(TypeError, match="errors must be a dict"):
        plot_error_by_horizon([1.0, 2.0])
    with pytest.raises(ValueError, match="the same horizon"):
        plot_error_by_horizon({"a": [1.0], "b": [1.0, 2.0]})
