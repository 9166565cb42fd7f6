"""Accessibility of what the course shows (issue 17, WCAG 2.1 AA).

- Every stored figure, in a cell's outputs or drawn by a widget (saved widget state), carries a
  text alternative of at least ``ALT_MIN_CHARS`` characters, and no two figures share one.
- Every text that a ``plotting`` function puts on a figure reaches 4.5:1 contrast against what
  is behind it (the patch under it, else the axes or figure face).
- The palette's colours stay apart for the common colour-vision deficiencies (colorspacious).

The browser tests (tests/browser/) check that the alt texts reach the reader and run axe-core.
"""

from __future__ import annotations

import html
import itertools
import json
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from course_files import NOTEBOOKS
from matplotlib.colors import to_rgba
from matplotlib.patches import Ellipse, FancyBboxPatch, Patch, Polygon, Rectangle, Wedge
from matplotlib.text import Text

from course_utils import plotting
from course_utils.plotting import ALT_MIN_CHARS
from course_utils.style import PALETTE, apply_style

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
MIN_CONTRAST = 4.5  # WCAG 2.1 AA for normal text; the course asks it of every text on a figure


# --- text alternatives of the stored figures ----------------------------------------------------


def stored_figures() -> list[tuple[str, dict]]:
    """(where, output) for every PNG output stored in the notebooks, widget state included."""
    found = []
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for i, cell in enumerate(nb["cells"]):
            for out in cell.get("outputs", []):
                if "image/png" in out.get("data", {}):
                    found.append((f"{path.name} cell {i}", out))
        state = nb["metadata"].get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
        for model_id, model in state.items():
            for out in model.get("state", {}).get("outputs", []):
                if "image/png" in out.get("data", {}):
                    found.append((f"{path.name} widget {model_id[:8]}", out))
    return found


def test_the_course_stores_figures():
    assert len(stored_figures()) >= 18  # the issue counted 18 in the cells of notebooks 01-06


def test_every_stored_figure_has_its_own_text_alternative():
    problems, seen = [], {}
    for where, out in stored_figures():
        alt = out.get("metadata", {}).get("image/png", {}).get("alt")
        if not isinstance(alt, str) or len(alt.strip()) < ALT_MIN_CHARS:
            problems.append(f"{where}: alt text missing or under {ALT_MIN_CHARS} chars: {alt!r}")
            continue
        if alt in seen:
            problems.append(f"{where}: same alt text as {seen[alt]}: {alt!r}")
        seen[alt] = where
        # nbformat may store a text as a list of lines
        data = {k: "".join(v) if isinstance(v, list) else v for k, v in out["data"].items()}
        # what a screen reader meets: the <img alt> JupyterLab/slides/site render, the text twin
        if f'alt="{html.escape(alt, quote=True)}"' not in data.get("text/html", ""):
            problems.append(f"{where}: no <img alt> with this text in its text/html")
        text = data.get("text/plain", "")
        if text != f"[figure] {alt}":
            problems.append(f"{where}: text/plain is {text[:60]!r}, not '[figure] ' + the alt")
    assert problems == [], "\n".join(problems)


# --- contrast of every text on a figure ---------------------------------------------------------


