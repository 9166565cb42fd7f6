"""Accessibility checks shared by the browser tests: axe-core and a static file server.

axe-core comes bundled with the `axe-playwright-python` package (no download at run time). The
course's content must have no violation whose impact is serious or critical (WCAG 2.1 AA).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

BLOCKING_IMPACTS = ("serious", "critical")
#: What nbconvert writes into an <img> without alt text: it satisfies axe but describes nothing.
NBCONVERT_PLACEHOLDER = "No description has been provided for this image"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


#: Syntax-highlighted code has a <span> per token: thousands a page, in a dozen styles, and
#: axe's colour-contrast rule costs milliseconds per element. Before a scan, the page keeps one
#: token span of each distinct style (colour, size, weight, opacity, background) and turns its
#: twins into plain text (same text, the code block's own colour, which axe checks too): same
#: computed style on the same background, same contrast. (An axe `exclude` is slower still.)
CODE_TOKENS = ".highlight span"
_THIN_OUT_TOKENS = """(selector) => {
    const seen = new Set();
    for (const el of [...document.querySelectorAll(selector)]) {
        const style = getComputedStyle(el);
        let box = el, background = 'rgba(0, 0, 0, 0)';
        while (box && (background = getComputedStyle(box).backgroundColor) === 'rgba(0, 0, 0, 0)') {
            box = box.parentElement;
        }
        const key = [style.color, style.fontSize, style.fontWeight, style.opacity, background];
        if (seen.has(key.join('|'))) {
            el.replaceWith(...el.childNodes);
        } else {
            seen.add(key.join('|'));
        }
    }
    return seen.size;
}"""


def axe_violations(page, context: str | dict | None = None) -> list[dict]:
    """Every axe violation in ``context`` (a selector or an include/exclude dict) of ``page``.

    Code tokens are thinned out first to one per distinct style (see ``CODE_TOKENS``).
    """
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate(_THIN_OUT_TOKENS, CODE_TOKENS)
    options = {"resultTypes": ["violations"], "runOnly": {"type": "tag", "values": WCAG_TAGS}}
    return Axe().run(page, context=context, options=options).response["violations"]


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]


def summary(violations: list[dict], examples: int = 2) -> str:
    """One line per rule: id, impact, how many elements, and the first elements' HTML."""
    lines = []
    for v in violations:
        nodes = v["nodes"]
        html = " | ".join(" ".join(n["html"].split())[:160] for n in nodes[:examples])
        lines.append(f"{v['id']} ({v['impact']}, {len(nodes)} elements): {v['help']}: {html}")
    return "\n".join(lines)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def static_server(root: Path) -> Iterator[str]:
    """Serve the folder ``root`` on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextlib.contextmanager
def built_and_served(build, notebooks: list[Path], out: Path) -> Iterator[str]:
    """``build(notebooks, out)`` (e.g. ``build_site``), then serve ``out``; yields its URL."""
    build(notebooks, out)
    with static_server(out) as url:
        yield url


def images_without_description(page, selector: str) -> list[str]:
    """The ``src`` starts of the images under ``selector`` with no alt text (or nbconvert's)."""
    return page.locator(f"{selector} img").evaluate_all(
        """(imgs, placeholder) => imgs
            .filter(i => {
                const alt = (i.getAttribute('alt') || '').trim();
                return !alt || alt === placeholder;
            })
            .map(i => (i.getAttribute('src') || '').slice(0, 40))""",
        NBCONVERT_PLACEHOLDER,
    )


def failed_responses(page) -> list[str]:
    """A list that fills with every response of ``page`` whose status is 400 or more.

    XHR is left out: the pages make none, but axe-core's CSSOM preload fetches each stylesheet
    again and resolves its ``@import`` against the page instead of the sheet (a 404 that no
    browser rendering the page ever asks for).
    """
    failed: list[str] = []

    def check(response) -> None:
        if response.status >= 400 and response.request.resource_type != "xhr":
            failed.append(f"{response.status} {response.url}")

    page.on("response", check)
    return failed


def wait_for_mathjax(page, timeout_ms: int = 30_000) -> None:
    """Wait until MathJax (if the page loads it) has typeset the page, fonts included."""
    page.wait_for_function(
        """() => new Promise(resolve => {
            const hub = window.MathJax && window.MathJax.Hub;
            if (!hub || !hub.Register) {
                resolve(!document.querySelector('script[src*="MathJax.js"]'));
            } else {  // called at once if start-up has already ended
                hub.Register.StartupHook("End", () => resolve(true));
            }
        })""",
        timeout=timeout_ms,
    )
