"""The self-check of notebook 2's exercise: right answers pass, known mistakes get their hint."""

import numpy as np
import pytest

from course_utils.checks import check_rnn_step


def right(x_t, h_prev, W_xh, W_hh, b_h):
    return np.tanh(x_t @ W_xh + h_prev @ W_hh + b_h)


def test_a_correct_step_passes(capsys):
    assert check_rnn_step(right) is True
    assert capsys.readouterr().out.startswith("✅ Correct!")


def test_float32_and_lists_of_lists_are_fine(capsys):
    assert check_rnn_step(lambda **a: right(**a).astype(np.float32).tolist()) is True


def test_not_implemented_means_not_done_yet(capsys):
    def todo(x_t, h_prev, W_xh, W_hh, b_h):
        raise NotImplementedError("write it")

    assert check_rnn_step(todo) is False
    assert capsys.readouterr().out.startswith("⏳ Not done yet")


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (lambda x_t, h_prev, W_xh, W_hh, b_h: x_t @ W_xh + h_prev @ W_hh + b_h, "apply np.tanh"),
        (
            lambda x_t, h_prev, W_xh, W_hh, b_h: (
                1 / (1 + np.exp(-(x_t @ W_xh + h_prev @ W_hh + b_h)))
            ),
            "not the sigmoid",
        ),
        (lambda x_t, h_prev, W_xh, W_hh, b_h: np.tanh(x_t @ W_xh + h_prev @ W_hh), "bias b_h"),
        (lambda x_t, h_prev, W_xh, W_hh, b_h: np.tanh(x_t @ W_xh + b_h), "h_prev is missing"),
        (lambda x_t, h_prev, W_xh, W_hh, b_h: np.tanh(h_prev @ W_hh + b_h), "x_t is missing"),
        (
            lambda x_t, h_prev, W_xh, W_hh, b_h: np.tanh(x_t @ W_xh + h_prev @ W_hh.T + b_h),
            "W_hh is transposed",
        ),
        (
            lambda x_t, h_prev, W_xh, W_hh, b_h: np.tanh(x_t @ W_xh + h_prev @ W_hh + b_h).sum(0),
            "should have shape (batch, units) = (3, 3)",
        ),
        (
            lambda x_t, h_prev, W_xh, W_hh, b_h: np.tanh(W_xh @ x_t + W_hh @ h_prev + b_h),
            "that is the column layout of the equations (W_xh @ x_t)",
        ),
        (
            lambda x_t, h_prev, W_xh, W_hh, b_h: np.tanh(x_t @ W_xh.T + h_prev @ W_hh + b_h),
            "W_xh is transposed: in Keras' layout it is (features, units)",
        ),
        (
            lambda x_t, h_prev, W_xh, W_hh, b_h: np.tanh(x_t @ W_xh + h_prev @ W_hh) + b_h,
            "the bias goes inside the tanh",
        ),
        (lambda x_t, h_prev, W_xh, W_hh, b_h: None, "returns None"),
        (
            lambda x_t, h_prev, W_xh, W_hh, b_h: (
                right(x_t, h_prev, W_xh, W_hh, b_h) if W_xh.shape == W_hh.shape else W_xh @ x_t
            ),
            "shape mismatch",
        ),
        (
            lambda x_t, h_prev, W_xh, W_hh, b_h: np.tanh(x_t @ W_xh + h_prev @ W_hh + 2 * b_h),
            "differs",
        ),
        (lambda x, h, a, b, c: right(x, h, a, b, c), "Keep the parameter names"),
        (lambda x_t, h_prev, W_xh, W_hh, b_h: "h_t", "array of numbers"),
    ],
)
def test_mistakes_get_a_hint_and_never_raise(capsys, wrong, hint):
    assert check_rnn_step(wrong) is False
    out = capsys.readouterr().out
    assert out.startswith("❌")
    assert hint in out


def swapped(x_t, h_prev, W_xh, W_hh, b_h):
    # only runs when features == units; the other cases raise a shape error
    if W_xh.shape != W_hh.shape:
        return right(x_t, h_prev, W_xh, W_hh, b_h)
    return np.tanh(x_t @ W_hh + h_prev @ W_xh + b_h)


def transposed(x_t, h_prev, W_xh, W_hh, b_h):
    if W_xh.shape != W_hh.shape:
        return right(x_t, h_prev, W_xh, W_hh, b_h)
    return np.tanh(x_t @ W_xh.T + h_prev @ W_hh.T + b_h)


def in_place(x_t, h_prev, W_xh, W_hh, b_h):
    h_prev += 0  # harmless
    x_t *= 2
    return right(x_t / 2, h_prev, W_xh, W_hh, b_h)


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (swapped, "W_xh and W_hh are swapped"),
        (transposed, "the weights are transposed"),
        (in_place, "changed its input x_t in place"),
    ],
)
def test_mistakes_that_only_show_on_square_weights(capsys, wrong, hint):
    assert check_rnn_step(wrong) is False
    assert hint in capsys.readouterr().out


def test_anything_the_learner_raises_is_reported(capsys):
    def broken(x_t, h_prev, W_xh, W_hh, b_h):
        return {}["oops"]

    assert check_rnn_step(broken) is False
    assert "raised KeyError" in capsys.readouterr().out
    assert check_rnn_step("my_rnn_step") is False
    assert "pass your function itself" in capsys.readouterr().out


def test_rnn_step_body_type_error_is_not_blamed_on_parameter_names(capsys):
    from course_utils.checks import check_rnn_step

    def wrong(x_t, h_prev, W_xh, W_hh, b_h):
        return np.tanh(x_t @ W_xh, h_prev @ W_hh, b_h, 1)  # too many arguments to tanh

    assert check_rnn_step(wrong) is False
    out = capsys.readouterr().out
    assert "raised TypeError" in out and "Keep the parameter names" not in out

    def renamed(x, h, a, b, c):
        return x

    assert check_rnn_step(renamed) is False
    assert "Keep the parameter names" in capsys.readouterr().out


def test_a_value_instead_of_a_function_is_named_with_its_article(capsys):
    assert check_rnn_step(3) is False
    assert "pass your function itself (e.g. my_rnn_step), not an int." in capsys.readouterr().out
    assert check_rnn_step([1.0]) is False
    assert "not a list." in capsys.readouterr().out
