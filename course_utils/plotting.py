"""Figures used across the course.

Every ``plot_*`` function draws on ``ax`` (a new figure when omitted) and returns the Axes, so
tests can inspect what was drawn. None of them shows the figure: a notebook cell ends with
``plotting.show(alt="...")``, which shows it exactly once (also under nbval) together with a text
alternative for readers who cannot see it.
"""

from __future__ import annotations

import base64
import html
import io

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Patch, Rectangle

from course_utils.setup import PALETTE

__all__ = [
    "ALT_MIN_CHARS",
    "INPUT_COLOR",
    "STATE_COLOR",
    "TARGET_COLOR",
    "WEIGHT_COLOR",
    "figure_bundle",
    "plot_memory",
    "plot_predictions",
    "plot_series",
    "plot_unrolled",
    "plot_windows",
    "show",
]

#: A text alternative shorter than this cannot say what is plotted and what it shows.
ALT_MIN_CHARS = 20

INPUT_COLOR = PALETTE[0]  # blue: what the model sees
TARGET_COLOR = PALETTE[1]  # orange: what it must predict


def _new_axes(ax: Axes | None, figsize: tuple[float, float] | None = None) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    elif not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    return ax


def figure_bundle(fig: Figure, alt: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """The MIME bundle and metadata that :func:`show` displays for ``fig``.

    Returns ``(data, metadata)``: ``data`` holds ``image/png`` (base64), ``text/html`` (an
    ``<img>`` with the ``alt`` attribute, which JupyterLab, nbconvert's HTML, slides and the
    course site render) and ``text/plain`` (``[figure] <alt>``, which nbval compares);
    ``metadata`` stores the alt text with the PNG, ``{"image/png": {"alt": alt}}``.
    """
    if not isinstance(alt, str):
        raise TypeError(f"alt must be a str describing the figure, got {type(alt).__name__}")
    alt = " ".join(alt.split())
    if len(alt) < ALT_MIN_CHARS:
        raise ValueError(
            f"alt must describe what is plotted and what it shows in at least {ALT_MIN_CHARS} "
            f"characters, got {alt!r}"
        )
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi, bbox_inches="tight")
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    escaped = html.escape(alt, quote=True)
    data = {
        "image/png": png,
        "text/html": f'<img src="data:image/png;base64,{png}" alt="{escaped}"/>',
        "text/plain": f"[figure] {alt}",
    }
    return data, {"image/png": {"alt": alt}}


def show(alt: str, fig: Figure | None = None) -> None:
    """Display ``fig`` (default: the current figure) once, with a text alternative, and close it.

    Use it instead of ``plt.show()`` at the end of a cell that draws a figure. ``alt`` says, for a
    reader who cannot see the figure, what is plotted and the one thing it shows (at least
    ``ALT_MIN_CHARS`` characters). It travels with the saved notebook: in the PNG's metadata,
    as the ``alt`` attribute of the HTML image, and as the plain-text output. Works with any
    matplotlib backend, including ``Agg`` (the figure is rendered here, not by the backend).

    Raises:
        TypeError: ``alt`` is not a str, or ``fig`` is not a matplotlib Figure.
        ValueError: ``alt`` is shorter than ``ALT_MIN_CHARS`` characters.
    """
    from IPython.display import display

    if fig is None:
        fig = plt.gcf()
    elif not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure or None, got {type(fig).__name__}")
    data, metadata = figure_bundle(fig, alt)
    plt.close(fig)
    display(data, raw=True, metadata=metadata)


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
    if window is not None:  # outside the axes: on a wave, any corner would hide data
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    elif label is not None:
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
    if len(x) != len(y_true):
        raise ValueError(f"t must have the same length as y_true ({len(y_true)}), got {len(x)}")
    ax = _new_axes(ax)
    ax.plot(x, y_true, color=PALETTE[0], label="true")
    ax.plot(x, y_pred, "o", color=PALETTE[3], markersize=4, label="predicted")
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.legend(loc="best")
    return ax


STATE_COLOR = PALETTE[3]  # vermillion: the hidden state h_t
WEIGHT_COLOR = PALETTE[4]  # purple: the shared weights
_CURRENT_COLOR = PALETTE[1]  # orange: the step being computed
_PAST_COLOR = PALETTE[5]  # sky blue: steps already computed
_FUTURE_COLOR = "#EEEEEE"  # light grey: steps not reached yet
# Texts on white need 4.5:1: darker shades of the state and weight colours (vermillion 3.9:1 and
# purple 3.1:1 as they are), and a grey instead of transparency for steps not reached yet.
STATE_TEXT_COLOR = "#A84B00"
WEIGHT_TEXT_COLOR = "#A63D78"
_FADED_TEXT = "#666666"
__all__ += [
    "STATE_TEXT_COLOR",
    "WEIGHT_TEXT_COLOR",
]  # appended here to keep edits to this file local


