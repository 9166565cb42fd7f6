"""The self-check of notebook 3's exercise: dL/dw_hh by hand, one unit over three steps.

Each wrong answer below is written the way a learner would write it (not taken from the
checker's own list), and must get its own message.
"""

import contextlib
import io

import numpy as np
import pytest
from hypothesis import given, settings
from odd_answers import ODD_VALUES

from course_utils.checks import check_bptt_by_hand
from course_utils.checks.bptt_by_hand import _cases, bptt_one_unit, tape_dL_dw_hh


def learner(
    *,
    keep=(3, 2, 1),
    sign=1.0,
    loss_factor=1.0,
    with_loss=True,
    slope=lambda h, a: 1 - h**2,
    chain_slope=True,
    chain_weight=True,
    back_propagate=True,
    factor="h_prev",
    slope_step=0,
    local_step=None,
    chain_step=None,
):
    """A learner's my_dL_dw_hh, written step by step, with one switch per classic mistake."""

    def my_dL_dw_hh(x, h_0, w_xh, w_hh, b_h, y):
        h, a = [h_0], [np.nan]
        for x_t in x:
            a.append(w_xh * x_t + w_hh * h[-1] + b_h)
            h.append(np.tanh(a[-1]))
        dL_dh = sign * loss_factor * (h[3] - y) if with_loss else 1.0
        total = 0.0
        for t in (3, 2, 1):
            s = slope(h[t + slope_step], a[t + slope_step])
            local = s if local_step is None else slope(h[t + local_step], a[t + local_step])
            carry = s if chain_step is None else slope(h[t + chain_step], a[t + chain_step])
            inp = {"h_prev": h[t - 1], "h_t": h[t], "x_t": x[t - 1]}[factor]
            if t in keep:
                total += dL_dh * local * inp
            if back_propagate:
                dL_dh = dL_dh * (carry if chain_slope else 1.0) * (w_hh if chain_weight else 1.0)
        return total

    return my_dL_dw_hh


def test_the_right_answer_passes_and_equals_the_tape(capsys):
    assert check_bptt_by_hand(learner()) is True
    assert capsys.readouterr().out.startswith("✅ Correct!")
    for _name, args in _cases():
        assert bptt_one_unit(**args) == pytest.approx(tape_dL_dw_hh(**args), rel=1e-12)


def test_a_float32_or_one_element_array_is_fine(capsys):
    right = learner()
    assert check_bptt_by_hand(lambda **a: np.float32(right(**a))) is True
    assert check_bptt_by_hand(lambda **a: np.array([right(**a)])) is True
    assert check_bptt_by_hand(lambda **a: [right(**a)]) is True


def test_not_implemented_means_not_done_yet(capsys):
    def todo(x, h_0, w_xh, w_hh, b_h, y):
        raise NotImplementedError

    assert check_bptt_by_hand(todo) is False
    assert capsys.readouterr().out.startswith("⏳ Not done yet")


WRONG = {
    "only the last step": (learner(keep=(3,)), "you kept only the last step's term"),
    "steps 3 and 2 only": (learner(keep=(3, 2)), "the term of step 1 is missing"),
    "sign error": (learner(sign=-1.0), "the sign is flipped"),
    "the 2 of the square": (learner(loss_factor=2.0), "twice the right one"),
    "no loss derivative": (learner(with_loss=False), "you computed dh_3/dw_hh"),
    "no tanh' at all": (learner(slope=lambda h, a: 1.0), "tanh' is missing everywhere"),
    "no tanh' on the way back": (learner(chain_slope=False), "earlier states tanh' is missing"),
    "no w_hh on the way back": (learner(chain_weight=False), "on the way back w_hh is missing"),
    "no path through earlier states": (
        learner(back_propagate=False),
        "the path through the earlier states is missing",
    ),
    "h_t instead of h_(t-1)": (learner(factor="h_t"), "each term multiplies by h_t"),
    "x_t: that is dL/dw_xh": (learner(factor="x_t"), "that is dL/dw_xh"),
    "tanh' of the step before": (learner(slope_step=-1), "tanh' is taken at the wrong step"),
    "tanh' of the step before, on the way back only": (
        learner(chain_step=-1),
        "on the way back the slope is one step off",
    ),
    "tanh' of the step before, in the local term only": (
        learner(local_step=-1),
        "the local term's slope is one step off",
    ),
    "tanh applied twice": (
        learner(slope=lambda h, a: 1 - np.tanh(h) ** 2),
        "tanh is applied twice",
    ),
    "1 - h instead of 1 - h**2": (learner(slope=lambda h, a: 1 - h), "the square is missing"),
    "1 - a**2 instead of 1 - h**2": (
        learner(slope=lambda h, a: 1 - a**2),
        "not the pre-activation a_t",
    ),
}


@pytest.mark.parametrize("case", WRONG)
def test_each_classic_mistake_gets_its_own_message(case, capsys):
    fn, message = WRONG[case]
    assert check_bptt_by_hand(fn) is False
    out = capsys.readouterr().out
    assert out.startswith("❌") and message in out, out
    others = [m for c, (_f, m) in WRONG.items() if c != case]
    assert not any(m in out for m in others), f"{case} got another mistake's message: {out}"


def test_other_wrong_answers_are_explained(capsys):
    right = learner()
    cases = [
        (lambda x, h_0, w_xh, w_hh, b_h, y: None, "returns None"),
        (lambda x, h_0, w_xh, w_hh, b_h, y: "0.05", "not a str"),
        (lambda x, h_0, w_xh, w_hh, b_h, y: {"dL": 1.0}, "got a dict"),
        (3, "not an int"),
        (lambda x, h_0, w_xh, w_hh, b_h, y: [1.0, 2.0, 3.0], "you returned 3 numbers"),
        (lambda x, h_0, w_xh, w_hh, b_h, y: float("nan"), "division by zero"),
        (lambda x, h_0, w_xh, w_hh, b_h, y: {}["h"], "raised KeyError"),
        (lambda x, h_0, w_xh, w_hh, b_h, y: right(x, h_0, w_xh, w_hh, b_h, y) + 0.1, "Print"),
        (lambda x, h, a, b, c, d: 0.0, "Keep the parameter names"),
        (lambda x, h_0, w_xh, w_hh, b_h, y: 0.05330213496058864, "typing it in"),
        ("my_dL_dw_hh", "pass your function itself"),
    ]
    for fn, message in cases:
        assert check_bptt_by_hand(fn) is False
        out = capsys.readouterr().out
        assert out.startswith("❌") and message in out, (message, out)


def test_changing_x_in_place_is_reported(capsys):
    right = learner()

    def in_place(x, h_0, w_xh, w_hh, b_h, y):
        answer = right(x, h_0, w_xh, w_hh, b_h, y)
        x *= 0
        return answer

    assert check_bptt_by_hand(in_place) is False
    assert "changed its input x in place" in capsys.readouterr().out


@settings(max_examples=200, deadline=None)
@given(ODD_VALUES)
def test_the_checker_never_raises_whatever_the_function_returns(result):
    with contextlib.redirect_stdout(io.StringIO()) as out:
        verdict = check_bptt_by_hand(lambda x, h_0, w_xh, w_hh, b_h, y: result)
    assert verdict is False  # a constant cannot be right on four different cases
    assert out.getvalue().startswith("❌")
