"""Figures of the RNN cell at work: its memory (notebook 2), unrolled in time and its gradients.

The unrolled graph and the gradient norms are notebook 3's.

Every function draws on ``ax`` (a new figure when omitted) and returns the Axes; none shows the
figure (a cell ends with ``plotting.show(alt=...)``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, Rectangle
from numpy.typing import ArrayLike

from course_utils.plotting.figure import new_axes
from course_utils.style import INPUT_COLOR, PALETTE, STATE_COLOR, TARGET_COLOR
from course_utils.validate import as_1d, check_int, check_mapping

__all__ = ["plot_gradient_norms", "plot_memory", "plot_unrolled"]

_CURRENT_COLOR = TARGET_COLOR  # orange: the step being computed
_PAST_COLOR = PALETTE[5]  # sky blue: steps already computed
_FUTURE_COLOR = "#EEEEEE"  # light grey: steps not reached yet
#: Text in the colours of the weights and the state, darkened to 5.2:1 contrast on white
#: (the palette's purple and vermillion reach only 3.1:1 and 3.9:1).
WEIGHT_TEXT_COLOR = "#A4507E"
STATE_TEXT_COLOR = "#B34F00"

#: Marker and line style per line of :func:`plot_gradient_norms`, so lines differ in grey too.
_LINE_STYLES = [("o", "-"), ("s", "--"), ("^", "-."), ("D", ":"), ("v", "-")]


def plot_memory(
    x: ArrayLike,
    h: ArrayLike,
    *,
    ax: Axes | None = None,
    title: str = "Input pulse and the hidden state of a 1-unit RNN",
    xlabel: str = "time step t",
    ylabel: str = "$x_t$ and $h_t$",
    legend: bool = True,
) -> Axes:
    """The input ``x_t`` (bars) and hidden state ``h_t`` (line) of a 1-unit RNN over time.

    Dashed lines mark tanh's limits, -1 and +1, which ``h_t`` can never cross. Introduced in
    notebook 2.

    Args:
        x: inputs ``x_1 .. x_T``, shape ``(T,)``.
        h: hidden states ``h_1 .. h_T``, shape ``(T,)`` (``h_0 = 0`` is drawn at ``t = 0``).
        ax: where to draw (a new figure when omitted).
        title: the Axes title.
        xlabel: the x-axis label.
        ylabel: the y-axis label.
        legend: draw the legend (right of the Axes); pass False to draw one per figure instead.

    Returns:
        The Axes drawn on.

    Raises:
        ValueError: ``x`` or ``h`` is not 1-D, or their shapes differ.
    """
    x = as_1d("x", x).astype(float)
    h = as_1d("h", h).astype(float)
    if x.shape != h.shape:
        raise ValueError(f"h must have the same shape as x {x.shape}, got {h.shape}")
    ax = new_axes(ax, figsize=(8, 3.2))
    t = np.arange(1, len(x) + 1)
    ax.bar(t, x, width=0.8, color=INPUT_COLOR, alpha=0.35, label="input $x_t$")
    ax.plot(
        np.r_[0, t], np.r_[0.0, h], "o-", color=STATE_COLOR, markersize=3.5, label="state $h_t$"
    )
    for level in (-1, 1):
        ax.axhline(level, color="0.4", linestyle="--", linewidth=0.9)
    low = min(-1.15, float(x.min()) - 0.1)
    high = max(1.15, float(x.max()) + 0.1)
    ax.set_ylim(low, high)
    ax.set_xlim(-0.7, len(x) + 0.7)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    if legend:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_unrolled(
    n_steps: int,
    *,
    ax: Axes | None = None,
    highlight: int | None = None,
    h_values: ArrayLike | None = None,
    show_outputs: bool = True,
    title: str | None = None,
    fmt: str = "{:+.2f}",
) -> Axes:
    """Draw an RNN unrolled over ``n_steps`` time steps: one copy of the cell per step.

    Step ``t`` (1-based) is a box (a ``Rectangle`` with gid ``"cell"``) with its input ``x_t``
    below it (arrow labelled ``W_xh``), its output ``y_t`` above it (arrow labelled ``W_hy``, when
    ``show_outputs``) and an arrow to the next step carrying ``h_t`` (labelled ``W_hh``). The
    initial state, labelled ``h_0 = 0``, enters the first cell from the left through ``W_hh`` too.
    The weight labels share one colour: every copy of the cell uses the same weights. With more
    than 12 steps the weight labels are left out (the footnote still says they are shared).
    Introduced in notebook 3.

    Args:
        n_steps: number of time steps ``T`` to draw, a positive int.
        ax: where to draw (a new figure sized for ``n_steps`` when omitted).
        highlight: the step being computed, ``1 <= highlight <= n_steps``: its cell is orange,
            earlier cells blue, later cells grey. ``None`` draws every step alike.
        h_values: hidden states of a 1-unit RNN, shape ``(n_steps,)``; ``h_t``'s value is
            written under its label (only up to ``highlight`` when that is given).
        show_outputs: draw ``y_t`` and the ``W_hy`` arrows.
        title: the Axes title (a default describing the picture when ``None``).
        fmt: format of the written ``h_t`` values.

    Returns:
        The Axes drawn on.

    Raises:
        TypeError: ``n_steps`` or ``highlight`` is not an int.
        ValueError: ``n_steps`` < 1, ``highlight`` outside ``[1, n_steps]``, or ``h_values``
            of another shape.
    """
    n_steps = check_int("n_steps", n_steps, low=1)
    if highlight is not None:
        highlight = check_int("highlight", highlight, low=1, high=n_steps)
    values = None
    if h_values is not None:
        values = as_1d("h_values", h_values).astype(float)
        if values.shape != (n_steps,):
            raise ValueError(
                f"h_values must have shape (n_steps,) = ({n_steps},), got shape {values.shape}"
            )
    dx = 2.4  # distance between cells
    w, hgt = 1.1, 0.9  # cell size
    y_in, y_out = -1.75, 1.75
    fontsize = 13 if n_steps <= 6 else 11 if n_steps <= 10 else 8
    weight_labels = n_steps <= 12
    x_range = dx * (n_steps + 1) - w + 0.4
    y_range = (y_out if show_outputs else 0.9) + 0.4 - (y_in - 0.9)
    width = min(1.55 * n_steps + 1.6, 18)
    ax = new_axes(ax, figsize=(width, width * y_range / x_range + 0.5))

    def arrow(x0: float, y0: float, x1: float, y1: float, strong: bool, faded: bool) -> None:
        ax.add_patch(
            FancyArrowPatch(
                (x0, y0),
                (x1, y1),
                arrowstyle="-|>",
                mutation_scale=14,
                linewidth=2.2 if strong else 1.3,
                color="0.6" if faded else "0.15",
            )
        )

    def label(x0: float, y0: float, text: str, faded: bool, **kw: Any) -> None:
        kw.setdefault("fontsize", fontsize)
        kw.setdefault("ha", "center")
        ax.text(x0, y0, text, va="center", alpha=0.35 if faded else 1.0, **kw)

    for t in range(1, n_steps + 1):
        xc = dx * t
        current = highlight == t
        faded = highlight is not None and t > highlight
        if highlight is None:
            face = _PAST_COLOR
        elif current:
            face = _CURRENT_COLOR
        else:
            face = _FUTURE_COLOR if faded else _PAST_COLOR
        ax.add_patch(
            Rectangle(
                (xc - w / 2, -hgt / 2),
                w,
                hgt,
                facecolor=face,
                alpha=0.95 if current else 0.55,
                edgecolor="0.1" if current else "0.45",
                linewidth=2.0 if current else 1.0,
                gid="cell",
            )
        )
        label(xc, 0, "RNN\ncell", faded, fontsize=fontsize - 2)
        # input below
        label(xc, y_in, f"$x_{{{t}}}$", faded)
        arrow(xc, y_in + 0.3, xc, -hgt / 2, current, faded)
        if weight_labels:
            label(
                xc + 0.12,
                (y_in - hgt / 2) / 2 + 0.1,
                "$W_{xh}$",
                faded,
                ha="left",
                color=WEIGHT_TEXT_COLOR,
                fontsize=fontsize - 2,
            )
        # output above
        if show_outputs:
            label(xc, y_out, f"$y_{{{t}}}$", faded)
            arrow(xc, hgt / 2, xc, y_out - 0.3, current, faded)
            if weight_labels:
                label(
                    xc + 0.12,
                    (y_out + hgt / 2) / 2 - 0.1,
                    "$W_{hy}$",
                    faded,
                    ha="left",
                    color=WEIGHT_TEXT_COLOR,
                    fontsize=fontsize - 2,
                )
        # state to the right: h_t, carried into the next step
        arrow(xc + w / 2, 0, xc + dx - w / 2, 0, current, faded)
        label(xc + dx / 2, 0.62, f"$h_{{{t}}}$", faded, color=STATE_TEXT_COLOR)
        if weight_labels and t < n_steps:
            label(
                xc + dx / 2, -0.3, "$W_{hh}$", faded, color=WEIGHT_TEXT_COLOR, fontsize=fontsize - 2
            )
        if values is not None and not faded and weight_labels:
            label(
                xc + dx / 2,
                0.3,
                fmt.format(values[t - 1]),
                False,
                color=STATE_TEXT_COLOR,
                fontsize=fontsize - 2,
                fontweight="bold",
            )
    # initial state entering the first cell
    arrow(w / 2, 0, dx - w / 2, 0, highlight == 1, False)
    label(dx / 2, 0.62, "$h_{0} = 0$", False, color=STATE_TEXT_COLOR)
    if weight_labels:
        label(dx / 2, -0.3, "$W_{hh}$", False, color=WEIGHT_TEXT_COLOR, fontsize=fontsize - 2)
    ax.text(
        dx * (n_steps + 1) / 2 + w / 4,
        y_in - 0.62,
        "every cell uses the same weights $W_{xh}$, $W_{hh}$, $b_h$"
        + (" (and $W_{hy}$, $b_y$)" if show_outputs else ""),
        ha="center",
        va="center",
        color=WEIGHT_TEXT_COLOR,
        fontsize=max(fontsize - 2, 9),
    )
    ax.set_xlim(w / 2 - 0.2, dx * (n_steps + 1) - w / 2 + 0.2)
    ax.set_ylim(y_in - 0.9, (y_out if show_outputs else 0.9) + 0.4)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(
        title
        if title is not None
        else f"An RNN unrolled over {n_steps} time steps: one cell, applied {n_steps} times"
    )
    return ax


def plot_gradient_norms(
    norms: Mapping[str, ArrayLike],
    *,
    ax: Axes | None = None,
    title: str = "",
    xlabel: str = "time step t of the input $x_t$",
    ylabel: str = r"$\|\partial L / \partial x_t\|$ (log scale)",
    legend: bool = True,
) -> Axes:
    """Gradient norms per time step on a log axis, one line per label (e.g. a weight scale).

    Lines rising to the left are exploding gradients (the far past dominates), lines falling to
    the left vanishing ones (the far past is ignored); both regions are labelled. Each line has
    its own colour, marker and line style, markers every 5 steps, staggered. Introduced in
    notebook 3.

    Args:
        norms: ``{label: norms}``, each of shape ``(T,)``: ``||dL/dx_t||`` for ``t = 1 .. T``.
        ax: where to draw (a new figure when omitted).
        title: the Axes title.
        xlabel: the x-axis label.
        ylabel: the y-axis label.
        legend: draw a legend (lower right).

    Returns:
        The Axes drawn on.

    Raises:
        TypeError: ``norms`` is not a dict.
        ValueError: it is empty, or a line is not 1-D.
    """
    norms = check_mapping("norms", norms, "{label: gradient norms}")
    ax = new_axes(ax)
    for i, (label, values) in enumerate(norms.items()):
        g = as_1d(f"norms[{label!r}]", values).astype(float)
        marker, linestyle = _LINE_STYLES[i % len(_LINE_STYLES)]
        ax.semilogy(
            np.arange(1, len(g) + 1),
            g,
            marker=marker,
            linestyle=linestyle,
            markersize=6,
            markevery=(i % 5, 5),  # a marker every 5 steps, staggered so they do not overlap
            color=PALETTE[i % len(PALETTE)],
            label=label,
        )
    ax.text(0.28, 0.94, "exploding: the far past dominates", transform=ax.transAxes, color="0.3")
    ax.text(0.28, 0.03, "vanishing: the far past is ignored", transform=ax.transAxes, color="0.3")
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    if legend:
        ax.legend(loc="lower right")
    return ax