def plot_memory(
    x: object,
    h: object,
    *,
    ax: Axes | None = None,
    title: str = "Input pulse and the hidden state of a 1-unit RNN",
    xlabel: str = "time step t",
    ylabel: str = "$x_t$ and $h_t$",
    legend: bool = True,
) -> Axes:
    """The input ``x_t`` (bars) and hidden state ``h_t`` (line) of a 1-unit RNN over time.

    Args:
        x: inputs ``x_1 .. x_T``, shape ``(T,)``.
        h: hidden states ``h_1 .. h_T``, shape ``(T,)`` (``h_0 = 0`` is drawn at ``t = 0``).
        ax: where to draw (a new figure when omitted).
        title, xlabel, ylabel: texts of the Axes.
        legend: draw the legend (right of the Axes); pass False to draw one per figure instead.

    Dashed lines mark tanh's limits, -1 and +1, which ``h_t`` can never cross.
    """
    x = _as_1d("x", x).astype(float)
    h = _as_1d("h", h).astype(float)
    if x.shape != h.shape:
        raise ValueError(f"h must have the same shape as x {x.shape}, got {h.shape}")
    ax = _new_axes(ax, figsize=(8, 3.2))
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
    h_values: object | None = None,
    show_outputs: bool = True,
    title: str | None = None,
    fmt: str = "{:+.2f}",
) -> Axes:
    """Draw an RNN unrolled over ``n_steps`` time steps: one copy of the cell per step.

    Step ``t`` (1-based) is a box (a ``Rectangle`` with gid ``"cell"``) with its input ``x_t``
    below it (arrow labelled ``W_xh``), its output ``y_t`` above it (arrow labelled ``W_hy``, when
    ``show_outputs``) and an arrow to the next step carrying ``h_t`` (labelled ``W_hh``). The
    initial state, labelled ``h_0 = 0``, enters the first cell from the left through ``W_hh`` too.
    The weight labels share one colour: every copy of the
    cell uses the same weights. With more than 12 steps the weight labels are left out (the
    footnote still says they are shared).

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
    """
    if isinstance(n_steps, bool) or not isinstance(n_steps, int | np.integer) or n_steps < 1:
        raise ValueError(f"n_steps must be a positive int, got {n_steps!r}")
    n_steps = int(n_steps)
    if highlight is not None and (
        isinstance(highlight, bool)
        or not isinstance(highlight, int | np.integer)
        or not 1 <= highlight <= n_steps
    ):
        raise ValueError(f"highlight must be None or an int in [1, {n_steps}], got {highlight!r}")
    values = None
    if h_values is not None:
        values = np.asarray(h_values, dtype=float)
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
    ax = _new_axes(ax, figsize=(width, width * y_range / x_range + 0.5))

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

    def label(x0: float, y0: float, text: str, faded: bool, **kw: object) -> None:
        kw.setdefault("fontsize", fontsize)
        kw.setdefault("ha", "center")
        if faded:
            kw["color"] = _FADED_TEXT
        ax.text(x0, y0, text, va="center", **kw)

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


def plot_loss_curves(
    curves: dict[str, object],
    *,
    epochs_per_point: float = 1.0,
    epochs: float | None = None,
    ax: Axes | None = None,
    title: str = "Training loss",
    ylabel: str = "loss (MSE)",
    log: bool = True,
    colors: list[str] | tuple[str, ...] | None = None,
) -> Axes:
    """One line per named loss curve, e.g. ``{"training": h["loss"], "validation": h["val_loss"]}``.

    Each curve has shape ``(points,)``; point ``i`` is drawn at epoch
    ``(i + 1) * epochs_per_point`` (a loss reported every 10 epochs: ``epochs_per_point=10``).
    ``epochs`` instead spreads each curve over that many epochs, whatever its number of points:
    ``model.fit(..., epochs=200)`` reports 200 losses, a fit of the same steps in 20 reports 20,
    and both are drawn from epoch 0 to 200. ``colors`` gives one colour per curve (default: the
    course palette in order), so a model can keep its colour across figures.

    The y axis is logarithmic unless ``log=False``: losses often fall by orders of magnitude. Its
    label then ends in ", log scale", and when the curves span less than two powers of ten the
    ticks in between are labelled too, in plain numbers (1,500  2,000  3,000), so it can be read.
    """
    from matplotlib import ticker  # imported here to keep edits to this file local

    if not isinstance(curves, dict) or not curves:
        raise TypeError("curves must be a non-empty dict of {label: losses}")
    if not epochs_per_point > 0:
        raise ValueError(f"epochs_per_point must be positive, got {epochs_per_point}")
    if epochs is not None and not epochs > 0:
        raise ValueError(f"epochs must be positive or None, got {epochs}")
    if colors is None:
        colors = [PALETTE[i % len(PALETTE)] for i in range(len(curves))]
    elif len(colors) != len(curves):
        raise ValueError(f"colors needs one colour per curve ({len(curves)}), got {len(colors)}")
    ax = _new_axes(ax)
    lowest, highest = np.inf, -np.inf
    for (label, losses), color in zip(curves.items(), colors, strict=True):
        values = _as_1d(f"curves[{label!r}]", losses).astype(float)
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


