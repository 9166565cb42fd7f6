"""Block diagrams of the LSTM and GRU cells, each gate filled by its live value (notebook 6).

Each diagram is drawn from the numbers of one unit at one time step, e.g. the values
``rnn.lstm_gates`` returns at the cue step: a gate box is filled on one sequential colour map,
``GATE_CMAP`` (dark = 0, closed; light = 1, open), with its value printed in black or white,
whichever contrasts more with the fill (4.5:1 or more on any fill). A colour bar under the cell
reads "gate value 0 (closed) .. 1 (open)". Drawn twice side by side (at the cue step and some
steps later) the write (``i`` open) and the keep (``f`` near 1) show.

The LSTM: the cell state runs across the top, ``c_{t-1} -> (x f) -> (+) -> c_t``; the forget,
input and output gates are sigmoid boxes and the candidate a tanh box, all fed by ``h_{t-1}``
(from the left) and ``x_t`` (from below); ``h_t = o * tanh(c_t)`` leaves to the right. The
GRU: the hidden state runs across the top, ``h_{t-1} -> (x z) -> (+) -> h_t``, with ``1 - z``
scaling the candidate and the reset gate ``r`` on the candidate's path from ``h_{t-1}``.

Every function draws on ``ax`` (a new figure when omitted) and returns the Axes; none shows the
figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Rectangle

from course_utils.plotting.figure import new_axes
from course_utils.style import INPUT_COLOR, STATE_COLOR, STATE_TEXT_COLOR
from course_utils.validate import check_number

__all__ = ["GATE_CMAP", "plot_gru_cell", "plot_lstm_cell"]

#: The sequential colour map of gate values (cividis: made for colour-vision deficiencies).
GATE_CMAP = "cividis"

_BOX_W, _BOX_H = 1.9, 1.3  # gate box size, in data units
_NODE_R = 0.34  # radius of the x, + and 1- nodes
_TOP, _BOX_Y = 6.0, 1.6  # heights of the top state line and of the gate boxes
_BUS, _XBUS = 0.0, -0.8  # heights of the h_{t-1} and x_t lines
_LINE = "0.15"  # dark grey: wires
_NEUTRAL = "#E8E8E8"  # the candidate's box: a value in [-1, 1], not a gate
_TIMES, _ONE_MINUS, _SIGMA = r"$\times$", "$1-$", r"$\sigma$"  # mathtext: no ambiguous Unicode


def _luminance(rgb: Sequence[float]) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour with channels in [0, 1]."""
    c = np.asarray(rgb, dtype=float)[:3]
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


def _text_color(fill: Sequence[float]) -> str:
    """Black or white, whichever contrasts more with ``fill`` (at least 4.58:1 on any colour)."""
    lum = _luminance(fill)
    return "black" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "white"


def _check_gates(
    gates: object, required: tuple[str, ...], optional: dict[str, tuple[float, float] | None]
) -> dict[str, float]:
    """``gates`` as ``{name: float}``: required gates in [0, 1], optional ones in their range."""
    if not isinstance(gates, Mapping):
        raise TypeError(
            f"gates must be a dict of {{gate name: value}} with keys {', '.join(required)}, "
            f"got {type(gates).__name__}"
        )
    missing = [key for key in required if key not in gates]
    if missing:
        raise ValueError(
            f"gates must hold a value for each of {', '.join(required)}; missing: "
            f"{', '.join(missing)}"
        )
    unknown = sorted(str(key) for key in gates if key not in required and key not in optional)
    if unknown:
        known = ", ".join([*required, *optional])
        raise ValueError(f"gates has unknown keys {unknown}; the keys are {known}")
    checked = {}
    for key, value in gates.items():
        low, high = (0.0, 1.0) if key in required else (optional[key] or (None, None))
        checked[key] = check_number(f"gates[{key!r}]", value, low=low, high=high)
    return checked


