"""Teaching tools: student copies, offline reveal.js slides and a static course website.

Run from the command line (the Makefile does)::

    python -m course_utils.teaching student NOTEBOOK... --out build/student
    python -m course_utils.teaching slides  NOTEBOOK... --out build/slides
    python -m course_utils.teaching site    NOTEBOOK... --out build/site

All use nbconvert's own exporters and preprocessors. nbconvert is imported inside the functions,
so importing this module costs nothing. Slides and site load nothing from another host: reveal.js
and MathJax are copied next to the pages from Python packages, and a widget is shown as what it
displayed when the notebook was saved (:func:`widget_snapshot`), not by widget JavaScript.
"""

from __future__ import annotations

import argparse
import copy
import html
import shutil
import sys
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

__all__ = [
    "SOLUTION_TAG",
    "build_site",
    "build_slides",
    "for_static_pages",
    "make_student_copies",
    "offline_assets",
    "widget_snapshot",
]

#: Cells carrying this tag are removed from student copies.
SOLUTION_TAG = "solution"
_TEMPLATE_DIR = Path(__file__).parent / "templates"
_REVEAL_DIR = "reveal.js"
_MATHJAX_DIR = "mathjax"
_MATHJAX_URL = f"{_MATHJAX_DIR}/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"  # it ships these


def _notebook_paths(notebooks: Iterable[str | Path]) -> list[Path]:
    if isinstance(notebooks, str | Path):
        raise TypeError(f"notebooks must be a list of paths, got one path: [{str(notebooks)!r}]")
    paths = [Path(p) for p in notebooks]
    if not paths:
        raise ValueError("notebooks must name at least one .ipynb file")
    for p in paths:
        if p.suffix != ".ipynb":
            raise ValueError(f"notebooks must be .ipynb files, got {str(p)!r}")
        if not p.is_file():
            raise FileNotFoundError(f"notebook not found: {p}")
    return paths


def make_student_copies(notebooks: Iterable[str | Path], out_dir: str | Path) -> list[Path]:
    """Write a copy of each notebook without ``solution`` cells and without outputs.

    Exercise cells stay. ``out_dir`` may not be a notebook's own folder (the copies would
    replace the originals). Used by ``make student``.

    Args:
        notebooks: paths of ``.ipynb`` files.
        out_dir: the folder to write the copies to (created if needed).

    Returns:
        The paths written, ``out_dir/<same name>``.

    Raises:
        TypeError: ``notebooks`` is one path instead of a list.
        ValueError: no notebook, not an ``.ipynb`` file, or ``out_dir`` is a notebook's folder.
        FileNotFoundError: a notebook does not exist.
    """
    from nbconvert import NotebookExporter
    from nbconvert.preprocessors import ClearOutputPreprocessor, TagRemovePreprocessor
    from traitlets.config import Config

    paths = _notebook_paths(notebooks)
    out = Path(out_dir)
    if any(out.resolve() == p.parent.resolve() for p in paths):
        raise ValueError(f"out_dir must not be the notebooks' own folder ({out}): pick e.g. build/")
    out.mkdir(parents=True, exist_ok=True)
    config = Config()
    config.TagRemovePreprocessor.remove_cell_tags = {SOLUTION_TAG}
    config.TagRemovePreprocessor.enabled = True
    config.ClearOutputPreprocessor.enabled = True
    exporter = NotebookExporter(config=config)
    exporter.register_preprocessor(TagRemovePreprocessor(config=config), enabled=True)
    exporter.register_preprocessor(ClearOutputPreprocessor(config=config), enabled=True)
    written = []
    for src in paths:
        body, _ = exporter.from_filename(str(src))
        target = out / src.name
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written


