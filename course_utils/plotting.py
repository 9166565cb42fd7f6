"""Figures used across the course.

Every function draws on ``ax`` (a new figure when omitted) and returns the Axes, so tests can
inspect what was drawn. None of them calls ``plt.show()``: a notebook cell ends with
``plt.show()`` itself, which shows each figure exactly once (also under nbval).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

from course_utils.setup import PALETTE

__all__ = ["INPUT_COLOR", "TARGET_COLOR", "plot_predictions", "plot_series", "plot_windows"]

INPUT_COLOR = PALETTE[0]  # blue: what the model sees
TARGET_COLOR = PALETTE[1]  # orange: what it must predict


def _new_axes(ax: Axes | None, figsize: tuple[float, float] | None = None) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    elif not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    return ax


def _as_1d(name: str, values: object) -> np.ndarray:
    arr = np.asarray(values)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D with shape (length,), got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    return arr


def plot_series(
    series: object,
    *,
    t: object | None = None,
    ax: Axes | None = None,
    title: str = "",
    xlabel: str = "time step t",
    ylabel: str = "value",
    label: str | None = None,
    window: tuple[int, int] | None = None,
    marker: str | None = None,
    color: str | None = None,
) -> Axes:
    """Line plot of a 1-D series, shape ``(length,)``.

    ``window=(start, n_steps)`` shades the input window ``series[start:start+n_steps]`` and
    marks its target ``series[start+n_steps]``.
    """
    y = _as_1d("series", series)
    x = np.arange(len(y)) if t is None else _as_1d("t", t)
    if len(x) != len(y):
        raise ValueError(f"t must have the same length as series ({len(y)}), got {len(x)}")
    ax = _new_axes(ax)
    ax.plot(x, y, label=label, marker=marker, color=color)
    if window is not None:
        start, n_steps = window
        if not (0 <= start and n_steps >= 1 and start + n_steps < len(y)):
            raise ValueError(
                f"window=(start, n_steps) must fit inside the series with room for a target, "
                f"got {window} for length {len(y)}"
            )
        ax.axvspan(x[start] - 0.5, x[start + n_steps - 1] + 0.5, color=INPUT_COLOR, alpha=0.15)
        ax.plot(
            x[start + n_steps],
            y[start + n_steps],
            "o",
            color=TARGET_COLOR,
            markersize=9,
            label="target (next value)",
        )
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    if label is not None or window is not None:
        ax.legend(loc="best")
    return ax


def plot_windows(
    sequence: object,
    n_steps: int,
    *,
    n_windows: int = 5,
    ax: Axes | None = None,
    annotate: bool | None = None,
    fmt: str = "{:g}",
    title: str | None = None,
) -> Axes:
    """Draw the first ``n_windows`` (window, target) pairs that ``create_dataset`` makes.

    Row ``i`` is sample ``i``: blue cells are its inputs ``sequence[i:i+n_steps]``, the orange cell
    its target ``sequence[i+n_steps]``. Columns are time steps. Values are written in the cells
    when they fit (``annotate=None`` decides by size).
    """
    seq = _as_1d("sequence", sequence)
    if isinstance(n_steps, bool) or not isinstance(n_steps, int | np.integer) or n_steps < 1:
        raise ValueError(f"n_steps must be a positive int, got {n_steps!r}")
    if n_steps >= len(seq):
        raise ValueError(f"n_steps must be smaller than the sequence length {len(seq)}")
    n_windows = int(min(n_windows, len(seq) - n_steps))
    if n_windows < 1:
        raise ValueError(f"n_windows must be at least 1, got {n_windows}")
    width = n_windows - 1 + n_steps + 1  # time steps touched
    if annotate is None:
        annotate = width <= 24
    ax = _new_axes(ax, figsize=(min(0.5 * width + 2, 12), 0.45 * n_windows + 1.4))
    for i in range(n_windows):
        for t in range(i, i + n_steps + 1):
            is_target = t == i + n_steps
            color = TARGET_COLOR if is_target else INPUT_COLOR
            ax.add_patch(
                Rectangle(
                    (t - 0.45, i - 0.4), 0.9, 0.8, facecolor=color, alpha=0.85, edgecolor="white"
                )
            )
            if annotate:
                ax.text(
                    t,
                    i,
                    fmt.format(seq[t]),
                    ha="center",
                    va="center",
                    color="black" if is_target else "white",  # readable on orange and blue
                    fontsize=9,
                )
    ax.set_xlim(-0.7, width - 0.3)
    ax.set_ylim(n_windows - 0.4, -0.6)
    ax.set_yticks(range(n_windows), [f"sample {i}" for i in range(n_windows)])
    ax.grid(False)
    ax.set_xlabel("time step t")
    ax.set_title(
        title
        if title is not None
        else f"Windows of {n_steps} steps (blue) and the next value to predict (orange)"
    )
    ax.legend(
        handles=[
            Patch(color=INPUT_COLOR, label="input x"),
            Patch(color=TARGET_COLOR, label="target y"),
        ],
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
    )
    return ax


def plot_predictions(
    y_true: object,
    y_pred: object,
    *,
    t: object | None = None,
    ax: Axes | None = None,
    title: str = "Predictions against the truth",
    xlabel: str = "time step t",
    ylabel: str = "value",
) -> Axes:
    """Plot true values (line) and predictions (dots), both shape ``(n,)``."""
    y_true = _as_1d("y_true", y_true)
    y_pred = _as_1d("y_pred", np.ravel(y_pred))
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_pred must have the same length as y_true ({len(y_true)}), got {len(y_pred)}"
        )
    x = np.arange(len(y_true)) if t is None else _as_1d("t", t)
    ax = _new_axes(ax)
    ax.plot(x, y_true, color=PALETTE[0], label="true")
    ax.plot(x, y_pred, "o", color=PALETTE[3], markersize=4, label="predicted")
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.legend(loc="best")
    return ax
