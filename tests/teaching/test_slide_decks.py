"""Slide decks (course_utils.teaching.slides): offline, one slide per section."""

import re

import nbformat
import pytest
from course_files import NOTEBOOKS

from course_utils.teaching import build_slides


def read(path):
    return nbformat.read(path, as_version=4)


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
