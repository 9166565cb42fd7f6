"""Hygiene of the stored notebooks: what nbval does not check, but learners and CI rely on."""

import ast
import importlib
import inspect
import re

import nbformat
import pytest
from course_files import NOTEBOOK_DIR, NOTEBOOKS, WIDGET_MIME

from course_utils.plotting import ALT_MIN_CHARS

SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}
#: A figure cell with more lines of figure code than this is "extra code", collapsed.
MAX_FIGURE_LINES = 15


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
                "plotting.show(alt=...) or assign the result"
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


def test_solutions_are_collapsed_source_and_outputs(nb):
    # JupyterLab shows a collapsed solution's stored output right under the exercise unless the
    # output is collapsed too: "Right: X is (175, 25, 1)..." would give the answer away.
    for i, cell in enumerate(nb.cells):
        if "solution" in cell.metadata.get("tags", []):
            jupyter = cell.metadata.get("jupyter", {})
            assert jupyter.get("source_hidden") is True, (
                f"cell {i} is a solution but its code is not collapsed: set "
                "metadata.jupyter.source_hidden to true"
            )
            assert jupyter.get("outputs_hidden") is True, (
                f"cell {i} is a solution but its output is not collapsed: set "
                "metadata.jupyter.outputs_hidden to true (View > Collapse Selected Outputs)"
            )


def figure_outputs(cell):
    return [o for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]


def test_every_figure_has_a_text_alternative(nb):
    for i, cell in enumerate(code_cells(nb)):
        assert "plt.show()" not in cell.source, f"code cell {i}: use plotting.show(alt=...)"
        for out in figure_outputs(cell):
            alt = out.get("metadata", {}).get("image/png", {}).get("alt", "")
            assert len(alt) >= ALT_MIN_CHARS, f"code cell {i} shows a figure without alt text"
            assert out["data"]["text/plain"] == f"[figure] {alt}", f"code cell {i}"
            assert 'alt="' in out["data"]["text/html"], f"code cell {i}"


def test_alt_texts_are_unique_across_the_course():
    seen = {}
    for path in NOTEBOOKS:
        for i, cell in enumerate(code_cells(nbformat.read(path, as_version=4))):
            for out in figure_outputs(cell):
                alt = out["metadata"]["image/png"]["alt"]
                assert alt not in seen, f"{path.name} cell {i} repeats the alt text of {seen[alt]}"
                seen[alt] = f"{path.name} cell {i}"
    assert len(seen) >= len(NOTEBOOKS), "every notebook shows a figure"


def test_long_figure_code_is_extra_code_and_collapsed(nb):
    for i, cell in enumerate(code_cells(nb)):
        if "plotting.show(" not in cell.source:
            continue
        # figure code: from the first line that draws (plt, an Axes, plotting) to the show call
        before_show = cell.source.split("plotting.show(")[0].splitlines()
        draws = re.compile(r"\bplt\.|\bplotting\.|\bfig\b|\b(ax|axes|ax_\w+)\s*[.,=)\[]")
        first = next((n for n, line in enumerate(before_show) if draws.search(line)), 0)
        lines = [line for line in before_show[first:] if line.strip()]
        if len(lines) > MAX_FIGURE_LINES:
            assert cell.source.startswith("# extra code"), (
                f"code cell {i} has {len(lines)} lines of figure code: move it into "
                "course_utils.plotting, or mark it '# extra code' and collapse it"
            )
        if cell.source.startswith("# extra code"):
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, (
                f"code cell {i} is extra code but not collapsed"
            )


def course_utils_calls(source):
    """The course_utils functions and classes a notebook's code calls: {qualified name: object}."""
    tree = ast.parse(source)
    modules, names = {}, {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("course_utils")
        ):
            for alias in node.names:
                module = importlib.import_module(node.module)
                obj = getattr(module, alias.name, None)
                if obj is None:  # a submodule: from course_utils import data
                    obj = importlib.import_module(f"{node.module}.{alias.name}")
                if inspect.ismodule(obj):
                    modules[alias.asname or alias.name] = obj
                else:
                    names[alias.asname or alias.name] = (f"{node.module}.{alias.name}", obj)
    found = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Name) and f.id in names:
            qualified, obj = names[f.id]
            found[qualified] = obj
        elif (
            isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in modules
        ):
            module = modules[f.value.id]
            found[f"{module.__name__}.{f.attr}"] = getattr(module, f.attr)
    return found


def test_every_course_utils_call_says_which_notebook_introduces_it():
    calls = {}
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        source = "\n".join(c.source for c in code_cells(nb))
        calls.update(course_utils_calls(source))
    assert "course_utils.plotting.show" in calls and "course_utils.training.fit_fast" in calls
    for name, obj in calls.items():
        doc = inspect.getdoc(obj) or ""
        assert re.search(r"notebooks? \d", doc), f"{name}'s docstring does not name its notebook"
