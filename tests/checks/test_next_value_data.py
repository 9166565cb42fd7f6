"""Checks of notebook 5, steps 1 and 2: right answers pass, each classic mistake gets its message.

Every wrong implementation below is one a learner could type. The checker must print what is
wrong (asserted by a phrase from the message) and return False, and never raise.
"""

import contextlib
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from course_utils import checks
from course_utils.data import create_dataset as reference_create_dataset

# ------------------------------------------------------------------ create_dataset, right ones


def seed_version(sequence, n_steps):
    X, y = [], []
    for i in range(len(sequence)):
        end_ix = i + n_steps
        if end_ix > len(sequence) - 1:
            break
        X.append(sequence[i:end_ix])
        y.append(sequence[end_ix])
    return np.array(X), np.array(y)


def comprehension_version(sequence, n_steps):
    n = len(sequence) - n_steps
    return (
        np.array([sequence[i : i + n_steps] for i in range(n)]),
        np.array([sequence[i + n_steps] for i in range(n)]),
    )


@pytest.mark.parametrize("fn", [seed_version, comprehension_version, reference_create_dataset])
def test_right_implementations_pass(fn, capsys):
    assert checks.check_create_dataset(fn) is True
    assert "✅ create_dataset is right" in capsys.readouterr().out


# ------------------------------------------------------------------ create_dataset, mistakes


def stub(sequence, n_steps):
    raise NotImplementedError("your code here")


def returns_lists(sequence, n_steps):
    X, y = comprehension_version(sequence, n_steps)
    return X.tolist(), y.tolist()


def target_is_last_of_window(sequence, n_steps):
    n = len(sequence) - n_steps
    X = np.array([sequence[i : i + n_steps] for i in range(n)])
    return X, np.array([sequence[i + n_steps - 1] for i in range(n)])


def target_skips_one(sequence, n_steps):
    X, y = [], []
    for i in range(len(sequence) - n_steps):
        X.append(sequence[i : i + n_steps])
        y.append(sequence[i + n_steps + 1])  # IndexError on the last window
    return np.array(X), np.array(y)


def target_skips_one_quietly(sequence, n_steps):
    n = len(sequence) - n_steps - 1
    X = np.array([sequence[i : i + n_steps] for i in range(n + 1)])
    y = np.array([sequence[min(i + n_steps + 1, len(sequence) - 1)] for i in range(n + 1)])
    return X, y


def missing_last_window(sequence, n_steps):
    n = len(sequence) - n_steps - 1
    return (
        np.array([sequence[i : i + n_steps] for i in range(n)]),
        np.array([sequence[i + n_steps] for i in range(n)]),
    )


def one_window_too_many(sequence, n_steps):
    n = len(sequence) - n_steps + 1
    return (
        np.array([sequence[i : i + n_steps] for i in range(n)]),
        np.array([sequence[i + n_steps] for i in range(n)]),
    )


def one_window_too_many_padded(sequence, n_steps):
    X, y = comprehension_version(sequence, n_steps)
    return np.vstack([X, sequence[-n_steps:]]), np.append(y, 0)  # last "window" has no target


def hard_coded_ten(sequence, n_steps):
    return seed_version(sequence, 10)


def swapped(sequence, n_steps):
    X, y = comprehension_version(sequence, n_steps)
    return y, X


def three_d(sequence, n_steps):
    X, y = comprehension_version(sequence, n_steps)
    return X.reshape((X.shape[0], X.shape[1], 1)), y


def mutates_input(sequence, n_steps):
    X, y = comprehension_version(sequence.copy(), n_steps)
    sequence *= 2
    return X, y


def raises_its_own(sequence, n_steps):
    raise ValueError("oops, my own bug")


def returns_nothing(sequence, n_steps):
    comprehension_version(sequence, n_steps)


def returns_only_x(sequence, n_steps):
    return comprehension_version(sequence, n_steps)[0]


def y_as_column(sequence, n_steps):
    n = len(sequence) - n_steps
    return (
        np.array([sequence[i : i + n_steps] for i in range(n)]),
        np.array([sequence[i + n_steps : i + n_steps + 1] for i in range(n)]),
    )


def windows_start_late(sequence, n_steps):
    n = len(sequence) - n_steps
    return (
        np.array([sequence[i + 1 : i + 1 + n_steps] for i in range(n)]),
        np.array([sequence[i + n_steps] for i in range(n)]),
    )


def prints_and_rounds(sequence, n_steps):
    print("debugging output the learner left in")
    X, y = comprehension_version(sequence, n_steps)
    return X.astype(int), y.astype(int)