__all__ += ["plot_loss_curves"]  # appended here to keep edits to this file local


# --- Notebook 6: long memory, SimpleRNN against LSTM and GRU ------------------------------------

#: One colour per recurrent layer, the same in every figure of notebook 6.
MODEL_COLORS: dict[str, str] = {"SimpleRNN": PALETTE[3], "LSTM": PALETTE[0], "GRU": PALETTE[2]}


#: Marker and line style per layer, so lines that lie on top of each other stay visible.
_MODEL_STYLES: dict[str, tuple[str, str, float]] = {
    "SimpleRNN": ("o", "-", 7.0),
    "LSTM": ("s", "-", 10.0),
    "GRU": ("^", "--", 7.0),
}


def _model_color(name: str, i: int) -> str:
    return MODEL_COLORS.get(name, PALETTE[i % len(PALETTE)])


def plot_memory_task(
    x: object,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    vmax: float = 2.5,
) -> Axes:
    """One sequence of ``data.memory_task`` as a picture: features (rows) over time (columns).

    Args:
        x: one sequence, shape ``(k + 1, n_symbols + 1)``: the one-hot symbol features first,
            the marker feature last. Step 0 (the cue) is outlined.
        ax: where to draw (a new figure when omitted).
        title: the Axes title (a default naming the cue's symbol when ``None``).
        vmax: values are coloured from ``-vmax`` (blue) to ``+vmax`` (red).
    """
    arr = np.asarray(x, dtype=float)
    if arr.ndim != 2 or arr.shape[0] < 1 or arr.shape[1] < 3:
        raise ValueError(
            f"x must be one sequence with shape (k + 1, n_symbols + 1), n_symbols >= 2, "
            f"got shape {arr.shape}"
        )
    if not vmax > 0:
        raise ValueError(f"vmax must be positive, got {vmax}")
    steps, features = arr.shape
    n_symbols = features - 1
    ax = _new_axes(ax, figsize=(min(0.16 * steps + 3.0, 12.0), 2.6))
    image = ax.imshow(
        arr.T, aspect="auto", cmap="RdBu_r", vmin=-vmax, vmax=vmax, interpolation="nearest"
    )
    ax.add_patch(Rectangle((-0.5, -0.5), 1, features, fill=False, edgecolor="black", linewidth=2.2))
    ax.set_yticks(range(features), [f"symbol {s}" for s in range(n_symbols)] + ["marker"])
    ax.set_xlabel("time step t (the cue is step 0, outlined)")
    from matplotlib.ticker import MaxNLocator  # imported here to keep edits to this file local

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(False)
    ax.figure.colorbar(image, ax=ax, label="value", fraction=0.04, pad=0.01)
    cue = int(np.argmax(arr[0, :n_symbols]))
    ax.set_title(
        title
        if title is not None
        else f"Remember the marked symbol ({cue}) through {steps - 1} steps of noise"
    )
    return ax


