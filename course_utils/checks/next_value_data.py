"""Checks for steps 1 and 2 of notebook 5: the sequence, ``create_dataset`` and the RNN's input.

Each check is registered with its reference answer, which reuses the package's own code
(``data.create_dataset``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from course_utils import data
from course_utils.checks.framework import (
    exercise,
    fail,
    is_placeholder,
    not_done,
    passed,
    run_learner,
)

__all__ = ["check_create_dataset", "check_sequence", "check_training_data"]

#: The sequences ``check_create_dataset`` runs a learner's function on: (description, sequence,
#: n_steps). The exercise's own, random floats, squares, a single window, n_steps = 1.
DATASET_CASES: tuple[tuple[str, np.ndarray, int], ...] = (
    ("0..99, n_steps=10 (the exercise)", np.arange(100), 10),
    ("7 random floats, n_steps=3", np.random.default_rng(7).normal(size=7).round(2), 3),
    ("squares 0..144, n_steps=4", np.arange(13) ** 2, 4),
    ("[5, 8, 2], n_steps=2 (one window)", np.array([5.0, 8.0, 2.0]), 2),
    ("20 random ints, n_steps=1", np.random.default_rng(1).integers(-50, 50, size=20), 1),
)


def _is_real_numeric(arr: np.ndarray) -> bool:
    """Booleans, integers or floats: what arithmetic and Keras accept (not text, dates, objects)."""
    return arr.dtype.kind in "biuf"


def short(arr: Any, n: int = 6) -> str:
    """The first ``n`` values of ``arr`` as ``[1, 2, 3, ...]``, for messages.

    Args:
        arr: an array-like of any shape (flattened).
        n: how many values to show.

    Returns:
        The text, with ``...`` when values were left out.
    """
    flat = np.ravel(arr)
    items = ", ".join(f"{v:g}" if flat.dtype.kind in "biuf" else repr(v) for v in flat[:n])
    return f"[{items}{', ...' if flat.size > n else ''}]"


def _windows(seq: np.ndarray, n_steps: int, shift: int = 0) -> np.ndarray:
    """Every window ``seq[i + shift : i + shift + n_steps]`` that fits, shape (count, n_steps)."""
    return sliding_window_view(seq[shift:], n_steps)


def _reference_training_data() -> tuple[np.ndarray, np.ndarray]:
    X, y = data.create_dataset(np.arange(100), 10)
    return X[..., np.newaxis], y


@exercise("sequence", notebook=5, reference=lambda: np.arange(100))
def check_sequence(sequence: object, *, n: int = 100) -> bool:
    """Step 1: ``sequence`` must be ``0, 1, ..., n-1`` as a NumPy array, shape ``(n,)``.

    Introduced in notebook 5.

    Args:
        sequence: the learner's answer.
        n: the expected length.

    Returns:
        True if it is right; the verdict is printed.
    """
    if is_placeholder(sequence):
        not_done()
    if isinstance(sequence, list | tuple | range):
        fail(
            f"sequence is a {type(sequence).__name__}; the model needs a NumPy array: "
            "wrap it in np.array(...) or use np.arange."
        )
    if not isinstance(sequence, np.ndarray):
        fail(f"sequence should be a NumPy array, got {type(sequence).__name__}.")
    if not _is_real_numeric(sequence):
        fail(f"sequence should contain numbers, got dtype {sequence.dtype}.")
    if sequence.ndim != 1:
        fail(f"sequence should be 1-D with shape ({n},), got shape {sequence.shape}.")
    if len(sequence) != n:
        hint = (
            " np.arange(n) stops before n: np.arange(100) is 0..99."
            if len(sequence) in (n - 1, n + 1)
            else ""
        )
        fail(f"sequence should have {n} values (0 to {n - 1}), got {len(sequence)}.{hint}")
    if not np.array_equal(sequence, np.arange(n)):
        fail(f"sequence should be 0, 1, ..., {n - 1} in order; it starts {short(sequence)}.")
    return passed(f"sequence: {n} numbers from 0 to {n - 1}, shape {sequence.shape}.")


def _diagnose_dataset(result: object, seq: np.ndarray, n_steps: int, case: str) -> None:
    """Call :func:`fail` with the first thing wrong with ``result`` for this case."""
    L = len(seq)
    rows = L - n_steps
    where = f"For {case}:"
    if result is None:
        fail(f"{where} create_dataset returned None. Did you forget `return X, y`?")
    if not isinstance(result, tuple | list) or len(result) != 2:
        what = type(result).__name__
        if isinstance(result, tuple | list):
            what += f" of {len(result)} items"
        fail(f"{where} create_dataset should return two things, `return X, y`; got a {what}.")
    X, y = result
    if isinstance(X, list) or isinstance(y, list):
        fail(
            f"{where} X and y are Python lists. Keras needs NumPy arrays: "
            "`return np.array(X), np.array(y)`."
        )
    if not isinstance(X, np.ndarray) or not isinstance(y, np.ndarray):
        fail(
            f"{where} X and y should be NumPy arrays, got {type(X).__name__} and "
            f"{type(y).__name__}."
        )
    if X.size == 0:
        fail(
            f"{where} X is empty (shape {X.shape}); expected {rows} windows. Does your loop use "
            "a fixed window length (like 10) instead of n_steps, or stop too early?"
        )
    if X.ndim == 1 and y.ndim == 2:
        fail(f"{where} the results look swapped (a 1-D array first, then a 2-D one). Return X, y.")
    for name, arr in (("X", X), ("y", y)):
        if not _is_real_numeric(arr):
            fail(f"{where} {name} should contain numbers, got dtype {arr.dtype}.")
    if X.ndim == 3 and X.shape[-1] == 1 and X.shape[:2] == (rows, n_steps):
        fail(
            f"{where} X has shape {X.shape}: you already added the feature axis. That is the shape "
            "the RNN needs, but here create_dataset returns plain windows, shape "
            f"(samples, n_steps) = ({rows}, {n_steps}), and step 2's next line adds the axis. "
            "Keeping the two apart lets the same windows feed any model. Drop the reshape here."
        )
    if X.ndim != 2:
        fail(
            f"{where} X should be 2-D, shape (samples, n_steps) = ({rows}, {n_steps}); "
            f"got shape {X.shape}."
        )
    if X.shape[1] != n_steps:
        hint = (
            " It looks like a fixed window length of 10: use the n_steps argument instead."
            if X.shape[1] == 10
            else " Each window should be sequence[i : i + n_steps]."
        )
        fail(
            f"{where} each window should have n_steps = {n_steps} values, yours have "
            f"{X.shape[1]}.{hint}"
        )
    expected_X = _windows(seq, n_steps)[:-1]
    if X.shape[0] != rows:
        if X.shape[0] == rows - 1 and np.array_equal(X, expected_X[:-1]):
            fail(
                f"{where} the last window is missing ({rows - 1} windows instead of {rows}). "
                f"The last window, sequence[{L - n_steps - 1}:{L - 1}], still has a next value "
                f"(sequence[{L - 1}]). Loop over range(len(sequence) - n_steps)."
            )
        if X.shape[0] < rows:
            fail(
                f"{where} X has {X.shape[0]} windows, expected {rows} = len(sequence) - n_steps. "
                "Check your loop's range."
            )
        fail(
            f"{where} X has {X.shape[0]} windows, expected {rows} = len(sequence) - n_steps. "
            "The last window must still have a next value to predict: stop the loop earlier."
        )
    if not np.allclose(X, expected_X):
        if rows > 1 and np.allclose(X, _windows(seq, n_steps, shift=1)):
            fail(
                f"{where} the windows start one step late: window 0 should be "
                f"sequence[0:{n_steps}] = {short(seq[:n_steps])}, yours is {short(X[0])}."
            )
        bad = int(np.flatnonzero(~np.isclose(X, expected_X).all(axis=1))[0])
        fail(
            f"{where} window {bad} should be sequence[{bad}:{bad + n_steps}] = "
            f"{short(expected_X[bad])}, yours is {short(X[bad])}."
        )
    if y.shape == (rows, 1):
        fail(
            f"{where} y has shape {y.shape}; it should be 1-D, shape ({rows},): one number per "
            "window. Append the value itself, not a list or slice (sequence[i + n_steps], not "
            "sequence[i + n_steps : i + n_steps + 1])."
        )
    if y.ndim != 1 or y.shape[0] != rows:
        fail(f"{where} y should have shape ({rows},), one target per window; got {y.shape}.")
    expected_y = seq[n_steps:]
    if not np.allclose(y, expected_y):
        if np.allclose(y, seq[n_steps - 1 : L - 1]):
            fail(
                f"{where} y is the last value of each window, not the next one. The target of "
                f"window i is sequence[i + n_steps] (for window 0: sequence[{n_steps}] = "
                f"{seq[n_steps]:g}, yours is {y[0]:g})."
            )
        if rows > 1 and np.allclose(y[:-1], seq[n_steps + 1 :]):
            fail(
                f"{where} y skips a value: the target of window i is sequence[i + n_steps], "
                f"not sequence[i + n_steps + 1]."
            )
        bad = int(np.flatnonzero(~np.isclose(y, expected_y))[0])
        fail(
            f"{where} the target of window {bad} should be sequence[{bad + n_steps}] = "
            f"{expected_y[bad]:g}, yours is {y[bad]:g}."
        )


@exercise("create_dataset", notebook=5, reference=lambda: data.create_dataset)
def check_create_dataset(fn: object) -> bool:
    """Step 2: run ``fn(sequence, n_steps)`` on several sequences and explain the first mistake.

    The contract (as in the seed): window ``i`` is ``sequence[i : i + n_steps]``, its target
    ``sequence[i + n_steps]``; ``X`` is a NumPy array of shape ``(len(sequence) - n_steps,
    n_steps)`` and ``y`` one of shape ``(len(sequence) - n_steps,)``. Introduced in notebook 5.

    Args:
        fn: the learner's ``create_dataset``.

    Returns:
        True if it is right on every case of ``DATASET_CASES``; the verdict is printed.
    """
    if not callable(fn):
        fail(
            f"create_dataset should be a function, got {type(fn).__name__}. "
            "Define it with `def create_dataset(sequence, n_steps):`."
        )
    for case, seq, n_steps in DATASET_CASES:
        given = seq.copy()
        outcome = run_learner(fn, given, n_steps)
        if outcome.status == "todo":
            not_done()
        if outcome.status == "error":
            hint = ""
            if outcome.error.startswith("IndexError"):
                hint = (
                    f"\n   Hint: an index went past the end. With {len(seq)} values the last "
                    f"window is sequence[{len(seq) - n_steps - 1}:{len(seq) - 1}] and its "
                    f"target sequence[{len(seq) - 1}]: loop over "
                    "range(len(sequence) - n_steps) and take sequence[i + n_steps]."
                )
            fail(f"For {case}: your create_dataset raised {outcome.error}{hint}")
        _diagnose_dataset(outcome.value, seq, n_steps, case)
        if not np.array_equal(given, seq):
            fail(
                f"For {case}: create_dataset changed the sequence it was given. Build new "
                "arrays instead of modifying `sequence` in place."
            )
    return passed(
        f"create_dataset is right on {len(DATASET_CASES)} sequences "
        "(0..99, random floats, squares, a single window, n_steps=1)."
    )


@exercise("training_data", notebook=5, reference=_reference_training_data, unpack=True)
def check_training_data(X: object, y: object, *, n_steps: int = 10, length: int = 100) -> bool:
    """Step 2, second half: ``X`` of shape ``(samples, timesteps, features) = (90, 10, 1)``.

    ``X`` and ``y`` (shape ``(90,)``) must be the windows of ``0, 1, ..., length-1`` and their
    next values. Introduced in notebook 5.

    Args:
        X: the learner's RNN input.
        y: the targets.
        n_steps: the window length.
        length: the length of the sequence the windows were cut from.

    Returns:
        True if both are right; the verdict is printed.
    """
    if is_placeholder(X) or is_placeholder(y):
        not_done()
    rows = length - n_steps
    if not isinstance(X, np.ndarray) or not isinstance(y, np.ndarray):
        fail(f"X and y should be NumPy arrays, got {type(X).__name__} and {type(y).__name__}.")
    for name, arr in (("X", X), ("y", y)):
        if not _is_real_numeric(arr):
            fail(f"{name} should contain numbers, got dtype {arr.dtype}.")
    if X.shape == (rows, n_steps):
        fail(
            f"X has shape {X.shape} = (samples, timesteps): the feature axis is missing. An "
            "RNN layer wants (samples, timesteps, features): "
            "X = X.reshape((X.shape[0], X.shape[1], 1)), or X[..., np.newaxis]."
        )
    if X.shape == (rows, 1, n_steps):
        fail(
            f"X has shape {X.shape}: that is 1 time step with {n_steps} features. Put the "
            f"feature axis last: shape ({rows}, {n_steps}, 1)."
        )
    if X.shape != (rows, n_steps, 1):
        fail(f"X should have shape ({rows}, {n_steps}, 1), got {X.shape}.")
    if y.shape != (rows,):
        fail(f"y should have shape ({rows},), got {y.shape}.")
    seq = np.arange(length)
    if not np.allclose(X[:, :, 0], _windows(seq, n_steps)[:-1]):
        fail("X has the right shape but not the windows of 0..99: reshape, don't reorder.")
    if not np.allclose(y, seq[n_steps:]):
        fail(f"y should be the next values {short(seq[n_steps:])}, got {short(y)}.")
    return passed(f"X has shape {X.shape} = (samples, timesteps, features), y has shape {y.shape}.")
