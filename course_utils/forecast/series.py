"""Notebook 7's data: the yearly sunspot series, its split by time, and its windows.

The series is the yearly sunspot number, 1700-2008, that ships inside ``statsmodels``
(``statsmodels.datasets.sunspots``): nothing is downloaded. Its source is NOAA's National
Geophysical Data Center; statsmodels' dataset docstring says "This data is public domain".

A *part* of the series is 1-D, ``(length,)``. Window ``i`` of a part is ``part[i : i + n_steps]``
and its targets are the ``horizon`` values after it, as in ``course_utils.data.create_dataset``:
windows ``X`` have shape ``(n_windows, n_steps)``, targets ``(n_windows,)`` (one step ahead) or
``(n_windows, horizon)``. Importing this module imports neither TensorFlow nor statsmodels.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import ArrayLike

from course_utils.validate import as_1d, check_int, check_number

__all__ = [
    "SUNSPOTS_SOURCE",
    "cycle_extremes",
    "load_sunspots",
    "make_windows",
    "rise_and_fall",
    "split_by_time",
    "window_dataset",
]

#: Where the data come from and under which terms, as statsmodels' dataset docstring says.
SUNSPOTS_SOURCE = (
    "Yearly sunspot numbers 1700-2008 from NOAA's National Geophysical Data Center, "
    "shipped in statsmodels (statsmodels.datasets.sunspots); public domain"
)


def _part(name: str, values: ArrayLike) -> np.ndarray:
    """A finite 1-D float array of at least one value (a part of the series)."""
    return as_1d(name, values, finite=True).astype(float)


def load_sunspots() -> tuple[np.ndarray, np.ndarray]:
    """The yearly sunspot numbers shipped with statsmodels (no download). Introduced in notebook 7.

    Returns:
        ``(years, spots)``: ``years`` 1700..2008 as int, shape ``(309,)``, and each year's mean
        sunspot number as float, shape ``(309,)``. Source and terms: :data:`SUNSPOTS_SOURCE`.
    """
    from statsmodels.datasets import sunspots  # type: ignore[import-untyped]

    data = sunspots.load_pandas().data
    return data["YEAR"].to_numpy().astype(int), data["SUNACTIVITY"].to_numpy(dtype=float)


def split_by_time(
    values: ArrayLike, *, train: float = 0.7, val: float = 0.15
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cut a series into consecutive train / validation / test parts, in time order.

    The first ``int(train * length)`` values train, the next ``int(val * length)`` validate,
    the rest test; no value is in two parts. Notebook 7 does it by hand; the benchmark and the
    exercise check use this function.

    Args:
        values: the series, shape ``(length,)``.
        train: the training fraction, between 0 and 1.
        val: the validation fraction, between 0 and 1, with ``train + val < 1``.

    Returns:
        ``(train_part, val_part, test_part)``, each of shape ``(part_length,)``.

    Raises:
        TypeError: ``values`` is not numeric, or a fraction is not a number.
        ValueError: a fraction is outside (0, 1), they leave no test part, or a part is empty.
    """
    arr = _part("values", values)
    train = check_number("train", train, low=0, high=1)
    val = check_number("val", val, low=0, high=1)
    if not train + val < 1:
        raise ValueError(f"train + val must leave a test part (sum below 1), got {train + val}")
    n_train, n_val = int(train * len(arr)), int(val * len(arr))
    if min(n_train, n_val, len(arr) - n_train - n_val) < 1:
        raise ValueError(f"values has {len(arr)} values, too few to split {train}/{val}")
    return arr[:n_train], arr[n_train : n_train + n_val], arr[n_train + n_val :]


