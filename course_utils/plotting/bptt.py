"""Figures of back-propagation through time (notebook 3).

The loop rolled and unrolled, the weight gradient by lag, and loss curves of several training
runs (gradient clipping).

Every function draws on the Axes it is given (new ones when omitted) and returns them; none shows
the figure (a cell ends with ``plotting.show(alt=...)``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, Rectangle
from numpy.typing import ArrayLike

from course_utils.plotting.cells import _LINE_STYLES, plot_unrolled
from course_utils.plotting.figure import new_axes
from course_utils.style import (
    INPUT_COLOR,
    PALETTE,
    STATE_COLOR,
    STATE_TEXT_COLOR,
    WEIGHT_TEXT_COLOR,
)
from course_utils.validate import as_1d, check_int, check_mapping

__all__ = ["plot_gradient_by_lag", "plot_loss_runs", "plot_rolled", "plot_rolled_and_unrolled"]

_CELL_FACE = PALETTE[5]  # sky blue, as the cells of plot_unrolled


def plot_rolled(*, ax: Axes | None = None, title: str = "Rolled: one cell and its loop") -> Axes:
    """The RNN as its definition draws it: one cell whose output state loops back into it.

    The cell (a ``Rectangle`` with gid ``"cell"``) reads ``x_t`` from below through ``W_xh``,
    writes ``y_t`` above through ``W_hy``, and a loop (gid ``"loop"``) carries ``h_t`` back in as
    ``h_{t-1}`` of the next step through ``W_hh``: the directed cycle. Introduced in notebook 3.

    Args:
        ax: where to draw (a new figure when omitted).
        title: the Axes title.

    Returns:
        The Axes drawn on.
    """
    ax = new_axes(ax, figsize=(3.6, 4.2))
    w, hgt = 1.1, 0.9
    ax.add_patch(
        Rectangle(
            (-w / 2, -hgt / 2),
            w,
            hgt,
            facecolor=_CELL_FACE,
            alpha=0.55,
            edgecolor="0.45",
            gid="cell",
        )
    )
    ax.text(0, 0, "RNN\ncell", ha="center", va="center", fontsize=11)

    def arrow(start: tuple[float, float], end: tuple[float, float]) -> None:
        ax.add_patch(
            FancyArrowPatch(
                start, end, arrowstyle="-|>", mutation_scale=14, color="0.15", linewidth=1.6
            )
        )

    arrow((0, -1.45), (0, -hgt / 2))
    arrow((0, hgt / 2), (0, 1.45))
    ax.text(0, -1.75, "$x_t$", ha="center", va="center", fontsize=13)
    ax.text(0, 1.75, "$y_t$", ha="center", va="center", fontsize=13)
    ax.text(0.1, -0.95, "$W_{xh}$", color=WEIGHT_TEXT_COLOR, fontsize=11, va="center")
    ax.text(0.1, 0.95, "$W_{hy}$", color=WEIGHT_TEXT_COLOR, fontsize=11, va="center")
    # the loop: out of the cell's right side, round, and back into it one step later
    loop = FancyArrowPatch(
        (w / 2, 0.22),
        (w / 2, -0.22),
        connectionstyle="arc,angleA=0,angleB=0,armA=62,armB=62,rad=18",
        arrowstyle="-|>",
        mutation_scale=14,
        color=STATE_COLOR,
        linewidth=2.2,
        gid="loop",
    )
    ax.add_patch(loop)
    ax.text(0.75, 0.45, "$h_t$", color=STATE_TEXT_COLOR, fontsize=13, ha="left", va="center")
    ax.text(0.75, -0.47, "$h_{t-1}$", color=STATE_TEXT_COLOR, fontsize=13, ha="left", va="center")
    ax.text(1.72, 0, "$W_{hh}$", color=WEIGHT_TEXT_COLOR, fontsize=11, ha="left", va="center")
    ax.text(
        0.3,
        -2.35,
        "the loop: $h_t$ comes back\nas the next step's $h_{t-1}$",
        ha="center",
        va="center",
        color=STATE_TEXT_COLOR,
        fontsize=10,
    )
    ax.set_xlim(-1.2, 2.4)
    ax.set_ylim(-2.7, 2.1)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title)
    return ax


def plot_rolled_and_unrolled(n_steps: int = 3, *, title: str | None = None) -> tuple[Axes, Axes]:
    """The same RNN twice, side by side: rolled (one cell with its loop) and unrolled.

    Left :func:`plot_rolled`, right :func:`~course_utils.plotting.cells.plot_unrolled` over
    ``n_steps`` steps, whose weight labels repeat in one colour at every step: the shared
    weights. Introduced in notebook 3.

    Args:
        n_steps: steps of the unrolled graph, an int from 1 to 6 (more do not fit beside it).
        title: the figure's title (a default naming both views when None).

    Returns:
        ``(rolled_ax, unrolled_ax)``.

    Raises:
        TypeError: ``n_steps`` is not an int.
        ValueError: ``n_steps`` is outside ``[1, 6]``.
    """
    n_steps = check_int("n_steps", n_steps, low=1, high=6)
    fig, (left, right) = plt.subplots(
        1,
        2,
        figsize=(3.6 + 1.75 * n_steps + 1.6, 4.3),
        gridspec_kw={"width_ratios": [3.6, 1.75 * n_steps + 1.6]},
    )
    plot_rolled(ax=left)
    plot_unrolled(
        n_steps, ax=right, title=f"Unrolled over {n_steps} steps: one copy of the cell per step"
    )
    fig.suptitle(
        title
        if title is not None
        else "The same RNN, rolled and unrolled: the loop becomes a chain with shared weights"
    )
    return left, right


def plot_gradient_by_lag(
    contributions: Mapping[str, ArrayLike],
    *,
    ax: Axes | None = None,
    title: str = "",
    xlabel: str = "lag k = T - t: how many steps before the loss",
    ylabel: str = r"size of the lag-$k$ term of $\partial L / \partial W_{hh}$ (log scale)",
    legend: bool = True,
) -> Axes:
    """Each step's contribution to a weight's gradient, by lag, one line per setting.

    ``contributions[label][k]`` is the size (e.g. the Frobenius norm) of the term that the step
    ``k`` steps before the loss adds to ``dL/dW_hh``. Terms of size 0 (e.g. the first step's,
    when ``h_0 = 0``) cannot be drawn on a log axis and are left out. Introduced in notebook 3.

    Args:
        contributions: ``{label: sizes}``, each of shape ``(T,)``, index = lag ``0 .. T-1``.
        ax: where to draw (a new figure when omitted).
        title: the Axes title.
        xlabel: the x-axis label.
        ylabel: the y-axis label.
        legend: draw a legend.

    Returns:
        The Axes drawn on.

    Raises:
        TypeError: ``contributions`` is not a dict.
        ValueError: it is empty, a line is not 1-D, or has a negative or non-finite value.
    """
    contributions = check_mapping("contributions", contributions, "{label: sizes by lag}")
    ax = new_axes(ax)
    for i, (label, values) in enumerate(contributions.items()):
        g = as_1d(f"contributions[{label!r}]", values, finite=True).astype(float)
        if np.any(g < 0):
            raise ValueError(f"contributions[{label!r}] must hold sizes >= 0, got {g.min()}")
        lags = np.arange(len(g))
        keep = g > 0
        marker, linestyle = _LINE_STYLES[i % len(_LINE_STYLES)]
        ax.semilogy(
            lags[keep],
            g[keep],
            marker=marker,
            linestyle=linestyle,
            markersize=6,
            markevery=(i % 5, 5),
            color=PALETTE[i % len(PALETTE)],
            label=label,
        )
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    if legend:
        ax.legend()
    return ax


def plot_loss_runs(
    runs: Sequence[ArrayLike],
    *,
    steps_per_point: int = 1,
    ax: Axes | None = None,
    title: str = "",
    xlabel: str = "optimizer steps",
    ylabel: str | None = None,
    labels: Sequence[str] | None = None,
    ceiling: float | None = None,
    ceiling_label: str = "reference loss",
    log: bool = True,
) -> Axes:
    """Loss curves of several training runs (e.g. one per seed) on a log axis (or a linear one).

    A run whose loss became ``nan`` or infinite (it diverged) is drawn up to its last finite
    value and marked there with an ``x`` labelled "diverged"; ``ceiling`` draws a dotted line
    (e.g. the loss of always predicting the mean) for comparison. Introduced in notebook 3.

    Args:
        runs: the losses of each run, each of shape ``(points,)``, recorded every
            ``steps_per_point`` optimizer steps.
        steps_per_point: optimizer steps between two recorded losses, an int >= 1.
        ax: where to draw (a new figure when omitted).
        title: the Axes title.
        xlabel: the x-axis label.
        ylabel: the y-axis label (default "training loss", plus "(log scale)" when ``log``).
        labels: one label per run (default ``seed 0``, ``seed 1``, ...).
        ceiling: a reference loss drawn as a dotted line, or None.
        ceiling_label: its legend label.
        log: a logarithmic loss axis (for losses spanning orders of magnitude); False for a
            linear one, easier to read when the losses stay within a factor of a few.

    Returns:
        The Axes drawn on.

    Raises:
        TypeError: ``steps_per_point`` is not an int.
        ValueError: ``runs`` is empty, a run is not 1-D, or ``labels`` has another length.
    """
    steps_per_point = check_int("steps_per_point", steps_per_point, low=1)
    runs = list(runs)
    if not runs:
        raise ValueError("runs must hold at least one run of losses, got none")
    labels = [f"seed {i}" for i in range(len(runs))] if labels is None else list(labels)
    if len(labels) != len(runs):
        raise ValueError(f"labels must have one label per run ({len(runs)}), got {len(labels)}")
    ax = new_axes(ax)
    diverged_label = "diverged (loss became nan or inf)"
    for i, (label, values) in enumerate(zip(labels, runs, strict=True)):
        loss = as_1d(f"runs[{i}]", values).astype(float)
        steps = steps_per_point * np.arange(1, len(loss) + 1)
        bad = ~np.isfinite(loss)
        end = int(np.argmax(bad)) if bad.any() else len(loss)
        marker, linestyle = _LINE_STYLES[i % len(_LINE_STYLES)]
        color = PALETTE[i % len(PALETTE)]
        (ax.semilogy if log else ax.plot)(
            steps[:end], loss[:end], marker=marker, linestyle=linestyle, color=color, label=label
        )
        if end < len(loss):
            at = max(end - 1, 0)  # the last finite loss (or the first step, if none is)
            ax.plot(
                steps[at],
                loss[at] if end > 0 else 1.0,
                "x",
                color="0.1",
                markersize=12,
                markeredgewidth=2.5,
                label=diverged_label,
            )
            diverged_label = "_nolegend_"
    if ceiling is not None:
        ax.axhline(ceiling, color=INPUT_COLOR, linestyle=":", linewidth=1.5, label=ceiling_label)
    if ylabel is None:
        ylabel = "training loss (log scale)" if log else "training loss"
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.legend(fontsize="small")
    return ax
