"""The one rule of argument checks: wrong type -> TypeError, wrong value or shape -> ValueError."""

import numpy as np
import pytest

from course_utils.validate import (
    as_1d,
    as_array,
    check_bool,
    check_int,
    check_mapping,
    check_number,
)


def test_check_int_accepts_ints_and_numpy_ints():
    assert check_int("n", 3) == 3
    assert type(check_int("n", np.int64(3), low=1, high=3)) is int


@pytest.mark.parametrize(
    ("value", "kwargs", "error", "message"),
    [
        (2.0, {}, TypeError, "n must be an int, got float 2.0"),
        (True, {}, TypeError, "n must be an int, got bool True"),
        ("3", {"low": 1}, TypeError, "n must be an int >= 1, got str '3'"),
        (0, {"low": 1}, ValueError, "n must be an int >= 1, got 0"),
        (5, {"low": 1, "high": 4}, ValueError, "n must be an int >= 1 and <= 4, got 5"),
        (5, {"high": 4}, ValueError, "n must be an int <= 4, got 5"),
    ],
)
def test_check_int_rejects(value, kwargs, error, message):
    with pytest.raises(error) as info:
        check_int("n", value, **kwargs)
    assert str(info.value) == message


def test_check_number():
    assert check_number("x", 2) == 2.0 and isinstance(check_number("x", np.float32(2)), float)
    for value, error, message in [
        ("1", TypeError, "x must be a finite number, got str '1'"),
        (None, TypeError, "x must be a finite number, got NoneType None"),
        (True, TypeError, "x must be a finite number, got bool True"),
        (float("nan"), ValueError, "x must be a finite number, got nan"),
        (float("inf"), ValueError, "x must be a finite number, got inf"),
    ]:
        with pytest.raises(error) as info:
            check_number("x", value)
        assert str(info.value) == message
    with pytest.raises(ValueError, match=r"x must be a finite number > 0, got 0"):
        check_number("x", 0, positive=True)
    with pytest.raises(ValueError, match=r"x must be a finite number >= -1 and <= 1, got 2"):
        check_number("x", 2, low=-1, high=1)


def test_check_bool_and_mapping():
    assert check_bool("on", False) is False
    with pytest.raises(TypeError, match="on must be True or False, got int 1"):
        check_bool("on", 1)
    assert check_mapping("d", {"a": 1}, "{k: v}") == {"a": 1}
    with pytest.raises(TypeError, match=r"d must be a dict of \{k: v\}, got list"):
        check_mapping("d", [1], "{k: v}")
    with pytest.raises(ValueError, match="d must be a non-empty dict"):
        check_mapping("d", {}, "{k: v}")


def test_as_array_and_as_1d():
    arr = as_array("W", [[1, 2]], ndim=2, shape="(features, units)")
    assert arr.dtype == np.float64 and arr.shape == (1, 2)
    with pytest.raises(
        ValueError, match=r"W must have shape \(features, units\), got shape \(2,\)"
    ):
        as_array("W", [1, 2], ndim=2, shape="(features, units)")
    with pytest.raises(TypeError, match="W must be an array of numbers with shape"):
        as_array("W", [["a"]], ndim=2, shape="(features, units)")
    assert as_1d("s", [1, 2]).dtype.kind == "i"  # the dtype is kept
    with pytest.raises(TypeError, match="s must be a 1-D sequence of numbers, got a str"):
        as_1d("s", "abc")
    with pytest.raises(ValueError, match="s must hold at least 3 values, got 2"):
        as_1d("s", [1, 2], min_length=3)
    with pytest.raises(ValueError, match="s must be finite, but element 0 is nan"):
        as_1d("s", [np.nan], finite=True)
    with pytest.raises(ValueError, match="s must be a 1-D sequence of numbers"):
        as_1d("s", [[1, 2], [3]])