def _wire(
    ax: Axes, points: Sequence[tuple[float, float]], color: str = _LINE, lw: float = 2.0
) -> None:
    """A polyline through ``points`` with an arrow head at the end."""
    xs, ys = zip(*points, strict=True)
    if len(points) > 2:
        ax.plot(xs[:-1], ys[:-1], color=color, linewidth=lw, solid_capstyle="round", zorder=1)
    ax.add_patch(
        FancyArrowPatch(
            points[-2], points[-1], arrowstyle="-|>", mutation_scale=16, color=color,
            linewidth=lw, shrinkA=0, shrinkB=0, zorder=1,
        )
    )  # fmt: skip


def _node(ax: Axes, x: float, y: float, symbol: str, gid: str) -> None:
    """A round operation node (times, plus, one minus) on white."""
    ax.add_patch(Circle((x, y), _NODE_R, facecolor="white", edgecolor=_LINE, lw=1.8, gid=gid))
    size = 11 if symbol == _ONE_MINUS else 17
    ax.text(x, y, symbol, ha="center", va="center", fontsize=size, color="black", zorder=3)


def _box(ax: Axes, x: float, name: str, key: str, value: float | None, *, letter: str = "") -> None:
    """A box centred at ``(x, _BOX_Y)`` with gid ``"gate <key>"``, its name and value in it.

    A gate (no ``letter``) is filled by its value on ``GATE_CMAP``; the candidate (shown as
    ``letter``, a value in [-1, 1]) is grey.
    """
    gate = not letter
    letter = letter or key
    cmap = mpl.colormaps[GATE_CMAP]
    fill = cmap(value) if gate and value is not None else mpl.colors.to_rgba(_NEUTRAL)
    ax.add_patch(
        FancyBboxPatch(
            (x - _BOX_W / 2, _BOX_Y - _BOX_H / 2), _BOX_W, _BOX_H,
            boxstyle="round,pad=0,rounding_size=0.15", facecolor=fill, edgecolor=_LINE,
            linewidth=1.6, gid=f"gate {key}", zorder=2,
        )
    )  # fmt: skip
    ink = _text_color(fill)
    ax.text(x, _BOX_Y + 0.3, name, ha="center", va="center", fontsize=12, color=ink, zorder=3)
    shown = letter if value is None else f"{letter} = {value:.2f}"
    ax.text(
        x, _BOX_Y - 0.25, shown, ha="center", va="center", fontsize=13, fontweight="bold",
        color=ink, zorder=3,
    )  # fmt: skip


def _inputs(
    ax: Axes,
    both: Sequence[float],
    *,
    h_only: Sequence[tuple[float, float]] = (),
    x_only: Sequence[tuple[float, float]] = (),
) -> None:
    """``h_{t-1}`` and ``x_t`` from the left, into the boxes at ``both`` (they join under each).

    ``h_only`` and ``x_only`` are ``(x, y)`` ends of arrows that take one of the two alone.
    """
    top = _BOX_Y - _BOX_H / 2
    h_end = max([*both, *(x for x, _ in h_only)])
    x_end = max([*both, *(x for x, _ in x_only)])
    ax.plot([0.9, h_end], [_BUS, _BUS], color=STATE_COLOR, linewidth=2.4, zorder=1)
    ax.plot([0.9, x_end], [_XBUS, _XBUS], color=INPUT_COLOR, linewidth=2.4, zorder=1)
    ax.text(0.75, _BUS, "$h_{t-1}$", ha="right", va="center", fontsize=15, color=STATE_TEXT_COLOR)
    ax.text(0.75, _XBUS, "$x_t$", ha="right", va="center", fontsize=15, color=INPUT_COLOR)
    for x in both:
        ax.plot([x, x], [_XBUS, _BUS], color=INPUT_COLOR, linewidth=2.4, zorder=1)
        ax.add_patch(Circle((x, _BUS), 0.1, color=_LINE, zorder=1.5))
        _wire(ax, [(x, _BUS), (x, top)])
    for x, y in h_only:
        _wire(ax, [(x, _BUS), (x, y)], color=STATE_COLOR, lw=2.4)
    for x, y in x_only:
        _wire(ax, [(x, _XBUS), (x, y)], color=INPUT_COLOR, lw=2.4)


