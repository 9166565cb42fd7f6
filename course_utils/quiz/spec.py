"""Quiz files: their format, validation and the judging of answers (pure functions, no widgets).

A quiz file is ``course_utils/quizzes/NN_*.json``; :func:`load_quiz` reads and validates it,
:func:`judge_choice` and :func:`judge_number` say whether an answer is right and why not.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = [
    "MAX_QUESTIONS",
    "MIN_QUESTIONS",
    "ChoiceSpec",
    "NumberSpec",
    "Option",
    "QuizSpec",
    "judge_choice",
    "judge_number",
    "load_quiz",
    "parse_number",
    "parse_quiz",
    "quiz_files",
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

    ``wrong_values`` holds typical mistakes as ``(value, feedback)`` pairs; ``wrong_tolerances``
    (one per wrong value) says how close an answer must be to get that feedback (the answer's
    ``tolerance`` when the file gives none). Any other wrong value gets ``too_low`` or ``too_high``.
    """

    id: str
    prompt: str
    answer: float
    tolerance: float
    too_low: str
    too_high: str
    wrong_values: tuple[tuple[float, str], ...] = ()
    explanation: str = ""
    wrong_tolerances: tuple[float, ...] = ()

    def wrong_feedback(self, value: float) -> str | None:
        """The feedback of the first typical mistake ``value`` matches, or None.

        Args:
            value: a wrong answer.

        Returns:
            That mistake's feedback, or None when ``value`` is none of them.
        """
        for j, (wrong, feedback) in enumerate(self.wrong_values):
            within = self.wrong_tolerances[j] if j < len(self.wrong_tolerances) else self.tolerance
            if abs(value - wrong) <= within:
                return feedback
        return None


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
    wrong, wrong_tolerances = [], []
    for j, w in enumerate(q.get("wrong_values", [])):
        at = f"{where}.wrong_values[{j}]"
        if not isinstance(w, dict):
            raise ValueError(f"{at} must be an object with value, feedback and maybe tolerance")
        value = _number(w, "value", at)
        within = _number(w, "tolerance", at) if "tolerance" in w else tolerance
        if within <= 0:
            raise ValueError(f"{at}.tolerance must be > 0, got {within}")
        if abs(value - answer) <= max(tolerance, within):
            raise ValueError(f"{at}.value {value} is within the tolerance of the answer")
        wrong.append((value, _text(w, "feedback", at)))
        wrong_tolerances.append(within)
    return NumberSpec(
        q["id"],
        _text(q, "prompt", where),
        answer,
        tolerance,
        _text(q, "too_low", where),
        _text(q, "too_high", where),
        tuple(wrong),
        q["explanation"],
        tuple(wrong_tolerances),
    )


def parse_quiz(data: object) -> QuizSpec:
    """Validate a quiz as read from JSON and return it as a :class:`QuizSpec`.

    Args:
        data: the parsed JSON of a quiz file (an object with ``notebook``, ``title`` and
            ``questions``).

    Returns:
        The validated quiz.

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
        if q.get("kind") == "choice":
            questions.append(_choice(q, where))
        elif q.get("kind") == "number":
            questions.append(_number_question(q, where))
        else:
            raise ValueError(f"{where}.kind must be 'choice' or 'number', got {q.get('kind')!r}")
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        raise ValueError(f"quiz question ids must be unique, got {ids}")
    return QuizSpec(notebook, title, tuple(questions))


def quiz_files() -> list[Any]:
    """The quiz files shipped in the package.

    Returns:
        The ``course_utils/quizzes/*.json`` files as importlib Traversables, sorted by name.
    """
    folder = resources.files("course_utils") / "quizzes"
    return sorted((f for f in folder.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)


def load_quiz(name: str) -> QuizSpec:
    """Read and validate the quiz of one notebook.

    Args:
        name: the notebook's number or file stem: ``"01"`` or ``"01_sequence_data"``.

    Returns:
        The validated quiz.
    """
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
    """Judge the option at ``index`` of a choice question.

    Args:
        spec: the question.
        index: the chosen option's index (from 0), or None when nothing is chosen.

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


# a leading digit 1-9, so "0,545" (a decimal comma) is not read as 545
_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d*)?")


def parse_number(text: str) -> float:
    """Read a learner's number: ``"12"``, ``" -0.5 "``, ``"1e3"``, ``"8,000"`` (thousands).

    Args:
        text: what the learner typed.

    Returns:
        The number.

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
        if s.endswith("%"):
            hint = (
                " Leave out the % sign: type a fraction (0.55) or a percentage (55),"
                " whichever the question asks for."
            )
        if not hint and re.search(r"\d\s*(\*\*|[*/^+-])\s*\d", s):
            hint = " Work it out first and type the result (the field takes no formulas)."
        raise ValueError(f"'{shown}' is not a number. Type digits only, e.g. 12.{hint}") from None
    if not math.isfinite(value):
        raise ValueError(f"'{shown}' is not a finite number. Type digits, e.g. 12.")
    return value


def judge_number(spec: NumberSpec, text: str) -> tuple[bool | None, str]:
    """Judge a learner's typed answer to a numeric question.

    Args:
        spec: the question.
        text: what the learner typed.

    Returns:
        ``(verdict, feedback)`` as :func:`judge_choice` returns them.
    """
    try:
        value = parse_number(text)
    except ValueError as err:
        return None, f"Not checked: {err}"
    if abs(value - spec.answer) <= spec.tolerance:
        return True, f"Correct. {spec.explanation}".strip()
    why = spec.wrong_feedback(value)
    if why is None:
        why = spec.too_high if value > spec.answer else spec.too_low
    return False, f"Incorrect: you entered {value:g}. {why} Try again."
