"""Checks for notebook 6's exercises: one LSTM step and one GRU step, in Keras' weight layout.

Each wrong answer is compared with the classic mistakes, each computed here on the same inputs
(gate blocks in another order, a missing tanh, the reset gate in the wrong place, a forgotten bias
row, the two kernels swapped, the states returned the other way round, ...), so the verdict can
name the mistake. The inputs are chosen so that every mistake gives clearly different numbers:
nonzero ``h_prev`` and ``c_prev``, weights of scale 0.6; the first case is square (the two kernels
can be swapped and still run) with a batch of 2 (so a transposed state fails the shape check).

The references are the package's own :func:`course_utils.rnn.lstm_step` and
:func:`course_utils.rnn.gru_step`.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from course_utils import rnn
from course_utils.checks.framework import (
    call_on_copies,
    exercise,
    fail,
    passed,
    require_function,
)
from course_utils.gated import sigmoid

__all__ = ["check_gru_step", "check_lstm_step"]

_Case = dict[str, np.ndarray]
_LSTM_PARAMS = ("x_t", "h_prev", "c_prev", "kernel", "recurrent_kernel", "bias")
_GRU_PARAMS = ("x_t", "h_prev", "kernel", "recurrent_kernel", "bias")
_SHAPES = [(2, 3, 3), (3, 2, 4), (3, 5, 2)]  # (batch, features, units); the first is square


def _case_name(batch: int, features: int, units: int) -> str:
    return f"case: a batch of {batch}, {features} feature{'s' * (features > 1)}, {units} units"


def _cases(cell: str) -> list[tuple[str, _Case]]:
    """Three cases of the step's arguments in Keras' layout for ``cell``."""
    rng = np.random.default_rng(606 if cell == "LSTM" else 607)
    blocks = 4 if cell == "LSTM" else 3
    cases = []
    for batch, features, units in _SHAPES:
        case = {
            "x_t": rng.normal(0, 1, (batch, features)),
            "h_prev": rng.uniform(-0.9, 0.9, (batch, units)),
            "c_prev": rng.normal(0, 1.2, (batch, units)),
            "kernel": rng.normal(0, 0.6, (features, blocks * units)),
            "recurrent_kernel": rng.normal(0, 0.6, (units, blocks * units)),
            "bias": rng.normal(0, 0.5, (blocks * units,) if cell == "LSTM" else (2, 3 * units)),
        }
        if cell == "GRU":
            del case["c_prev"]
        cases.append((_case_name(batch, features, units), case))
    return cases


def _order_hint(order: str, keras: str, names: str) -> str:
    return (
        f"you read the gate blocks in the order {', '.join(order)}; Keras stores them side by "
        f"side in the order {', '.join(keras)} ({names}), each `units` columns wide"
    )


_SWAPPED = "kernel and recurrent_kernel are swapped: kernel multiplies x_t, recurrent_kernel h_prev"
_GRU_H = "h_t = z * h_prev + (1 - z) * h~"


def _lstm(
    a: _Case,
    order: str = "ifco",
    g_act: Callable[[np.ndarray], np.ndarray] = np.tanh,
    out: str = "o*tanh(c)",
    cell: str = "f*c+i*g",
    bias: bool = True,
    swap: bool = False,
    recurrent_input: str = "h_prev",
) -> tuple[np.ndarray, np.ndarray]:
    """One LSTM step written with one switch per classic mistake; the defaults are right."""
    W, U = (a["recurrent_kernel"], a["kernel"]) if swap else (a["kernel"], a["recurrent_kernel"])
    pre = a["x_t"] @ W + a[recurrent_input] @ U + (a["bias"] if bias else 0.0)
    block = dict(zip(order, np.split(pre, 4, axis=1), strict=True))
    i, f, o, g = sigmoid(block["i"]), sigmoid(block["f"]), sigmoid(block["o"]), g_act(block["c"])
    c_prev = a["c_prev"]
    keep = 1 - f if cell == "(1-f)*c+i*g" else f
    c = {"f*c+g": keep * c_prev + g, "c+i*g": c_prev + i * g}.get(cell, keep * c_prev + i * g)
    h = {
        "o*tanh(c)": o * np.tanh(c),
        "o*c": o * c,
        "tanh(o*c)": np.tanh(o * c),
        "o*tanh(c_prev)": o * np.tanh(c_prev),
        "o*sigmoid(c)": o * sigmoid(c),
    }[out]
    return h, c


def _lstm_mistakes(a: _Case) -> list[tuple[tuple[np.ndarray, np.ndarray], str]]:
    """(h_t, c_t) of each classic wrong LSTM step, with the hint to give."""
    h, c = _lstm(a)
    mistakes = [
        ((c, h), "you return (c_t, h_t): return the hidden state first, `return h_t, c_t`"),
        (_lstm(a, g_act=lambda z: z), "the candidate c~ needs np.tanh (values in -1..1)"),
        (
            _lstm(a, g_act=sigmoid),
            "the candidate c~ takes tanh, not the sigmoid: the gates say how much (0 to 1), "
            "the candidate says what to write, and may be negative",
        ),
        (_lstm(a, out="o*c"), "in h_t the tanh on the cell state c_t is missing"),
        (_lstm(a, out="tanh(o*c)"), "in h_t the tanh goes on c_t alone, before the output gate"),
        (_lstm(a, out="o*sigmoid(c)"), "in h_t the cell state goes through tanh, not sigmoid"),
        (
            _lstm(a, out="o*tanh(c_prev)"),
            "h_t must read the new cell state c_t, not c_prev: compute c_t first",
        ),
        (
            _lstm(a, cell="f*c+g"),
            "c_t adds the whole candidate: the input gate i should scale what is written",
        ),
        (_lstm(a, cell="c+i*g"), "c_t keeps all of c_prev: the forget gate f should scale it"),
        (_lstm(a, cell="(1-f)*c+i*g"), "f multiplies c_prev directly, not 1 - f: f near 1 keeps"),
        (
            _lstm(a, recurrent_input="c_prev"),
            "the recurrent kernel multiplies h_prev, not c_prev: `h_prev @ recurrent_kernel`",
        ),
        (
            _lstm(a, bias=False),
            "the bias is missing: add bias (all four gates' biases, side by side) to "
            "x_t @ kernel + h_prev @ recurrent_kernel",
        ),
    ]
    if a["kernel"].shape == a["recurrent_kernel"].shape:  # only then does the swap run
        mistakes.append((_lstm(a, swap=True), _SWAPPED))
    names = "input gate, forget gate, candidate, output gate"
    for perm in itertools.permutations("ifco"):
        order = "".join(perm)
        if order != "ifco":
            mistakes.append((_lstm(a, order=order), _order_hint(order, "ifco", names)))
    return mistakes


def _gru(
    a: _Case,
    order: str = "zrh",
    keep: str = "z",
    reset: str = "after",
    rows: tuple[int | None, int | None] = (0, 1),
    g_act: Callable[[np.ndarray], np.ndarray] = np.tanh,
    swap: bool = False,
    returns: str = "h",
) -> np.ndarray:
    """One GRU step written with one switch per classic mistake; the defaults are right."""
    W, U = (a["recurrent_kernel"], a["kernel"]) if swap else (a["kernel"], a["recurrent_kernel"])
    zero = np.zeros(a["bias"].shape[1])
    b_in, b_rec = (zero if row is None else a["bias"][row] for row in rows)
    x_part = dict(zip(order, np.split(a["x_t"] @ W + b_in, 3, axis=1), strict=True))
    h_part = dict(zip(order, np.split(a["h_prev"] @ U + b_rec, 3, axis=1), strict=True))
    U_h = dict(zip(order, np.split(U, 3, axis=1), strict=True))["h"]
    b_h = dict(zip(order, np.split(b_rec, 3), strict=True))["h"]
    z, r = sigmoid(x_part["z"] + h_part["z"]), sigmoid(x_part["r"] + h_part["r"])
    h_prev = a["h_prev"]
    recurrent = {
        "after": r * h_part["h"],
        "before": (r * h_prev) @ U_h + b_h,
        "not on the bias": r * (h_prev @ U_h) + b_h,
        "none": h_part["h"],
    }[reset]
    g = g_act(x_part["h"] + recurrent)
    if returns != "h":  # a mistake: the candidate or the update gate returned instead of h_t
        return {"g": g, "z": z}[returns]
    return z * h_prev + (1 - z) * g if keep == "z" else (1 - z) * h_prev + z * g


def _gru_mistakes(a: _Case) -> list[tuple[np.ndarray, str]]:
    """h_t of each classic wrong GRU step, with the hint to give."""
    rows = "bias[0] goes with x_t @ kernel, bias[1] with h_prev @ recurrent_kernel"
    mistakes = [
        (
            _gru(a, keep="1-z"),
            "z and 1 - z are the other way round: in Keras' GRU z keeps the old state h_prev "
            "and 1 - z writes the candidate",
        ),
        (
            _gru(a, reset="before"),
            "the reset gate is applied before the matrix product, to h_prev (Keras' "
            "reset_after=False); Keras' default, reset_after=True, applies r after the product "
            "with recurrent_kernel, to the recurrent part of the candidate",
        ),
        (
            _gru(a, reset="not on the bias"),
            "with reset_after=True the reset gate scales the whole recurrent part of the "
            "candidate, its recurrent bias (from bias[1]) included",
        ),
        (_gru(a, reset="none"), "the reset gate r is computed but not used in the candidate"),
        (_gru(a, rows=(0, None)), f"the recurrent bias row bias[1] is missing: {rows}"),
        (_gru(a, rows=(None, 1)), f"the input bias row bias[0] is missing: {rows}"),
        (_gru(a, rows=(None, None)), f"both bias rows are missing: {rows}"),
        (_gru(a, rows=(1, 0)), f"the two bias rows are swapped: {rows}"),
        (_gru(a, g_act=lambda v: v), "the candidate h~ needs np.tanh (values in -1..1)"),
        (_gru(a, g_act=sigmoid), "the candidate h~ takes tanh, not the sigmoid"),
        (_gru(a, returns="g"), f"you return the candidate h~, not h_t: {_GRU_H}"),
        (_gru(a, returns="z"), f"you return the update gate z, not h_t: {_GRU_H}"),
    ]
    if a["kernel"].shape == a["recurrent_kernel"].shape:
        mistakes.append((_gru(a, swap=True), _SWAPPED))
    names = "update gate, reset gate, candidate"
    for perm in itertools.permutations("zrh"):
        order = "".join(perm)
        if order != "zrh":
            mistakes.append((_gru(a, order=order), _order_hint(order, "zrh", names)))
    return mistakes


def _shape_hint(cell: str) -> str:
    """What to add when a step raises a shape mismatch."""
    n = 4 if cell == "LSTM" else 3
    hint = (
        f"Hint: a shape mismatch. x_t @ kernel is (batch, features) @ (features, "
        f"{n}*units) and h_prev @ recurrent_kernel is (batch, units) @ (units, {n}*units);"
        f" each gate is a block of `units` columns of the result."
    )
    if cell == "GRU":
        hint += (
            " bias has two rows: bias[0] goes with x_t @ kernel, "
            "bias[1] with h_prev @ recurrent_kernel."
        )
    return hint


def _answers(fn: object, cell: str) -> Iterator[tuple[str, _Case, Any]]:
    """``(case name, arguments, what fn returned)`` for each case of ``cell``'s step.

    Fails first unless ``fn`` is a function taking the step's parameters by name, then on a
    case where it raises or changes an input.
    """
    cases = _cases(cell)
    params = _LSTM_PARAMS if cell == "LSTM" else _GRU_PARAMS
    step = require_function(fn, params, f"my_{cell.lower()}_step", cases[0][1])
    hint = _shape_hint(cell)
    words = ("matmul", "align", "broadcast", "split")
    for name, args in cases:
        yield name, args, call_on_copies(step, args, name, hint=hint, hint_words=words)


def _floats(value: Any) -> np.ndarray | None:
    """``value`` as a float array, or None if it is not real numbers (complex ones are not)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. ComplexWarning: the imaginary part dropped
            return np.asarray(value, dtype=float)
    except Exception:  # a list of strings, a ragged list, a tensor that does not convert, ...
        return None