@pytest.mark.parametrize(
    ("fn", "phrase"),
    [
        (stub, "Not done yet"),
        (returns_lists, "Python lists"),
        (target_is_last_of_window, "y is the last value of each window"),
        (target_skips_one, "IndexError"),
        (target_skips_one_quietly, "y skips a value"),
        (missing_last_window, "the last window is missing"),
        (one_window_too_many, "IndexError"),
        (one_window_too_many_padded, "stop the loop earlier"),
        (hard_coded_ten, "instead of n_steps"),
        (swapped, "swapped"),
        (three_d, "already added the feature axis"),
        (mutates_input, "changed the sequence it was given"),
        (raises_its_own, "ValueError: oops, my own bug"),
        (returns_nothing, "returned None"),
        (returns_only_x, "should return two things"),
        (y_as_column, "it should be 1-D"),
        (windows_start_late, "start one step late"),
        (prints_and_rounds, "yours is"),
        ("create_dataset", "should be a function"),
    ],
)
def test_each_mistake_gets_its_message(fn, phrase, capsys):
    assert checks.check_create_dataset(fn) is False
    out = capsys.readouterr().out
    assert phrase in out, out
    assert "Traceback" not in out
    assert "debugging output" not in out


def test_index_error_points_at_the_learners_line(capsys):
    checks.check_create_dataset(target_skips_one)
    out = capsys.readouterr().out
    assert "y.append(sequence[i + n_steps + 1])" in out
    assert "range(len(sequence) - n_steps)" in out


def test_checks_do_not_swallow_keyboard_interrupt():
    def interrupted(sequence, n_steps):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        checks.check_create_dataset(interrupted)


# ------------------------------------------------------------------ sequence and training data


@pytest.mark.parametrize(
    ("value", "ok", "phrase"),
    [
        (np.arange(100), True, "✅"),
        (np.arange(100.0), True, "✅"),
        (None, False, "Not done yet"),
        (..., False, "Not done yet"),
        (list(range(100)), False, "np.array"),
        (np.arange(99), False, "np.arange(n) stops before n"),
        (np.arange(1, 101), False, "0, 1, ..., 99 in order"),
        (np.arange(100).reshape(10, 10), False, "1-D"),
        ("0..99", False, "NumPy array"),
    ],
)
def test_check_sequence(value, ok, phrase, capsys):
    assert checks.check_sequence(value) is ok
    assert phrase in capsys.readouterr().out


def test_check_training_data(capsys):
    X, y = reference_create_dataset(np.arange(100), 10)
    assert checks.check_training_data(X[..., None], y) is True
    assert checks.check_training_data(..., y) is False
    assert "Not done yet" in capsys.readouterr().out
    assert checks.check_training_data(X, y) is False
    assert "feature axis is missing" in capsys.readouterr().out
    assert checks.check_training_data(X.reshape(90, 1, 10), y) is False
    assert "1 time step with 10 features" in capsys.readouterr().out
    assert checks.check_training_data(X.reshape(90, 10, 1)[::-1], y) is False
    assert "reshape, don't reorder" in capsys.readouterr().out


def test_training_data_with_text_or_object_arrays_explains(capsys):
    from course_utils.checks import check_training_data

    X = np.arange(900).reshape(90, 10, 1)
    y = np.arange(10, 100)
    assert check_training_data(X.astype(str), y) is False
    assert "X should contain numbers, got dtype <U" in capsys.readouterr().out
    assert check_training_data(X, y.astype(object)) is False
    assert "y should contain numbers, got dtype object" in capsys.readouterr().out


def test_create_dataset_returning_dates_explains(capsys):
    from course_utils.checks import check_create_dataset

    def as_dates(sequence, n_steps):
        X, y = reference_create_dataset(sequence, n_steps)
        return X.astype("timedelta64[s]"), y.astype("timedelta64[s]")

    assert check_create_dataset(as_dates) is False
    assert "should contain numbers, got dtype timedelta64" in capsys.readouterr().out


# Whatever a learner's create_dataset returns, the checker answers True/False and never raises.
_odd_values = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=5),
    hnp.arrays(
        dtype=st.sampled_from(["int64", "float64", "U3", "bool", "complex128", "timedelta64[s]"]),
        shape=hnp.array_shapes(min_dims=0, max_dims=3, max_side=4),
    ),
)


@settings(max_examples=150, deadline=None)
@given(st.one_of(_odd_values, st.tuples(_odd_values, _odd_values), st.tuples(_odd_values)))
def test_create_dataset_checker_never_raises(result):
    from course_utils.checks import check_create_dataset

    with contextlib.redirect_stdout(io.StringIO()) as out:
        verdict = check_create_dataset(lambda sequence, n_steps: result)
    assert verdict is False
    assert out.getvalue().startswith("❌")
