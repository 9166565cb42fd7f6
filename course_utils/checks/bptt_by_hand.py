"""Check for notebook 3's exercise: back-propagation through time by hand, one unit, three steps.

The cell is ``h_t = tanh(w_xh * x_t + w_hh * h_{t-1} + b_h)`` for ``t = 1, 2, 3`` from a given
``h_0``, the loss ``L = (h_3 - y)**2 / 2``. The learner writes ``dL/dw_hh`` as a sum of one term
per step,

    dL/dw_hh = sum_t  dL/dh_t * (1 - h_t**2) * h_{t-1},

where ``dL/dh_3 = h_3 - y`` and ``dL/dh_{t-1} = dL/dh_t * (1 - h_t**2) * w_hh`` carries the
gradient back through the earlier states. The check compares the learner's number with
``tf.GradientTape`` on several cases and names the classic mistakes (only the last term, a
forgotten ``tanh'``, no path through the earlier states, ``h_t`` for ``h_{t-1}``, a sign, ...).

The reference answer is :func:`bptt_one_unit`, the hand formula in NumPy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.checks.framework import (
    a_or_an,
    call_on_copies,
    exercise,
    fail,
    passed,
    require_function,
)

__all__ = ["bptt_one_unit", "check_bptt_by_hand", "tape_dL_dw_hh"]

#: The learner's function takes these arguments, in this order.
PARAMETERS = ("x", "h_0", "w_xh", "w_hh", "b_h", "y")


def _forward(x: np.ndarray, h_0: float, w_xh: float, w_hh: float, b_h: float) -> np.ndarray:
    """States ``h_0 .. h_3`` of the one-unit cell, shape ``(4,)``; ``x`` has shape ``(3,)``."""
    h = [float(h_0)]
    for x_t in x:
        h.append(float(np.tanh(w_xh * x_t + w_hh * h[-1] + b_h)))
    return np.array(h)


def bptt_one_unit(x: Any, h_0: float, w_xh: float, w_hh: float, b_h: float, y: float) -> float:
    """``dL/dw_hh`` of a one-unit cell over three steps, ``L = (h_3 - y)**2 / 2``, by hand.

    The sum over steps of ``dL/dh_t * (1 - h_t**2) * h_{t-1}``, with ``dL/dh_t`` carried back
    from the loss one step at a time. The reference answer of notebook 3's exercise.

    Args:
        x: the inputs ``x_1, x_2, x_3``, shape ``(3,)``.
        h_0: the initial state.
        w_xh: the input weight.
        w_hh: the recurrent weight.
        b_h: the bias.
        y: the target of ``h_3``.

    Returns:
        ``dL/dw_hh``.
    """
    x = np.asarray(x, dtype=float).reshape(-1)
    h = _forward(x, h_0, w_xh, w_hh, b_h)
    dL_dh = h[-1] - y  # dL/dh_3
    total = 0.0
    for t in range(len(x), 0, -1):  # t = 3, 2, 1
        local = dL_dh * (1 - h[t] ** 2)  # dL/d(pre-activation at step t)
        total += local * h[t - 1]  # this step's term: its input to w_hh is h_{t-1}
        dL_dh = local * w_hh  # carried back to h_{t-1}
    return float(total)


def tape_dL_dw_hh(x: Any, h_0: float, w_xh: float, w_hh: float, b_h: float, y: float) -> float:
    """The same ``dL/dw_hh`` computed by ``tf.GradientTape`` in float64 (imports TensorFlow).

    Args:
        x: the inputs ``x_1, x_2, x_3``, shape ``(3,)``.
        h_0: the initial state.
        w_xh: the input weight.
        w_hh: the recurrent weight.
        b_h: the bias.
        y: the target of ``h_3``.

    Returns:
        ``dL/dw_hh`` as the tape computes it. Introduced in notebook 3.
    """
    import tensorflow as tf

    w = tf.Variable(float(w_hh), dtype=tf.float64)
    with tf.GradientTape() as tape:
        h = tf.constant(float(h_0), dtype=tf.float64)
        for x_t in np.asarray(x, dtype=float).reshape(-1):
            h = tf.tanh(float(w_xh) * float(x_t) + w * h + float(b_h))
        loss = (h - float(y)) ** 2 / 2
    return float(tape.gradient(loss, w))


def _mistakes(
    x: np.ndarray, h_0: float, w_xh: float, w_hh: float, b_h: float, y: float
) -> list[tuple[float, str]]:
    """``(value, hint)`` of the classic wrong versions, in the order they are diagnosed."""
    w, b = w_hh, b_h
    h = _forward(x, h_0, w_xh, w, b)
    a = np.r_[np.nan, w_xh * x + w * h[:-1] + b]  # pre-activations a_1..a_3 (index = step)
    slope = 1 - h**2  # tanh' at each step (index = step)

    def backward(
        local_slope: Callable[[int], float],
        chain_slope: Callable[[int], float],
        chain_weight: float,
        input_of: Callable[[int], float],
        dL_dh3: float,
        carry: bool = True,
    ) -> list[float]:
        terms, dL_dh = [], dL_dh3
        for t in (3, 2, 1):
            terms.append(dL_dh * local_slope(t) * input_of(t))
            if carry:
                dL_dh = dL_dh * chain_slope(t) * chain_weight
        return terms  # term_3, term_2, term_1

    def twice(t: int) -> float:
        """The slope of step ``t`` computed as ``1 - tanh(h_t)**2``: tanh applied twice.

        Returns:
            The mistaken slope at step ``t``.
        """
        return float(1 - np.tanh(h[t]) ** 2)

    def right_slope(t: int) -> float:
        return float(slope[t])

    # tanh applied twice in both places, only in the local term, only on the way back
    twice_pairs: list[tuple[Callable[[int], float], Callable[[int], float]]] = [
        (twice, twice),
        (twice, right_slope),
        (right_slope, twice),
    ]
    twice_hint = (
        "tanh is applied twice: h_t is already tanh(a_t), so tanh'(a_t) = 1 - h_t**2, "
        "not 1 - tanh(h_t)**2"
    )

    right = backward(lambda t: slope[t], lambda t: slope[t], w, lambda t: h[t - 1], h[3] - y)
    total = sum(right)
    say = "dL/dw_hh is a sum of one term per step"
    return [
        (
            right[0],
            "you kept only the last step's term. w_hh is used at every step, so "
            + say
            + ": add the terms of steps 2 and 1 (the gradient reaches them through h_2 and h_1)",
        ),
        (
            right[0] + right[1],
            "the term of step 1 is missing. It is not zero here, because h_0 is not 0: "
            "step 1 also multiplies h_0 by w_hh",
        ),
        (
            -total,
            "the sign is flipped. With L = (h_3 - y)**2 / 2, dL/dh_3 = h_3 - y (not y - h_3)",
        ),
        (
            2 * total,
            "your answer is twice the right one. L = (h_3 - y)**2 / 2, so dL/dh_3 = h_3 - y: "
            "the 2 of the square cancels the 1/2",
        ),
        (
            total / (h[3] - y),
            "the loss's own derivative is missing: you computed dh_3/dw_hh. Multiply by "
            "dL/dh_3 = h_3 - y",
        ),
        (
            sum(backward(lambda t: 1, lambda t: 1, w, lambda t: h[t - 1], h[3] - y)),
            "tanh' is missing everywhere. h_t = tanh(a_t), so every step multiplies by "
            "tanh'(a_t) = 1 - h_t**2, in its own term and on the way back through h_t",
        ),
        (
            sum(backward(lambda t: slope[t], lambda t: 1, w, lambda t: h[t - 1], h[3] - y)),
            "on the way back through the earlier states tanh' is missing: going from dL/dh_t "
            "to dL/dh_(t-1) multiplies by (1 - h_t**2) * w_hh, not by w_hh alone",
        ),
        (
            sum(backward(lambda t: slope[t], lambda t: slope[t], 1, lambda t: h[t - 1], h[3] - y)),
            "on the way back w_hh is missing: dh_t/dh_(t-1) = (1 - h_t**2) * w_hh, because "
            "h_(t-1) enters step t multiplied by w_hh",
        ),
        (
            sum(
                backward(
                    lambda t: slope[t], lambda t: 0, w, lambda t: h[t - 1], h[3] - y, carry=False
                )
            ),
            "every term uses dL/dh_3 directly, so the path through the earlier states is "
            "missing: the gradient reaches step 2 only through h_2, i.e. "
            "dL/dh_2 = dL/dh_3 * (1 - h_3**2) * w_hh (and step 1 through h_1)",
        ),
        (
            sum(backward(lambda t: slope[t], lambda t: slope[t], w, lambda t: h[t], h[3] - y)),
            "each term multiplies by h_t, but w_hh multiplies h_(t-1) in step t: the "
            "derivative of w_hh * h_(t-1) with respect to w_hh is h_(t-1)",
        ),
        (
            sum(backward(lambda t: slope[t], lambda t: slope[t], w, lambda t: x[t - 1], h[3] - y)),
            "that is dL/dw_xh: each term multiplies by x_t. For w_hh the factor is what w_hh "
            "multiplies in step t, the previous state h_(t-1)",
        ),
        (
            sum(
                backward(
                    lambda t: slope[t - 1], lambda t: slope[t - 1], w, lambda t: h[t - 1], h[3] - y
                )
            ),
            "tanh' is taken at the wrong step: step t's slope is 1 - h_t**2 (the state that "
            "step computes), not 1 - h_(t-1)**2",
        ),
        (
            sum(
                backward(
                    lambda t: slope[t], lambda t: slope[t - 1], w, lambda t: h[t - 1], h[3] - y
                )
            ),
            "on the way back the slope is one step off: going from dL/dh_t to dL/dh_(t-1) "
            "passes back through step t, so it multiplies by step t's slope (1 - h_t**2) * w_hh, "
            "not (1 - h_(t-1)**2) * w_hh",
        ),
        (
            sum(
                backward(
                    lambda t: slope[t - 1], lambda t: slope[t], w, lambda t: h[t - 1], h[3] - y
                )
            ),
            "the local term's slope is one step off: step t's term is "
            "dL/dh_t * (1 - h_t**2) * h_(t-1), with the slope of the state step t computes",
        ),
        *(
            (sum(backward(local, chain, w, lambda t: h[t - 1], h[3] - y)), twice_hint)
            for local, chain in twice_pairs
        ),
        (
            sum(backward(lambda t: 1 - h[t], lambda t: 1 - h[t], w, lambda t: h[t - 1], h[3] - y)),
            "tanh'(a) is 1 - tanh(a)**2 = 1 - h_t**2: the square is missing",
        ),
        (
            sum(
                backward(
                    lambda t: 1 - a[t] ** 2,
                    lambda t: 1 - a[t] ** 2,
                    w,
                    lambda t: h[t - 1],
                    h[3] - y,
                )
            ),
            "tanh' = 1 - h_t**2 uses the state h_t = tanh(a_t), not the pre-activation a_t",
        ),
    ]


def _cases() -> list[tuple[str, dict[str, Any]]]:
    """Cases with h_0 != 0 (so step 1's term counts) and h_3 != y."""
    rng = np.random.default_rng(3)
    notebook = {"x": np.array([0.5, -1.0, 0.8]), "h_0": 0.2, "w_xh": 1.0, "w_hh": 0.8}
    cases: list[tuple[str, dict[str, Any]]] = [
        (
            "the notebook's case (x = (0.5, -1, 0.8), h_0 = 0.2, w_xh = 1, w_hh = 0.8, "
            "b_h = 0.1, y = 0)",
            {**notebook, "b_h": 0.1, "y": 0.0},
        )
    ]
    for i in range(3):
        cases.append(
            (
                f"random case {i + 1}",
                {
                    "x": rng.uniform(-1.5, 1.5, size=3),
                    "h_0": float(rng.uniform(0.2, 0.8) * rng.choice([-1, 1])),
                    "w_xh": float(rng.uniform(0.5, 1.5)),
                    "w_hh": float(rng.uniform(0.6, 1.6) * rng.choice([-1, 1])),
                    "b_h": float(rng.uniform(-0.3, 0.3)),
                    "y": float(rng.uniform(-0.9, 0.9)),
                },
            )
        )
    return cases


def _as_number(value: Any) -> float:
    """The learner's answer as one float; ValueError with a hint when it is not one number."""
    if value is None:
        fail("your function returns None. Did you forget `return` (the sum of the terms)?")
    if isinstance(value, bool | str | bytes):
        fail(f"return a number (dL/dw_hh), not {a_or_an(type(value).__name__)}.")
    try:
        arr = np.asarray(value, dtype=float)
    except Exception:  # a dict, a list of strings, a tensor that does not convert, ...
        fail(f"return a number (dL/dw_hh), got {a_or_an(type(value).__name__)}.")
    if arr.size != 1:
        fail(
            f"return one number, the sum of the terms; you returned {arr.size} numbers "
            f"(shape {arr.shape}). If they are the three terms, return their sum."
        )
    number = float(arr.reshape(()))
    if not np.isfinite(number):
        fail(f"your function returns {number}: look for a division by zero or an overflow.")
    return number


@exercise("bptt_by_hand", notebook=3, reference=lambda: bptt_one_unit)
def check_bptt_by_hand(fn: object) -> bool:
    """Check a learner's ``fn(x, h_0, w_xh, w_hh, b_h, y) -> dL/dw_hh`` against GradientTape.

    ``x`` has shape ``(3,)`` (the inputs ``x_1, x_2, x_3``), the rest are floats; the cell is
    ``h_t = tanh(w_xh * x_t + w_hh * h_{t-1} + b_h)`` and ``L = (h_3 - y)**2 / 2``. The answer
    must equal ``tf.GradientTape``'s gradient on four cases. Introduced in notebook 3.

    Args:
        fn: the learner's function.

    Returns:
        True if every case is right; the verdict (naming the mistake) is printed.
    """
    cases = _cases()
    step = require_function(fn, PARAMETERS, "my_dL_dw_hh", cases[0][1])
    first_expected = None
    for name, args in cases:
        value = call_on_copies(step, args, name)
        got = _as_number(value)
        expected = tape_dL_dw_hh(**args)
        if np.isclose(got, expected, rtol=1e-6, atol=1e-9):
            first_expected = expected if first_expected is None else first_expected
            continue
        if first_expected is not None and np.isclose(got, first_expected, rtol=1e-6, atol=1e-9):
            fail(
                f"on {name} you return the number of the notebook's case again: compute it "
                "from the arguments x, h_0, w_xh, w_hh, b_h, y instead of typing it in."
            )
        for wrong, hint in _mistakes(**{**args, "x": np.asarray(args["x"], dtype=float)}):
            if np.isclose(got, wrong, rtol=1e-6, atol=1e-9):
                fail(f"on {name}: {hint}.")
        fail(
            f"on {name} your dL/dw_hh is {got:.6g}, GradientTape says {expected:.6g}. "
            "Print your three terms and check each factor: dL/dh_t, tanh' = 1 - h_t**2, h_(t-1)."
        )
    return passed(
        f"Correct! Your dL/dw_hh equals tf.GradientTape's on all {len(cases)} cases: "
        "one term per step, each carried back through the states after it."
    )
