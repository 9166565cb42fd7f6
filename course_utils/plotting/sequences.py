"""Figures of series and their windows, predictions and loss curves (notebooks 1, 4 and 5).

Every function draws on ``ax`` (a new figure when omitted) and returns the Axes; none shows the
figure (a cell ends with ``plotting.show(alt=...)``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle
from numpy.typing import ArrayLike

from course_utils.plotting.figure import new_axes
from course_utils.style import INPUT_COLOR, PALETTE, STATE_COLOR, TARGET_COLOR
from course_utils.validate import as_1d, check_int, check_mapping

__all__ = [
    "plot_loss_curves",
    "plot_one_hot",
    "plot_predictions",
    "plot_series",
    "plot_windows",
]


def plot_series(
    series: ArrayLike,
    *,
    t: ArrayLike | None = None,
    ax: Axes | None = None,
    title: str = "",
    xlabel: str = "time step t",
    ylabel: str = "value",
    label: str | None = None,
    window: tuple[int, int] | None = None,
    marker: str | None = None,
    color: str | None = None,
) -> Axes:
    """Line plot of a 1-D series; optionally shade one input window and mark its target.

    Introduced in notebook 1.

    Args:
        series: the values, shape ``(length,)``.
        t: the x positions, shape ``(length,)``; ``0 .. length-1`` when omitted.
        ax: where to draw (a new figure when omitted).
        title: the Axes title.
        xlabel: the x-axis label.
        ylabel: the y-axis label.
        label: the line's legend label (no legend when None and no window).
        window: ``(start, n_steps)`` shades ``series[start:start+n_steps]`` and marks its
            target ``series[start+n_steps]``.
        marker: a matplotlib marker for the points.
        color: the line's colour.

    Returns:
        The Axes drawn on.

    Raises:
        ValueError: ``series`` is not 1-D, ``t`` has another length, or ``window`` does not fit.
    """
    y = as_1d("series", series)
    x = np.arange(len(y)) if t is None else as_1d("t", t)
    if len(x) != len(y):
        raise ValueError(f"t must have the same length as series ({len(y)}), got {len(x)}")
    ax = new_axes(ax)
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
    if window is not None:  # outside the axes: on a wave, any corner would hide data
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    elif label is not None:
        ax.legend(loc="best")
    return ax


def plot_windows(
    sequence: ArrayLike,
    n_steps: int,
    *,
    n_windows: int = 5,
    ax: Axes | None = None,
    annotate: bool | None = None,
    fmt: str = "{:g}",
    title: str | None = None,
) -> Axes:
    """Draw the first ``n_windows`` (window, target) pairs that ``create_dataset`` makes.

    Row ``i`` is sample ``i``: blue cells are its inputs ``sequence[i:i+n_steps]``, the orange
    cell its target ``sequence[i+n_steps]``. Columns are time steps. Introduced in notebook 1.

    Args:
        sequence: the series, shape ``(length,)``.
        n_steps: the window length, an int in ``[1, length - 1]``.
        n_windows: how many windows to draw, an int >= 1 (capped at ``length - n_steps``).
        ax: where to draw (a new figure sized for the windows when omitted).
        annotate: write the values in the cells; None decides by size (up to 24 steps).
        fmt: the format of the written values.
        title: the Axes title (a default describing the picture when None).

    Returns:
        The Axes drawn on.

    Raises:
        TypeError: ``n_steps`` or ``n_windows`` is not an int.
        ValueError: ``sequence`` is not 1-D, or ``n_steps`` or ``n_windows`` is out of range.
    """
    seq = as_1d("sequence", sequence)
    n_steps = check_int("n_steps", n_steps, low=1, high=len(seq) - 1)
    n_windows = min(check_int("n_windows", n_windows, low=1), len(seq) - n_steps)
    width = n_windows - 1 + n_steps + 1  # time steps touched
    if annotate is None:
        annotate = width <= 24
    ax = new_axes(ax, figsize=(min(0.5 * width + 2, 12), 0.45 * n_windows + 1.4))
    for i in range(n_windows):
        for t in range(i, i + n_steps + 1):
            is_target = t == i + n_steps
            color = TARGET_COLOR if is_target else INPUT_COLOR
            ax.add_patch(  # opaque: white on the blue reaches 5.2:1 (4:1 at alpha 0.85)
                Rectangle((t - 0.45, i - 0.4), 0.9, 0.8, facecolor=color, edgecolor="white")
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
    y_true: ArrayLike,
    y_pred: ArrayLike,
    *,
    t: ArrayLike | None = None,
    ax: Axes | None = None,
    title: str = "Predictions against the truth",
    xlabel: str = "time step t",
    ylabel: str = "value",
) -> Axes:
    """Plot true values (line) and predictions (dots).

    Introduced in notebook 5.

    Args:
        y_true: the true values, shape ``(n,)``.
        y_pred: the predictions, shape ``(n,)`` or ``(n, 1)`` (as ``model.predict`` returns).
        t: the x positions, shape ``(n,)``; ``0 .. n-1`` when omitted.
        ax: where to draw (a new figure when omitted).
        title: the Axes title.
        xlabel: the x-axis label.
        ylabel: the y-axis label.

    Returns:
        The Axes drawn on.

    Raises:
        ValueError: the arrays' lengths differ.
    """
    y_true = as_1d("y_true", y_true)
    y_pred = as_1d("y_pred", np.ravel(y_pred))
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_pred must have the same length as y_true ({len(y_true)}), got {len(y_pred)}"
        )
    x = np.arange(len(y_true)) if t is None else as_1d("t", t)
    if len(x) != len(y_true):
        raise ValueError(f"t must have the same length as y_true ({len(y_true)}), got {len(x)}")
    ax = new_axes(ax)
    ax.plot(x, y_true, color=PALETTE[0], label="true")
    ax.plot(x, y_pred, "o", color=STATE_COLOR, markersize=4, label="predicted")
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.legend(loc="best")
    return ax


def plot_loss_curves(
    curves: Mapping[str, ArrayLike],
    *,
    epochs_per_point: float = 1.0,
    epochs: float | None = None,
    ax: Axes | None = None,
    title: str = "Training loss",
    ylabel: str = "loss (MSE)",
    log: bool = True,
    colors: Sequence[str] | None = None,
) -> Axes:
    """One line per named loss curve, e.g. ``{"training": h["loss"], "validation": h["val_loss"]}``.

    Point ``i`` of a curve is drawn at epoch ``(i + 1) * epochs_per_point`` (a loss reported
    every 10 epochs: ``epochs_per_point=10``). ``epochs`` instead spreads each curve over that
    many epochs, whatever its number of points: ``model.fit(..., epochs=200)`` reports 200
    losses, ``fit_fast`` 20 for the same steps, and both are drawn from epoch 0 to 200.
    The y axis is logarithmic unless ``log=False``: its label then ends in ", log scale", and
    when the curves span less than two powers of ten the ticks in between are labelled too, in
    plain numbers (1,500  2,000  3,000). Introduced in notebook 5.

    Args:
        curves: ``{label: losses}``, each of shape ``(points,)``, positive when ``log``.
        epochs_per_point: epochs between two points (when ``epochs`` is None).
        epochs: the epochs every curve spans, or None.
        ax: where to draw (a new figure when omitted).
        title: the Axes title.
        ylabel: the y-axis label.
        log: a logarithmic y axis.
        colors: one colour per curve (default: the course palette in order), so a model can
            keep its colour across figures.

    Returns:
        The Axes drawn on.

    Raises:
        TypeError: ``curves`` is not a dict.
        ValueError: ``curves`` is empty, a curve is not 1-D or not positive on a log axis, or
            ``colors`` does not have one colour per curve.
    """
    curves = check_mapping("curves", curves, "{label: losses}")
    if colors is None:
        colors = [PALETTE[i % len(PALETTE)] for i in range(len(curves))]
    elif len(colors) != len(curves):
        raise ValueError(f"colors needs one colour per curve ({len(curves)}), got {len(colors)}")
    ax = new_axes(ax)
    lowest, highest = np.inf, -np.inf
    for (label, losses), color in zip(curves.items(), colors, strict=True):
        values = as_1d(f"curves[{label!r}]", losses).astype(float)
        if log and np.any(values <= 0):
            raise ValueError(f"curves[{label!r}] has values <= 0; pass log=False")
        step = epochs_per_point if epochs is None else epochs / len(values)
        x = (np.arange(len(values)) + 1) * step
        ax.plot(x, values, "o-", markersize=3, color=color, label=label)
        lowest, highest = min(lowest, values.min()), max(highest, values.max())
    if log:
        ax.set_yscale("log")
        ylabel = f"{ylabel}, log scale"
        if highest / lowest < 100:  # few or no powers of ten in view: label the ticks between
            subs = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)
            ax.yaxis.set_major_locator(
                ticker.LogLocator(subs=subs if highest / lowest < 10 else (1.0, 2.0, 5.0))
            )
            ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:,g}"))
            ax.yaxis.set_minor_formatter(ticker.NullFormatter())
    ax.set(title=title, xlabel="epoch", ylabel=ylabel)
    ax.legend(loc="best")
    return ax


# --- notebooks 1, 2 and 4 (added by the nb124 work) --------------------------------------------


def plot_one_hot(
    text: str,
    *,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw the one-hot encoding of ``text``: one column per character, one row per feature.

    Row ``j`` is the feature of vocabulary character ``j`` (the sorted distinct characters, as
    :func:`course_utils.data.text_to_ids` numbers them); column ``t`` is time step ``t``, with a
    single filled cell in the row of its character. A space is labelled ``␣``. Introduced in
    notebook 1.

    Args:
        text: the text, a non-empty str; its one-hot array has shape
            ``(len(text), len(vocab))``, drawn transposed so that time runs left to right.
        ax: where to draw (a new figure sized for the text when omitted).
        title: the Axes title (a default saying what the picture shows when None).

    Returns:
        The Axes drawn on.

    Raises:
        TypeError: ``text`` is not a str.
        ValueError: ``text`` is empty.
    """
    from matplotlib.colors import ListedColormap

    from course_utils.data import text_to_ids

    ids, vocab = text_to_ids(text)
    one_hot = np.eye(len(vocab))[ids]  # (timesteps, features)
    ax = new_axes(ax, figsize=(min(0.22 * len(text) + 2, 12), 0.22 * len(vocab) + 1.4))
    ax.imshow(
        one_hot.T,
        cmap=ListedColormap(["white", INPUT_COLOR]),
        vmin=0,
        vmax=1,
        aspect="auto",
        interpolation="nearest",
    )
    shown = ["␣" if ch == " " else ch for ch in text]
    ax.set_xticks(range(len(text)), shown, fontsize=9)
    ax.set_yticks(range(len(vocab)), ["␣" if ch == " " else ch for ch in vocab], fontsize=9)
    # thin lines between the cells, so the empty ones read as zeros
    ax.set_xticks(np.arange(len(text) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(vocab) + 1) - 0.5, minor=True)
    ax.grid(False)
    ax.grid(which="minor", color="#BBBBBB", linewidth=0.5)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel("time step t: the character read at that step")
    ax.set_ylabel("feature: one per\nvocabulary character")
    ax.set_title(
        title
        if title is not None
        else f"One-hot text: {len(text)} steps by {len(vocab)} features, a single 1 per step"
    )
    return ax
