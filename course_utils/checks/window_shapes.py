"""Check for notebook 1's prediction: the shapes windowing gives, written down before running it.

The learner predicts the shape of ``X[..., np.newaxis]`` and of ``y`` for
``X, y = create_dataset(series, n_steps=25)`` on the 200-step wave, then runs the cell that shows
them. Every classic slip (one window too many, windows that do not overlap, the missing feature
axis, axes swapped, ``(175)`` written for ``(175,)``, ...) gets its own explanation.

The reference answer comes from the package's own :func:`course_utils.data.create_dataset`.
"""

from __future__ import annotations

import numbers

import numpy as np

from course_utils import data
from course_utils.checks.framework import TODO, exercise, fail, is_placeholder, not_done, passed

__all__ = ["SERIES_LENGTH", "WINDOW_STEPS", "check_window_shapes"]

#: The exercise: a series of this many values, cut into windows of this many steps.
SERIES_LENGTH, WINDOW_STEPS = 200, 25


def _expected() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The true shapes of ``X[..., np.newaxis]`` and ``y``, from ``create_dataset`` itself."""
    X, y = data.create_dataset(np.zeros(SERIES_LENGTH), WINDOW_STEPS)
    return X[..., np.newaxis].shape, y.shape


def _as_shape(name: str, value: object) -> tuple[int, ...]:
    """The learner's shape as a tuple of ints, or a ❌ verdict saying why it is not one."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        fail(
            f"{name} is the number {value}, not a shape. A shape is a tuple, even with one "
            f"axis: write ({value},) with a comma; ({value}) is just the number {value}."
        )
    if not isinstance(value, tuple | list):
        fail(
            f"{name} should be a shape: a tuple of whole numbers such as (5, 6, 7), "
            f"got {type(value).__name__}."
        )
    if not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in value):
        fail(f"{name} should hold whole numbers only, like (5, 6, 7), got {tuple(value)!r}.")
    return tuple(int(v) for v in value)


def _x_mistakes(L: int, n: int) -> list[tuple[tuple[int, ...], str]]:
    """Wrong shapes of X a learner may predict, each with what it shows they assumed."""
    samples = L - n
    return [
        (
            (samples + 1, n, 1),
            f"one sample too many. {samples + 1} windows of {n} values fit in {L} values, but "
            f"the last one, series[{samples}:{L}], has no next value to predict, so it is not "
            "a sample: a series of length L gives L - n_steps samples",
        ),
        (
            (samples - 1, n, 1),
            f"one sample too few. The last window, series[{samples - 1}:{L - 1}], still has a "
            f"target, series[{L - 1}]: windows start at i = 0, 1, ..., L - n_steps - 1",
        ),
        (
            (L, n, 1),
            f"that is one sample per value of the series. The first {n} values are never a "
            "target (nothing comes before them to fill a window), and the windows at the end "
            "would have no next value: count the windows that have a target",
        ),
        (
            (L // n, n, 1),
            f"{L} / {n} = {L // n} counts windows that do not overlap. create_dataset slides "
            "the window one step at a time, so consecutive windows share all but one value",
        ),
        (
            ((L - n) // n, n, 1),
            "that counts windows that do not overlap, each with its target. create_dataset "
            "slides the window one step at a time, so consecutive windows share all but one "
            "value",
        ),
        (
            (samples, n + 1, 1),
            f"each window holds n_steps = {n} values; its target is the value after it and is "
            "not part of X (it goes into y)",
        ),
        (
            (samples, n),
            "that is the shape create_dataset returns, (samples, timesteps). The RNN input "
            "X[..., np.newaxis] has one more axis: features, of size 1 for one value per step",
        ),
        (
            (samples, 1, n),
            "timesteps and features are swapped: that would be windows of 1 time step with "
            f"{n} features each, read all at once. The order is (samples, timesteps, features)",
        ),
        (
            (n, samples, 1),
            f"samples and timesteps are swapped: that would be {n} sequences of {samples} "
            "steps. The order is (samples, timesteps, features)",
        ),
        (
            (1, samples, n),
            "that looks like one sample holding every window. Each window is its own sample: "
            "axis 0 counts them, then come timesteps and features",
        ),
    ]


def _y_mistakes(L: int, n: int) -> list[tuple[tuple[int, ...], str]]:
    """Wrong shapes of y a learner may predict, each with what it shows they assumed."""
    samples = L - n
    return [
        (
            (samples, 1),
            "create_dataset returns y with one axis: one number per sample, shape (samples,). "
            "Only X gets the extra features axis",
        ),
        (
            (samples, n),
            f"y is not a window: each sample has one target, the single value after its {n} inputs",
        ),
        (
            (samples, n, 1),
            "y holds one target per sample, not a window of values: it has one axis, (samples,)",
        ),
        ((L,), "y has one target per sample, not one per value of the series"),
    ]


@exercise("window_shapes", notebook=1, reference=_expected, unpack=True)
def check_window_shapes(X_shape: object, y_shape: object) -> bool:
    """Check a prediction of the shapes of ``X[..., np.newaxis]`` and ``y`` before running it.

    The windows are those of ``create_dataset(series, n_steps=WINDOW_STEPS)`` on a series of
    ``SERIES_LENGTH`` values. Introduced in notebook 1.

    Args:
        X_shape: the predicted shape of the RNN input, ``(samples, timesteps, features)``.
        y_shape: the predicted shape of the targets, ``(samples,)``.

    Returns:
        True if both are right; the verdict (naming the mistake) is printed.
    """
    if is_placeholder(X_shape) and is_placeholder(y_shape):
        not_done()
    L, n = SERIES_LENGTH, WINDOW_STEPS
    right_X, right_y = _expected()
    still = ""  # what is left to predict, when only one of the two is filled in
    if is_placeholder(X_shape):
        still = "X_shape is still `...`: predict it too"
    elif is_placeholder(y_shape):
        still = "y_shape is still `...`: predict it too"
    if not is_placeholder(X_shape):
        got_X = _as_shape("X_shape", X_shape)
        if got_X != right_X:
            why = dict(_x_mistakes(L, n)).get(got_X)
            if why is None:
                why = (
                    "count each axis: samples (how many windows have a next value to predict), "
                    f"timesteps (the window length, n_steps = {n}), features (values per step)"
                )
            fail(f"X_shape = {got_X} is not it: {why}." + (f" ({still}.)" if still else ""))
    if not is_placeholder(y_shape):
        got_y = _as_shape("y_shape", y_shape)
        if got_y != right_y:
            why = dict(_y_mistakes(L, n)).get(got_y)
            if why is None:
                why = "y has one target per sample of X, and one axis"
            right = "" if still else " (X_shape is right)"
            fail(f"y_shape = {got_y} is not it{right}: {why}." + (f" ({still}.)" if still else ""))
    if still:
        done = "y_shape" if is_placeholder(X_shape) else "X_shape"
        print(f"{TODO} {done} is right; {still}.")
        return False
    return passed(
        f"Right: X is {right_X} and y {right_y}. {L} - {n} = {right_X[0]} windows have a next "
        f"value to predict; each is {n} steps of 1 feature. Run the next cell to see it."
    )
