"""The quiz as an ipywidgets form: one block per question, a Check button, feedback, a score."""

from __future__ import annotations

import html
import random
import re
from typing import Any

import ipywidgets as widgets

from course_utils.quiz.spec import (
    ChoiceSpec,
    NumberSpec,
    QuizSpec,
    judge_choice,
    judge_number,
    load_quiz,
)

__all__ = ["ChoiceQuestion", "NumberQuestion", "Quiz", "quiz", "quiz_text"]


def _html(text: str) -> str:
    """Escape ``text`` for HTML and show ```code``` spans as ``<code>``."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


_VERDICT = re.compile(r"^(Correct\.|Incorrect[.:]|Not checked( yet)?:)")
_BLOCK = '<div style="line-height: 1.4; margin: 4px 0"{}>{}</div>'  # ipywidgets' default: 28px


class _Question(widgets.VBox):
    """The parts both question kinds share: prompt, control, Check button, feedback line."""

    def __init__(
        self, spec: ChoiceSpec | NumberSpec, number: int, total: int, control: widgets.DOMWidget
    ) -> None:
        self.spec = spec
        self.verdict: bool | None = None  # of the last check
        self.solved = False  # answered correctly at least once
        self.feedback = ""
        self.on_checked = lambda: None  # the quiz updates its score line
        self.control = control
        self.button = widgets.Button(description=f"Check answer {number}")
        self.button.on_click(lambda _button: self.check())
        self.feedback_line = widgets.HTML(layout=widgets.Layout(min_height="1.6em"))
        control.observe(lambda _change: self._show(None, ""), names="value")
        heading = _BLOCK.format("", f"<b>Question {number} of {total}.</b> {_html(spec.prompt)}")
        parts = [widgets.HTML(heading), control, self.button, self.feedback_line]
        super().__init__(parts, layout={"margin": "0 0 12px 0"})

    def check(self) -> bool | None:
        """Judge the current answer and show the feedback.

        Returns:
            True (right), False (wrong) or None (nothing to judge yet).
        """
        verdict, feedback = self._judge()
        self._show(verdict, feedback)
        self.solved = self.solved or verdict is True
        self.on_checked()
        return verdict

    def _show(self, verdict: bool | None, feedback: str) -> None:
        self.verdict, self.feedback = verdict, feedback.replace("`", "")  # plain text
        # role="status" lets screen readers announce the new text; the words say right/wrong
        text = _VERDICT.sub(r"<b>\1</b>", _html(feedback))  # the verdict word in bold
        self.feedback_line.value = _BLOCK.format(' role="status"', text) if feedback else ""

    def _judge(self) -> tuple[bool | None, str]:
        raise NotImplementedError


class ChoiceQuestion(_Question):
    """A choice question: radio buttons (reachable with Tab, chosen with Space).

    The options are shown in a random order (``shuffle=True``, a fresh ``random.Random()`` so
    the notebook's seeded generators neither fix nor feel it): the right option's place in the
    quiz file gives nothing away. ``order[i]`` is the file index of the option shown at ``i``.
    """

    def __init__(self, spec: ChoiceSpec, number: int, total: int, shuffle: bool = True) -> None:
        self.order = list(range(len(spec.options)))
        if shuffle:
            random.Random().shuffle(self.order)  # its own generator, seeded from the OS
        labels = [spec.options[i].text for i in self.order]
        radios = widgets.RadioButtons(options=labels, value=None, layout={"width": "auto"})
        super().__init__(spec, number, total, radios)

    def choose(self, option: int | str) -> None:
        """Select an option, as a click would.

        Args:
            option: the option's index in the quiz file (from 0, whatever the display order)
                or its text.
        """
        labels = [o.text for o in self.spec.options]  # type: ignore[union-attr]
        if isinstance(option, str):
            if option not in labels:
                raise ValueError(f"option must be one of {labels}, got {option!r}")
            option = labels.index(option)
        if isinstance(option, bool) or not isinstance(option, int):
            raise TypeError(f"option must be an index or an option's text, got {option!r}")
        if not 0 <= option < len(labels):
            raise ValueError(f"option must be between 0 and {len(labels) - 1}, got {option}")
        self.control.index = self.order.index(option)

    def _judge(self) -> tuple[bool | None, str]:
        assert isinstance(self.spec, ChoiceSpec)
        shown = self.control.index
        return judge_choice(self.spec, None if shown is None else self.order[shown])


class NumberQuestion(_Question):
    """A numeric question: a labelled text field (any text; odd input gets an explanation)."""

    def __init__(self, spec: NumberSpec, number: int, total: int) -> None:
        field = widgets.Text(
            description=f"Answer {number}",
            placeholder="a number",
            style={"description_width": "initial"},
        )
        super().__init__(spec, number, total, field)

    def enter(self, text: str) -> None:
        """Type into the answer field, as a learner would.

        Args:
            text: what to type.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a string, got {type(text).__name__}")
        self.control.value = text

    def _judge(self) -> tuple[bool | None, str]:
        assert isinstance(self.spec, NumberSpec)
        return judge_number(self.spec, self.control.value)


def quiz_text(spec: QuizSpec) -> str:
    """The quiz as plain text, for a saved notebook or a static page.

    Args:
        spec: the quiz.

    Returns:
        Its title, questions and options, never an answer or a feedback.
    """
    lines = [f"Quiz {spec.notebook}: {spec.title} ({len(spec.questions)} questions)."]
    lines.append("Run this cell in JupyterLab to answer them and get feedback.")
    for n, q in enumerate(spec.questions, start=1):
        lines += ["", f"{n}. {q.prompt}"]
        if isinstance(q, ChoiceSpec):
            lines += [f"   ( ) {o.text}" for o in q.options]
        else:
            lines.append("   Answer: ____ (a number)")
    return "\n".join(lines)


class Quiz(widgets.VBox):
    """A whole quiz: a title, the questions (``.questions``) and a score line (``.score``).

    ``shuffle`` shows each choice question's options in a fresh random order (the default).
    """

    def __init__(self, spec: QuizSpec, shuffle: bool = True) -> None:
        if not isinstance(spec, QuizSpec):
            raise TypeError(f"spec must be a QuizSpec (see load_quiz), got {type(spec).__name__}")
        self.spec = spec
        total = len(spec.questions)
        self.questions: list[ChoiceQuestion | NumberQuestion] = [
            ChoiceQuestion(q, n, total, shuffle=shuffle)
            if isinstance(q, ChoiceSpec)
            else NumberQuestion(q, n, total)
            for n, q in enumerate(spec.questions, start=1)
        ]
        self.score_line = widgets.HTML()
        for question in self.questions:
            question.on_checked = self._update_score
        self._update_score()
        title = widgets.HTML(f"<h3>Quiz: {_html(spec.title)}</h3>")
        super().__init__([title, *self.questions, self.score_line])

    @property
    def score(self) -> str:
        """The score line.

        Returns:
            It as plain text, e.g. ``"Score: 2 of 7 questions answered correctly so far."``.
        """
        return html.unescape(re.sub(r"<[^>]+>", "", self.score_line.value))

    def _update_score(self) -> None:
        solved = sum(q.solved for q in self.questions)
        text = f"Score: {solved} of {len(self.questions)} questions answered correctly"
        done = ". All done." if solved == len(self.questions) else " so far."
        self.score_line.value = f"<b>{text}</b>{done}"

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        # What a saved notebook or a static page shows without a live kernel (not truncated).
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = quiz_text(self.spec)
        return bundle

    def __repr__(self) -> str:
        """The plain-text listing of :func:`quiz_text` (questions and options, no answers)."""
        return quiz_text(self.spec)


def quiz(name: str) -> Quiz:
    """The quiz of one notebook, as a widget: end the notebook's last cell with it.

    Introduced in every notebook's last section (``quiz("01")`` in notebook 01, and so on).

    Args:
        name: the notebook's number or file stem, e.g. ``"01"``.

    Returns:
        The quiz widget.
    """
    return Quiz(load_quiz(name))
