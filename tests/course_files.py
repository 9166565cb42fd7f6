"""The one list of the course's notebooks that every test uses (importable: pyproject's pythonpath).

A new notebook ``notebooks/NN_name.ipynb`` joins every test (hygiene, alt texts, student copies,
slides, browser) by existing.
"""

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = REPO / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def is_quiz_cell(cell: dict) -> bool:
    """A notebook's end-of-notebook quiz cell (``quiz("NN")``), tested on its own."""
    source = cell.get("source", "")
    return "quiz(" in ("".join(source) if isinstance(source, list) else source)


def notebooks_with_widgets() -> list[Path]:
    """The notebooks whose stored outputs display an explorer widget (a quiz does not count)."""
    found = []
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        outputs = [o for c in nb["cells"] if not is_quiz_cell(c) for o in c.get("outputs", [])]
        if any(WIDGET_MIME in o.get("data", {}) for o in outputs):
            found.append(path)
    return found


def notebooks_with_sliders() -> list[Path]:
    """The notebooks whose stored widget state holds a slider (a quiz alone has none)."""
    found = []
    for path in notebooks_with_widgets():
        nb = json.loads(path.read_text(encoding="utf-8"))
        state = nb["metadata"].get("widgets", {}).get(WIDGET_STATE, {})
        models = [m.get("model_name", "") for m in state.get("state", {}).values()]
        if any(name.endswith("SliderModel") for name in models):
            found.append(path)
    return found


def stored_text(path: Path) -> str:
    """Everything a notebook's code cells printed (stream outputs), as stored, one string."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join(
        "".join(out.get("text", ""))
        for cell in nb["cells"]
        if cell["cell_type"] == "code"
        for out in cell.get("outputs", [])
        if out["output_type"] == "stream"
    )
