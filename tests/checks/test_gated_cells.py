"""The self-checks of notebook 6's exercises: one LSTM step and one GRU step in Keras' layout.

Each wrong answer below is written the way a learner would write it (not taken from the
checker's own list of mistakes), and must get its own message.
"""

import contextlib
import io
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from odd_answers import ODD_RETURNS

from course_utils import rnn
from course_utils.checks import check_gru_step, check_lstm_step
from course_utils.checks.gated_cells import _cases, _gru_mistakes, _lstm_mistakes


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def lstm_learner(
    *,
    order="ifco",
    candidate=np.tanh,
    hidden=lambda o, c_t, c_prev: o * np.tanh(c_t),
    with_bias=True,
    swap=False,
    returns=lambda h_t, c_t: (h_t, c_t),
    gates_read_c=False,
    keep=lambda f: f,
):
    """A learner's LSTM step, written line by line, with one switch per classic mistake."""

    def my_lstm_step(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
        W, U = (recurrent_kernel, kernel) if swap else (kernel, recurrent_kernel)
        u = h_prev.shape[1]
        z = x_t @ W + (c_prev if gates_read_c else h_prev) @ U
        if with_bias:
            z = z + bias
        blocks = {name: z[:, k * u : (k + 1) * u] for k, name in enumerate(order)}
        i = sigmoid(blocks["i"])
        f = sigmoid(blocks["f"])
        c_tilde = candidate(blocks["c"])
        o = sigmoid(blocks["o"])
        c_t = keep(f) * c_prev + i * c_tilde
        h_t = hidden(o, c_t, c_prev)
        return returns(h_t, c_t)

    return my_lstm_step


def gru_learner(
    *, order="zrh", keep_with_z=True, reset="after", rows=(0, 1), swap=False, returns="h_t"
):
    """A learner's GRU step, written line by line, with one switch per classic mistake."""

    def my_gru_step(x_t, h_prev, kernel, recurrent_kernel, bias):
        W, U = (recurrent_kernel, kernel) if swap else (kernel, recurrent_kernel)
        u = h_prev.shape[1]
        b_x = bias[rows[0]] if rows[0] is not None else 0
        b_h = bias[rows[1]] if rows[1] is not None else np.zeros(3 * u)
        xs = x_t @ W + b_x
        hs = h_prev @ U + b_h
        col = {name: slice(k * u, (k + 1) * u) for k, name in enumerate(order)}
        z = sigmoid(xs[:, col["z"]] + hs[:, col["z"]])
        r = sigmoid(xs[:, col["r"]] + hs[:, col["r"]])
        if reset == "after":
            h_tilde = np.tanh(xs[:, col["h"]] + r * hs[:, col["h"]])
        elif reset == "before":  # Keras' reset_after=False, with the recurrent bias row
            h_tilde = np.tanh(xs[:, col["h"]] + (r * h_prev) @ U[:, col["h"]] + b_h[col["h"]])
        elif reset == "forgotten":
            h_tilde = np.tanh(xs[:, col["h"]] + hs[:, col["h"]])
        if returns == "h_tilde":
            return h_tilde
        if returns == "z":
            return z
        if keep_with_z:
            return z * h_prev + (1 - z) * h_tilde
        return (1 - z) * h_prev + z * h_tilde

    return my_gru_step


LSTM_WRONG = {
    "gate order i, f, o, c": (lstm_learner(order="ifoc"), "in the order i, f, o, c"),
    "gate order f, i, c, o": (lstm_learner(order="fico"), "in the order f, i, c, o"),
    "no tanh on the candidate": (
        lstm_learner(candidate=lambda v: v),
        "the candidate c~ needs np.tanh",
    ),
    "sigmoid on the candidate": (
        lstm_learner(candidate=sigmoid),
        "the candidate c~ takes tanh, not the sigmoid",
    ),
    "h_t = o * c_t": (
        lstm_learner(hidden=lambda o, c_t, c_prev: o * c_t),
        "the tanh on the cell state c_t is missing",
    ),
    "h_t = tanh(o * c_t)": (
        lstm_learner(hidden=lambda o, c_t, c_prev: np.tanh(o * c_t)),
        "the tanh goes on c_t alone",
    ),
    "h_t from c_prev": (
        lstm_learner(hidden=lambda o, c_t, c_prev: o * np.tanh(c_prev)),
        "not c_prev: compute c_t first",
    ),
    "bias forgotten": (lstm_learner(with_bias=False), "the bias is missing"),
    "kernels swapped": (lstm_learner(swap=True), "kernel and recurrent_kernel are swapped"),
    "returns (c, h)": (
        lstm_learner(returns=lambda h_t, c_t: (c_t, h_t)),
        "you return (c_t, h_t)",
    ),
    "returns h only": (lstm_learner(returns=lambda h_t, c_t: h_t), "you return one array"),
    "c_prev @ recurrent_kernel": (
        lstm_learner(gates_read_c=True),
        "the recurrent kernel multiplies h_prev, not c_prev",
    ),
    "(1 - f) * c_prev": (lstm_learner(keep=lambda f: 1 - f), "f multiplies c_prev directly"),
    "returns the transposes": (
        lstm_learner(returns=lambda h_t, c_t: (h_t.T, c_t.T)),
        "the transpose of (batch, units) = (2, 3)",
    ),
}

GRU_WRONG = {
    "1 - z keeps": (gru_learner(keep_with_z=False), "z and 1 - z are the other way round"),
    "reset before the product": (
        gru_learner(reset="before"),
        "the reset gate is applied before the matrix product",
    ),
    "reset gate forgotten": (gru_learner(reset="forgotten"), "the reset gate r is computed but"),
    "recurrent bias row forgotten": (
        gru_learner(rows=(0, None)),
        "the recurrent bias row bias[1] is missing",
    ),
    "input bias row forgotten": (
        gru_learner(rows=(None, 1)),
        "the input bias row bias[0] is missing",
    ),
    "bias rows swapped": (gru_learner(rows=(1, 0)), "the two bias rows are swapped"),
    "kernels swapped": (gru_learner(swap=True), "kernel and recurrent_kernel are swapped"),
    "gate order r, z, h": (gru_learner(order="rzh"), "in the order r, z, h"),
    "returns the candidate": (gru_learner(returns="h_tilde"), "you return the candidate h~"),
    "returns z": (gru_learner(returns="z"), "you return the update gate z, not h_t"),
    "returns h_t.T": (
        lambda *args, **kwargs: gru_learner()(*args, **kwargs).T,
        "h_t has shape (3, 2), the transpose of (batch, units) = (2, 3)",
    ),
    "returns (h, h)": (
        lambda x_t, h_prev, kernel, recurrent_kernel, bias: (h_prev, h_prev),
        "you return a tuple of 2",
    ),
}


def test_the_right_answers_pass(capsys):
    assert check_lstm_step(lstm_learner()) is True
    assert capsys.readouterr().out.startswith("✅ Correct! Your LSTM step matches")
    assert check_gru_step(gru_learner()) is True
    assert capsys.readouterr().out.startswith("✅ Correct! Your GRU step matches")


def test_lists_float32_and_tensorflow_tensors_are_fine(capsys):
    import tensorflow as tf

    right_lstm, right_gru = lstm_learner(), gru_learner()

    def as_lists(**args):
        h, c = right_lstm(**args)
        return [h.astype(np.float32).tolist(), c.astype(np.float32).tolist()]

    def as_tensors(**args):
        return tuple(tf.constant(v) for v in right_lstm(**args))

    assert check_lstm_step(as_lists) is True
    assert check_lstm_step(as_tensors) is True
    assert check_gru_step(lambda **args: tf.constant(right_gru(**args))) is True


@pytest.mark.parametrize("case", LSTM_WRONG)
def test_each_classic_lstm_mistake_gets_its_own_message(case, capsys):
    fn, message = LSTM_WRONG[case]
    assert check_lstm_step(fn) is False
    out = capsys.readouterr().out
    assert out.startswith("❌") and message in out, out
    others = [m for c, (_f, m) in LSTM_WRONG.items() if c != case]
    assert not any(m in out for m in others), f"{case} got another mistake's message: {out}"


@pytest.mark.parametrize("case", GRU_WRONG)
def test_each_classic_gru_mistake_gets_its_own_message(case, capsys):
    fn, message = GRU_WRONG[case]
    assert check_gru_step(fn) is False
    out = capsys.readouterr().out
    assert out.startswith("❌") and message in out, out
    others = [m for c, (_f, m) in GRU_WRONG.items() if c != case]
    assert not any(m in out for m in others), f"{case} got another mistake's message: {out}"


@pytest.mark.parametrize(("cell", "mistakes"), [("LSTM", _lstm_mistakes), ("GRU", _gru_mistakes)])
def test_the_test_inputs_tell_every_mistake_apart(cell, mistakes):
    # on every case each wrong variant differs from the right answer and from every other wrong
    # variant by far more than the checker's tolerance (1e-6), and each has its own hint
    reference = rnn.lstm_step if cell == "LSTM" else rnn.gru_step
    for _name, args in _cases(cell):
        variants = mistakes(args)
        hints = [hint for _, hint in variants] + ["the right answer"]
        assert len(set(hints)) == len(hints)
        outputs = [np.ravel(np.asarray(out)) for out, _ in variants]
        outputs.append(np.ravel(np.asarray(reference(**args))))
        for i, j in itertools.combinations(range(len(outputs)), 2):
            assert np.max(np.abs(outputs[i] - outputs[j])) > 1e-2, (hints[i], hints[j])


def test_other_wrong_answers_are_explained(capsys):
    right_lstm, right_gru = lstm_learner(), gru_learner()
    lstm_cases = [
        (lambda x_t, h_prev, c_prev, kernel, recurrent_kernel, bias: None, "returns None"),
        (lambda x_t, h_prev, c_prev, kernel, recurrent_kernel, bias: "h", "as a tuple"),
        (lambda x_t, h_prev, c_prev, kernel, recurrent_kernel, bias: (1, 2, 3), "as a tuple"),
        (
            lambda x_t, h_prev, c_prev, kernel, recurrent_kernel, bias: (
                right_lstm(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias)[0].sum(0),
                c_prev,
            ),
            "should have shape (batch, units) = (2, 3)",
        ),
        (
            lambda x_t, h_prev, c_prev, kernel, recurrent_kernel, bias: (h_prev * np.nan, c_prev),
            "NaN or infinite",
        ),
        (
            lambda x_t, h_prev, c_prev, kernel, recurrent_kernel, bias: (None, c_prev),
            "h_t (the first value you return) is None",
        ),
        (
            lambda x_t, h_prev, c_prev, kernel, recurrent_kernel, bias: (h_prev, {"c": 1}),
            "c_t (the second value you return) should be an array of numbers, got a dict",
        ),
        (
            lambda x_t, h_prev, c_prev, kernel, recurrent_kernel, bias: (
                right_lstm(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias)[0] + 0.1,
                right_lstm(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias)[1],
            ),
            "your c_t is right but h_t is not",
        ),
        (
            lambda x_t, h_prev, c_prev, kernel, recurrent_kernel, bias: (
                right_lstm(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias)[0],
                c_prev,
            ),
            "your h_t is right but the c_t you return is not the new cell state",
        ),
        (
            lambda x_t, h_prev, c_prev, kernel, recurrent_kernel, bias: (h_prev, c_prev),
            "differ from Keras' LSTM by up to",
        ),
        (
            lambda x_t, h_prev, c_prev, kernel, recurrent_kernel, bias: kernel @ x_t,
            "raised ValueError: matmul",
        ),
        (lambda x, h, c, W, U, b: (h, c), "Keep the parameter names x_t, h_prev, c_prev"),
        (
            lambda x_t, h_prev, c_prev, kernel, recurrent_kernel, bias: recurent_kernel,  # noqa: F821
            "(case: a batch of 2, 3 features, 3 units) your function raised NameError",
        ),
        ("my_lstm_step", "pass your function itself"),
    ]
    for fn, message in lstm_cases:
        assert check_lstm_step(fn) is False
        out = capsys.readouterr().out
        assert out.startswith("❌") and message in out, (message, out)
    gru_cases = [
        (lambda x_t, h_prev, kernel, recurrent_kernel, bias: None, "returns None"),
        (lambda x_t, h_prev, kernel, recurrent_kernel, bias: [1.0, 2.0], "got (2,)"),
        (lambda x_t, h_prev, kernel, recurrent_kernel, bias: [["a"]], "array of real numbers"),
        (
            lambda x_t, h_prev, kernel, recurrent_kernel, bias: h_prev + 1j,
            "array of real numbers, got ndarray",
        ),
        (
            lambda x_t, h_prev, kernel, recurrent_kernel, bias: (
                right_gru(x_t, h_prev, kernel, recurrent_kernel, bias),
            ),
            "you return a tuple of 1",
        ),
        (
            lambda x_t, h_prev, kernel, recurrent_kernel, bias: (
                right_gru(x_t, h_prev, kernel, recurrent_kernel, bias) * 1.1
            ),
            "differs from Keras' GRU by up to",
        ),
        (
            lambda x_t, h_prev, kernel, recurrent_kernel, bias: x_t @ kernel + bias,
            "got (2, 9)",
        ),
        (
            lambda x_t, h_prev, kernel, recurrent_kernel, bias: np.split(
                x_t @ kernel + bias[0], 3, axis=0
            )[0],
            "bias has two rows",
        ),
        (lambda x, h, W, U, b: h, "Keep the parameter names x_t, h_prev, kernel"),
        (42, "pass your function itself"),
    ]
    for fn, message in gru_cases:
        assert check_gru_step(fn) is False
        out = capsys.readouterr().out
        assert out.startswith("❌") and message in out, (message, out)


def test_not_implemented_means_not_done_yet(capsys):
    def todo(*args, **kwargs):
        raise NotImplementedError

    assert check_lstm_step(todo) is False
    assert capsys.readouterr().out.startswith("⏳ Not done yet")
    assert check_gru_step(todo) is False
    assert capsys.readouterr().out.startswith("⏳ Not done yet")


def test_changing_an_input_in_place_is_reported(capsys):
    right = lstm_learner()

    def in_place(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
        out = right(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias)
        c_prev *= 0
        return out

    assert check_lstm_step(in_place) is False
    assert "changed its input c_prev in place" in capsys.readouterr().out


@settings(max_examples=150, deadline=None)
@given(ODD_RETURNS)
def test_neither_checker_ever_raises_whatever_the_function_returns(result):
    for check in (check_lstm_step, check_gru_step):
        with contextlib.redirect_stdout(io.StringIO()) as out:
            verdict = check(lambda *args, **kwargs: result)
        assert verdict is False  # a constant cannot be right on three different cases
        assert out.getvalue().startswith("❌")
        assert "could not inspect" not in out.getvalue()  # the check's own code did not fail