def offline_assets() -> dict[str, Path]:
    """Where the installed reveal.js and MathJax copies live (from PyPI packages).

    Returns:
        ``{"reveal.js": folder, "mathjax": folder}``.

    Raises:
        RuntimeError: a package is missing or incomplete.
    """
    try:
        reveal = Path(str(resources.files("sphinx_revealjs") / "_static" / "revealjs"))
        mathjax = Path(str(resources.files("jupyter_server_mathjax") / "static"))
    except ModuleNotFoundError as err:
        raise RuntimeError(
            f"{err.name} is not installed; run `make slides` (it installs requirements.txt)"
        ) from None
    for name, path in (("reveal.js", reveal / "dist" / "reveal.js"), ("MathJax", mathjax)):
        if not path.exists():
            raise RuntimeError(f"{name} not found at {path}; reinstall requirements.txt")
    return {_REVEAL_DIR: reveal, _MATHJAX_DIR: mathjax}


#: Output type of a widget's view; the widget's state is in the notebook's metadata.
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"
_TEXT_MODELS = {"HTMLModel": False, "HTMLMathModel": False, "LabelModel": True}  # True: escape


def widget_snapshot(model_id: str, state: dict) -> list[dict]:
    """What the widget ``model_id`` showed when its notebook was saved, as notebook outputs.

    ``state`` is the saved widget state, ``nb.metadata["widgets"][WIDGET_STATE_MIME]["state"]``
    (nbclient and nbconvert write it when they execute a notebook).

    Args:
        model_id: the widget's model id, as its ``widget-view+json`` output names it.
        state: the saved widget state.

    Returns:
        Notebook outputs: a ``display_data`` with a note naming the widget's controls and their
        saved values, then the widget's HTML text and the outputs of its ``Output`` widgets (its
        figures, alt text included), in the order the widget lays them out. A widget missing from
        the state gives only the note.
    """
    if not isinstance(state, dict):
        raise TypeError(f"state must be the saved widget state, a dict; got {type(state).__name__}")
    controls: list[str] = []
    outputs: list[dict] = []
    seen: set[str] = set()

    def walk(ref: str) -> None:
        key = ref.removeprefix("IPY_MODEL_")
        model = state.get(key)
        if key in seen or not isinstance(model, dict):
            return
        seen.add(key)
        name, values = model.get("model_name", ""), model.get("state", {})
        if name == "OutputModel":
            outputs.extend(copy.deepcopy(values.get("outputs", [])))
        elif name in _TEXT_MODELS and values.get("value"):
            text = str(values["value"])
            text = html.escape(text) if _TEXT_MODELS[name] else text
            outputs.append(_html_output(f'<div class="course-widget-text">{text}</div>'))
        elif values.get("description") and "value" in values:
            controls.append(f"{values['description']} = {values['value']}")
        for child in values.get("children", []):
            walk(child)

    walk(model_id)
    if model_id.removeprefix("IPY_MODEL_") not in seen:
        note = "An interactive widget: run the notebook in JupyterLab to use it."
    else:
        saved = f" ({', '.join(controls)})" if controls else ""
        note = (
            f"An interactive widget, shown as it was when the notebook was saved{saved}. "
            "Run the notebook in JupyterLab to move its controls."
        )
    note_html = f'<p class="course-widget-note">{html.escape(note)}</p>'
    return [_html_output(note_html, note), *outputs]


def _html_output(markup: str, text: str | None = None) -> dict:
    data = {"text/html": markup}
    if text is not None:
        data["text/plain"] = text
    return {"output_type": "display_data", "data": data, "metadata": {}}


def for_static_pages(nb: object) -> object:
    """A copy of the notebook ``nb`` (nbformat 4) ready to export as slides or a web page.

    Each widget is replaced by its saved snapshot (:func:`widget_snapshot`), so the page shows what
    the widget drew instead of loading widget JavaScript from a CDN. A PNG whose alt text is only
    in its metadata (``{"image/png": {"alt": ...}}``, as IPython writes it) also gets an HTML
    ``<img alt>``, which nbconvert's exporters render (their plain PNG has no alt attribute).

    Args:
        nb: the notebook (nbformat 4), left unchanged.

    Returns:
        The prepared copy.
    """
    import nbformat

    nb = copy.deepcopy(nb)
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE_MIME, {}).get("state", {})
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.outputs:
            view = out.get("data", {}).get(WIDGET_VIEW_MIME)
            snapshot = [out] if view is None else widget_snapshot(view.get("model_id", ""), state)
            outputs.extend(_with_img_alt(nbformat.from_dict(o)) for o in snapshot)
        cell.outputs = outputs
    nb.metadata.pop("widgets", None)
    return nb