def _legend(ax: Axes, x1: float) -> None:
    """A colour bar of gate values under the cell, ending at ``x1``: 0 (closed) .. 1 (open)."""
    cmap = mpl.colormaps[GATE_CMAP]
    width, y0, height, n = 3.6, -2.1, 0.42, 24
    x0 = x1 - width
    for k in range(n):
        ax.add_patch(
            Rectangle(
                (x0 + k * width / n, y0), width / n, height, facecolor=cmap(k / (n - 1)),
                edgecolor="none", gid="colour bar",
            )
        )  # fmt: skip
    ax.add_patch(Rectangle((x0, y0), width, height, fill=False, edgecolor=_LINE, lw=1.0))
    ax.text(x0 - 0.2, y0 + height / 2, "gate value", ha="right", va="center", fontsize=12)
    ax.text(x0, y0 - 0.32, "0 (closed)", ha="left", va="center", fontsize=12)
    ax.text(x0 + width, y0 - 0.32, "1 (open)", ha="right", va="center", fontsize=12)


def _finish(ax: Axes, title: str, x1: float) -> Axes:
    _legend(ax, x1 - 0.2)
    ax.set_xlim(-0.6, x1)
    ax.set_ylim(-2.7, 6.9)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title)
    return ax


def plot_lstm_cell(
    gates: Mapping[str, float], *, title: str | None = None, ax: Axes | None = None
) -> Axes:
    """The LSTM cell as a block diagram, each gate box filled and labelled by its value.

    The cell state line ``c_{t-1} -> (x f) -> (+) -> c_t`` runs across the top; below it the
    forget gate ``f``, the input gate ``i`` and the output gate ``o`` (sigmoid boxes, filled on
    ``GATE_CMAP``) and the candidate ``c~`` (a tanh box, grey: its value lies in [-1, 1]);
    ``i x c~`` is added to the cell state, and ``h_t = o x tanh(c_t)`` leaves to the right.
    The boxes are ``FancyBboxPatch`` es with gids ``"gate f"``, ``"gate i"``, ``"gate g"``,
    ``"gate o"``. Introduced in notebook 6 (with values from ``rnn.lstm_gates`` at one step,
    for one unit).

    Args:
        gates: one unit's values at one step: ``"i"``, ``"f"``, ``"o"`` in [0, 1]; optionally
            ``"g"`` (the candidate ``c~``) in [-1, 1] and ``"c"`` (the new cell state, any
            number), written as numbers.
        title: the Axes title (a default saying what the colours mean when None).
        ax: where to draw (a new figure when omitted).

    Returns:
        The Axes drawn on.

    Raises:
        TypeError: ``gates`` is not a mapping, or a value is not a real number.
        ValueError: a gate is missing or unknown, or a value is out of its range or NaN.
    """
    values = _check_gates(gates, ("i", "f", "o"), {"g": (-1.0, 1.0), "c": None})
    ax = new_axes(ax, figsize=(9.0, 6.0))
    x_f, x_i, x_g, x_o, x_out, x_end = 3.0, 5.1, 7.2, 9.3, 10.9, 12.8
    # the cell state across the top, through (x f) and (+)
    ax.plot([0.9, x_end - 0.5], [_TOP, _TOP], color=_LINE, linewidth=3.2, zorder=1)
    _wire(ax, [(x_end - 0.6, _TOP), (x_end, _TOP)], lw=3.2)
    ax.text(0.75, _TOP, "$c_{t-1}$", ha="right", va="center", fontsize=15)
    c_label = "$c_t$" if "c" not in values else f"$c_t$ = {values['c']:+.2f}"
    ax.text(x_end + 0.15, _TOP, c_label, ha="left", va="center", fontsize=15)
    ax.text(1.9, _TOP + 0.35, "cell state", ha="center", va="bottom", fontsize=12, color="0.25")
    _node(ax, x_f, _TOP, _TIMES, "keep")
    x_add = (x_i + x_g) / 2
    _node(ax, x_add, _TOP, "+", "add")
    # gates, fed by h_{t-1} and x_t
    _inputs(ax, [x_f, x_i, x_g, x_o])
    _box(ax, x_f, _SIGMA + " forget", "f", values["f"])
    ax.text(  # the name is historical: f = 1 keeps the whole cell state
        x_f - 0.15, _BOX_Y + _BOX_H / 2 + 0.3, "f = 1 keeps", ha="right", va="center",
        fontsize=12, color="0.2", gid="forget meaning",
    )  # fmt: skip
    _box(ax, x_i, _SIGMA + " input", "i", values["i"])
    _box(ax, x_g, "tanh cand.", "g", values.get("g"), letter=r"$\tilde{c}$")
    _box(ax, x_o, _SIGMA + " output", "o", values["o"])
    top = _BOX_Y + _BOX_H / 2
    _wire(ax, [(x_f, top), (x_f, _TOP - _NODE_R)])  # f scales the old cell state
    y_write = 3.75  # i x c~, then up into (+)
    _node(ax, x_add, y_write, _TIMES, "write")
    _wire(ax, [(x_i, top), (x_i, y_write), (x_add - _NODE_R, y_write)])
    _wire(ax, [(x_g, top), (x_g, y_write), (x_add + _NODE_R, y_write)])
    _wire(ax, [(x_add, y_write + _NODE_R), (x_add, _TOP - _NODE_R)])
    # h_t = o x tanh(c_t)
    y_out, y_tanh = 3.2, 4.7
    ax.add_patch(
        FancyBboxPatch(
            (x_out - 0.5, y_tanh - 0.3), 1.0, 0.6, boxstyle="round,pad=0,rounding_size=0.25",
            facecolor="white", edgecolor=_LINE, linewidth=1.4, zorder=2,
        )
    )  # fmt: skip
    ax.text(x_out, y_tanh, "tanh", ha="center", va="center", fontsize=12, zorder=3)
    _wire(ax, [(x_out, _TOP), (x_out, y_tanh + 0.3)])
    _wire(ax, [(x_out, y_tanh - 0.3), (x_out, y_out + _NODE_R)])
    _node(ax, x_out, y_out, _TIMES, "show")
    _wire(ax, [(x_o, top), (x_o, y_out), (x_out - _NODE_R, y_out)])
    _wire(ax, [(x_out + _NODE_R, y_out), (x_end, y_out)], color=STATE_COLOR, lw=2.4)
    ax.text(
        x_end + 0.15, y_out, "$h_t$", ha="left", va="center", fontsize=15, color=STATE_TEXT_COLOR
    )
    default = "LSTM cell: each gate filled by its value"
    return _finish(ax, title if title is not None else default, x_end + 1.9)


