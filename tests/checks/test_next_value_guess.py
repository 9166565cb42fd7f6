"""Notebook 5's predict-then-run check: each typical guess gets its own explanation, nothing is
revealed before the learner commits to a number, and no value makes the check raise."""

import contextlib
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from course_utils import checks
from course_utils.checks.next_value_guess import CLOSE, RECIPE_PREDICTION


class FakeModel:
    """Answers ``value`` for any batch of one window, as ``model.predict`` does: shape (1, 1)."""

    def __init__(self, value):
        self.value = value
        self.seen = []

    def predict(self, x, verbose="auto"):
        self.seen.append(np.asarray(x).shape)
        return np.array([[self.value]])

    def __call__(self, x):  # model(x), what the check calls
        return self.predict(x)


class BrokenPredictModel:
    """A model whose every call fails as Keras does after predict saw inputs of another rank."""

    def __call__(self, x):
        raise ValueError("Cannot take the length of shape with unknown rank.")


def verdict(guess, model=None):
    with contextlib.redirect_stdout(io.StringIO()) as out:
        ok = checks.check_recipe_guess(guess, model)
    return ok, out.getvalue()


# Plausible wrong guesses when the model answers about 30, each with the phrase only its own
# message holds.
WRONG_GUESSES = [
    (100, "the rule 'next = last + 1'"),
    (99, "the window's last value"),
    (94.5, "the mean of the window"),
    (97.5, "a near miss"),
    (104, "overshoot 100 a little"),
    (250, "above every target the model trained on"),
    (54.5, "the mean of the 90 targets"),
    (50, "the middle of the sequence 0..99"),
    (0, "before training"),
    (-10, "A negative prediction"),
    (75, "rightly, but it misses by more"),
    (12, "a worse answer than the model gives"),
]


@pytest.mark.parametrize(("guess", "phrase"), WRONG_GUESSES)
def test_each_typical_wrong_guess_gets_its_own_explanation(guess, phrase):
    ok, out = verdict(guess, FakeModel(30.2))
    assert ok is False
    assert out.startswith("❌"), out
    assert phrase in out, out
    assert "The model answers 30," in out, out
    others = [p for g, p in WRONG_GUESSES if g != guess]
    assert not any(p in out for p in others), out


def test_every_wrong_guess_has_a_different_message():
    messages = {verdict(guess, FakeModel(30.2))[1] for guess, _ in WRONG_GUESSES}
    assert len(messages) == len(WRONG_GUESSES)


def test_the_direction_of_the_miss_is_right():
    assert "lower than you said" in verdict(100, FakeModel(30.2))[1]
    assert "higher than you said" in verdict(0, FakeModel(30.2))[1]


@pytest.mark.parametrize("guess", [30, 21, 39.5, np.float32(30.2), np.int64(35), np.array([28.0])])
def test_a_guess_near_the_models_answer_is_told_so(guess):
    ok, out = verdict(guess, FakeModel(30.2))
    assert ok is True
    assert out.startswith("✅ Well predicted"), out


def test_close_means_within_ten():
    assert verdict(30.2 + CLOSE - 0.01, FakeModel(30.2))[0] is True
    assert verdict(30.2 + CLOSE + 0.01, FakeModel(30.2))[0] is False


def test_the_model_is_asked_for_one_window_of_ten_steps():
    model = FakeModel(30.2)
    verdict(100, model)
    assert model.seen == [(1, 10, 1)]


def test_the_answer_comes_from_the_model_given():
    # a model that learned the rule: 100 is now a good prediction, 30 is not
    assert verdict(100, FakeModel(99.9))[0] is True
    ok, out = verdict(30, FakeModel(99.9))
    assert ok is False and "The model answers 100, higher than you said" in out


def test_without_a_model_the_recipes_measured_answer_is_used():
    assert RECIPE_PREDICTION == 30.0
    assert verdict(30)[0] is True
    assert "The model answers 30," in verdict(100)[1]


@pytest.mark.parametrize(
    ("guess", "phrase"),
    [
        (..., "Not done yet"),
        (None, "Not done yet"),
        ("30", "without quotes"),
        ("about thirty", "Write a number"),
        (True, "yes/no value"),
        ([30, 40], "got 2 numbers"),
        (float("nan"), "finite number"),
        (float("inf"), "finite number"),
        (3 + 4j, "complex number"),
        ({"guess": 30}, "got dict"),
    ],
)
def test_nothing_is_revealed_before_the_learner_commits_to_a_number(guess, phrase):
    ok, out = verdict(guess, FakeModel(30.2))
    assert ok is False
    assert phrase in out, out
    assert "answers" not in out and "30." not in out, out


@pytest.mark.parametrize(
    ("model", "phrase"),
    [
        ("my model", "pass the trained model"),
        (FakeModel(float("nan")), "training diverged"),
        (FakeModel([]), "could not predict"),
        (BrokenPredictModel(), "Rebuild the model"),
        (FakeModel, "pass the trained model"),
    ],
)
def test_a_broken_model_argument_is_explained(model, phrase):
    ok, out = verdict(100, model)
    assert ok is False and phrase in out, out


_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.complex_numbers(),
    st.text(max_size=6),
    st.lists(st.floats(), max_size=3),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    hnp.arrays(
        dtype=st.sampled_from(["int64", "float64", "float32", "U3", "bool", "complex128"]),
        shape=hnp.array_shapes(min_dims=0, max_dims=2, max_side=3),
    ),
)


@settings(max_examples=200, deadline=None)
@given(guess=_values, answer=_values)
def test_the_check_never_raises_and_says_one_verdict(guess, answer):
    ok, out = verdict(guess, FakeModel(answer))
    assert ok in (True, False)
    assert out.startswith(("✅", "❌", "⏳")), out
    assert out.count("\n") == 1, out


@settings(max_examples=200, deadline=None)
@given(guess=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6))
def test_every_number_is_compared_with_the_models_answer(guess):
    ok, out = verdict(guess, FakeModel(30.2))
    assert ok is (abs(guess - 30.2) <= CLOSE)
    assert "the model answers 30" in out.lower(), out


def test_a_guess_just_below_100_is_not_called_100():
    ok, out = verdict(99.5, FakeModel(30.2))
    assert ok is False and "a near miss (99.5)" in out and "You predicted 100" not in out, out
