"""Showing a figure with its text alternative, and the Axes every ``plot_*`` function draws on.

A notebook cell that draws a figure ends with ``plotting.show(alt="...")``: it displays the PNG
exactly once (also under nbval), stores the alt text with it and prints it as the plain-text
output, which nbval compares.
"""

from __future__ import annotations

import base64
import html
import io

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

__all__ = ["ALT_MIN_CHARS", "figure_bundle", "new_axes", "show"]

#: A text alternative shorter than this cannot say what is plotted and what it shows.
ALT_MIN_CHARS = 20


def new_axes(ax: Axes | None, figsize: tuple[float, float] | None = None) -> Axes:
    """Return ``ax``, or the Axes of a new figure of ``figsize`` when ``ax`` is None.

    Args:
        ax: where the caller wants to draw, or None.
        figsize: the new figure's size in inches (default: the style's).

    Returns:
        The Axes to draw on.

    Raises:
        TypeError: ``ax`` is neither None nor a matplotlib Axes.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    elif not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    return ax


def figure_bundle(fig: Figure, alt: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """The MIME bundle and metadata that :func:`show` displays for ``fig``.

    Args:
        fig: the figure to render.
        alt: its text alternative, at least ``ALT_MIN_CHARS`` characters.

    Returns:
        ``(data, metadata)``: ``data`` holds ``image/png`` (base64), ``text/html`` (an ``<img>``
        with the ``alt`` attribute, which JupyterLab, nbconvert's HTML, slides and the course
        site render) and ``text/plain`` (``[figure] <alt>``, which nbval compares);
        ``metadata`` stores the alt text with the PNG, ``{"image/png": {"alt": alt}}``.

    Raises:
        TypeError: ``alt`` is not a str.
        ValueError: ``alt`` is shorter than ``ALT_MIN_CHARS`` characters.
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

    Use it instead of ``plt.show()`` at the end of a cell that draws a figure; introduced in
    notebook 1. ``alt`` says, for a reader who cannot see the figure, what is plotted and the one
    thing it shows (at least ``ALT_MIN_CHARS`` characters). It travels with the saved notebook:
    in the PNG's metadata, as the ``alt`` attribute of the HTML image, and as the plain-text
    output. Works with any matplotlib backend, including ``Agg`` (the figure is rendered here,
    not by the backend).

    Args:
        alt: the text alternative.
        fig: the figure to show; the current one when None.

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
