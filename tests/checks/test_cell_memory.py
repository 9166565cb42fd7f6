"""The check of notebook 2's prediction: how much of a pulse the 1-unit cell keeps 10 steps on."""

import contextlib
import io
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_utils import data, rnn
from course_utils.checks import check_pulse_prediction
from course_utils.checks.cell_memory import pulse_memory


def test_the_truth_is_what_the_cell_computes():
    x = data.pulse_input(30, start=3, length=3)
    h = rnn.one_unit_rnn(x, w_xh=1.0, w_hh=0.95, b_h=0.0)
    h_end, h_later, fraction = pulse_memory()
    assert (h_end, h_later) == (h[4], h[14])  # t = 5 and t = 15, counted from 1
    assert fraction == pytest.approx(0.2756, abs=1e-4)
    assert fraction < 0.95**10 - 0.3  # well below the linear estimate: the lesson holds


@pytest.mark.parametrize("guess", [0.28, 0.25, 0.3, np.float32(0.27)])
def test_a_good_prediction_passes_and_explains(capsys, guess):
    assert check_pulse_prediction(guess) is True
    out = capsys.readouterr().out
    assert out.startswith("✅ Good prediction: 28% is left") and "0.95^10 = 0.60" in out


# (prediction, words of the message that names the mistake)
MISTAKES = [
    (0.6, "is the linear estimate w_hh^10 = 0.95^10 = 0.60"),
    (9.5, "is w_hh · 10"),
    (28, "if you mean 28%, write 0.28"),
    (250, "would mean h grew"),
    (-0.3, "h changed sign"),
    (1, "nothing lost?"),
    (0.95, "what one silent step keeps"),
    (0.5, "takes away 5% of the start at each step"),
    (0, "what w_hh = 0.5 gives"),
    (0.4, "too high: less than 40% of h_5 survives the 10 silent steps"),
    (0.1, "too low: more than 10% of h_5 survives the 10 silent steps"),
    (0.35, "too high: less than 35% of h_5 survives"),
    ("0.3", "got str"),
    (math.nan, "a finite number"),
    (True, "got bool"),
]


@pytest.mark.parametrize(("guess", "words"), MISTAKES)
def test_each_mistake_gets_its_own_message(capsys, guess, words):
    assert check_pulse_prediction(guess) is False
    out = capsys.readouterr().out
    assert out.startswith("❌") and words in out, out


def test_the_messages_differ():
    messages = set()
    for guess, _ in MISTAKES:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            check_pulse_prediction(guess)
        messages.add(out.getvalue())
    assert len(messages) == len(MISTAKES)


def test_a_placeholder_means_not_done(capsys):
    assert check_pulse_prediction(...) is False
    assert capsys.readouterr().out.startswith("⏳ Not done yet")


@settings(max_examples=200, deadline=None)
@given(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=5)
    | st.lists(st.floats(), max_size=3)
    | st.complex_numbers()
)
def test_it_never_raises(guess):
    with contextlib.redirect_stdout(io.StringIO()) as out:
        verdict = check_pulse_prediction(guess)
    assert verdict in (True, False)
    assert out.getvalue().startswith(("✅", "❌", "⏳"))
    assert "could not inspect" not in out.getvalue()