def plot_accuracy_vs_k(
    accuracy: dict[str, object],
    ks: object,
    *,
    chance: float | None = None,
    ax: Axes | None = None,
    title: str = "Test accuracy against the distance k between cue and answer",
) -> Axes:
    """One line per model: its test accuracy after training on lag ``k``, for every ``k``.

    Args:
        accuracy: ``{model name: accuracies}``, each of shape ``(len(ks),)``, values in [0, 1].
        ks: the lags, shape ``(len(ks),)``.
        chance: drawn as a dashed line labelled "chance" (e.g. ``1 / n_symbols``).
        ax: where to draw (a new figure when omitted).
        title: the Axes title.
    """
    if not isinstance(accuracy, dict) or not accuracy:
        raise TypeError("accuracy must be a non-empty dict of {model name: accuracies}")
    k_values = _as_1d("ks", ks).astype(float)
    ax = _new_axes(ax)
    for i, (name, values) in enumerate(accuracy.items()):
        acc = _as_1d(f"accuracy[{name!r}]", values).astype(float)
        if acc.shape != k_values.shape:
            raise ValueError(
                f"accuracy[{name!r}] must have one value per k ({len(k_values)}), got {len(acc)}"
            )
        if np.any((acc < 0) | (acc > 1)):
            raise ValueError(f"accuracy[{name!r}] must be in [0, 1], got {acc}")
        marker, linestyle, size = _MODEL_STYLES.get(name, ("o", "-", 7.0))
        ax.plot(
            k_values,
            acc,
            marker=marker,
            linestyle=linestyle,
            markersize=size,
            color=_model_color(name, i),
            label=name,
        )
    if chance is not None:
        if not 0 < chance < 1:
            raise ValueError(f"chance must be in (0, 1), got {chance}")
        ax.axhline(chance, color="0.4", linestyle="--", linewidth=1.2, label="chance")
    ax.set_xticks(k_values)
    ax.set_ylim(0, 1.05)
    ax.set(title=title, xlabel="k: steps between the cue and the answer", ylabel="test accuracy")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_cue_runs(
    states: object,
    *,
    ax: Axes | None = None,
    title: str = "",
    ylabel: str = "state of one unit",
) -> Axes:
    """One unit's state over time in runs that differ only in the cue, one line per cue.

    Args:
        states: shape ``(n_cues, T)``; row ``s`` is the run whose cue (step 0) is symbol ``s``.
            All runs see the same noise afterwards, so lines that stay apart mean the unit
            still remembers the cue.
        ax: where to draw (a new figure when omitted).
        title, ylabel: texts of the Axes.
    """
    arr = np.asarray(states, dtype=float)
    if arr.ndim != 2 or arr.shape[0] < 2 or arr.shape[1] < 1:
        raise ValueError(f"states must have shape (n_cues >= 2, T), got shape {arr.shape}")
    ax = _new_axes(ax)
    t = np.arange(arr.shape[1])
    for s, row in enumerate(arr):
        ax.plot(t, row, color=PALETTE[s % len(PALETTE)], label=f"cue = symbol {s}")
    ax.axvspan(-0.5, 0.5, color="0.85", zorder=0)
    ax.set_xlim(-0.5, arr.shape[1] - 0.5)
    ax.set(title=title, xlabel="time step t (cue at t = 0)", ylabel=ylabel)
    return ax


def plot_cue_separation(
    separation: dict[str, object],
    *,
    ax: Axes | None = None,
    title: str = "How much of the cue is left in the state, step by step",
    floor: float = 1e-6,
    ylabel: str = "distance between runs\n(relative to step 0, log scale)",
) -> Axes:
    """One line per model: how much of the cue the state still holds, step by step.

    Args:
        separation: ``{label: values}``, each of shape ``(T,)``, >= 0: a measure of how much the
            states of runs with different cues differ at steps ``0 .. T-1`` (for example the
            distance between them, or the share of the states' variance the cue explains).
            Each line is divided by its value at step 0 and drawn on a log scale, so 1 means
            "as much as right after the cue" and a straight downward line means exponential
            forgetting.
        ax: where to draw (a new figure when omitted).
        title: the Axes title.
        floor: relative values below ``floor`` are drawn at ``floor`` (a log axis has no 0).
        ylabel: the y-axis label (say what was measured).
    """
    if not isinstance(separation, dict) or not separation:
        raise TypeError("separation must be a non-empty dict of {label: distances}")
    if not 0 < floor < 1:
        raise ValueError(f"floor must be in (0, 1), got {floor}")
    ax = _new_axes(ax)
    for i, (label, values) in enumerate(separation.items()):
        d = _as_1d(f"separation[{label!r}]", values).astype(float)
        if not d[0] > 0 or np.any(d < 0) or not np.all(np.isfinite(d)):
            raise ValueError(
                f"separation[{label!r}] must be finite distances >= 0, positive at step 0"
            )
        name = label.split()[0]
        ax.semilogy(
            np.arange(len(d)), np.maximum(d / d[0], floor), color=_model_color(name, i), label=label
        )
    ax.axhline(1.0, color="0.4", linestyle=":", linewidth=1.0)
    ax.set(
        title=title,
        xlabel="steps since the cue",
        ylabel=ylabel,
    )
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


__all__ += [
    "MODEL_COLORS",
    "plot_accuracy_vs_k",
    "plot_cue_runs",
    "plot_cue_separation",
    "plot_memory_task",
]
