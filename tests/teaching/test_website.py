"""The course website (course_utils.teaching.website): index, pages, neighbours, offline."""

import html as html_module
import re
from pathlib import Path

import nbformat
import pytest
from course_files import NOTEBOOKS
from test_quiz import hidden_texts

from course_utils.teaching import build_site, build_slides

FIXTURE = Path(__file__).resolve().parents[1] / "browser" / "fixtures" / "figure_alt.ipynb"


def read(path):
    return nbformat.read(path, as_version=4)


def fixture_alt():
    (out,) = read(FIXTURE).cells[1].outputs
    return out.metadata["image/png"]["alt"]


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
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
    alt = html_module.escape(fixture_alt(), quote=True)
    _, page = build_site([FIXTURE], tmp_path / "site")
    (deck,) = build_slides([FIXTURE], tmp_path / "slides")
    for path in (page, deck):
        text = path.read_text(encoding="utf-8")
        assert f'alt="{alt}"' in text, f"{path.name} lost the figure's alt text"
        assert "No description has been provided" not in text


def test_site_needs_a_title_cell(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1 + 1")]
    src = tmp_path / "01_untitled.ipynb"
    nbformat.write(nb, src)
    with pytest.raises(ValueError, match="the first cell must be a Markdown title"):
        build_site([src], tmp_path / "site")


def with_executed_quiz(src, tmp_path):
    """A copy of the notebook ``src`` ending with its quiz cell, run by a real kernel (nbclient),
    so the copy keeps the quiz's output and saved widget state as an executed notebook does."""
    from course_utils.teaching.execute import run_notebook

    nb = read(src)
    number = src.name[:2]
    quiz_nb = nbformat.v4.new_notebook()
    quiz_nb.cells = [
        nbformat.v4.new_code_cell(f'from course_utils.quiz import quiz\n\nquiz("{number}")')
    ]
    run_notebook(quiz_nb, timeout=120)
    state_mime = "application/vnd.jupyter.widget-state+json"
    saved = nb.metadata.setdefault("widgets", {}).setdefault(state_mime, {"state": {}})
    saved["state"].update(quiz_nb.metadata["widgets"][state_mime]["state"])
    cell = quiz_nb.cells[0]
    cell.metadata["slideshow"] = {"slide_type": "slide"}
    nb.cells.append(cell)
    copy = tmp_path / src.name
    nbformat.write(nb, copy)
    return copy


@pytest.mark.slow  # a kernel runs the quiz cell
def test_a_quiz_reads_as_its_questions_on_the_site_and_the_slides(tmp_path):
    from course_utils.quiz import load_quiz

    src = with_executed_quiz(NOTEBOOKS[0], tmp_path)
    spec = load_quiz(src.name[:2])
    _, page = build_site([src], tmp_path / "site")
    (deck,) = build_slides([src], tmp_path / "slides")
    for path in (page, deck):
        text = html_module.unescape(path.read_text(encoding="utf-8"))
        assert "shown here as its text. Run the notebook in JupyterLab to use it." in text
        assert f"Quiz {spec.notebook}: {spec.title}" in text
        for question in spec.questions:
            assert question.prompt in text, f"{path.name} lacks {question.prompt!r}"
        assert [t for t in hidden_texts(spec) if t in text] == [], f"{path.name} shows answers"
        assert "Check answer 1" not in text  # the form's buttons are not drawn


def solution_outputs(src):
    """The first line of text each solution cell of a notebook printed."""
    texts = []
    for cell in read(src).cells:
        if "solution" in cell.metadata.get("tags", []):
            for out in cell.get("outputs", []):
                text = out.get("text") or out.get("data", {}).get("text/plain", "")
                if isinstance(text, str) and text.strip():
                    texts.append(text.strip().splitlines()[0])
    return texts


def assert_only_inside_details(page, text, where, *, may_be_absent=False):
    shown = html_module.escape(text, quote=False)
    starts = [m.start() for m in re.finditer(re.escape(shown), page)]
    assert starts or may_be_absent, f"{where}: the solution's output {text!r} is missing"
    for at in starts:
        opened = page.rfind('<details class="course-solution">', 0, at)
        closed = page.rfind("</details>", 0, at)
        assert opened > closed, f"{where}: the solution's output {text!r} is in plain view"


SOLVED = [p for p in NOTEBOOKS if solution_outputs(p)]


@pytest.mark.parametrize("src", SOLVED, ids=[p.name for p in SOLVED])
def test_solution_outputs_are_folded_on_the_site(site_dir, src):
    page = (site_dir / f"{src.stem}.html").read_text(encoding="utf-8")
    for text in solution_outputs(src):
        assert_only_inside_details(page, text, f"{src.stem}.html")


def test_solution_outputs_are_not_in_plain_view_on_the_slides(tmp_path):
    # solution cells are slide_type "skip" today, so the deck leaves them out; were one shown,
    # its output would have to be folded
    src = next(p for p in SOLVED if p.name.startswith("01_"))
    (deck,) = build_slides([src], tmp_path)
    page = deck.read_text(encoding="utf-8")
    for text in solution_outputs(src):
        assert_only_inside_details(page, text, deck.name, may_be_absent=True)
