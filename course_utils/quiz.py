"""End-of-notebook quizzes: questions with feedback on every wrong answer, as an ipywidgets form.

A notebook shows its quiz with one call, ``quiz("01")``. The questions live in
``course_utils/quizzes/NN_*.json`` (shipped with the package), so the answers are neither in the
notebook's source nor in its stored outputs: the widgets hold the questions and options only, and
the feedback is computed in the kernel when the learner presses a "Check" button.

Two kinds of question:

- ``"choice"``: options, exactly one ``"correct": true``; every other option has a
  ``"feedback"`` that says why it is wrong.
- ``"number"``: an ``"answer"`` with a ``"tolerance"`` (> 0), ``"too_low"`` / ``"too_high"``
  feedback, and optional ``"wrong_values"``: typical mistakes, each with its own feedback.

Both may have an ``"explanation"``, shown once the question is answered correctly. In texts,
```backticks``` mark code. Drive a quiz from code as the tests do::

    q = quiz("01")
    q.questions[0].choose(2)        # an option's index (from 0) or its text
    q.questions[0].check()          # True, False, or None (nothing to check yet)
    q.questions[0].feedback         # the feedback line as plain text
    q.questions[2].enter("190")     # a number question's text field
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import ipywidgets as widgets

__all__ = [
    "ChoiceQuestion",
    "ChoiceSpec",
    "NumberQuestion",
    "NumberSpec",
    "Option",
    "Quiz",
    "QuizSpec",
    "judge_choice",
    "judge_number",
    "load_quiz",
    "parse_number",
    "parse_quiz",
    "quiz",
    "quiz_files",
    "quiz_text",
]

MIN_QUESTIONS, MAX_QUESTIONS = 5, 8


@dataclass(frozen=True)
class Option:
    """One option of a choice question; ``feedback`` is empty for the correct one."""

    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class ChoiceSpec:
    """A single-choice question: exactly one of ``options`` is correct."""

    id: str
    prompt: str
    options: tuple[Option, ...]
    explanation: str = ""


@dataclass(frozen=True)
class NumberSpec:
    """A numeric question: right when ``|value - answer| <= tolerance``.

    ``wrong_values`` holds typical mistakes as ``(value, feedback)`` pairs, matched with the same
    tolerance; any other wrong value gets ``too_low`` or ``too_high``.
    """

    id: str
    prompt: str
    answer: float
    tolerance: float
    too_low: str
    too_high: str
    wrong_values: tuple[tuple[float, str], ...] = ()
    explanation: str = ""


@dataclass(frozen=True)
class QuizSpec:
    """A notebook's quiz: ``notebook`` is its number (``"01"``), ``questions`` 5 to 8 specs."""

    notebook: str
    title: str
    questions: tuple[ChoiceSpec | NumberSpec, ...]


# --- reading and validating quiz files ---------------------------------------------------------


def _text(d: dict, key: str, where: str, *, required: bool = True) -> str:
    value = d.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValueError(f"{where}.{key} must be a non-empty string, got {value!r}")
    return value.strip()


def _number(d: dict, key: str, where: str) -> float:
    value = d.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{where}.{key} must be a finite number, got {value!r}")
    return float(value)


def _choice(q: dict, where: str) -> ChoiceSpec:
    raw = q.get("options")
    if not isinstance(raw, list) or len(raw) < 2:
        raise ValueError(f"{where}.options must be a list of at least 2 options")
    options = []
    for j, o in enumerate(raw):
        at = f"{where}.options[{j}]"
        if not isinstance(o, dict):
            raise ValueError(f"{at} must be an object with text, correct, feedback")
        correct = o.get("correct", False)
        if not isinstance(correct, bool):
            raise ValueError(f"{at}.correct must be true or false, got {correct!r}")
        if correct and o.get("feedback"):
            raise ValueError(f"{at} is correct: put its text in the question's explanation")
        feedback = "" if correct else _text(o, "feedback", at)  # why this option is wrong
        options.append(Option(_text(o, "text", at), correct, feedback))
    if sum(o.correct for o in options) != 1:
        raise ValueError(f"{where} must have exactly one correct option")
    if len({o.text for o in options}) != len(options):
        raise ValueError(f"{where}.options must have distinct texts")
    return ChoiceSpec(q["id"], _text(q, "prompt", where), tuple(options), q["explanation"])


