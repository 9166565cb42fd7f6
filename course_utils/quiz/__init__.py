"""End-of-notebook quizzes: questions with feedback on every wrong answer, as an ipywidgets form.

A notebook shows its quiz with one call, ``quiz("01")``. The questions live in
``course_utils/quizzes/NN_*.json`` (shipped with the package), so the answers are neither in the
notebook's source nor in its stored outputs: the widgets hold the questions and options only, and
the feedback is computed in the kernel when the learner presses a "Check" button.

Two kinds of question:

- ``"choice"``: options, exactly one ``"correct": true``; every other option has a
  ``"feedback"`` that says why it is wrong.
- ``"number"``: an ``"answer"`` with a ``"tolerance"`` (> 0), ``"too_low"`` / ``"too_high"``
  feedback, and optional ``"wrong_values"``: typical mistakes, each with its own feedback and
  optionally its own ``"tolerance"`` (how close counts as that mistake; the answer's otherwise).

Both may have an ``"explanation"``, shown once the question is answered correctly. The widget
shows a choice question's options in a fresh random order each time it is built, so the position
of the right option gives nothing away; ``choose(i)`` takes ``i`` in the file's order. In texts,
```backticks``` mark code. Drive a quiz from code as the tests do::

    q = quiz("01")
    q.questions[0].choose(2)        # an option's index in the file (from 0) or its text
    q.questions[0].check()          # True, False, or None (nothing to check yet)
    q.questions[0].feedback         # the feedback line as plain text
    q.questions[2].enter("190")     # a number question's text field

The package holds two modules: :mod:`course_utils.quiz.spec` (the file format, validation and the
judging of answers) and :mod:`course_utils.quiz.widget` (the form).
"""

from course_utils.quiz.spec import (
    MAX_QUESTIONS,
    MIN_QUESTIONS,
    ChoiceSpec,
    NumberSpec,
    Option,
    QuizSpec,
    judge_choice,
    judge_number,
    load_quiz,
    parse_number,
    parse_quiz,
    quiz_files,
)
from course_utils.quiz.widget import ChoiceQuestion, NumberQuestion, Quiz, quiz, quiz_text

__all__ = [
    "MAX_QUESTIONS",
    "MIN_QUESTIONS",
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
