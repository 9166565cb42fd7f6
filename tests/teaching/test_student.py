"""Student copies (course_utils.teaching.student): no solution, no output, and they run unaided."""

import nbformat
import pytest
from course_files import NOTEBOOK_DIR, NOTEBOOKS

from course_utils.teaching import SOLUTION_TAG, make_student_copies


def read(path):
    return nbformat.read(path, as_version=4)


def solution_cells(nb):
    return [c for c in nb.cells if SOLUTION_TAG in c.metadata.get("tags", [])]


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    written = make_student_copies(NOTEBOOKS, out)
    assert [p.name for p in written] == [p.name for p in NOTEBOOKS]
    return out


@pytest.mark.parametrize("src", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_student_copy_has_no_solution_and_no_outputs(student_dir, src):
    original, copy = read(src), read(student_dir / src.name)
    assert solution_cells(copy) == []
    copy_lines = {line.strip() for c in copy.cells for line in c.source.splitlines()}
    exercise_lines = {
        line.strip()
        for c in original.cells
        if SOLUTION_TAG not in c.metadata.get("tags", [])
        for line in c.source.splitlines()
    }
    for cell in solution_cells(original):
        # every line that only a solution has (not the exercise's own `def ...` line) is gone
        for line in cell.source.splitlines():
            if line.strip() and line.strip() not in exercise_lines:
                assert line.strip() not in copy_lines, f"solution line survived: {line!r}"
    kept = [c for c in original.cells if SOLUTION_TAG not in c.metadata.get("tags", [])]
    assert [c.source for c in copy.cells] == [c.source for c in kept], "other cells must stay"
    for cell in copy.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_student_copy_of_a_notebook_with_solutions(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells = [
        nbformat.v4.new_code_cell("def f():\n    raise NotImplementedError"),
        nbformat.v4.new_code_cell(
            "def f():\n    return 42  # the answer",
            metadata={"tags": ["solution"], "jupyter": {"source_hidden": True}},
        ),
        nbformat.v4.new_code_cell("print(1)", execution_count=3, outputs=[]),
    ]
    src = tmp_path / "99_demo.ipynb"
    nbformat.write(nb, src)
    (copy_path,) = make_student_copies([src], tmp_path / "out")
    copy = read(copy_path)
    assert [c.source for c in copy.cells] == ["def f():\n    raise NotImplementedError", "print(1)"]
    assert copy.cells[1].execution_count is None


@pytest.mark.slow
@pytest.mark.parametrize(
    "src", [p for p in NOTEBOOKS if solution_cells(read(p))], ids=lambda p: p.name
)
def test_student_copy_runs_top_to_bottom_with_exercises_unfilled(student_dir, src):
    # Notebooks without solution cells keep exactly the same code in the copy (checked above)
    # and are executed by nbval; the ones with solutions must run without them.
    from course_utils.teaching.execute import run_notebook

    nb = read(student_dir / src.name)
    run_notebook(nb, cwd=NOTEBOOK_DIR, timeout=300)
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"cell {i}: {out.ename}: {out.evalue}"


def test_student_copies_reject_bad_input(tmp_path):
    with pytest.raises(ValueError, match="notebooks must name at least one"):
        make_student_copies([], tmp_path)
    with pytest.raises(ValueError, match=r"must be \.ipynb files"):
        make_student_copies([tmp_path / "notes.txt"], tmp_path)
    with pytest.raises(FileNotFoundError, match="notebook not found"):
        make_student_copies([tmp_path / "missing.ipynb"], tmp_path)


def test_student_copies_never_overwrite_the_originals(tmp_path):
    src = tmp_path / "01_demo.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), src)
    with pytest.raises(ValueError, match="must not be the notebooks' own folder"):
        make_student_copies([src], tmp_path)
    with pytest.raises(TypeError, match="notebooks must be a list of paths"):
        make_student_copies(str(src), tmp_path / "out")
