"""The course website (``make site``): an index page and one page per notebook, offline.

Built with nbconvert's HTML exporter and the ``course_site`` template (course navigation, how to
run a notebook, solutions folded); pages are prepared by
:func:`~course_utils.teaching.static.for_static_pages` like the slides.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course_utils.teaching.sources import notebook_paths
from course_utils.teaching.static import (
    MATHJAX_DIR,
    MATHJAX_URL,
    WIDGET_STATE_MIME,
    course_exporter,
    for_static_pages,
    offline_assets,
)

if TYPE_CHECKING:
    from nbformat import NotebookNode

__all__ = ["SITE_INDEX", "build_site"]

#: The index page of the course website, in Markdown; ``{table}`` is the notebook table.
SITE_INDEX = """# Recurrent Neural Networks, hands-on

A short, runnable course on recurrent neural networks (RNNs) with TensorFlow and Keras 3: what
sequence data is, the RNN cell written in NumPy and checked against Keras, unrolling through time,
the Keras `SimpleRNN` model, an exercise that predicts the next value of a sequence, and where
`SimpleRNN` fails and LSTM and GRU do not. Every notebook runs on a laptop CPU in seconds.

This website shows each notebook with the outputs saved from its last full run, so you can read
the course without installing anything. Interactive widgets appear as they were saved, and every
figure carries a text description for screen readers. Nothing here is loaded from another site.

## The notebooks

| notebook | what it is about |
|---|---|
{table}

## How to run the course

1. Get a copy of the course folder. You need Python 3.10 to 3.13 with its `venv` module, `make`
   and about 2 GB of disk (TensorFlow is large).
2. In that folder, run `make lab`. The first time it creates `.venv` and installs everything (a few
   minutes), then opens JupyterLab and prints its address (`http://127.0.0.1:8888/lab?token=...`).
3. Open `notebooks/01_sequence_data.ipynb` and run the cells top to bottom (Shift+Enter, or
   *Run → Run All Cells*). No network is needed once the course is installed.

`make test` re-runs every notebook and compares it with the saved outputs shown on these pages.
"""


def _title_and_summary(nb: NotebookNode, path: Path) -> tuple[str, str]:
    """The notebook's title (its first heading) and the first paragraph under it."""
    first = nb.cells[0] if nb.cells else None
    if first is None or first.cell_type != "markdown" or not first.source.startswith("# "):
        raise ValueError(f"{path}: the first cell must be a Markdown title ('# ...')")
    title, _, rest = first.source.partition("\n")
    summary = " ".join(rest.strip().split("\n\n")[0].split()) if rest.strip() else ""
    if summary.endswith(":"):  # the paragraph introduces a list: end the sentence there
        summary = summary[:-1] + "."
    return title.lstrip("# ").strip(), summary


def build_site(notebooks: Iterable[str | Path], out_dir: str | Path) -> list[Path]:
    """Write the course website: ``out_dir/index.html`` and ``out_dir/<name>.html`` per notebook.

    The index lists the notebooks (title and first paragraph) and says how to run the course. A
    notebook's page has its saved outputs, widgets as they were saved
    (:func:`~course_utils.teaching.static.for_static_pages`), links to the previous and next
    notebook and how to run it. Equations are typeset by a copy of MathJax in
    ``out_dir/mathjax``; no page loads anything from another host.

    Args:
        notebooks: the notebooks' paths, in course order.
        out_dir: the folder to write (created if needed).

    Returns:
        The pages written, index first.
    """
    import nbformat
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    paths = notebook_paths(notebooks)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if not (out / MATHJAX_DIR).exists():
        shutil.copytree(offline_assets()[MATHJAX_DIR], out / MATHJAX_DIR)
    config = Config()
    config.HTMLExporter.mathjax_url = MATHJAX_URL
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    exporter = course_exporter(HTMLExporter, "course_site", config)
    books = [nbformat.read(p, as_version=4) for p in paths]
    pages = [
        (p.stem + ".html", *_title_and_summary(nb, p)) for p, nb in zip(paths, books, strict=True)
    ]

    def page(nb: NotebookNode, name: str, title: str, site: dict[str, Any]) -> Path:
        nb.metadata["title"] = title  # the page's <title>
        resources = {"metadata": {"name": name}, "course_site": site}
        body, _ = exporter.from_notebook_node(nb, resources=resources)
        target = out / name
        target.write_text(body, encoding="utf-8")
        return target

    bar = "|"
    rows = "\n".join(
        f"| [{title}]({href}) | {summary.replace(bar, chr(92) + bar)} |"  # a | would end the cell
        for href, title, summary in pages
    )
    index = nbformat.v4.new_notebook()
    index.cells = [nbformat.v4.new_markdown_cell(SITE_INDEX.format(table=rows))]
    written = [page(index, "index.html", "Recurrent Neural Networks, hands-on", {})]
    for i, (src, nb) in enumerate(zip(paths, books, strict=True)):
        link = [{"href": href, "title": title} for href, title, _ in pages]
        site = {
            "notebook": f"notebooks/{src.name}",
            "widgets": WIDGET_STATE_MIME in nb.metadata.get("widgets", {}),
            "previous": link[i - 1] if i > 0 else None,
            "next": link[i + 1] if i + 1 < len(pages) else None,
        }
        written.append(page(for_static_pages(nb), pages[i][0], pages[i][1], site))
    return written
