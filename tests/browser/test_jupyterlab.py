"""Open each notebook that has widgets in JupyterLab, run it, and move a slider; scan every
notebook's rendered cells with axe-core; check that a figure's text alternative reaches the reader.

What nbval cannot see: that the widgets actually render in the browser a learner uses, that moving
a slider redraws what it drives, and that what JupyterLab shows is accessible (WCAG 2.1 AA: no
serious or critical axe violation in the course's cells; JupyterLab's own interface is reported
in build/accessibility/, not judged).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from a11y import axe_violations, blocking, summary
from course_files import NOTEBOOKS, REPO, notebooks_with_sliders

SCREENSHOT_DIR = REPO / "build" / "screenshots"
REPORT_DIR = REPO / "build" / "accessibility"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "figure_alt.ipynb"
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
# The course's content: the notebook's cells as rendered. The code editor (its syntax colours are
# JupyterLab's theme) and the In/Out prompts are JupyterLab's interface, reported separately.
# Violations on two parts of ipywidgets' own controls (WIDGET_CONTROLS) are judged apart: they
# carry known defects of ipywidgets 8 that the course cannot fix from Python.
WIDGET_CONTROLS = [".widget-slider .noUi-handle", ".widget-play button"]
NOT_CONTENT = [[".jp-InputArea-editor"], [".jp-InputPrompt"], [".jp-OutputPrompt"]]
CELLS = {"include": [[f"{PANEL} .jp-Notebook .jp-Cell"]], "exclude": NOT_CONTENT}
#: After a run, only the cells showing a live widget render differently from the saved notebook
#: (scanned as saved first): the other outputs are new copies of the same kinds of output.
WIDGET_CELLS = {
    "include": [[f"{PANEL} .jp-Notebook .jp-Cell:has(.jupyter-widgets)"]],
    "exclude": NOT_CONTENT,
}
#: What axe reports on those controls (upstream ipywidgets 8.1): a slider's handle has no
#: accessible name (its visible description is not tied to it), and the Play widget's buttons
#: are icons without text. A screen reader announces "slider, 10" and "button". Any other
#: violation there fails the test.
KNOWN_WIDGET_DEFECTS = {"aria-input-field-name", "button-name"}

IDLE = re.compile(r"Python 3 \(ipykernel\) \| Idle")

WIDGET_NOTEBOOKS = [p.name for p in notebooks_with_sliders()]  # a quiz alone has no slider
ALL_NOTEBOOKS = [p.name for p in NOTEBOOKS]


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


def open_notebook(lab, page, path: str) -> None:
    """Open ``path`` (under the server's root) alone, wait for its kernel and its cells."""
    page.goto(lab.url(f"/lab/tree/{path}?reset"))  # a fresh layout: only this one
    wait_for_kernel(page)
    wait_for_cells(page)


def wait_for_cells(page) -> None:
    """Wait until the current notebook shows every one of its cells and their outputs."""
    page.wait_for_function(
        """(panel) => {
            const widget = window.jupyterapp.shell.currentWidget;
            if (!widget || !widget.content || !widget.content.model) return false;
            const cells = [...widget.content.model.cells];
            // a collapsed output (a solution's: metadata.jupyter.outputs_hidden) is not drawn
            const shownOutputs = (c) => {
                const hidden = (c.getMetadata('jupyter') || {}).outputs_hidden;
                return c.outputs && !hidden ? c.outputs.length : 0;
            };
            const outputs = cells.reduce((n, c) => n + shownOutputs(c), 0);
            const shown = document.querySelectorAll(panel + ' .jp-Notebook .jp-Cell').length;
            const areas = document.querySelectorAll(panel + ' .jp-OutputArea-child').length;
            return shown === cells.length && areas >= outputs;
        }""",
        arg=PANEL,
    )


def cell_problems(page, what: str, cells: dict = CELLS) -> list[str]:
    """Blocking axe violations in the current notebook's ``cells``, except the known defects of
    the widgets' controls (written to build/accessibility/); one axe run."""
    found = blocking(axe_violations(page, cells))
    is_control = page.evaluate(
        """([found, selectors]) => found.map(v => v.nodes.map(n => {
            const el = document.querySelector(n.target[n.target.length - 1]);
            return !!el && selectors.some(s => el.matches(s));
        }))""",
        [found, WIDGET_CONTROLS],
    )
    cells, controls = [], []
    for violation, flags in zip(found, is_control, strict=True):
        own = [n for n, flag in zip(violation["nodes"], flags, strict=True) if not flag]
        theirs = [n for n, flag in zip(violation["nodes"], flags, strict=True) if flag]
        if own:
            cells.append({**violation, "nodes": own})
        if theirs:
            controls.append({**violation, "nodes": theirs})
    problems = [f"{what}:\n{summary(cells)}"] if cells else []
    if controls:
        REPORT_DIR.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"\W+", "_", what).strip("_")
        (REPORT_DIR / f"widget-controls_{name}.txt").write_text(summary(controls, 3) + "\n")
        unknown = [v for v in controls if v["id"] not in KNOWN_WIDGET_DEFECTS]
        if unknown:
            problems.append(f"{what}, widget controls:\n{summary(unknown)}")
    return problems


