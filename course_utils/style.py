"""The course's look: one palette, the colours that mean something, and the matplotlib styles.

``setup`` applies the style in every notebook's first cell; ``plotting`` draws with these colours,
so a colour means the same thing in every figure (blue: what a model reads, orange: what it must
predict, vermillion: the hidden state, ...).
"""

from __future__ import annotations

from typing import Any, cast

from course_utils.validate import check_bool

__all__ = [
    "CLASSROOM_RC",
    "COURSE_RC",
    "INPUT_COLOR",
    "MODEL_COLORS",
    "MODEL_STYLES",
    "PALETTE",
    "STATE_COLOR",
    "STATE_TEXT_COLOR",
    "TARGET_COLOR",
    "WEIGHT_COLOR",
    "WEIGHT_TEXT_COLOR",
    "apply_style",
]

#: Okabe & Ito's colour-blind-safe palette (blue, orange, green, vermillion, purple, sky, yellow).
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
)

INPUT_COLOR = PALETTE[0]  #: blue: what the model reads
TARGET_COLOR = PALETTE[1]  #: orange: what it must predict (and the step being computed)
STATE_COLOR = PALETTE[3]  #: vermillion: the hidden state h_t
WEIGHT_COLOR = PALETTE[4]  #: purple: the shared weights
# Texts on white need 4.5:1: darker shades of the state and weight colours (vermillion reaches 3.9:1
# and purple 3.1:1 as they are), for labels written in those colours.
STATE_TEXT_COLOR = "#A84B00"  #: the hidden state's colour, dark enough for text (4.5:1 on white)
WEIGHT_TEXT_COLOR = "#A63D78"  #: the weights' colour, dark enough for text (4.5:1 on white)

#: One colour per recurrent layer, the same in every figure of notebook 6.
MODEL_COLORS: dict[str, str] = {"SimpleRNN": PALETTE[3], "LSTM": PALETTE[0], "GRU": PALETTE[2]}

#: Marker, line style and marker size per layer, so lines that lie on top of each other show.
MODEL_STYLES: dict[str, tuple[str, str, float]] = {
    "SimpleRNN": ("o", "-", 7.0),
    "LSTM": ("s", "-", 10.0),
    "GRU": ("^", "--", 7.0),
}

#: The normal course style: large enough to read, a light grid, the palette as colour cycle.
COURSE_RC: dict[str, Any] = {
    "figure.figsize": (8.0, 3.2),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 1.8,
    "legend.frameon": False,
    "figure.constrained_layout.use": True,
}

#: What classroom mode changes on top: larger and thicker, for a projector at the back of a room.
CLASSROOM_RC: dict[str, Any] = {
    "figure.figsize": (11.0, 4.8),
    "figure.dpi": 110,
    "font.size": 17,
    "axes.titlesize": 19,
    "axes.labelsize": 17,
    "xtick.labelsize": 15,
    "ytick.labelsize": 15,
    "legend.fontsize": 15,
    "lines.linewidth": 3.2,
    "lines.markersize": 9,
    "axes.linewidth": 1.6,
    "grid.alpha": 0.45,
}


def apply_style(classroom: bool = False) -> None:
    """Set matplotlib's rcParams to the course style, or to classroom sizes on top of it.

    Introduced in notebook 1 (through ``setup_notebook``). Affects figures drawn afterwards.

    Args:
        classroom: projector sizes (``CLASSROOM_RC``) instead of the normal ones.

    Raises:
        TypeError: ``classroom`` is not a bool.
    """
    classroom = check_bool("classroom", classroom)
    import matplotlib as mpl
    from cycler import cycler

    rc = cast(dict[str, Any], mpl.rcParams)  # typed with literal keys by matplotlib
    rc.update(COURSE_RC)
    rc["axes.prop_cycle"] = cycler(color=list(PALETTE))
    if classroom:
        rc.update(CLASSROOM_RC)
