"""Figures of notebook 6's fair comparison and of its trained gates.

- :func:`plot_accuracy_over_seeds`: accuracy against k for every seed, from Keras' default start
  and from each model's best start, one panel per model;
- :func:`plot_gates_over_time`: one unit's gate values step by step.

The long-memory task's other figures are in :mod:`course_utils.plotting.memory_task`, the cell
diagrams in :mod:`course_utils.plotting.gated_cells`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from numpy.typing import ArrayLike

from course_utils.plotting.figure import new_axes
from course_utils.style import MODEL_COLORS, PALETTE
from course_utils.validate import as_1d, check_mapping, check_number

__all__ = ["plot_accuracy_over_seeds", "plot_gates_over_time"]


def plot_accuracy_over_seeds(
    runs: Mapping[tuple[str, str, int], ArrayLike],
    *,
    live: Mapping[tuple[str, str, int], float] | None = None,
    chance: float | None = None,
    title: str = "Test accuracy against k, every seed",
) -> np.ndarray:
    """One panel per model: accuracy against ``k`` for every seed, from two starts.

    Each seed is a small marker (open circles for Keras' default start, filled for the best
    start), a line joins the medians, and ``live`` values (e.g. the notebook's own runs) are
    large stars. Introduced in notebook 6.

    Args:
        runs: ``{(model, start, k): accuracies}``, ``start`` ``"default"`` or ``"best"``, each
            value of shape ``(seeds,)`` with values in [0, 1].
        live: ``{(model, start, k): accuracy}`` drawn on top, or None.
        chance: drawn as a dashed line labelled "chance" (e.g. ``1 / n_symbols``).
        title: the figure's title.

    Returns:
        The Axes, shape ``(n_models,)``.

    Raises:
        TypeError: ``runs`` is not a dict.
        ValueError: it is empty, a key is not ``(model, "default" | "best", k)``, or a value is
            outside [0, 1].
    """
    import matplotlib.pyplot as plt

    runs = check_mapping("runs", runs, "{(model, start, k): accuracies}")
    for key in runs:
        if not (isinstance(key, tuple) and len(key) == 3 and key[1] in ("default", "best")):
            raise ValueError(f"runs keys must be (model, 'default' | 'best', k), got {key!r}")
    models = list(dict.fromkeys(key[0] for key in runs))
    fig, axes = plt.subplots(1, len(models), figsize=(4.6 * len(models), 4.4), sharey=True)
    axes = np.atleast_1d(axes)
    for ax, model in zip(axes, models, strict=True):
        color = MODEL_COLORS.get(model, PALETTE[0])
        for start, filled, line in (("default", False, ":"), ("best", True, "-")):
            keys = sorted(k for (m, s, k) in runs if m == model and s == start)
            if not keys:
                continue
            medians = []
            for k in keys:
                acc = as_1d(f"runs[{(model, start, k)!r}]", runs[model, start, k]).astype(float)
                if np.any((acc < 0) | (acc > 1)):
                    raise ValueError(f"runs[{(model, start, k)!r}] must be in [0, 1], got {acc}")
                shift = -0.25 if start == "default" else 0.25  # side by side, not on top
                ax.plot(
                    np.full(len(acc), k + shift),
                    acc,
                    "o",
                    markersize=5,
                    markerfacecolor=color if filled else "white",
                    markeredgecolor=color,
                    alpha=0.8,
                )
                medians.append(np.median(acc))
            label = "best start" if start == "best" else "Keras' default start"
            ax.plot(keys, medians, linestyle=line, color=color, linewidth=2, label=label)
        if live:
            for (m, start, k), value in live.items():
                if m == model:
                    ax.plot(
                        k,
                        check_number("live accuracy", value, low=0, high=1),
                        "*",
                        markersize=17,
                        markerfacecolor=color if start == "best" else "white",
                        markeredgecolor="black",
                    )
        if chance is not None:
            ax.axhline(
                check_number("chance", chance, low=0, high=1),
                color="0.4",
                linestyle="--",
                linewidth=1.2,
                label="chance",
            )
        ax.set(title=model, xlabel="k: steps between cue and answer", ylim=(0, 1.05))
    axes[0].set_ylabel("test accuracy")
    grey = "0.25"  # one legend below the panels, in neutral colours: it holds for every model
    handles = [
        Line2D(
            [],
            [],
            color=grey,
            linestyle=":",
            marker="o",
            markerfacecolor="white",
            label="Keras' default start: each seed, and the median",
        ),
        Line2D(
            [],
            [],
            color=grey,
            linestyle="-",
            marker="o",
            markerfacecolor=grey,
            label="best start: each seed, and the median",
        ),
    ]
    if live:
        handles += [
            Line2D(
                [],
                [],
                color="none",
                marker="*",
                markersize=15,
                markerfacecolor=face,
                markeredgecolor="black",
                label=f"this notebook, {start} start",
            )
            for face, start in (("white", "default"), (grey, "best"))
        ]
    if chance is not None:
        handles.append(Line2D([], [], color="0.4", linestyle="--", label="chance"))
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncols=3)
    fig.suptitle(title)
    return axes


def plot_gates_over_time(
    gates: Mapping[str, ArrayLike],
    *,
    ax: Axes | None = None,
    title: str = "",
) -> Axes:
    """One unit's gate values over time, one line per gate (e.g. ``i``, ``f``, ``o``).

    Introduced in notebook 6.

    Args:
        gates: ``{gate name: values}``, each of shape ``(T,)``, values in [0, 1] (sigmoids).
        ax: where to draw (a new figure when omitted).
        title: the Axes title.

    Returns:
        The Axes drawn on.

    Raises:
        TypeError: ``gates`` is not a dict.
        ValueError: it is empty, or a line has values outside [0, 1].
    """
    gates = check_mapping("gates", gates, "{gate name: values}")
    ax = new_axes(ax)
    styles = ("-", "--", ":")
    for i, (name, values) in enumerate(gates.items()):
        v = as_1d(f"gates[{name!r}]", values).astype(float)
        if np.any((v < 0) | (v > 1)):
            raise ValueError(f"gates[{name!r}] must be in [0, 1], got values {v.min()}..{v.max()}")
        ax.plot(
            np.arange(len(v)),
            v,
            linestyle=styles[i % 3],
            linewidth=2.2,
            color=PALETTE[i % len(PALETTE)],
            label=f"${name}_t$",
        )
    ax.axvspan(-0.5, 0.5, color="0.85", zorder=0)
    ax.set(
        title=title,
        xlabel="time step t (cue at t = 0, shaded)",
        ylabel="gate value",
        ylim=(-0.03, 1.03),
    )
    ax.legend(loc="center right")
    return ax