def _number_question(q: dict, where: str) -> NumberSpec:
    answer, tolerance = _number(q, "answer", where), _number(q, "tolerance", where)
    if tolerance <= 0:
        raise ValueError(f"{where}.tolerance must be > 0, got {tolerance}")
    if not isinstance(q.get("wrong_values", []), list):
        raise ValueError(f"{where}.wrong_values must be a list of {{value, feedback}} objects")
    wrong = []
    for j, w in enumerate(q.get("wrong_values", [])):
        at = f"{where}.wrong_values[{j}]"
        if not isinstance(w, dict):
            raise ValueError(f"{at} must be an object with value and feedback")
        value = _number(w, "value", at)
        if abs(value - answer) <= tolerance:
            raise ValueError(f"{at}.value {value} is within the tolerance of the answer")
        wrong.append((value, _text(w, "feedback", at)))
    return NumberSpec(
        q["id"],
        _text(q, "prompt", where),
        answer,
        tolerance,
        _text(q, "too_low", where),
        _text(q, "too_high", where),
        tuple(wrong),
        q["explanation"],
    )


def parse_quiz(data: object) -> QuizSpec:
    """Validate a quiz as read from JSON and return it as a :class:`QuizSpec`.

    Raises:
        ValueError: naming the field at fault (``questions[2].options[1].feedback ...``) when the
            quiz breaks a rule: 5-8 questions, unique ids, one correct option per choice
            question, feedback on every wrong option, a positive tolerance, ...
    """
    if not isinstance(data, dict):
        raise ValueError(f"a quiz must be a JSON object, got {type(data).__name__}")
    notebook, title = _text(data, "notebook", "quiz"), _text(data, "title", "quiz")
    raw = data.get("questions")
    if not isinstance(raw, list) or not MIN_QUESTIONS <= len(raw) <= MAX_QUESTIONS:
        count = len(raw) if isinstance(raw, list) else raw
        raise ValueError(
            f"quiz.questions must hold {MIN_QUESTIONS} to {MAX_QUESTIONS}, got {count}"
        )
    questions: list[ChoiceSpec | NumberSpec] = []
    for i, q in enumerate(raw):
        where = f"questions[{i}]"
        if not isinstance(q, dict):
            raise ValueError(f"{where} must be an object")
        q = {**q, "id": _text(q, "id", where)}
        q["explanation"] = _text(q, "explanation", where, required=False)
        kinds = {"choice": _choice, "number": _number_question}
        if not isinstance(q.get("kind"), str) or q["kind"] not in kinds:
            raise ValueError(f"{where}.kind must be 'choice' or 'number', got {q.get('kind')!r}")
        questions.append(kinds[q["kind"]](q, where))
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        raise ValueError(f"quiz question ids must be unique, got {ids}")
    return QuizSpec(notebook, title, tuple(questions))