def plot_gru_cell(
    gates: Mapping[str, float], *, title: str | None = None, ax: Axes | None = None
) -> Axes:
    """The GRU cell (Keras' ``reset_after=True``) as a block diagram, gates filled by value.

    The hidden state line ``h_{t-1} -> (x z) -> (+) -> h_t`` runs across the top: ``z`` keeps
    the old state and ``1 - z`` writes the candidate ``h~`` (a tanh box, grey: its value lies
    in [-1, 1]); the reset gate ``r`` scales what ``h_{t-1}`` contributes to the candidate.
    The boxes are ``FancyBboxPatch`` es with gids ``"gate z"``, ``"gate r"``, ``"gate g"``.
    Introduced in notebook 6 (with values from ``rnn.gru_gates`` at one step, for one unit).

    Args:
        gates: one unit's values at one step: ``"z"`` and ``"r"`` in [0, 1]; optionally
            ``"g"`` (the candidate ``h~``) and ``"h"`` (the new state ``h_t``), each in
            [-1, 1], written as numbers.
        title: the Axes title (a default saying what the colours mean when None).
        ax: where to draw (a new figure when omitted).

    Returns:
        The Axes drawn on.

    Raises:
        TypeError: ``gates`` is not a mapping, or a value is not a real number.
        ValueError: a gate is missing or unknown, or a value is out of its range or NaN.
    """
    values = _check_gates(gates, ("z", "r"), {"g": (-1.0, 1.0), "h": (-1.0, 1.0)})
    ax = new_axes(ax, figsize=(9.0, 6.0))
    x_z, x_r, x_reset, x_g, x_end = 3.0, 5.1, 6.75, 8.6, 11.0
    x_add, x_minus = x_g, (x_z + x_g) / 2 + 0.7
    ax.plot([0.9, x_end - 0.5], [_TOP, _TOP], color=STATE_COLOR, linewidth=3.2, zorder=1)
    _wire(ax, [(x_end - 0.6, _TOP), (x_end, _TOP)], color=STATE_COLOR, lw=3.2)
    ax.text(0.75, _TOP, "$h_{t-1}$", ha="right", va="center", fontsize=15, color=STATE_TEXT_COLOR)
    h_label = "$h_t$" if "h" not in values else f"$h_t$ = {values['h']:+.2f}"
    ax.text(
        x_end + 0.15, _TOP, h_label, ha="left", va="center", fontsize=15, color=STATE_TEXT_COLOR
    )
    ax.text(1.9, _TOP + 0.35, "hidden state", ha="center", va="bottom", fontsize=12, color="0.25")
    _node(ax, x_z, _TOP, _TIMES, "keep")
    _node(ax, x_add, _TOP, "+", "add")
    _inputs(
        ax,
        [x_z, x_r],
        h_only=[(x_reset, _BOX_Y - _NODE_R)],
        x_only=[(x_g, _BOX_Y - _BOX_H / 2)],
    )
    _box(ax, x_z, _SIGMA + " update", "z", values["z"])
    _box(ax, x_r, _SIGMA + " reset", "r", values["r"])
    _box(ax, x_g, "tanh cand.", "g", values.get("g"), letter=r"$\tilde{h}$")
    top = _BOX_Y + _BOX_H / 2
    _wire(ax, [(x_z, top), (x_z, _TOP - _NODE_R)])  # z keeps the old state
    # 1 - z writes the candidate
    y_write = 3.75
    _node(ax, x_minus, y_write, _ONE_MINUS, "one minus")
    _node(ax, x_add, y_write, _TIMES, "write")
    ax.add_patch(Circle((x_z, y_write), 0.1, color=_LINE, zorder=1.5))
    _wire(ax, [(x_z, y_write), (x_minus - _NODE_R, y_write)])
    _wire(ax, [(x_minus + _NODE_R, y_write), (x_add - _NODE_R, y_write)])
    _wire(ax, [(x_g, top), (x_add, y_write - _NODE_R)])
    _wire(ax, [(x_add, y_write + _NODE_R), (x_add, _TOP - _NODE_R)])
    # r scales h_{t-1}'s part of the candidate (after its product with the weights)
    y_reset = _BOX_Y
    _node(ax, x_reset, y_reset, _TIMES, "reset")
    _wire(ax, [(x_r + _BOX_W / 2, y_reset), (x_reset - _NODE_R, y_reset)])
    _wire(ax, [(x_reset + _NODE_R, y_reset), (x_g - _BOX_W / 2, y_reset)])
    default = "GRU cell: each gate filled by its value"
    return _finish(ax, title if title is not None else default, x_end + 1.2)
