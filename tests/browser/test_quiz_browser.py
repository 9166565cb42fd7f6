"""A quiz in a real JupyterLab, answered with the keyboard alone, as a learner without a mouse.

A small temporary notebook shows notebook 01's quiz; the test picks a wrong option with Space,
moves to "Check answer 1" with Tab and presses Enter, reads the feedback the kernel sends, then
goes back with Shift+Tab to the right option. It also finds every control by the name a screen
reader announces (role and accessible name), and checks that odd text in a number field is
explained.
"""

from __future__ import annotations

import nbformat
from test_jupyterlab import IDLE, SCREENSHOT_DIR, wait_for_kernel

from course_utils.quiz import ChoiceSpec, NumberSpec, load_quiz


def write_notebook(path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)"}
    nb.cells = [nbformat.v4.new_code_cell('from course_utils.quiz import quiz\n\nquiz("01")')]
    nbformat.write(nb, path)


def is_focused(locator) -> bool:
    return locator.evaluate("e => e === document.activeElement")


def press_until_focused(page, key: str, target, limit: int = 12) -> None:
    """Press ``key`` (Tab, Shift+Tab) until ``target`` has the focus, as a keyboard user does."""
    for _ in range(limit):
        if is_focused(target):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{limit} presses of {key} did not reach {target}")


def test_a_quiz_answered_with_the_keyboard(lab, page):
    spec = load_quiz("01")
    first = spec.questions[0]
    assert isinstance(first, ChoiceSpec)
    wrong = next(o for o in first.options if not o.correct)
    right = next(o for o in first.options if o.correct)
    numbers = [n for n, q in enumerate(spec.questions, start=1) if isinstance(q, NumberSpec)]
    write_notebook(lab.root / "quiz_check.ipynb")

    page.goto(lab.url("/lab/tree/quiz_check.ipynb?reset"))
    wait_for_kernel(page)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    panel.get_by_text("Score: 0 of 7").wait_for()
    page.get_by_text(IDLE).wait_for()

    # every control has the name a screen reader announces
    choice_options = [o for q in spec.questions if isinstance(q, ChoiceSpec) for o in q.options]
    assert panel.get_by_role("radio").count() == len(choice_options)
    for option in choice_options:
        assert panel.get_by_role("radio", name=option.text, exact=True).count() == 1
    for n in range(1, len(spec.questions) + 1):
        assert panel.get_by_role("button", name=f"Check answer {n}", exact=True).count() == 1
    for n in numbers:
        assert panel.get_by_role("textbox", name=f"Answer {n}", exact=True).count() == 1

    # a wrong option: Space selects it, Tab reaches the Check button, Enter presses it
    radio = panel.get_by_role("radio", name=wrong.text, exact=True)
    radio.focus()
    page.keyboard.press("Space")
    assert radio.is_checked()
    check = panel.get_by_role("button", name="Check answer 1", exact=True)
    press_until_focused(page, "Tab", check)
    page.keyboard.press("Enter")
    status = panel.get_by_role("status")
    status.filter(has_text="Incorrect.").wait_for()
    assert wrong.feedback.replace("`", "") in status.first.inner_text()
    assert "Score: 0 of 7" in panel.inner_text()

    # back to the right option with Shift+Tab; choosing it clears the old feedback
    radio = panel.get_by_role("radio", name=right.text, exact=True)
    press_until_focused(page, "Shift+Tab", radio)
    page.keyboard.press("Space")
    assert radio.is_checked()
    status.filter(has_text="Incorrect.").wait_for(state="detached")
    press_until_focused(page, "Tab", check)
    page.keyboard.press("Enter")
    status.filter(has_text="Correct.").wait_for()
    panel.get_by_text("Score: 1 of 7").wait_for()

    # text in a number field is explained, not an error
    field = panel.get_by_role("textbox", name=f"Answer {numbers[0]}", exact=True)
    field.focus()
    # One input event, as a paste or an input method gives. Typed key by key at machine speed,
    # the last keys' value waits in ipywidgets' sync throttle (one state message in flight per
    # widget) while the Check click, a custom message, is sent at once and can reach the kernel
    # first: it then judged 'a' and the late value cleared the feedback (seen under load).
    page.keyboard.insert_text("abc")
    press_until_focused(page, "Tab", panel.get_by_role("button", name=f"Check answer {numbers[0]}"))
    page.keyboard.press("Enter")
    status.filter(has_text="'abc' is not a number").wait_for()
    page.get_by_text(IDLE).wait_for()
    errors = panel.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert errors.count() == 0, errors.all_inner_texts()[:3]

    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    panel.get_by_role("button", name="Check answer 1").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOT_DIR / "quiz.png"), full_page=True)