def assert_cells_accessible(page, what: str) -> None:
    problems = cell_problems(page, what)
    assert problems == [], "\n".join(problems)


def test_saved_outputs_have_no_serious_violation(lab, page):
    """The notebooks without widgets as a fresh clone opens them (untrusted, outputs as saved),
    in one page; the widget notebooks are scanned the same way in the slider test."""
    problems = []
    for i, name in enumerate(n for n in ALL_NOTEBOOKS if n not in WIDGET_NOTEBOOKS):
        if i == 0:
            open_notebook(lab, page, f"notebooks/{name}")
        else:  # the next ones in the same page, without waiting for their kernels
            page.evaluate(
                """async (path) => {
                    const app = window.jupyterapp;
                    const widget = await app.commands.execute('docmanager:open', {path});
                    await widget.context.ready;
                }""",
                f"notebooks/{name}",
            )
            wait_for_cells(page)
        problems += cell_problems(page, f"{name}, saved outputs")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("name", WIDGET_NOTEBOOKS)
def test_notebook_runs_and_its_slider_redraws(lab, page, name):
    open_notebook(lab, page, f"notebooks/{name}")
    saved = cell_problems(page, f"{name}, saved outputs")  # judged at the end, with the rest

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
    assert page.locator(f"{PANEL} .jp-Cell:has(.jupyter-widgets)").count() >= 1
    live = cell_problems(page, f"{name}, live widgets after the run", WIDGET_CELLS)
    assert saved + live == [], "\n".join(saved + live)


def cell_trusted(page) -> list[bool]:
    return page.evaluate(
        """() => [...window.jupyterapp.shell.currentWidget.content.model.cells]
            .filter(c => c.type === 'code').map(c => c.trusted)"""
    )


def test_figure_alt_text_reaches_the_reader_saved_and_live(lab, page):
    """A figure shown by plotting.show: JupyterLab renders its <img> with the alt text both from
    the saved notebook (untrusted, as in a fresh clone) and when the cell runs (trusted)."""
    nb = json.loads(FIXTURE.read_text(encoding="utf-8"))
    (alt,) = [o["metadata"]["image/png"]["alt"] for c in nb["cells"] for o in c.get("outputs", [])]
    open_notebook(lab, page, f"fixtures/{FIXTURE.name}")
    panel = page.locator(PANEL)
    figure = panel.locator(".jp-OutputArea-output img")
    assert cell_trusted(page) == [False]
    assert figure.count() == 1 and figure.get_attribute("alt") == alt

    REPORT_DIR.mkdir(parents=True, exist_ok=True)  # JupyterLab's own interface, for the record
    interface = axe_violations(page)
    (REPORT_DIR / "jupyterlab-interface.txt").write_text(summary(interface, 3) + "\n")

    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(
        "() => [...window.jupyterapp.shell.currentWidget.content.model.cells]"
        ".every(c => c.type !== 'code' || c.executionCount === 1)"
    )
    page.get_by_text(IDLE).wait_for()
    assert cell_trusted(page) == [True]
    assert figure.count() == 1 and figure.get_attribute("alt") == alt
    assert_cells_accessible(page, "a figure made by plotting.show, run live")


def test_a_solution_shows_neither_its_code_nor_its_output(lab, page):
    """A solution cell (metadata.jupyter source_hidden and outputs_hidden) opens folded: its
    stored output, which states the answer, is not in view until the learner expands it."""
    open_notebook(lab, page, "notebooks/01_sequence_data.ipynb")
    answer = page.locator(PANEL).get_by_text("Right: X is (175, 25, 1)")
    assert answer.count() == 1, "the solution's stored output should be in the page, folded"
    assert not answer.is_visible(), "the solution's output is in plain view"
    folded = page.evaluate(
        """() => [...window.jupyterapp.shell.currentWidget.content.widgets]
            .filter(w => (w.model.getMetadata('tags') || []).includes('solution'))
            .map(w => [w.inputHidden, w.outputHidden])"""
    )
    assert folded and all(code and output for code, output in folded), folded
