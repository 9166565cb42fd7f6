"""Check for notebook 2's exercise: one step of the RNN cell.

The step is ``tanh(x_t @ W_xh + h_prev @ W_hh + b_h)`` in Keras' layout.

The reference answer is the package's own :func:`course_utils.rnn.rnn_step`.
"""

from __future__ import annotations

import numpy as np

from course_utils import rnn
from course_utils.checks.framework import call_on_copies, exercise, fail, passed, require_function

__all__ = ["check_rnn_step"]

_PARAMS = ("x_t", "h_prev", "W_xh", "W_hh", "b_h")
_SHAPE_HINT = (
    "Hint: a shape mismatch. x_t @ W_xh is (batch, features) @ (features, units) "
    "and h_prev @ W_hh is (batch, units) @ (units, units)."
)


def _cases() -> list[tuple[str, dict[str, np.ndarray]]]:
    """Small cases in Keras layout: x_t (batch, features), h_prev (batch, units), ...

    The first has batch = features = units, so that every layout mix-up runs there without a
    shape error and gets its own hint.

    Returns:
        ``(name, arguments)`` pairs.
    """
    rng = np.random.default_rng(2024)
    cases = []
    for name, batch, features, units in [
        ("a batch of 2, 3 features, 4 units", 2, 3, 4),
        ("one sample, 1 feature, 2 units", 1, 1, 2),
        ("a batch of 3, 3 features, 3 units", 3, 3, 3),
    ]:
        args = {
            "x_t": rng.normal(size=(batch, features)),
            "h_prev": rng.uniform(-0.9, 0.9, size=(batch, units)),
            "W_xh": rng.normal(0, 0.8, size=(features, units)),
            "W_hh": rng.normal(0, 0.8, size=(units, units)),
            "b_h": rng.normal(0, 0.5, size=units),
        }
        cases.append((name, args))
    return [cases[2], cases[0], cases[1]]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _mistakes(a: dict[str, np.ndarray]) -> list[tuple[np.ndarray, str]]:
    """Outputs of common wrong versions of the step, each with the hint to give."""
    x, h, W_xh, W_hh, b = a["x_t"], a["h_prev"], a["W_xh"], a["W_hh"], a["b_h"]
    z = x @ W_xh + h @ W_hh + b
    mistakes = [
        (z, "you returned the sum before the activation: apply np.tanh to it"),
        (_sigmoid(z), "the activation of the basic RNN cell is tanh, not the sigmoid"),
        (np.maximum(z, 0), "the activation of the basic RNN cell is tanh, not ReLU"),
        (np.tanh(x @ W_xh + h @ W_hh), "the bias b_h is missing"),
        (
            np.tanh(x @ W_xh + h @ W_hh) + b,
            "the bias goes inside the tanh: tanh(x_t @ W_xh + h_prev @ W_hh + b_h), not "
            "tanh(x_t @ W_xh + h_prev @ W_hh) + b_h",
        ),
        (np.tanh(x @ W_xh + b), "h_prev is missing: the previous state is the cell's memory"),
        (np.tanh(h @ W_hh + b), "the input x_t is missing: add x_t @ W_xh"),
        (
            np.tanh(x @ W_xh + h @ W_hh.T + b),
            "W_hh is transposed: in Keras' layout the state is a row, so write h_prev @ W_hh",
        ),
    ]
    if W_xh.shape == W_hh.shape:  # only then do these mistakes run without a shape error
        mistakes += [
            (
                np.tanh(x @ W_hh + h @ W_xh + b),
                "W_xh and W_hh are swapped: W_xh multiplies the input x_t, "
                "W_hh the previous state h_prev",
            ),
            (
                np.tanh(x @ W_xh.T + h @ W_hh.T + b),
                "the weights are transposed: with samples as rows it is x_t @ W_xh and "
                "h_prev @ W_hh (W_xh has shape (features, units))",
            ),
            (
                np.tanh(W_xh @ x + W_hh @ h + b),
                "that is the column layout of the equations (W_xh @ x_t). Here samples are "
                "rows and the weights are in Keras' layout, so x_t comes first: "
                "x_t @ W_xh + h_prev @ W_hh",
            ),
            (
                np.tanh(x @ W_xh.T + h @ W_hh + b),
                "W_xh is transposed: in Keras' layout it is (features, units), so write x_t @ W_xh",
            ),
            (
                np.tanh(W_xh @ x.T + W_hh @ h.T + b[:, None]).T,
                "you used the column-vector form W_xh @ x_t with Keras-layout weights; "
                "with rows it is x_t @ W_xh",
            ),
        ]
    return mistakes


@exercise("rnn_step", notebook=2, reference=lambda: rnn.rnn_step)
def check_rnn_step(fn: object) -> bool:
    """Check a learner's ``fn(x_t, h_prev, W_xh, W_hh, b_h) -> h_t`` (Keras layout).

    Shapes: ``x_t`` ``(batch, features)``, ``h_prev`` ``(batch, units)``, ``W_xh``
    ``(features, units)``, ``W_hh`` ``(units, units)``, ``b_h`` ``(units,)``; ``h_t`` must be
    ``(batch, units)`` and equal ``rnn.rnn_step`` on three cases. Introduced in notebook 2.

    Args:
        fn: the learner's step function.

    Returns:
        True if every case is right; the verdict (with a hint) is printed.
    """
    cases = _cases()
    step = require_function(fn, _PARAMS, "my_rnn_step", cases[0][1])
    for name, args in cases:
        value = call_on_copies(step, args, name, hint=_SHAPE_HINT)
        if value is None:
            fail("your function returns None. Did you forget `return h_t`?")
        try:
            got = np.asarray(value, dtype=float)
        except Exception:  # e.g. a list of strings or a tensor that does not convert
            fail(f"the result should be an array of numbers, got {type(value).__name__}.")
        expected = rnn.rnn_step(**args)
        if got.shape != expected.shape:
            batch, units = expected.shape
            fail(
                f"on {name} h_t should have shape (batch, units) = {expected.shape}, "
                f"got {got.shape}. Hint: x_t @ W_xh has shape ({batch}, {units}); "
                "do not sum over the batch or flatten."
            )
        if np.allclose(got, expected, atol=1e-6, rtol=1e-6):
            continue
        for wrong, hint in _mistakes(args):
            if wrong.shape == got.shape and np.allclose(got, wrong, atol=1e-6, rtol=1e-6):
                fail(f"on {name}, {hint}.")
        worst = float(np.max(np.abs(got - expected)))
        fail(
            f"on {name} your h_t differs from tanh(x_t @ W_xh + h_prev @ W_hh + b_h) "
            f"by up to {worst:.3g}. Check each term of the equation."
        )
    return passed(
        "Correct! Your step matches tanh(x_t @ W_xh + h_prev @ W_hh + b_h) on all "
        f"{len(cases)} test cases (one sample and batches, features = units and not)."
    )