def quiz_files() -> list[Any]:
    """The quiz files shipped in ``course_utils/quizzes/``, sorted by name (Traversables)."""
    folder = resources.files("course_utils") / "quizzes"
    return sorted((f for f in folder.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)


def load_quiz(name: str) -> QuizSpec:
    """Read and validate the quiz of notebook ``name``: ``"01"`` or ``"01_sequence_data"``."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a string like '01', got {type(name).__name__}")
    files = quiz_files()
    found = [f for f in files if f.name == f"{name}.json" or f.name.startswith(f"{name}_")]
    if len(found) != 1:
        known = ", ".join(f.name.removesuffix(".json") for f in files)
        raise ValueError(f"name must name one quiz ({known}), got {name!r}")
    return parse_quiz(json.loads(found[0].read_text(encoding="utf-8")))


# --- judging answers (pure functions: the widgets only display what these return) ---------------


def judge_choice(spec: ChoiceSpec, index: int | None) -> tuple[bool | None, str]:
    """Judge the option at ``index`` (from 0; None: nothing chosen).

    Returns:
        ``(verdict, feedback)``: verdict True (right), False (wrong) or None (nothing to judge);
        feedback says so in words (text with ```code``` marks, as in the quiz file).
    """
    if index is None or not 0 <= index < len(spec.options):
        return None, "Not checked yet: choose an option, then press Check."
    option = spec.options[index]
    if option.correct:
        return True, f"Correct. {spec.explanation}".strip()
    return False, f"Incorrect. {option.feedback} Try another option."


_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")


def parse_number(text: str) -> float:
    """Read a learner's number: ``"12"``, ``" -0.5 "``, ``"1e3"``, ``"8,000"`` (thousands).

    Raises:
        ValueError: with a message for the learner when ``text`` is not one finite number.
    """
    s = text.strip().replace("\u2212", "-")  # a typographic minus sign
    shown = s if len(s) <= 30 else s[:30] + "..."
    if not s:
        raise ValueError("the answer field is empty. Type a number, for example 12.")
    if _THOUSANDS.fullmatch(s):
        s = s.replace(",", "")
    try:
        value = float(s)
    except ValueError:
        hint = " Use a dot for decimals (0.5)." if "," in s else ""
        raise ValueError(f"'{shown}' is not a number. Type digits only, e.g. 12.{hint}") from None
    if not math.isfinite(value):
        raise ValueError(f"'{shown}' is not a finite number. Type digits, e.g. 12.")
    return value


def judge_number(spec: NumberSpec, text: str) -> tuple[bool | None, str]:
    """Judge a learner's typed answer; returns ``(verdict, feedback)`` as :func:`judge_choice`."""
    try:
        value = parse_number(text)
    except ValueError as err:
        return None, f"Not checked: {err}"
    if abs(value - spec.answer) <= spec.tolerance:
        return True, f"Correct. {spec.explanation}".strip()
    why = next((f for v, f in spec.wrong_values if abs(value - v) <= spec.tolerance), None)
    if why is None:
        why = spec.too_high if value > spec.answer else spec.too_low
    return False, f"Incorrect: you entered {value:g}. {why} Try again."


# --- the widgets -------------------------------------------------------------------------------


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
        """Judge the current answer and show the feedback; returns the verdict (None: not yet)."""
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
    """A choice question: radio buttons (reachable with Tab, chosen with Space)."""

    def __init__(self, spec: ChoiceSpec, number: int, total: int) -> None:
        labels = [o.text for o in spec.options]
        radios = widgets.RadioButtons(options=labels, value=None, layout={"width": "auto"})
        super().__init__(spec, number, total, radios)

    def choose(self, option: int | str) -> None:
        """Select an option by its index (from 0) or its text, as a click would."""
        labels = list(self.control.options)
        if isinstance(option, str):
            if option not in labels:
                raise ValueError(f"option must be one of {labels}, got {option!r}")
            option = labels.index(option)
        if isinstance(option, bool) or not isinstance(option, int):
            raise TypeError(f"option must be an index or an option's text, got {option!r}")
        if not 0 <= option < len(labels):
            raise ValueError(f"option must be between 0 and {len(labels) - 1}, got {option}")
        self.control.index = option

    def _judge(self) -> tuple[bool | None, str]:
        return judge_choice(self.spec, self.control.index)


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
        """Type ``text`` into the answer field, as a learner would."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a string, got {type(text).__name__}")
        self.control.value = text

    def _judge(self) -> tuple[bool | None, str]:
        return judge_number(self.spec, self.control.value)


def quiz_text(spec: QuizSpec) -> str:
    """The quiz as plain text: questions and options, never an answer or a feedback."""
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
    """A whole quiz: a title, the questions (``.questions``) and a score line (``.score``)."""

    def __init__(self, spec: QuizSpec) -> None:
        if not isinstance(spec, QuizSpec):
            raise TypeError(f"spec must be a QuizSpec (see load_quiz), got {type(spec).__name__}")
        self.spec = spec
        total = len(spec.questions)
        self.questions: list[ChoiceQuestion | NumberQuestion] = [
            ChoiceQuestion(q, n, total)
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
        """The score line as plain text."""
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
        return quiz_text(self.spec)


def quiz(name: str) -> Quiz:
    """The quiz of notebook ``name`` (``"01"``) as a widget: end a notebook cell with it."""
    return Quiz(load_quiz(name))