def relative_luminance(rgb) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour with channels in [0, 1]."""
    c = np.asarray(rgb, dtype=float)[:3]
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


def contrast_ratio(a, b) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def over(top, bottom) -> np.ndarray:
    """Colour ``top`` (RGBA) composited over the opaque colour ``bottom``."""
    r, g, b, a = to_rgba(top)
    return a * np.array([r, g, b]) + (1 - a) * np.asarray(bottom)[:3]


#: Patches that are areas a text can sit on (arrows and lines are drawn next to texts, not under).
AREAS = (Rectangle, Polygon, Wedge, Ellipse, FancyBboxPatch)


def background_of(text: Text, renderer) -> np.ndarray:
    """What is behind the centre of ``text``: figure face, axes face, then filled areas by
    z-order (each composited with its alpha over what lies below)."""
    fig = text.get_figure()
    box = text.get_window_extent(renderer)
    point = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
    colour = np.array(to_rgba(fig.get_facecolor())[:3])
    for ax in fig.axes:
        if not ax.get_visible() or not ax.bbox.contains(*point):
            continue
        if ax.patch.get_visible():
            colour = over(ax.patch.get_facecolor(), colour)
        patches = [p for p in ax.patches if p.get_visible() and isinstance(p, AREAS)]
        patches.sort(key=lambda p: p.get_zorder())
        for patch in patches:
            if patch.get_zorder() <= text.get_zorder() and patch.contains_point(point):
                if patch.get_fill():
                    colour = over(patch.get_facecolor(), colour)
        assert not any(
            im.get_visible() for im in ax.images if im.get_window_extent().contains(*point)
        ), f"text {text.get_text()!r} lies on an image: its background cannot be read off"
    return colour


def low_contrast_texts(fig) -> list[str]:
    fig.canvas.draw()  # creates tick labels and lays out every text
    renderer = fig.canvas.get_renderer()
    problems = []
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip():
            continue
        if text.get_window_extent(renderer).width == 0:
            continue
        background = background_of(text, renderer)
        alpha = text.get_alpha()
        colour = to_rgba(text.get_color(), 1.0 if alpha is None else alpha)
        ratio = contrast_ratio(over(colour, background), background)
        if ratio < MIN_CONTRAST:
            problems.append(f"{text.get_text()!r}: {ratio:.2f}:1")
    return problems


def _figures() -> dict[str, object]:
    """One call per public plotting function (and its variants), drawing typical data."""
    t = np.linspace(0, 6, 40)
    return {
        "plot_series": lambda: plotting.plot_series(np.sin(t), window=(2, 5), title="series"),
        "plot_windows": lambda: plotting.plot_windows(np.round(np.sin(t), 2), 6, fmt="{:.2f}"),
        "plot_predictions": lambda: plotting.plot_predictions(np.sin(t), np.cos(t)),
        "plot_memory": lambda: plotting.plot_memory(
            np.r_[0, 1, 1, 0, 0], np.r_[0, 0.7, 0.9, 0.4, 0.2]
        ),
        "plot_unrolled": lambda: plotting.plot_unrolled(4),
        "plot_unrolled (a step highlighted, later steps faded)": lambda: plotting.plot_unrolled(
            5, highlight=2, h_values=np.linspace(-0.5, 0.5, 5)
        ),
        "plot_gradient_norms": lambda: plotting.plot_gradient_norms(
            {f"scale {s}": s ** np.arange(40.0, 0, -1) for s in (0.5, 0.9, 1, 1.5, 2)},
            title="gradient norms",
        ),
        "plot_one_hot": lambda: plotting.plot_one_hot("hello world"),
        "plot_rolled": lambda: plotting.plot_rolled(),
        "plot_rolled_and_unrolled": lambda: plotting.plot_rolled_and_unrolled(3)[0],
        "plot_gradient_by_lag": lambda: plotting.plot_gradient_by_lag(
            {"scale 0.5": 0.5 ** np.arange(20.0), "scale 1.5": 1.5 ** np.arange(20.0)},
            title="contributions by lag",
        ),
        "plot_loss_runs": lambda: plotting.plot_loss_runs(
            [np.geomspace(10, 0.1, 20), np.r_[np.geomspace(10, 100, 5), np.nan]],
            steps_per_point=5,
            title="loss of two runs",
            ceiling=1.0,
        ),
        "plot_loss_curves": lambda: plotting.plot_loss_curves(
            {"training": np.geomspace(10, 0.1, 20), "validation": np.geomspace(12, 0.2, 20)}
        ),
        "plot_memory_task": lambda: plotting.plot_memory_task(np.eye(6, 5)),
        "plot_accuracy_vs_k": lambda: plotting.plot_accuracy_vs_k(
            {"SimpleRNN": [0.9, 0.3, 0.25], "LSTM": [1.0, 1.0, 0.95], "GRU": [1.0, 1.0, 1.0]},
            [5, 15, 30],
            chance=0.25,
        ),
        "plot_cue_runs": lambda: plotting.plot_cue_runs(np.sin(np.outer([1, 2, 3], t))),
        "plot_cue_separation": lambda: plotting.plot_cue_separation(
            {"SimpleRNN": np.geomspace(1, 1e-4, 20), "LSTM": np.geomspace(1, 0.5, 20)}
        ),
        "plot_accuracy_over_seeds": lambda: plotting.plot_accuracy_over_seeds(
            {
                (m, s, k): np.linspace(0.2, 1.0, 10)
                for m in ("SimpleRNN", "LSTM", "GRU")
                for s in ("default", "best")
                for k in (5, 20, 40)
            },
            live={("LSTM", "best", 40): 1.0, ("LSTM", "default", 20): 0.25},
            chance=0.25,
        )[0],
        "plot_gates_over_time": lambda: plotting.plot_gates_over_time(
            {"i": np.r_[0.9, 0.1, 0.1], "f": np.r_[1.0, 1.0, 1.0], "o": np.r_[0.9, 0.95, 0.9]},
            title="gates",
        ),
        # every fill of the colour map: one gate per value from 0 to 1
        "plot_lstm_cell": lambda: plotting.plot_lstm_cell(
            {"i": 0.97, "f": 0.5, "o": 0.0, "g": -0.83, "c": 1.52}
        ),
        "plot_lstm_cell (gate values across the colour map)": lambda: plotting.plot_lstm_cell(
            {"i": 0.2, "f": 0.35, "o": 0.65}
        ),
        "plot_gru_cell": lambda: plotting.plot_gru_cell({"z": 1.0, "r": 0.43, "g": 0.9}),
        "plot_gru_cell (gate values across the colour map)": lambda: plotting.plot_gru_cell(
            {"z": 0.58, "r": 0.8}
        ),
        # notebook 07 (forecasting)
        "plot_split": lambda: plotting.plot_split(
            np.arange(1700, 1740), (np.sin(t[:28]), np.sin(t[28:34]), np.sin(t[34:]))
        ),
        "plot_epoch_losses": lambda: plotting.plot_epoch_losses(
            {
                "SimpleRNN": {"train_loss": np.geomspace(1, 0.1, 20), "val_loss": np.r_[1:0:-0.05]},
                "LSTM": {"train_loss": np.geomspace(1, 0.05, 12), "val_loss": np.r_[1:0.4:-0.05]},
            }
        ),
        "plot_test_forecasts": lambda: plotting.plot_test_forecasts(
            np.arange(1974, 2014), np.sin(t), {"cycle naive": np.cos(t), "LSTM": np.sin(t + 0.2)}
        ),
        "plot_error_by_horizon": lambda: plotting.plot_error_by_horizon(
            {"last value": np.arange(1.0, 12), "LSTM, direct": np.linspace(1, 5, 11)}
        ),
    }


FIGURES = _figures()


def test_every_plotting_function_is_checked_for_contrast():
    public = {name for name in plotting.__all__ if name.startswith("plot_")}
    checked = {name.split(" ")[0] for name in FIGURES}
    assert public == checked, f"add a figure for {sorted(public - checked)}"


@pytest.mark.parametrize("classroom", [False, True], ids=["normal", "classroom"])
@pytest.mark.parametrize("name", list(FIGURES))
def test_every_text_on_a_figure_reaches_4_5_to_1(name, classroom):
    from course_utils.setup import classroom_mode

    classroom_mode(classroom)
    try:
        ax = FIGURES[name]()
        problems = low_contrast_texts(ax.figure)
    finally:
        apply_style()
        plt.close("all")
    assert problems == [], f"{name}: texts under {MIN_CONTRAST}:1: {problems}"


def test_the_contrast_check_catches_low_contrast():
    # the window figure's old cells: 9-point white text on blue at alpha 0.85 (about 4:1)
    fig, ax = plt.subplots()
    ax.add_patch(plt.Rectangle((0, 0), 1, 1, facecolor=PALETTE[0], alpha=0.85))
    ax.text(0.5, 0.5, "0.42", color="white", ha="center", va="center", fontsize=9)
    (problem,) = low_contrast_texts(fig)
    assert re.fullmatch(r"'0\.42': 3\.9\d:1", problem), problem
    assert contrast_ratio((1, 1, 1), (0, 0, 0)) == pytest.approx(21.0)


# --- the palette under colour-vision deficiencies -----------------------------------------------

#: Smallest CAM02-UCS colour difference between any two palette colours, for normal vision and
#: as seen with full protanopia, deuteranopia or tritanopia (Machado et al. 2009, colorspacious).
#: Differences under about 10 read as "the same colour" for small marks in a plot.
MIN_DELTA_E = 10.0
DEFICIENCIES = ("protanomaly", "deuteranomaly", "tritanomaly")


def test_palette_stays_distinguishable_under_colour_vision_deficiencies():
    from colorspacious import cspace_convert, deltaE
    from matplotlib.colors import to_rgb

    colours = np.array([to_rgb(c) for c in PALETTE])
    views = {"normal vision": colours}
    for cvd in DEFICIENCIES:
        space = {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}
        views[cvd] = np.clip(cspace_convert(colours, space, "sRGB1"), 0, 1)
    problems = []
    for view, seen in views.items():
        for i, j in itertools.combinations(range(len(PALETTE)), 2):
            d = float(deltaE(seen[i], seen[j], input_space="sRGB1"))
            if d < MIN_DELTA_E:
                problems.append(f"{view}: {PALETTE[i]} and {PALETTE[j]} differ by {d:.1f}")
    assert problems == [], "\n".join(problems)


def test_the_palette_check_can_fail():
    # red and green, the classic pair that deuteranopes confuse
    from colorspacious import cspace_convert, deltaE

    pair = np.array([[0.8, 0.2, 0.2], [0.35, 0.55, 0.1]])
    seen = cspace_convert(
        pair, {"name": "sRGB1+CVD", "cvd_type": "deuteranomaly", "severity": 100}, "sRGB1"
    )
    assert float(deltaE(pair[0], pair[1], input_space="sRGB1")) > MIN_DELTA_E
    assert (
        float(deltaE(np.clip(seen[0], 0, 1), np.clip(seen[1], 0, 1), input_space="sRGB1"))
        < MIN_DELTA_E
    )


def test_legend_patches_use_the_palette():
    ax = plotting.plot_windows(np.arange(12.0), 3)
    handles = [h for h in ax.get_legend().legend_handles if isinstance(h, Patch)]
    assert {to_rgba(h.get_facecolor())[:3] for h in handles} <= {to_rgba(c)[:3] for c in PALETTE}
