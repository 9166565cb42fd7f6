"""What the slides and the website share: notebooks prepared for a page that runs no kernel.

- :func:`offline_assets`: the reveal.js and MathJax copies (from PyPI packages) placed next to the
  pages, and ``MATHJAX_URL``, the MathJax configuration the pages load (the templates in
  ``course_utils/templates`` set its fonts: ``course_mathjax.html.j2``);
- :func:`for_static_pages`: each widget replaced by what it showed when the notebook was saved
  (:func:`widget_snapshot`, or the text a widget gives of itself, such as a quiz's questions),
  and an ``<img alt>`` for a PNG whose alt text is only in its metadata;
- :func:`course_exporter`: an nbconvert exporter using one of the course's templates.
"""

from __future__ import annotations

import copy
import html
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nbformat import NotebookNode

__all__ = [
    "MATHJAX_DIR",
    "MATHJAX_URL",
    "REVEAL_DIR",
    "WIDGET_STATE_MIME",
    "WIDGET_VIEW_MIME",
    "course_exporter",
    "for_static_pages",
    "offline_assets",
    "text_snapshot",
    "widget_snapshot",
]

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates"
REVEAL_DIR = "reveal.js"
MATHJAX_DIR = "mathjax"
#: MathJax 2 with the configurations jupyter-server-mathjax ships ("-full": AssistiveMML too).
MATHJAX_URL = f"{MATHJAX_DIR}/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"

#: Output type of a widget's view; the widget's state is in the notebook's metadata.
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"
_TEXT_MODELS = {"HTMLModel": False, "HTMLMathModel": False, "LabelModel": True}  # True: escape
#: ipywidgets' own text for a widget, its Python repr: ``WindowLengthExplorer(children=(...``.
#: A widget whose ``text/plain`` is anything else describes itself (the quiz lists its questions).
_DEFAULT_WIDGET_REPR = re.compile(r"[A-Za-z_]\w*\(")


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
    return {REVEAL_DIR: reveal, MATHJAX_DIR: mathjax}


def widget_snapshot(model_id: str, state: dict[str, Any]) -> list[dict[str, Any]]:
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

    Raises:
        TypeError: ``state`` is not a dict.
    """
    if not isinstance(state, dict):
        raise TypeError(f"state must be the saved widget state, a dict; got {type(state).__name__}")
    controls: list[str] = []
    outputs: list[dict[str, Any]] = []
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
    return [_note(note), *outputs]


def text_snapshot(text: str) -> list[dict[str, Any]]:
    """A widget that describes itself in ``text`` (its ``text/plain``), as notebook outputs.

    The quiz is such a widget: its text lists the questions and options, never the answers
    (they are not in the notebook).

    Args:
        text: the widget's own plain-text description.

    Returns:
        Two ``display_data`` outputs: a note that the widget is interactive in JupyterLab, and
        ``text`` as plain text.
    """
    note = (
        "An interactive widget, shown here as its text. Run the notebook in JupyterLab to use it."
    )
    shown = {"output_type": "display_data", "data": {"text/plain": text}, "metadata": {}}
    return [_note(note), shown]


def _note(text: str) -> dict[str, Any]:
    return _html_output(f'<p class="course-widget-note">{html.escape(text)}</p>', text)


def _html_output(markup: str, text: str | None = None) -> dict[str, Any]:
    data = {"text/html": markup}
    if text is not None:
        data["text/plain"] = text
    return {"output_type": "display_data", "data": data, "metadata": {}}


def _static_outputs(out: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
    """What a page without a kernel shows for the output ``out``: itself, unless it is a widget."""
    data = out.get("data", {})
    view = data.get(WIDGET_VIEW_MIME)
    if view is None:
        return [out]
    text = data.get("text/plain")
    text = "".join(text) if isinstance(text, list) else text  # nbformat may store lines
    if isinstance(text, str) and text.strip() and not _DEFAULT_WIDGET_REPR.match(text):
        return text_snapshot(text)
    return widget_snapshot(view.get("model_id", ""), state)


def for_static_pages(nb: NotebookNode) -> NotebookNode:
    """A copy of the notebook ``nb`` (nbformat 4) ready to export as slides or a web page.

    Each widget is replaced by what it showed when the notebook was saved, so the page needs no
    widget JavaScript (from a CDN): its saved snapshot (:func:`widget_snapshot`), or, for a widget
    that describes itself in its ``text/plain`` (not ipywidgets' default ``Name(...)`` repr, e.g.
    a quiz's questions), that text (:func:`text_snapshot`). A PNG whose alt text is only in its
    metadata (``{"image/png": {"alt": ...}}``, as IPython writes it) also gets an HTML
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
        outputs: list[NotebookNode] = []
        for out in cell.outputs:
            outputs.extend(
                _with_img_alt(nbformat.from_dict(o)) for o in _static_outputs(out, state)
            )
        cell.outputs = outputs
    nb.metadata.pop("widgets", None)
    return nb


def _with_img_alt(out: NotebookNode) -> NotebookNode:
    data = out.get("data", {})
    alt = out.get("metadata", {}).get("image/png", {}).get("alt")
    if "image/png" in data and "text/html" not in data and isinstance(alt, str):
        src = f"data:image/png;base64,{data['image/png'].strip()}"
        data["text/html"] = f'<img src="{src}" alt="{html.escape(alt, quote=True)}"/>'
    return out


def course_exporter(exporter_class: type, template: str, config: Any) -> Any:
    """An nbconvert exporter using one of the course's templates.

    Args:
        exporter_class: nbconvert's exporter, e.g. ``HTMLExporter`` or ``SlidesExporter``.
        template: a folder in ``course_utils/templates`` (``course_site``, ``course_slides``).
        config: the exporter's ``traitlets.config.Config``.

    Returns:
        The exporter; both templates find ``course_mathjax.html.j2`` (the MathJax configuration).
    """
    return exporter_class(
        config=config,
        template_name=template,
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        extra_template_paths=[str(TEMPLATE_DIR)],  # course_mathjax.html.j2, shared by both
    )