def make_windows(
    part: ArrayLike, n_steps: int, *, horizon: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Every window of ``n_steps`` values in ``part``, with the ``horizon`` values after it.

    Windows never leave ``part``. One step ahead this is ``create_dataset(part, n_steps)``.
    Introduced in notebook 7.

    Args:
        part: one part of the series, shape ``(length,)``.
        n_steps: the window length, an int >= 1.
        horizon: how many values after each window are its targets, an int >= 1.

    Returns:
        ``X`` with shape ``(n, n_steps)`` and the targets with shape ``(n,)`` when
        ``horizon == 1``, else ``(n, horizon)``, where ``n = length - n_steps - horizon + 1``.

    Raises:
        TypeError: ``part`` is not numeric, or ``n_steps`` / ``horizon`` is not an int.
        ValueError: ``part`` is not 1-D or finite, or too short for one window and its targets.
    """
    arr = _part("part", part)
    n_steps = check_int("n_steps", n_steps, low=1)
    horizon = check_int("horizon", horizon, low=1)
    if n_steps + horizon > len(arr):
        raise ValueError(
            f"part has {len(arr)} values, too few for one window of n_steps={n_steps} "
            f"and horizon={horizon}"
        )
    both = sliding_window_view(arr, n_steps + horizon)
    X, Y = both[:, :n_steps].copy(), both[:, n_steps:].copy()
    return X, (Y[:, 0] if horizon == 1 else Y)


def window_dataset(
    part: ArrayLike, n_steps: int, *, horizon: int = 1, batch_size: int = 32, seed: int = 0
) -> Any:
    """The training windows of ``part`` as a ``tf.data.Dataset`` of batches, reshuffled every epoch.

    Cut by ``keras.utils.timeseries_dataset_from_array`` (window ``i`` is ``part[i:i+n_steps]``,
    its targets the ``horizon`` values after it: the windows of :func:`make_windows`), kept in
    memory so they are cut once, then shuffled anew at each pass and batched. Introduced in
    notebook 7.

    Args:
        part: a standardised part of the series, shape ``(length,)``.
        n_steps: the window length, an int >= 1.
        horizon: targets per window, an int >= 1.
        batch_size: windows per batch, an int >= 1.
        seed: the shuffling's seed.

    Returns:
        The dataset: batches ``(batch, n_steps, 1)`` float32, targets ``(batch,)`` or
        ``(batch, horizon)``.
    """
    arr = _part("part", part).astype("float32")
    X, Y = make_windows(arr, n_steps, horizon=horizon)  # checks n_steps, horizon and the length
    batch_size = check_int("batch_size", batch_size, low=1)
    seed = check_int("seed", seed)
    import keras

    # window i = arr[i : i + n_steps] gets targets Y[i]; the last `horizon` values are only targets
    windows = keras.utils.timeseries_dataset_from_array(
        arr[: len(arr) - horizon, None],
        Y.astype("float32"),
        sequence_length=n_steps,
        batch_size=None,
    )
    return windows.cache().shuffle(len(X), seed=seed).batch(batch_size)


def cycle_extremes(values: ArrayLike, *, half_width: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """The indices of the maxima and minima of a cyclic series. Introduced in notebook 7.

    Index ``t`` is a maximum (minimum) when ``values[t]`` is the largest (smallest) value from
    ``t - half_width`` to ``t + half_width``; the first and last ``half_width`` values are never
    extremes. On the sunspot series, half widths 3 to 5 find the same 28 maxima.

    Args:
        values: the series, shape ``(length,)`` with ``length >= 2 * half_width + 1``.
        half_width: how many values on either side an extreme must beat, an int >= 1.

    Returns:
        ``(maxima, minima)``, sorted indices, shapes ``(n_max,)`` and ``(n_min,)``.

    Raises:
        ValueError: ``values`` is too short for ``half_width``.
    """
    arr = _part("values", values)
    half_width = check_int("half_width", half_width, low=1)
    if len(arr) < 2 * half_width + 1:
        raise ValueError(f"values needs at least 2 * half_width + 1 = {2 * half_width + 1} values")
    spans = sliding_window_view(arr, 2 * half_width + 1)
    maxima = np.flatnonzero(spans.argmax(axis=1) == half_width) + half_width
    minima = np.flatnonzero(spans.argmin(axis=1) == half_width) + half_width
    return maxima, minima


def rise_and_fall(maxima: ArrayLike, minima: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Steps from each minimum up to the next maximum, and from each maximum down to the next one.

    Introduced in notebook 7.

    Args:
        maxima: sorted indices of the maxima, shape ``(n_max,)`` (from :func:`cycle_extremes`).
        minima: sorted indices of the minima, shape ``(n_min,)``.

    Returns:
        ``(rises, falls)``, shapes ``(n_rises,)`` and ``(n_falls,)``: an extreme with no later
        extreme of the other kind has no entry.

    Raises:
        ValueError: the indices are not 1-D, or not sorted and distinct.
    """
    tops = as_1d("maxima", maxima, min_length=0).astype(int)
    bottoms = as_1d("minima", minima, min_length=0).astype(int)
    for name, idx in (("maxima", tops), ("minima", bottoms)):
        if np.any(np.diff(idx) <= 0):
            raise ValueError(f"{name} must be sorted and distinct")

    def to_next(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        nxt = np.searchsorted(ends, starts, side="right")
        keep = nxt < len(ends)
        return ends[nxt[keep]] - starts[keep]

    return to_next(bottoms, tops), to_next(tops, bottoms)
