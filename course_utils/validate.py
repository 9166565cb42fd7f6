"""Argument validation shared by every module of ``course_utils``.

One rule everywhere: a wrong **type** raises ``TypeError``, a wrong **value or shape** raises
``ValueError``, and the message names the parameter and what was expected, e.g.
``n_steps must be an int >= 1, got float 2.0``. Each function returns the value converted to what
the caller computes with (``int``, ``float``, a NumPy array), so a caller writes
``n_steps = check_int("n_steps", n_steps, low=1)`` and carries on.

Only arguments a learner (or a notebook author) passes are checked; arguments that only the
course's own code passes are not.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "as_1d",
    "as_array",
    "check_bool",
    "check_int",
    "check_mapping",
    "check_number",
]


def _got(value: object) -> str:
    """``float 2.0``: the type and the value, as error messages show what was passed."""
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{type(value).__name__} {text}"


def _range_text(low: float | None, high: float | None) -> str:
    parts = []
    if low is not None:
        parts.append(f">= {low}")
    if high is not None:
        parts.append(f"<= {high}")
    return " and ".join(parts)


def check_int(name: str, value: object, *, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` as an ``int`` if it is one (NumPy ints too; not ``bool``) within bounds.

    Args:
        name: the parameter's name, for the message.
        value: what was passed.
        low: smallest allowed value (inclusive), or None for no lower bound.
        high: largest allowed value (inclusive), or None for no upper bound.

    Returns:
        ``int(value)``.

    Raises:
        TypeError: ``value`` is not an integer (a float such as ``2.0`` is not).
        ValueError: ``value`` is outside ``[low, high]``.
    """
    bounds = _range_text(low, high)
    expected = f"an int {bounds}" if bounds else "an int"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be {expected}, got {_got(value)}")
    number = int(value)
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValueError(f"{name} must be {expected}, got {value}")
    return number


def check_number(
    name: str,
    value: object,
    *,
    low: float | None = None,
    high: float | None = None,
    positive: bool = False,
) -> float:
    """Return ``value`` as a finite ``float`` if it is a real number within bounds.

    Args:
        name: the parameter's name, for the message.
        value: what was passed (int, float or a NumPy scalar; not ``bool`` or ``str``).
        low: smallest allowed value (inclusive), or None.
        high: largest allowed value (inclusive), or None.
        positive: require ``value > 0``.

    Returns:
        ``float(value)``.

    Raises:
        TypeError: ``value`` is not a real number.
        ValueError: ``value`` is NaN, infinite, not positive when required, or out of bounds.
    """
    bounds = "> 0" if positive else _range_text(low, high)
    expected = f"a finite number{' ' + bounds if bounds else ''}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be {expected}, got {_got(value)}")
    number = float(value)
    if (
        not np.isfinite(number)
        or (positive and not number > 0)
        or (low is not None and number < low)
        or (high is not None and number > high)
    ):
        raise ValueError(f"{name} must be {expected}, got {value}")
    return number


def check_bool(name: str, value: object) -> bool:
    """Return ``value`` if it is ``True`` or ``False``.

    Args:
        name: the parameter's name, for the message.
        value: what was passed.

    Returns:
        ``value``.

    Raises:
        TypeError: ``value`` is not a ``bool`` (``1`` and ``"yes"`` are not).
    """
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {_got(value)}")
    return value


def check_mapping(name: str, value: object, what: str) -> dict[Any, Any]:
    """Return ``value`` as a dict if it is a non-empty mapping.

    Args:
        name: the parameter's name, for the message.
        value: what was passed.
        what: what the mapping holds, for the message, e.g. ``"{label: losses}"``.

    Returns:
        ``dict(value)``.

    Raises:
        TypeError: ``value`` is not a mapping.
        ValueError: ``value`` is empty.
    """
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a dict of {what}, got {_got(value)}")
    if not value:
        raise ValueError(f"{name} must be a non-empty dict of {what}, got an empty one")
    return dict(value)


def as_array(name: str, value: ArrayLike, *, ndim: int, shape: str) -> np.ndarray:
    """Return ``value`` as a float64 array with ``ndim`` axes.

    Args:
        name: the parameter's name, for the message.
        value: an array-like of real numbers.
        ndim: the number of axes it must have.
        shape: the expected shape in words, e.g. ``"(batch, features)"``.

    Returns:
        The array, float64, shape as described by ``shape``.

    Raises:
        TypeError: ``value`` does not hold real numbers (text, objects, complex numbers).
        ValueError: it has another number of axes, or is ragged.
    """
    arr = _numeric_array(name, value, f"an array of numbers with shape {shape}")
    if arr.ndim != ndim:
        raise ValueError(f"{name} must have shape {shape}, got shape {arr.shape}")
    return arr.astype(np.float64, copy=False)


def as_1d(name: str, value: ArrayLike, *, min_length: int = 1, finite: bool = False) -> np.ndarray:
    """Return ``value`` as a 1-D numeric array of at least ``min_length`` values, dtype kept.

    Args:
        name: the parameter's name, for the message.
        value: an array-like of real numbers (bools and ints keep their dtype).
        min_length: the fewest values allowed.
        finite: also reject NaN and infinite values.

    Returns:
        The array, shape ``(length,)``.

    Raises:
        TypeError: ``value`` is a string or does not hold real numbers.
        ValueError: it is not 1-D, too short, ragged or (with ``finite``) not finite.
    """
    arr = _numeric_array(name, value, "a 1-D sequence of numbers")
    if arr.ndim != 1:
        raise ValueError(
            f"{name} must be 1-D with shape (length,), got shape {arr.shape}; "
            "flatten it first, e.g. np.ravel(...)"
        )
    if len(arr) < min_length:
        raise ValueError(f"{name} must hold at least {min_length} values, got {len(arr)}")
    if finite and arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
        bad = int(np.flatnonzero(~np.isfinite(arr))[0])
        raise ValueError(f"{name} must be finite, but element {bad} is {arr[bad]}")
    return arr


def _numeric_array(name: str, value: object, expected: str) -> np.ndarray:
    """``np.asarray(value)`` if it holds booleans, integers or real floats."""
    if isinstance(value, str | bytes):
        raise TypeError(f"{name} must be {expected}, got a {type(value).__name__}")
    try:
        arr = np.asarray(value)
    except ValueError as err:  # ragged nested lists
        raise ValueError(f"{name} must be {expected} ({err})") from None
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be {expected}, got dtype {arr.dtype}")
    return arr
