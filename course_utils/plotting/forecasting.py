"""Figures of notebook 7: the split series, loss curves, forecasts, and error against horizon.

Each forecaster keeps its colour in every figure (:data:`FORECAST_COLORS`; the recurrent models
keep notebook 6's ``style.MODEL_COLORS``). Every function draws on ``ax`` (a new figure when
omitted) and returns the Axes; none shows the figure.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib import ticker
from matplotlib.axes import Axes
from numpy.typing import ArrayLike

from course_utils.plotting.figure import new_axes
from course_utils.style import MODEL_COLORS, PALETTE
from course_utils.validate import as_1d, check_mapping

__all__ = [
    "FORECAST_COLORS",
    "plot_epoch_losses",
    "plot_error_by_horizon",
    "plot_split",
    "plot_test_forecasts",
]

#: One colour per forecaster, the same in every figure of notebook 7 (matched by name prefix).
FORECAST_COLORS: dict[str, str] = {
    "truth": "black",
    "last value": PALETTE[5],
    "cycle naive": PALETTE[1],
    "linear": PALETTE[2],
    "AR": PALETTE[4],
    "SimpleRNN": MODEL_COLORS["SimpleRNN"],
    "LSTM": MODEL_COLORS["LSTM"],
}

#: The colours of the training, validation and test parts.
PART_COLORS = (PALETTE[0], PALETTE[1], PALETTE[3])


def _color(name: str, i: int) -> str:
    """The colour of the forecaster whose name starts with a key of ``FORECAST_COLORS``."""
    for key, color in FORECAST_COLORS.items():
        if name.startswith(key):
            return color
    return PALETTE[i % len(PALETTE)]


def plot_split(
    years: ArrayLike,
    parts: tuple[ArrayLike, ArrayLike, ArrayLike],
    *,
    ax: Axes | None = None,
    title: str = "The series, split by time into training, validation and test parts",
    ylabel: str = "sunspot number",
) -> Axes:
    """The series drawn part by part (training, validation, test), each part's span shaded.

    Introduced in notebook 7.

    Args:
        years: the time of every value, shape ``(length,)``.
        parts: the three consecutive parts, shapes ``(part_length,)`` adding up to ``length``.
        ax: where to draw (a new figure when omitted).
        title: the Axes title.
        ylabel: the y-axis label.

    Returns:
        The Axes drawn on; each part's line is labelled with its name and first and last year.

    Raises:
        ValueError: ``parts`` are not three parts whose lengths add up to ``len(years)``.
    """
    t = as_1d("years", years)
    if not isinstance(parts, tuple | list) or len(parts) != 3:
        raise ValueError("parts must be three arrays: training, validation and test")
    arrays = [as_1d(f"parts[{i}]", p) for i, p in enumerate(parts)]
    if sum(len(p) for p in arrays) != len(t):
        raise ValueError("parts must be three arrays whose lengths add up to len(years)")
    ax = new_axes(ax, figsize=(10, 3.6))
    start = 0
    names = ("training", "validation", "test")
    for name, color, part in zip(names, PART_COLORS, arrays, strict=True):
        span = t[start : start + len(part)]
        ax.axvspan(span[0] - 0.5, span[-1] + 0.5, color=color, alpha=0.12, lw=0)
        ax.plot(span, part, color=color, label=f"{name} {span[0]:.0f}-{span[-1]:.0f}")
        start += len(part)
    ax.set(title=title, xlabel="year", ylabel=ylabel)
    ax.set_xlim(t[0] - 1, t[-1] + 1)
    ax.legend(loc="upper left", ncols=3)
    return ax


def plot_epoch_losses(
    histories: Mapping[str, Mapping[str, ArrayLike]],
    *,
    ax: Axes | None = None,
    title: str = "Training and validation loss at each epoch's end",
    ylabel: str = "loss (MSE, standardised units)",
) -> Axes:
    """Training (dashed) and validation (solid) loss per epoch, one colour per model, log scale.

    A dot marks each model's lowest validation loss: the epoch whose weights early stopping
    restored. Introduced in notebook 7.

    Args:
        histories: ``{model name: {"train_loss": [...], "val_loss": [...]}}``, each list of
            shape ``(epochs,)`` (as ``training.epoch_end_losses`` measures them).
        ax: where to draw (a new figure when omitted).
        title: the Axes title.
        ylabel: the y-axis label (", log scale" is added).

    Returns:
        The Axes drawn on.

    Raises:
        TypeError: ``histories`` is not a dict.
        ValueError: it is empty, or a model lacks a loss or has losses that are not positive.
    """
    histories = check_mapping("histories", histories, "{model name: losses}")
    ax = new_axes(ax, figsize=(10, 4))
    for i, (name, history) in enumerate(histories.items()):
        if not isinstance(history, Mapping) or not {"train_loss", "val_loss"} <= set(history):
            raise ValueError(f"histories[{name!r}] must hold 'train_loss' and 'val_loss'")
        val = as_1d(f"histories[{name!r}]['val_loss']", history["val_loss"]).astype(float)
        train = as_1d(f"histories[{name!r}]['train_loss']", history["train_loss"]).astype(float)
        if np.any(val <= 0) or np.any(train <= 0):
            raise ValueError(f"histories[{name!r}] has losses <= 0, which a log scale cannot show")
        color = _color(name, i)
        train_epochs = np.arange(1, len(train) + 1)
        ax.plot(train_epochs, train, "--", color=color, lw=1.6, label=f"{name}, training")
        epochs = np.arange(1, len(val) + 1)
        ax.plot(epochs, val, "-", color=color, lw=2.2, label=f"{name}, validation")
        best = int(np.argmin(val))
        ax.plot(epochs[best], val[best], "o", color=color, markersize=9, zorder=3)
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(ticker.LogLocator(subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    ax.yaxis.set_minor_formatter(ticker.NullFormatter())
    ax.set(title=title, xlabel="epoch", ylabel=f"{ylabel}, log scale")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_test_forecasts(
    years: ArrayLike,
    truth: ArrayLike,
    forecasts: Mapping[str, ArrayLike],
    *,
    ax: Axes | None = None,
    title: str = "One-step-ahead forecasts on the test years",
    ylabel: str = "sunspot number",
) -> Axes:
    """The truth (a thick black line) and each forecaster's one-step forecasts, with markers.

    Colours follow :data:`FORECAST_COLORS`. Introduced in notebook 7.

    Args:
        years: the years of the test targets, shape ``(n,)``.
        truth: the test targets, shape ``(n,)``.
        forecasts: ``{forecaster: forecasts}``, each of shape ``(n,)``.
        ax: where to draw (a new figure when omitted).
        title: the Axes title.
        ylabel: the y-axis label.

    Returns:
        The Axes drawn on.

    Raises:
        TypeError: ``forecasts`` is not a dict.
        ValueError: a length differs from ``len(years)``.
    """
    t, y = as_1d("years", years), as_1d("truth", truth)
    forecasts = check_mapping("forecasts", forecasts, "{forecaster: forecasts}")
    if len(t) != len(y):
        raise ValueError(f"truth must have the length of years ({len(t)}), got {len(y)}")
    ax = new_axes(ax, figsize=(11, 4))
    ax.plot(t, y, color=FORECAST_COLORS["truth"], lw=2.6, label="truth")
    for i, (name, pred) in enumerate(forecasts.items()):
        p = as_1d(f"forecasts[{name!r}]", pred)
        if len(p) != len(t):
            raise ValueError(f"forecasts[{name!r}] must have {len(t)} values, got {len(p)}")
        ax.plot(t, p, marker="osD^v"[i % 5], ms=4, lw=1.4, color=_color(name, i + 1), label=name)
    ax.set(title=title, xlabel="year", ylabel=ylabel)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_error_by_horizon(
    errors: Mapping[str, ArrayLike],
    *,
    ax: Axes | None = None,
    title: str = "Forecast error against horizon",
    xlabel: str = "years ahead",
    ylabel: str = "mean absolute error",
) -> Axes:
    """One line per forecaster: its error ``h`` steps ahead, for ``h = 1 .. horizon``.

    Colours follow :data:`FORECAST_COLORS` by the start of the name; a name containing
    "direct" is drawn dashed, so "LSTM, recursive" and "LSTM, direct" share a colour and differ
    in line style. Introduced in notebook 7.

    Args:
        errors: ``{forecaster: error per horizon}``, each of shape ``(horizon,)``.
        ax: where to draw (a new figure when omitted).
        title: the Axes title.
        xlabel: the x-axis label (the steps of the sunspot series are years).
        ylabel: the y-axis label.

    Returns:
        The Axes drawn on.

    Raises:
        TypeError: ``errors`` is not a dict.
        ValueError: it is empty, or its entries differ in length.
    """
    errors = check_mapping("errors", errors, "{forecaster: error per horizon}")
    curves = {name: as_1d(f"errors[{name!r}]", e).astype(float) for name, e in errors.items()}
    horizons = {len(e) for e in curves.values()}
    if len(horizons) != 1:
        raise ValueError(f"errors must all have the same horizon, got lengths {sorted(horizons)}")
    steps = np.arange(1, horizons.pop() + 1)
    ax = new_axes(ax, figsize=(10, 5))
    for i, (name, e) in enumerate(curves.items()):
        style = "--" if "direct" in name else "-"
        ax.plot(steps, e, style, marker="osD^vP"[i % 6], color=_color(name, i), label=name)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.set_xticks(steps)
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax
