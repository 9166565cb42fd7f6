"""The check of notebook 1's prediction: the shapes of the windows, before running them."""

import contextlib
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_utils import data
from course_utils.checks import check_window_shapes
from course_utils.checks.window_shapes import SERIES_LENGTH, WINDOW_STEPS


def test_the_right_prediction_passes_and_matches_create_dataset(capsys):
    X, y = data.create_dataset(np.zeros(SERIES_LENGTH), WINDOW_STEPS)
    assert check_window_shapes(X[..., np.newaxis].shape, y.shape) is True
    assert capsys.readouterr().out.startswith("✅ Right: X is (175, 25, 1) and y (175,)")


def test_lists_and_numpy_ints_are_fine(capsys):
    assert check_window_shapes([175, np.int64(25), 1], [175]) is True


def test_placeholders_mean_not_done(capsys):
    assert check_window_shapes(..., ...) is False
    assert check_window_shapes(None, None) is False
    assert capsys.readouterr().out.count("⏳ Not done yet") == 2


@pytest.mark.parametrize(
    ("X_shape", "y_shape", "says"),
    [
        ((175, 25, 1), ..., "⏳ X_shape is right; y_shape is still `...`: predict it too."),
        (..., (175,), "⏳ y_shape is right; X_shape is still `...`: predict it too."),
        ((176, 25, 1), ..., "one sample too many"),
        (..., (175, 1), "Only X gets the extra features axis"),
    ],
)
def test_one_shape_filled_in_is_judged_and_the_other_named(capsys, X_shape, y_shape, says):
    assert check_window_shapes(X_shape, y_shape) is False
    out = capsys.readouterr().out
    assert says in out
    missing = "y_shape" if y_shape is ... else "X_shape"
    assert f"{missing} is still `...`" in out
    assert "(X_shape is right)" not in out


# (X_shape, y_shape, words of the message that names the mistake)
MISTAKES = [
    ((176, 25, 1), (176,), "one sample too many"),
    ((174, 25, 1), (174,), "one sample too few"),
    ((200, 25, 1), (200,), "one sample per value"),
    ((8, 25, 1), (8,), "200 / 25 = 8 counts windows that do not overlap"),
    ((7, 25, 1), (7,), "counts windows that do not overlap, each with its target"),
    ((175, 26, 1), (175,), "its target is the value after it"),
    ((175, 25), (175,), "has one more axis: features"),
    ((175, 1, 25), (175,), "timesteps and features are swapped"),
    ((25, 175, 1), (175,), "samples and timesteps are swapped"),
    ((1, 175, 25), (175,), "one sample holding every window"),
    ((9, 9, 9), (175,), "count each axis"),
    ((175, 25, 1), 175, "write (175,) with a comma"),
    ((175, 25, 1), (175, 1), "Only X gets the extra features axis"),
    ((175, 25, 1), (175, 25), "y is not a window"),
    ((175, 25, 1), (175, 25, 1), "not a window of values"),
    ((175, 25, 1), (200,), "not one per value of the series"),
    ((175, 25, 1), (3,), "one target per sample of X"),
    ("(175, 25, 1)", (175,), "got str"),
    ((175.0, 25, 1), (175,), "whole numbers only"),
]


@pytest.mark.parametrize(("X_shape", "y_shape", "words"), MISTAKES)
def test_each_mistake_gets_its_own_message(capsys, X_shape, y_shape, words):
    assert check_window_shapes(X_shape, y_shape) is False
    out = capsys.readouterr().out
    assert out.startswith("❌") and words in out, out


def test_the_messages_differ():
    messages = set()
    for X_shape, y_shape, _ in MISTAKES:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            check_window_shapes(X_shape, y_shape)
        messages.add(out.getvalue())
    assert len(messages) == len(MISTAKES)


anything = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner, inner),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(anything, anything)
def test_it_never_raises(X_shape, y_shape):
    with contextlib.redirect_stdout(io.StringIO()) as out:
        verdict = check_window_shapes(X_shape, y_shape)
    assert verdict in (True, False)
    assert out.getvalue().startswith(("✅", "❌", "⏳"))
    assert "could not inspect" not in out.getvalue()  # a verdict of its own, not the guard's
