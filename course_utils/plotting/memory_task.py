"""Figures of notebook 6: the long-memory task, and SimpleRNN against LSTM and GRU.

Each model keeps its colour and marker in every figure (``style.MODEL_COLORS``). Every function
draws on ``ax`` (a new figure when omitted) and returns the Axes; none shows the figure.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from numpy.typing import ArrayLike

from course_utils.plotting.figure import new_axes
from course_utils.style import MODEL_COLORS, MODEL_STYLES, PALETTE
from course_utils.validate import as_1d, check_mapping, check_number

__all__ = ["plot_accuracy_vs_k", "plot_cue_runs", "plot_cue_separation", "plot_memory_task"]


def _model_color(name: str, i: int) -> str:
    return MODEL_COLORS.get(name, PALETTE[i % len(PALETTE)])


def plot_memory_task(
    x: ArrayLike,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    vmax: float = 2.5,
) -> Axes:
    """One sequence of ``data.memory_task`` as a picture: features (rows) over time (columns).

    Introduced in notebook 6.

    Args:
        x: one sequence, shape ``(k + 1, n_symbols + 1)``: the one-hot symbol features first,
            the marker feature last. Step 0 (the cue) is outlined.
        ax: where to draw (a new figure when omitted).
        title: the Axes title (a default naming the cue's symbol when ``None``).
        vmax: values are coloured from ``-vmax`` (blue) to ``+vmax`` (red).

    Returns:
        The Axes drawn on.

    Raises:
        ValueError: ``x`` is not one sequence of at least 3 features.
    """
    arr = np.asarray(x, dtype=float)
    if arr.ndim != 2 or arr.shape[0] < 1 or arr.shape[1] < 3:
        raise ValueError(
            f"x must be one sequence with shape (k + 1, n_symbols + 1), n_symbols >= 2, "
            f"got shape {arr.shape}"
        )
    steps, features = arr.shape
    n_symbols = features - 1
    ax = new_axes(ax, figsize=(min(0.16 * steps + 3.0, 12.0), 2.6))
    image = ax.imshow(
        arr.T, aspect="auto", cmap="RdBu_r", vmin=-vmax, vmax=vmax, interpolation="nearest"
    )
    ax.add_patch(Rectangle((-0.5, -0.5), 1, features, fill=False, edgecolor="black", linewidth=2.2))
    ax.set_yticks(range(features), [f"symbol {s}" for s in range(n_symbols)] + ["marker"])
    ax.set_xlabel("time step t (the cue is step 0, outlined)")
    ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
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
    accuracy: Mapping[str, ArrayLike],
    ks: ArrayLike,
    *,
    chance: float | None = None,
    ax: Axes | None = None,
    title: str = "Test accuracy against the distance k between cue and answer",
) -> Axes:
    """One line per model: its test accuracy after training on lag ``k``, for every ``k``.

    Introduced in notebook 6.

    Args:
        accuracy: ``{model name: accuracies}``, each of shape ``(len(ks),)``, values in [0, 1].
        ks: the lags, shape ``(len(ks),)``.
        chance: drawn as a dashed line labelled "chance" (e.g. ``1 / n_symbols``).
        ax: where to draw (a new figure when omitted).
        title: the Axes title.

    Returns:
        The Axes drawn on.

    Raises:
        TypeError: ``accuracy`` is not a dict.
        ValueError: it is empty, a line has not one value per k or values outside [0, 1], or
            ``chance`` is outside (0, 1).
    """
    accuracy = check_mapping("accuracy", accuracy, "{model name: accuracies}")
    k_values = as_1d("ks", ks).astype(float)
    ax = new_axes(ax)
    for i, (name, values) in enumerate(accuracy.items()):
        acc = as_1d(f"accuracy[{name!r}]", values).astype(float)
        if acc.shape != k_values.shape:
            raise ValueError(
                f"accuracy[{name!r}] must have one value per k ({len(k_values)}), got {len(acc)}"
            )
        if np.any((acc < 0) | (acc > 1)):
            raise ValueError(f"accuracy[{name!r}] must be in [0, 1], got {acc}")
        marker, linestyle, size = MODEL_STYLES.get(name, ("o", "-", 7.0))
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
        chance = check_number("chance", chance, low=0, high=1)
        ax.axhline(chance, color="0.4", linestyle="--", linewidth=1.2, label="chance")
    ax.set_xticks(k_values)
    ax.set_ylim(0, 1.05)
    ax.set(title=title, xlabel="k: steps between the cue and the answer", ylabel="test accuracy")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_cue_runs(
    states: ArrayLike,
    *,
    ax: Axes | None = None,
    title: str = "",
    ylabel: str = "state of one unit",
) -> Axes:
    """One unit's state over time in runs that differ only in the cue, one line per cue.

    Introduced in notebook 6.

    Args:
        states: shape ``(n_cues, T)``; row ``s`` is the run whose cue (step 0) is symbol ``s``.
            All runs see the same noise afterwards, so lines that stay apart mean the unit
            still remembers the cue.
        ax: where to draw (a new figure when omitted).
        title: the Axes title.
        ylabel: the y-axis label.

    Returns:
        The Axes drawn on.

    Raises:
        ValueError: ``states`` does not have shape ``(n_cues >= 2, T)``.
    """
    arr = np.asarray(states, dtype=float)
    if arr.ndim != 2 or arr.shape[0] < 2 or arr.shape[1] < 1:
        raise ValueError(f"states must have shape (n_cues >= 2, T), got shape {arr.shape}")
    ax = new_axes(ax)
    t = np.arange(arr.shape[1])
    for s, row in enumerate(arr):
        ax.plot(t, row, color=PALETTE[s % len(PALETTE)], label=f"cue = symbol {s}")
    ax.axvspan(-0.5, 0.5, color="0.85", zorder=0)
    ax.set_xlim(-0.5, arr.shape[1] - 0.5)
    ax.set(title=title, xlabel="time step t (cue at t = 0)", ylabel=ylabel)
    return ax


def plot_cue_separation(
    separation: Mapping[str, ArrayLike],
    *,
    ax: Axes | None = None,
    title: str = "How much of the cue is left in the state, step by step",
    floor: float | None = 1e-6,
    ylabel: str = "distance between runs\n(relative to step 0, log scale)",
) -> Axes:
    """One line per model: how much of the cue the state still holds, step by step.

    Introduced in notebook 6.

    Args:
        separation: ``{label: values}``, each of shape ``(T,)``, >= 0: a measure of how much the
            states of runs with different cues differ at steps ``0 .. T-1`` (for example the
            distance between them, or the share of the states' variance the cue explains).
            Each line is divided by its value at step 0 and drawn on a log scale, so 1 means
            "as much as right after the cue" and a straight downward line means exponential
            forgetting. A label that contains "default" is drawn dashed (a model's default
            start next to its best start); each model has its own marker, every 5 steps.
        ax: where to draw (a new figure when omitted).
        title: the Axes title.
        floor: relative values below ``floor`` are drawn at ``floor`` (a log axis has no 0);
            None draws every value as it is and leaves out only exact zeros.
        ylabel: the y-axis label (say what was measured).

    Returns:
        The Axes drawn on.

    Raises:
        TypeError: ``separation`` is not a dict.
        ValueError: it is empty, or a line is not finite, >= 0 and positive at step 0.
    """
    separation = check_mapping("separation", separation, "{label: distances}")
    ax = new_axes(ax)
    for i, (label, values) in enumerate(separation.items()):
        d = as_1d(f"separation[{label!r}]", values).astype(float)
        if not d[0] > 0 or np.any(d < 0) or not np.all(np.isfinite(d)):
            raise ValueError(
                f"separation[{label!r}] must be finite distances >= 0, positive at step 0"
            )
        name = label.split()[0]
        relative = d / d[0]
        if floor is None:
            relative = np.where(relative > 0, relative, np.nan)  # log axis: no 0, nothing clipped
        else:
            relative = np.maximum(relative, check_number("floor", floor, low=0))
        dashed = "default" in label  # e.g. "SimpleRNN, default start" next to its best start
        ax.semilogy(
            np.arange(len(d)),
            relative,
            color=_model_color(name, i),
            linestyle="--" if dashed else "-",
            marker=MODEL_STYLES.get(name, ("o", "-", 7.0))[0],  # lines that overlap still differ
            markevery=(2 * i % 5, 5),  # staggered, so markers on overlapping lines both show
            markersize=8,
            label=label,
        )
    ax.axhline(1.0, color="0.4", linestyle=":", linewidth=1.0)
    ax.set(
        title=title,
        xlabel="steps since the cue",
        ylabel=ylabel,
    )
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax
