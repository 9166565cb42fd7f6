"""Open each notebook that has a slider in JupyterLab, run it, and move the slider.

What nbval cannot see: that the widgets actually render in the browser a learner uses, and that
moving a slider redraws what it drives.
"""

from __future__ import annotations

import re

import pytest
from course_files import REPO, notebooks_with_sliders

SCREENSHOT_DIR = REPO / "build" / "screenshots"
IDLE = re.compile(r"Python 3 \(ipykernel\) \| Idle")

WIDGET_NOTEBOOKS = [p.name for p in notebooks_with_sliders()]  # a quiz alone has no slider


def test_the_course_has_widget_notebooks():
    assert "01_sequence_data.ipynb" in WIDGET_NOTEBOOKS


def widget_state(cell) -> tuple[str, str]:
    """What a slider drives, in that cell: (the widget outputs' text, their images)."""
    imgs = cell.locator(".widget-output img")
    srcs = [imgs.nth(i).get_attribute("src") or "" for i in range(imgs.count())]
    texts = cell.locator(".widget-output, .widget-html").all_inner_texts()
    return "\n".join(texts), "\n".join(srcs)


def wait_for_kernel(page, timeout_s: float = 90) -> None:
    """Wait until the status bar (not the toolbar, which says idle too early) reads Idle.

    On a loaded machine JupyterLab sometimes asks which kernel to use instead of starting the
    notebook's own; a learner would accept the proposed Python 3, and so does this.
    """
    waited = 0.0
    while waited < timeout_s:
        if page.get_by_text(IDLE).count():
            return
        dialog = page.locator(".jp-Dialog")
        if dialog.count() and "Select Kernel" in dialog.first.inner_text():
            dialog.get_by_role("button", name="Select", exact=True).click()
        page.wait_for_timeout(250)
        waited += 0.25
    raise TimeoutError(f"the kernel was not idle after {timeout_s} s")


@pytest.mark.parametrize("name", WIDGET_NOTEBOOKS)
def test_notebook_runs_and_its_slider_redraws(lab, page, name):
    page.goto(lab.url(f"/lab/tree/notebooks/{name}?reset"))  # a fresh layout: only this one
    wait_for_kernel(page)

    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    # every code cell gets an execution count, none is left running
    # every code cell of this notebook has an execution count (read from the notebook model,
    # which also covers cells whose source is collapsed)
    try:
        page.wait_for_function(
            """() => {
                const panel = window.jupyterapp.shell.currentWidget;
                const cells = [...panel.content.model.cells].filter(c => c.type === 'code');
                return cells.length > 0 && cells.every(c => c.executionCount !== null);
            }""",
            timeout=120_000,
        )
    except Exception:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT_DIR / f"FAILED_{name.removesuffix('.ipynb')}.png"))
        counts = page.evaluate(
            """() => [...window.jupyterapp.shell.currentWidget.content.model.cells]
                .filter(c => c.type === 'code').map(c => c.executionCount)"""
        )
        pytest.fail(f"not every cell ran: execution counts {counts}")
    page.get_by_text(IDLE).wait_for()

    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    errors = panel.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert errors.count() == 0, errors.all_inner_texts()[:3]
    assert page.get_by_text("Error displaying widget").count() == 0

    sliders = panel.locator(".widget-slider")
    assert sliders.count() >= 1, "no slider rendered"
    cell = panel.locator(".jp-CodeCell", has=page.locator(".widget-slider")).first
    cell.scroll_into_view_if_needed()
    cell.locator(".widget-output img").first.wait_for()
    before = widget_state(cell)

    handle = cell.locator(".widget-slider .noUi-handle").first
    value_before = handle.get_attribute("aria-valuenow")
    handle.focus()
    handle.press("ArrowRight")
    page.wait_for_function(
        "([h, v]) => h.getAttribute('aria-valuenow') !== v",
        arg=[handle.element_handle(), value_before],
    )
    # the kernel redraws: both the text and the figure must change (the text arrives first)
    waited, after = 0, widget_state(cell)
    while (after[0] == before[0] or after[1] == before[1]) and waited < 30_000:
        page.wait_for_timeout(250)
        waited += 250
        after = widget_state(cell)
    page.get_by_text(IDLE).wait_for()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    (SCREENSHOT_DIR / f"FAILED_{name.removesuffix('.ipynb')}.png").unlink(missing_ok=True)
    cell.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOT_DIR / f"{name.removesuffix('.ipynb')}.png"))
    assert after[0] != before[0], "moving the slider did not change the widget's text"
    assert after[1] != before[1], "moving the slider did not redraw the widget's figure"
