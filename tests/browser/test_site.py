"""The course website (`make site`) in a real Chromium.

The site is built here from the stored notebooks, with the function `make site` calls, and served
from 127.0.0.1. The test starts at the index and follows every link; on every page no request may
leave the machine or fail, every image needs a text alternative and axe-core may find no serious
or critical violation. Screenshots land in build/screenshots/.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urldefrag, urljoin

import a11y
import pytest

from course_utils.teaching import build_site

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SCREENSHOT_DIR = REPO / "build" / "screenshots"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with a11y.built_and_served(build_site, NOTEBOOKS, tmp_path_factory.mktemp("site")) as url:
        yield url


def test_site_follows_every_link_offline_with_no_serious_violation(site, page, blocked_requests):
    failed = a11y.failed_responses(page)
    to_visit, visited, problems = [f"{site}/index.html"], [], []
    ids: dict[str, set[str]] = {}  # page -> the ids of its elements, for links to #fragments
    anchors: list[tuple[str, str, str]] = []  # (from page, to page, #fragment)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    while to_visit:
        url = to_visit.pop(0)
        if url in visited:
            continue
        visited.append(url)
        page.goto(url)
        a11y.wait_for_mathjax(page)
        name = url.rsplit("/", 1)[-1]
        assert page.title(), f"{name} has no <title>"
        assert page.locator(".MathJax_Error, .merror").count() == 0, f"{name}: MathJax error"
        ids[url] = set(page.locator("[id]").evaluate_all("els => els.map(e => e.id)"))
        for src in a11y.images_without_description(page, "main"):
            problems.append(f"{name}: an image without a description ({src}...)")
        for href in page.locator("a[href]").evaluate_all("els => els.map(e => e.href)"):
            target, fragment = urldefrag(urljoin(url, href))
            if not target.startswith(site):
                problems.append(f"{name} links outside the site: {href}")
            elif target.endswith(".html"):
                to_visit.append(target)
                if fragment:
                    anchors.append((name, target, fragment))
        found = a11y.blocking(a11y.axe_violations(page))
        if found:
            problems.append(f"{name}:\n{a11y.summary(found)}")
        page.screenshot(path=str(SCREENSHOT_DIR / f"site_{name.removesuffix('.html')}.png"))
    for name, target, fragment in anchors:
        if fragment not in ids.get(target, set()):
            problems.append(f"{name} links to {target}#{fragment}, which has no such id")

    names = sorted(u.rsplit("/", 1)[-1] for u in visited)
    assert names == sorted(["index.html", *(p.stem + ".html" for p in NOTEBOOKS)])
    assert blocked_requests == [], f"requests to other hosts: {blocked_requests}"
    assert failed == [], f"failed requests: {failed}"
    assert problems == [], "\n".join(problems)
