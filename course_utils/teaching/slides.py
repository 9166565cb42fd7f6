"""Offline reveal.js slides (``make slides``): one deck per notebook, with its saved outputs."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from course_utils.teaching.sources import notebook_paths
from course_utils.teaching.static import (
    MATHJAX_URL,
    REVEAL_DIR,
    course_exporter,
    for_static_pages,
    offline_assets,
)

__all__ = ["build_slides"]


def build_slides(notebooks: Iterable[str | Path], out_dir: str | Path) -> list[Path]:
    """Export each notebook as a reveal.js deck ``out_dir/<name>.slides.html`` that works offline.

    reveal.js and MathJax are copied into ``out_dir`` once and referenced by relative paths;
    widgets appear as they were saved (:func:`~course_utils.teaching.static.for_static_pages`).
    Used by ``make slides``.

    Args:
        notebooks: paths of ``.ipynb`` files.
        out_dir: the folder to write the decks to (created if needed).

    Returns:
        The paths written, ``out_dir/<name>.slides.html``.
    """
    import nbformat
    from nbconvert import SlidesExporter
    from traitlets.config import Config

    paths = notebook_paths(notebooks)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, src in offline_assets().items():
        if not (out / name).exists():
            shutil.copytree(src, out / name)
    config = Config()
    config.SlidesExporter.reveal_url_prefix = REVEAL_DIR
    # the white theme's fonts ship with reveal.js (simple.css loads Google Fonts)
    config.SlidesExporter.reveal_theme = "white"
    config.SlidesExporter.reveal_scroll = True
    config.SlidesExporter.mathjax_url = MATHJAX_URL
    exporter = course_exporter(SlidesExporter, "course_slides", config)
    written = []
    for src in paths:
        nb = for_static_pages(nbformat.read(src, as_version=4))
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": src.stem}})
        target = out / f"{src.stem}.slides.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written
