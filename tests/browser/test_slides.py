"""The slide decks (`make slides`) in a real Chromium: offline, and accessible.

The decks are built here from the stored notebooks, with the function `make slides` calls, and
served from 127.0.0.1. reveal.js's scroll view lays out every slide at once and ``fragments=false``
shows every fragment, so axe-core sees the whole deck in one scan.
"""

from __future__ import annotations

from pathlib import Path

import a11y
import pytest

from course_utils.teaching import build_slides

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def slides(tmp_path_factory):
    with a11y.built_and_served(build_slides, NOTEBOOKS, tmp_path_factory.mktemp("slides")) as url:
        yield url


@pytest.mark.parametrize("src", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_slide_deck_offline_with_no_serious_violation(slides, page, blocked_requests, src):
    failed = a11y.failed_responses(page)
    page.goto(f"{slides}/{src.stem}.slides.html?view=scroll&fragments=false")
    a11y.wait_for_mathjax(page)
    assert page.locator(".reveal .slides section").count() >= 3
    assert page.locator(".MathJax_Error, .merror").count() == 0
    missing = a11y.images_without_description(page, ".reveal")
    assert missing == [], f"{len(missing)} images without a description"
    found = a11y.blocking(a11y.axe_violations(page, ".reveal .slides"))
    assert blocked_requests == [], f"requests to other hosts: {blocked_requests}"
    assert failed == [], f"failed requests: {failed}"
    assert found == [], a11y.summary(found)