def _as_state(value: Any, what: str, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """``value`` as a finite float array of ``shape``, or a verdict saying what it is instead."""
    if value is None:
        fail(f"{what} is None. Did you forget to return it?")
    if isinstance(value, str | bytes | dict):
        fail(f"{what} should be an array of numbers, got a {type(value).__name__}.")
    arr = _floats(value)
    if arr is None:
        fail(f"{what} should be an array of real numbers, got {type(value).__name__}.")
    if arr.shape != shape and len(shape) == 2 and arr.shape == shape[::-1]:
        fail(
            f"({name}) {what} has shape {arr.shape}, the transpose of (batch, units) = {shape}. "
            "Hint: in Keras' layout the samples are rows: x_t @ kernel, not kernel.T @ x_t.T."
        )
    if arr.shape != shape:
        fail(
            f"({name}) {what} should have shape (batch, units) = {shape}, got {arr.shape}. "
            "Hint: keep one row per sample; do not sum over the batch or flatten."
        )
    if not np.all(np.isfinite(arr)):
        fail(f"({name}) {what} contains NaN or infinite values: look for an overflow or a 0/0.")
    return arr


def _close(got: np.ndarray, expected: np.ndarray) -> bool:
    return bool(np.allclose(got, expected, rtol=1e-6, atol=1e-6))


@exercise("lstm_step", notebook=6, reference=lambda: rnn.lstm_step)
def check_lstm_step(fn: object) -> bool:
    """Check a learner's ``fn(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias) -> (h_t, c_t)``.

    Shapes (Keras' LSTM layout, gate blocks ``i, f, c, o``): ``x_t`` ``(batch, features)``,
    ``h_prev`` and ``c_prev`` ``(batch, units)``, ``kernel`` ``(features, 4*units)``,
    ``recurrent_kernel`` ``(units, 4*units)``, ``bias`` ``(4*units,)``; ``h_t`` and ``c_t`` must
    be ``(batch, units)`` and equal ``rnn.lstm_step`` on three cases. Introduced in notebook 6.

    Args:
        fn: the learner's step function.

    Returns:
        True if every case is right; the verdict (naming the mistake) is printed.
    """
    for name, args, value in _answers(fn, "LSTM"):
        expected_h, expected_c = rnn.lstm_step(**args)
        shape = expected_h.shape
        if value is None:
            fail("your function returns None. Did you forget `return h_t, c_t`?")
        if not isinstance(value, tuple | list) or len(value) != 2:
            one = _floats(value)
            if one is not None and one.shape == shape:
                fail("you return one array: an LSTM step returns both states, `h_t, c_t`.")
            fail(f"return the two states as a tuple, `return h_t, c_t`; got {type(value).__name__}")
        h = _as_state(value[0], "h_t (the first value you return)", name, shape)
        c = _as_state(value[1], "c_t (the second value you return)", name, shape)
        if _close(h, expected_h) and _close(c, expected_c):
            continue
        for (wrong_h, wrong_c), hint in _lstm_mistakes(args):
            if _close(h, wrong_h) and _close(c, wrong_c):
                fail(f"({name}) {hint}.")
        if _close(c, expected_c):
            fail(
                f"({name}) your c_t is right but h_t is not: check the line that computes "
                "h_t from the output gate and the new cell state."
            )
        if _close(h, expected_h):
            fail(f"({name}) your h_t is right but the c_t you return is not the new cell state.")
        worst = max(float(np.max(np.abs(h - expected_h))), float(np.max(np.abs(c - expected_c))))
        fail(
            f"({name}) your states differ from Keras' LSTM by up to {worst:.3g}. Check each "
            "line: the block of columns of each gate, sigmoid for the gates, tanh for the "
            "candidate and for c_t in h_t, and the bias."
        )
    return passed(
        f"Correct! Your LSTM step matches Keras' LSTM (gate blocks i, f, c, o) on all "
        f"{len(_SHAPES)} test cases, h_t and c_t."
    )


@exercise("gru_step", notebook=6, reference=lambda: rnn.gru_step)
def check_gru_step(fn: object) -> bool:
    """Check a learner's ``fn(x_t, h_prev, kernel, recurrent_kernel, bias) -> h_t``.

    Shapes (Keras' GRU layout with ``reset_after=True``, gate blocks ``z, r, h``): ``x_t``
    ``(batch, features)``, ``h_prev`` ``(batch, units)``, ``kernel`` ``(features, 3*units)``,
    ``recurrent_kernel`` ``(units, 3*units)``, ``bias`` ``(2, 3*units)`` (input row, recurrent
    row); ``h_t`` must be ``(batch, units)`` and equal ``rnn.gru_step`` on three cases.
    Introduced in notebook 6.

    Args:
        fn: the learner's step function.

    Returns:
        True if every case is right; the verdict (naming the mistake) is printed.
    """
    for name, args, value in _answers(fn, "GRU"):
        expected = rnn.gru_step(**args)
        if value is None:
            fail("your function returns None. Did you forget `return h_t`?")
        if isinstance(value, tuple):
            fail(
                f"you return a tuple of {len(value)}: a GRU step returns h_t alone (the GRU "
                "has one state, no c_t)."
            )
        h = _as_state(value, "h_t", name, expected.shape)
        if _close(h, expected):
            continue
        for wrong, hint in _gru_mistakes(args):
            if _close(h, wrong):
                fail(f"({name}) {hint}.")
        worst = float(np.max(np.abs(h - expected)))
        fail(
            f"({name}) your h_t differs from Keras' GRU by up to {worst:.3g}. Check each "
            "line: the block of columns of each gate, which bias row goes where, where the "
            "reset gate applies, and which of z and 1 - z keeps the old state."
        )
    return passed(
        f"Correct! Your GRU step matches Keras' GRU (reset_after=True, gate blocks z, r, h) "
        f"on all {len(_SHAPES)} test cases."
    )
