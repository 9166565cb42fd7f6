"""The check of notebook 7's exercise: a guess, then the cycle naive forecasts of test windows."""

import contextlib
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_utils import forecast
from course_utils.checks import check_cycle_naive
from course_utils.checks.cycle_naive import GUESSES, cycle_naive_setting

SETTING = cycle_naive_setting()
X, TRUTH, MEAN, STD = SETTING["X"], SETTING["truth"], SETTING["mean"], SETTING["std"]


def verdict(guess, forecasts):
    with contextlib.redirect_stdout(io.StringIO()) as out:
        ok = check_cycle_naive(guess, forecasts)
    return ok, out.getvalue()


def test_the_setting_is_the_notebooks_test_windows():
    _, spots = forecast.load_sunspots()
    test = spots[262:]  # the notebook's split: 216 training, 46 validation, 47 test years
    assert X.shape == (35, 12) and list(SETTING["years"][[0, -1]]) == [1974, 2008]
    np.testing.assert_array_equal(X, forecast.make_windows(test, 12)[0])
    np.testing.assert_array_equal(SETTING["answer"], test[1:36])  # 11 years before each target
    assert SETTING["mae"]["last value"] == pytest.approx(23.92, abs=0.01)
    assert SETTING["mae"]["cycle naive"] == pytest.approx(23.83, abs=0.01)


@pytest.mark.parametrize("guess", GUESSES)
def test_the_right_forecasts_pass_and_the_guess_is_compared(guess):
    ok, out = verdict(guess, X[:, -11])
    assert ok is True
    assert out.startswith("✅ Right: X[:, -11] is 11 years before each target.")
    assert "cycle naive 23.8, last value 23.9 sunspots: about the same" in out
    said = "as you predicted" if guess == "about the same" else f"you predicted {guess!r}"
    assert f"({said})" in out


def test_equivalent_answers_pass():
    z = (X - MEAN) / STD
    for answer in [
        z[:, -11] * STD + MEAN,  # unscaled from the standardised windows
        X[:, 1],
        list(X[:, -11]),
        X[:, -11:-10],  # shape (35, 1)
        forecast.seasonal_naive(X, 11),
    ]:
        assert verdict(" Cycle naive", answer)[0] is True


def test_placeholders_mean_not_done_and_the_guess_comes_first():
    assert verdict(..., ...) == (False, verdict(None, None)[1])
    assert verdict(..., ...)[1].startswith("⏳ Not done yet")
    assert verdict("last value", ...)[1].startswith("⏳ Not done yet")
    ok, out = verdict(..., X[:, -11])
    assert ok is False and "write down your guess first" in out


# (guess, forecasts, words of the message that names the mistake)
MISTAKES = [
    ("about the same", (X[:, -11] - MEAN) / STD, "standardised values"),
    ("about the same", X[:, -12], "the window's first year, 12 years before the target"),
    ("about the same", X[:, -10], "X[:, -10] is 10 years before the target"),
    ("about the same", X[:, -1], "that is the last value forecast"),
    ("about the same", (X[:, -1] - MEAN) / STD, "one cycle back. Also, these are standardised"),
    ("about the same", TRUTH, "the targets themselves"),
    ("about the same", (TRUTH - MEAN) / STD, "the standardised targets"),
    ("about the same", X.mean(axis=1), "each window's mean"),
    ("about the same", TRUTH - X[:, -11], "errors (truth - forecast)"),
    ("about the same", np.abs(TRUTH - X[:, -11]), "absolute errors"),
    ("about the same", np.sort(X[:, -11]), "another order"),
    ("about the same", np.round(X[:, -11]), "the right column, X[:, -11], but rounded to whole"),
    ("cycle naive", X[:, -11].astype(int), "X[:, -11], but cast to int"),
    ("about the same", X, "the test windows themselves, shape (35, 12)"),
    ("about the same", 23.83, "23.8 is the MAE itself"),
    ("about the same", 5.0, "not one number"),
    ("about the same", np.ones(47), "one value per year of the test part"),
    ("about the same", np.ones(36), "the targets are test[12:]"),
    ("about the same", np.ones(34), "the validation windows"),
    ("about the same", np.ones(204), "the training windows"),
    ("about the same", np.ones(297), "the windows of the whole series"),
    ("about the same", np.full(35, np.nan), "NaN or infinite"),
    ("about the same", X[:, -11] + 1, "11 years before that is 1963, with 27.9 sunspots"),
    ("about the same", "X[:, -11]", "got str"),
    ("about the same", np.ones((35, 2)), "should have shape (35,)"),
    ("soon", X[:, -11], "write your guess as one of"),
]


@pytest.mark.parametrize(("guess", "forecasts", "words"), MISTAKES)
def test_each_mistake_gets_its_own_message(guess, forecasts, words):
    ok, out = verdict(guess, forecasts)
    assert ok is False
    assert out.startswith("❌") and words in out, out


def test_the_messages_differ():
    messages = {verdict(guess, forecasts)[1] for guess, forecasts, _ in MISTAKES}
    assert len(messages) == len(MISTAKES)


anything = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=5)
    | st.just(...)
    | st.sampled_from(GUESSES)
    | st.builds(np.full, st.sampled_from([35, (35, 1), (35, 12), 47]), st.floats()),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(anything, anything)
def test_it_never_raises(guess, forecasts):
    ok, out = verdict(guess, forecasts)
    assert ok in (True, False)
    assert out.startswith(("✅", "❌", "⏳"))
    assert "could not inspect" not in out  # a verdict of its own, not the guard's
