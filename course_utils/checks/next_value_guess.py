"""Notebook 5's "predict, then run": a guess of what the raw recipe answers for [90..99].

Before the cell that shows the trained model's prediction, the learner writes down a number. The
check compares it with what the model answers and explains the reasoning behind typical guesses
(100 from the rule, 99 from the last value, the mean of the targets, ...). It reveals nothing
while the guess is still the placeholder or is not a number.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from course_utils.checks.framework import exercise, fail, is_placeholder, not_done, passed
from course_utils.checks.next_value_model import rebuild_hint

__all__ = ["RECIPE_PREDICTION", "check_recipe_guess"]

#: What the textbook recipe (raw integers, 600 Adam steps) answers for [90..99], when no model is
#: given: 29.7 to 30.3 over seeds 1-5 (``benchmarks/exercise.py``; ``tests/test_claims.py``).
RECIPE_PREDICTION = 30.0
#: A guess within this distance of the model's answer counts as a good prediction.
CLOSE = 10.0
WINDOW = np.arange(90, 100, dtype=np.float32)


def _as_number(guess: object) -> float:
    """The guess as a float, or :func:`fail` with what to write instead (revealing nothing)."""
    if isinstance(guess, bool | np.bool_):
        fail(f"{guess} is a yes/no value, not a prediction. Write a number: my_guess = 42.0")
    if isinstance(guess, str):
        try:
            float(guess)
        except ValueError:
            fail(f"my_guess is the text {guess!r}. Write a number, such as my_guess = 42.0")
        fail(f"my_guess is the text {guess!r}: write the number without quotes.")
    if isinstance(guess, numbers.Complex) and not isinstance(guess, numbers.Real):
        fail(f"{guess} is a complex number; write a real number, such as my_guess = 42.0")
    if isinstance(guess, numbers.Real):
        value = float(guess)
    else:
        try:
            arr = np.asarray(guess, dtype=np.float64)
        except (TypeError, ValueError):
            fail(f"my_guess should be one number, got {type(guess).__name__}.")
        if arr.size != 1:
            fail(f"my_guess should be one number, got {arr.size} numbers (shape {arr.shape}).")
        value = float(arr.reshape(-1)[0])
    if not math.isfinite(value):
        fail(f"my_guess is {value}; write a finite number.")
    return value


def _model_answer(model: object) -> float:
    """The model's prediction for [90..99], or :data:`RECIPE_PREDICTION` without a model."""
    if model is None:
        return RECIPE_PREDICTION
    if not callable(model) or isinstance(model, type):
        fail(f"pass the trained model as the second argument, got {type(model).__name__}.")
    try:  # model(x), not model.predict: see reference_predict_next
        answer = float(np.asarray(model(WINDOW.reshape(1, -1, 1))).reshape(-1)[0])
    except Exception as err:  # a model of another shape, or no model at all
        fail(
            f"the model could not predict [90..99] ({type(err).__name__}: {err})."
            f"{rebuild_hint(err)}"
        )
    if not math.isfinite(answer):
        fail(f"the model answers {answer} for [90..99]: its training diverged.")
    return answer


def _verdict(guess: float, answer: float) -> str:
    """The explanation of a guess that is not within :data:`CLOSE` of the model's answer."""
    direction = "lower" if answer < guess else "higher"
    said = f"The model answers {answer:.0f}, {direction} than you said."
    if abs(guess - 100) < 0.25:
        return (
            "You predicted 100: what the rule 'next = last + 1' says, and what a model that had "
            f"learned the rule would answer. {said} Keep two questions in mind for the next "
            "sections: what do inputs as large as 90 to 99 do to tanh (notebook 2), and how "
            "far can 600 small optimizer steps move the output?"
        )
    if abs(guess - 99) < 0.25:
        return (
            "You predicted 99, the window's last value, as if the model had learned to copy its "
            f"input: a common weakness of forecasters. {said} Repeating the input is not what "
            "went wrong here."
        )
    if abs(guess - 94.5) <= 0.5:
        return (
            f"You predicted 94.5, the mean of the window, as if the model averaged its inputs. "
            f"{said} A trained output is made from the targets it saw, not from the window's "
            "average."
        )
    if 95 <= guess < 100:
        return (
            f"You expected a near miss ({guess:g}), as if the model had learned the rule up to a "
            f"little round-off. {said} Small errors come from a model that works; look for "
            "what stops this one."
        )
    if 100 < guess <= 110:
        return (
            f"You expected the model to overshoot 100 a little ({guess:g}). {said} A trained "
            "output starts near 0 and climbs towards its targets: ask how far it got."
        )
    if guess > 110:
        return (
            f"{guess:g} is above every target the model trained on (the largest is 99), and "
            f"training pulls the output towards the targets. {said}"
        )
    if abs(guess - 54.5) <= 1:
        return (
            "You predicted the mean of the 90 targets (54.5): the best single answer for a "
            f"model that cannot tell the windows apart. Good thinking about the symptom. {said} "
            "The sections below measure how far its output could climb in 600 steps."
        )
    if abs(guess - 49.5) <= 1:
        return (
            "You predicted the middle of the sequence 0..99, as if the model fell back on an "
            f"average of what it saw. {said} Its targets run from 10 to 99; what held its "
            "output back is in the next sections."
        )
    if abs(guess) <= 1:
        return (
            "You predicted 0, roughly what the model answered before training (its output "
            f"starts near 0). Training did move it. {said}"
        )
    if guess < 0:
        return (
            f"A negative prediction ({guess:g}): every target is between 10 and 99, and training "
            f"pushes the output up towards them. {said}"
        )
    if guess > answer:
        return (
            f"You expected the model to miss ({guess:g}), rightly, but it misses by more. {said} "
            "The next sections show what held it back."
        )
    return (
        f"You expected a worse answer than the model gives ({guess:g}). {said} It does follow "
        "the first windows (targets 10 to 29); the next cells show what it does after that."
    )


@exercise("recipe_guess", notebook=5)
def check_recipe_guess(guess: object, model: object = None) -> bool:
    """Predict, then run: compare a guess for [90..99] with what ``model`` answers, and explain.

    A placeholder (``...``) or a value that is not one number gets a verdict that reveals
    nothing. A number within :data:`CLOSE` of the model's answer passes; any other number gets an
    explanation of the reasoning behind it (100: the rule; 99: the last value; 54.5: the mean of
    the targets; ...) and the model's answer. Introduced in notebook 5.

    Args:
        guess: the learner's prediction, one number.
        model: the trained model, called (``model(x)``) on ``[[90], ..., [99]]`` with shape
            ``(1, 10, 1)``; None
            compares with :data:`RECIPE_PREDICTION`, the recipe's measured answer.

    Returns:
        True if the guess is within :data:`CLOSE` of the model's answer; the verdict is printed.
    """
    if is_placeholder(guess):
        not_done()
    value = _as_number(guess)
    answer = _model_answer(model)
    if abs(value - answer) <= CLOSE:
        return passed(
            f"Well predicted: you said {value:g}, and the model answers {answer:.0f}. The next "
            "sections measure what decides that number."
        )
    fail(_verdict(value, answer))
