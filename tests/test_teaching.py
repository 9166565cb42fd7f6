"""Teaching tools: student copies carry no solution and run unaided; slides work offline."""

import html as html_module
import re
from pathlib import Path

import nbformat
import pytest
from course_files import NOTEBOOK_DIR, NOTEBOOKS

from course_utils.teaching import SOLUTION_TAG, build_slides, make_student_copies


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
    from nbclient import NotebookClient

    copy_path = student_dir / src.name
    nb = read(copy_path)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK_DIR)}}
    ).execute()
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


@pytest.fixture(scope="module")
def slides_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    written = build_slides(NOTEBOOKS, out)
    assert [p.name for p in written] == [f"{p.stem}.slides.html" for p in NOTEBOOKS]
    return out


@pytest.mark.slow
@pytest.mark.parametrize("src", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_slides_load_everything_from_local_files(slides_dir, src):
    html = (slides_dir / f"{src.stem}.slides.html").read_text(encoding="utf-8")
    refs = re.findall(r'<(?:script|link|img)[^>]*?(?:src|href)="([^"]+)"', html)
    assert any(r.endswith("reveal.js/dist/reveal.js") for r in refs)
    assert any("mathjax/MathJax.js" in r for r in refs)
    for ref in refs:
        if ref.startswith("data:"):
            continue
        assert not re.match(r"^[a-z]+://|^//", ref), f"deck loads {ref} from the network"
        assert (slides_dir / ref.split("?")[0]).exists(), f"{ref} is missing next to the deck"
    assert "Reveal.initialize" in html


@pytest.mark.slow
@pytest.mark.parametrize("src", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_slides_follow_the_notebook_sections(slides_dir, src):
    nb = read(src)
    n_slides = sum(c.metadata["slideshow"]["slide_type"] == "slide" for c in nb.cells)
    assert n_slides >= 3, "a deck needs a title slide and a slide per section"
    html = (slides_dir / f"{src.stem}.slides.html").read_text(encoding="utf-8")
    # reveal.js nests subslides inside a slide's <section>; top-level ones are the slides
    assert html.count("<section") >= n_slides
    first_title = nb.cells[0].source.splitlines()[0].lstrip("# ").strip()
    assert first_title.split(":")[0] in html


def test_student_copies_never_overwrite_the_originals(tmp_path):
    src = tmp_path / "01_demo.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), src)
    with pytest.raises(ValueError, match="must not be the notebooks' own folder"):
        make_student_copies([src], tmp_path)
    with pytest.raises(TypeError, match="notebooks must be a list of paths"):
        make_student_copies(str(src), tmp_path / "out")


# --- static pages: widgets as their saved outputs, alt texts, the course website ---------------

FIXTURE = Path(__file__).resolve().parent / "browser" / "fixtures" / "figure_alt.ipynb"
PNG = "iVBORw0KGgo="  # the bytes do not matter here


def fixture_alt():
    (out,) = read(FIXTURE).cells[1].outputs
    return out.metadata["image/png"]["alt"]


def test_widget_snapshot_lists_controls_then_text_then_outputs():
    from course_utils.teaching import widget_snapshot

    figure = {
        "output_type": "display_data",
        "data": {"image/png": PNG, "text/plain": "[figure] a wave"},
        "metadata": {"image/png": {"alt": "a wave"}},
    }
    state = {
        "box": {
            "model_name": "VBoxModel",
            "state": {"children": ["IPY_MODEL_s", "IPY_MODEL_h", "IPY_MODEL_o"]},
        },
        "s": {"model_name": "IntSliderModel", "state": {"description": "n_steps", "value": 10}},
        "h": {
            "model_name": "HTMLModel",
            "state": {"description": "", "value": "<code>X: (190, 10)</code>"},
        },
        "o": {"model_name": "OutputModel", "state": {"outputs": [figure]}},
    }
    note, text, out = widget_snapshot("box", state)
    assert "(n_steps = 10)" in note["data"]["text/plain"]
    assert "<code>X: (190, 10)</code>" in text["data"]["text/html"]
    assert out == figure and out is not figure  # a copy: the notebook's state stays as it was
    (only,) = widget_snapshot("missing", state)
    assert "run the notebook in JupyterLab" in only["data"]["text/plain"]
    with pytest.raises(TypeError, match="state must be the saved widget state"):
        widget_snapshot("box", [])


def test_static_pages_show_each_widget_as_its_saved_outputs():
    from course_utils.teaching import WIDGET_VIEW_MIME, for_static_pages

    nb = read(NOTEBOOK_DIR / "01_sequence_data.ipynb")
    page = for_static_pages(nb)
    mimes = [set(o.get("data", {})) for c in page.cells for o in c.get("outputs", [])]
    assert not any(WIDGET_VIEW_MIME in m for m in mimes)
    assert "widgets" not in page.metadata and "widgets" in nb.metadata  # the original untouched
    pngs = sum("image/png" in m for m in mimes)
    stored = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    assert pngs == stored + 1  # the window explorer's figure, drawn when the notebook was saved


def test_static_pages_give_a_png_with_alt_metadata_an_img_alt():
    from course_utils.teaching import for_static_pages

    nb = nbformat.v4.new_notebook()
    out = nbformat.v4.new_output(
        "display_data", data={"image/png": PNG}, metadata={"image/png": {"alt": 'a "wave"'}}
    )
    nb.cells = [nbformat.v4.new_code_cell("show()", outputs=[out])]
    (shown,) = for_static_pages(nb).cells[0].outputs
    assert (
        shown.data["text/html"]
        == f'<img src="data:image/png;base64,{PNG}" alt="a &quot;wave&quot;"/>'
    )


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
    from course_utils.teaching import build_site

    out = tmp_path_factory.mktemp("site")
    written = build_site(NOTEBOOKS, out)
    assert [p.name for p in written] == ["index.html", *(f"{p.stem}.html" for p in NOTEBOOKS)]
    return out


def local_refs(html, folder):
    refs = re.findall(r'<(?:script|link|img|a)\b[^>]*?(?:src|href)="([^"]+)"', html)
    for ref in refs:
        assert not re.match(r"^[a-z]+://|^//", ref), (
            f"the page loads or links {ref} from the network"
        )
        if not ref.startswith(("data:", "#")):
            assert (folder / ref.split("?")[0].split("#")[0]).exists(), f"{ref} is missing"
    return refs


def test_site_index_lists_every_notebook(site_dir):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    refs = local_refs(html, site_dir)
    for src in NOTEBOOKS:
        assert f"{src.stem}.html" in refs
        title = read(src).cells[0].source.splitlines()[0].lstrip("# ").strip()
        assert title in html
    assert "make lab" in html and '<html lang="en">' in html


@pytest.mark.parametrize("src", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_site_page_per_notebook_offline_with_neighbours(site_dir, src):
    html = (site_dir / f"{src.stem}.html").read_text(encoding="utf-8")
    refs = local_refs(html, site_dir)
    assert any(r.startswith("mathjax/MathJax.js") for r in refs)
    i = NOTEBOOKS.index(src)
    neighbours = {
        rel: href for href, rel in re.findall(r'<a href="([^"]+)" rel="(prev|next)"', html)
    }
    expected = {}
    if i > 0:
        expected["prev"] = f"{NOTEBOOKS[i - 1].stem}.html"
    if i + 1 < len(NOTEBOOKS):
        expected["next"] = f"{NOTEBOOKS[i + 1].stem}.html"
    assert neighbours == expected
    assert f"notebooks/{src.name}" in html
    assert "application/vnd.jupyter.widget" not in html and "require.js" not in html


def test_site_and_slides_carry_the_figure_alt_text(tmp_path):
    from course_utils.teaching import build_site

    alt = html_module.escape(fixture_alt(), quote=True)
    _, page = build_site([FIXTURE], tmp_path / "site")
    (deck,) = build_slides([FIXTURE], tmp_path / "slides")
    for path in (page, deck):
        text = path.read_text(encoding="utf-8")
        assert f'alt="{alt}"' in text, f"{path.name} lost the figure's alt text"
        assert "No description has been provided" not in text


def test_site_needs_a_title_cell(tmp_path):
    from course_utils.teaching import build_site

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1 + 1")]
    src = tmp_path / "01_untitled.ipynb"
    nbformat.write(nb, src)
    with pytest.raises(ValueError, match="the first cell must be a Markdown title"):
        build_site([src], tmp_path / "site")