def _with_img_alt(out: dict) -> dict:
    data = out.get("data", {})
    alt = out.get("metadata", {}).get("image/png", {}).get("alt")
    if "image/png" in data and "text/html" not in data and isinstance(alt, str):
        src = f"data:image/png;base64,{data['image/png'].strip()}"
        data["text/html"] = f'<img src="{src}" alt="{html.escape(alt, quote=True)}"/>'
    return out


def _course_exporter(exporter_class: type, template: str, config: object) -> object:
    """An nbconvert exporter using ``template``, one of the folders in course_utils/templates."""
    return exporter_class(
        config=config,
        template_name=template,
        extra_template_basedirs=[str(_TEMPLATE_DIR)],
        extra_template_paths=[str(_TEMPLATE_DIR)],  # course_mathjax.html.j2, shared by both
    )


def build_slides(notebooks: Iterable[str | Path], out_dir: str | Path) -> list[Path]:
    """Export each notebook as a reveal.js deck ``out_dir/<name>.slides.html`` that works offline.

    reveal.js and MathJax are copied into ``out_dir`` once and referenced by relative paths.
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

    paths = _notebook_paths(notebooks)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, src in offline_assets().items():
        if not (out / name).exists():
            shutil.copytree(src, out / name)
    config = Config()
    config.SlidesExporter.reveal_url_prefix = _REVEAL_DIR
    config.SlidesExporter.reveal_theme = (
        "white"  # its fonts ship with reveal.js (simple.css loads Google Fonts)
    )
    config.SlidesExporter.reveal_scroll = True
    config.SlidesExporter.mathjax_url = _MATHJAX_URL
    exporter = _course_exporter(SlidesExporter, "course_slides", config)
    written = []
    for src in paths:
        nb = for_static_pages(nbformat.read(src, as_version=4))
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": src.stem}})
        target = out / f"{src.stem}.slides.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written


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


def _title_and_summary(nb: object, path: Path) -> tuple[str, str]:
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
    notebook's page has its saved outputs, widgets as their saved pictures
    (:func:`for_static_pages`), links to the previous and next notebook and how to run it.
    Equations are typeset by a copy of MathJax in ``out_dir/mathjax``; no page loads anything from
    another host.

    Args:
        notebooks: the notebooks' paths, in course order.
        out_dir: the folder to write (created if needed).

    Returns:
        The pages written, index first.
    """
    import nbformat
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    paths = _notebook_paths(notebooks)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    mathjax = offline_assets()[_MATHJAX_DIR]
    if not (out / _MATHJAX_DIR).exists():
        shutil.copytree(mathjax, out / _MATHJAX_DIR)
    config = Config()
    config.HTMLExporter.mathjax_url = _MATHJAX_URL
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    exporter = _course_exporter(HTMLExporter, "course_site", config)
    books = [nbformat.read(p, as_version=4) for p in paths]
    pages = [
        (p.stem + ".html", *_title_and_summary(nb, p)) for p, nb in zip(paths, books, strict=True)
    ]

    def page(nb: object, name: str, title: str, site: dict) -> Path:
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


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m course_utils.teaching {student,slides,site} NB... --out DIR``.

    Args:
        argv: the arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit status, 0.
    """
    parser = argparse.ArgumentParser(prog="python -m course_utils.teaching", description=__doc__)
    parser.add_argument("what", choices=["student", "slides", "site"])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--out", required=True, help="output folder")
    args = parser.parse_args(argv)
    build = {"student": make_student_copies, "slides": build_slides, "site": build_site}[args.what]
    for path in build(args.notebooks, args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
