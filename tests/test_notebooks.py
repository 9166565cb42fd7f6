"""Hygiene of the stored notebooks: what nbval does not check, but learners and CI rely on."""

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def test_the_course_has_notebooks():
    assert NOTEBOOKS, f"no notebooks found in {NOTEBOOK_DIR}"
    assert NOTEBOOKS[0].name == "01_sequence_data.ipynb"


@pytest.fixture(params=NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def nb(request):
    notebook = nbformat.read(request.param, as_version=4)
    nbformat.validate(notebook)
    return notebook


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def test_kernel_is_plain_python3(nb):
    assert nb.metadata.kernelspec.name == "python3"


def test_every_cell_has_slide_metadata(nb):
    for i, cell in enumerate(nb.cells):
        slide_type = cell.metadata.get("slideshow", {}).get("slide_type")
        assert slide_type in SLIDE_TYPES, f"cell {i} has slide_type {slide_type!r}"
    assert nb.cells[0].metadata.slideshow.slide_type == "slide"
    assert nb.cells[0].source.startswith("# "), "the first cell is the notebook's title"


def test_saved_from_one_clean_top_to_bottom_run(nb):
    counts = [c.execution_count for c in code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), f"execution counts {counts}"


def test_first_code_cell_is_the_setup_call(nb):
    assert "setup_notebook(" in code_cells(nb)[0].source


def test_no_errors_stderr_or_object_reprs_in_stored_outputs(nb):
    for i, cell in enumerate(code_cells(nb)):
        for out in cell.outputs:
            assert out.output_type != "error", f"code cell {i} stored an error: {out.get('ename')}"
            if out.output_type == "stream":
                assert out.name == "stdout", f"code cell {i} wrote to stderr: {out.text[:200]!r}"
            text = out.get("data", {}).get("text/plain", "")
            assert not re.search(r"<matplotlib\.\w+.* at 0x", text), (
                f"code cell {i} shows a matplotlib object repr ({text[:80]!r}); end it with "
                "plt.show() or assign the result"
            )


def test_widget_cells_are_excluded_from_output_comparison(nb):
    for i, cell in enumerate(code_cells(nb)):
        shows_widget = any(WIDGET_MIME in out.get("data", {}) for out in cell.outputs)
        if shows_widget:
            assert "nbval-ignore-output" in cell.metadata.get("tags", []), (
                f"code cell {i} displays a widget; tag it nbval-ignore-output"
            )


def test_keras3_idioms(nb):
    for i, cell in enumerate(code_cells(nb)):
        assert "input_shape=" not in cell.source, (
            f"code cell {i} passes input_shape= to a layer; use keras.Input(shape=...) (Keras 3)"
        )
        assert "tensorflow.keras" not in cell.source, f"code cell {i}: use `import keras`"


def test_solutions_are_collapsed(nb):
    for i, cell in enumerate(nb.cells):
        if "solution" in cell.metadata.get("tags", []):
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, (
                f"cell {i} is a solution but not collapsed (metadata.jupyter.source_hidden)"
            )
