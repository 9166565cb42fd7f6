"""Check for notebook 7's exercise: guess, then compute the cycle naive forecast on test windows.

The learner first guesses which baseline misses by less on the test windows, the last value or
the cycle naive forecast (the value one average cycle, 11 years, before the target), or whether
they come out about the same; then computes the cycle naive forecasts of the 35 test windows in
sunspots. Every classic slip (standardised units, 12 or 10 years back instead of 11, the last
value, the targets themselves, the whole test part instead of its windows, the validation
windows, ...) gets its own explanation; a right answer is compared with the guess.

The data and the reference come from the package's own :mod:`course_utils.forecast`.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from course_utils import forecast
from course_utils.checks.framework import exercise, fail, is_placeholder, not_done, passed

__all__ = ["CYCLE_SETTING", "GUESSES", "SAME_WITHIN", "check_cycle_naive", "cycle_naive_setting"]

#: The notebook's split fractions, window length and cycle length.
CYCLE_SETTING = {"train": 0.7, "val": 0.15, "n_steps": 12, "period": 11}
#: The three guesses a learner can write down.
GUESSES = ("last value", "cycle naive", "about the same")
#: Test MAEs this close (in sunspots) count as "about the same".
SAME_WITHIN = 1.0


@functools.cache
def cycle_naive_setting() -> dict[str, Any]:
    """The exercise's data, computed once from the sunspot series. Used in notebook 7.

    Returns:
        A dict: ``years`` (the test targets' years, ``(35,)``), ``X`` (the test windows in
        sunspots, ``(35, 12)``), ``truth`` (``(35,)``), ``answer`` (the cycle naive forecasts,
        ``(35,)``), ``mean`` and ``std`` (training statistics), ``lengths`` (the number of
        windows of the training part, the validation part and the whole series, and the lengths
        of the test part and the series), and ``mae`` (``{"last value": ..., "cycle naive": ...}``).
    """
    s = CYCLE_SETTING
    years, spots = forecast.load_sunspots()
    train, val, test = forecast.split_by_time(spots, train=s["train"], val=s["val"])
    n = int(s["n_steps"])
    X, truth = forecast.make_windows(test, n)
    answer = forecast.seasonal_naive(X, int(s["period"]))
    return {
        "years": years[len(spots) - len(truth) :],
        "X": X,
        "truth": truth,
        "answer": answer,
        "mean": float(train.mean()),
        "std": float(train.std()),
        "lengths": {
            len(train) - n: "the training windows: score on the test windows",
            len(val) - n: "the validation windows: the table scores the test windows",
            len(spots) - n: "the windows of the whole series: score only the test windows",
            len(test): "one value per year of the test part",
            len(spots): "one value per year of the whole series",
            len(test) - int(s["period"]): "test[11:] or test[:-11] has one value per test "
            "year with a year 11 years before it, but the first 12 test years only fill the "
            "first window: the targets are test[12:]",
        },
        "mae": {
            "last value": forecast.mae(forecast.last_value(X), truth),
            "cycle naive": forecast.mae(answer, truth),
        },
    }


def _reference() -> tuple[str, np.ndarray]:
    return "about the same", cycle_naive_setting()["answer"]


def _check_guess(guess: object) -> str:
    if isinstance(guess, str) and guess.strip().lower() in GUESSES:
        return guess.strip().lower()
    fail(f"write your guess as one of {', '.join(repr(g) for g in GUESSES)}, got {guess!r:.40}.")


def _as_forecasts(forecasts: object, n: int) -> np.ndarray:
    """The learner's forecasts as a float array of shape ``(n,)``, or a verdict saying why not."""
    if isinstance(forecasts, str | bytes | bool):
        fail(f"forecasts should be an array of {n} numbers, got {type(forecasts).__name__}.")
    try:
        arr = np.asarray(forecasts)
    except (TypeError, ValueError):  # ragged lists
        arr = np.asarray(None)
    if arr.dtype.kind not in "biuf":
        fail(f"forecasts should be an array of {n} numbers, one per test window.")
    arr = arr.astype(float)
    if arr.ndim == 0:
        mae = cycle_naive_setting()["mae"]["cycle naive"]
        if abs(float(arr) - mae) < 0.05:
            fail(
                f"{float(arr):.1f} is the MAE itself. Give the {n} forecasts, one per test "
                "window, so the check can see each one (the next cell scores them)."
            )
        fail(f"give the {n} forecasts, one per test window, not one number.")
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr[:, 0]
    if arr.ndim == 2 and arr.shape == (n, int(CYCLE_SETTING["n_steps"])):
        fail(
            f"that is the test windows themselves, shape {arr.shape}. Each window gets one "
            "forecast: pick the one column that holds the year 11 years before the target."
        )
    if arr.ndim != 1:
        fail(f"forecasts should have shape ({n},), one value per test window, got {arr.shape}.")
    if len(arr) != n:
        why = cycle_naive_setting()["lengths"].get(len(arr), "count the test windows")
        fail(f"there are {len(arr)} values, not {n}: {why}. There is one forecast per window.")
    if not np.all(np.isfinite(arr)):
        fail("some forecasts are NaN or infinite; every forecast is a value of the series.")
    return arr


def _column_mistake(arr: np.ndarray, setting: dict[str, Any]) -> str | None:
    """What the learner computed when it is another column of the windows, maybe standardised."""
    X, mean, std = setting["X"], setting["mean"], setting["std"]
    n_steps = X.shape[1]
    for scaled in (False, True):
        for back in range(1, n_steps + 1):
            column = X[:, n_steps - back]
            if not np.allclose(arr, (column - mean) / std if scaled else column, atol=1e-6):
                continue
            units = (
                "these are standardised values (training mean subtracted, divided by the "
                "training standard deviation): the MAE must be in sunspots, so unscale them"
            )
            if back == 11:
                return units
            back_from = (
                "count back from the target, which is the year after the window: "
                "X[:, -1] is 1 year before it"
            )
            where = {
                1: "X[:, -1] is the window's last year, 1 year before the target: that is the "
                "last value forecast. The cycle naive looks one cycle back",
                n_steps: f"X[:, -{n_steps}] (or X[:, 0]) is the window's first year, "
                f"{n_steps} years before the target: {back_from}",
            }.get(back, f"X[:, -{back}] is {back} years before the target: {back_from}")
            return f"{where}. Also, {units}" if scaled else where
    return None


def _diagnose(arr: np.ndarray, setting: dict[str, Any]) -> None:
    """Stop with a verdict naming the mistake unless ``arr`` is the cycle naive forecast."""
    X, truth, answer = setting["X"], setting["truth"], setting["answer"]
    if np.allclose(arr, answer, atol=1e-6):
        return
    z = (truth - setting["mean"]) / setting["std"]
    mistakes = [
        (truth, "these are the targets themselves: a forecast may only use the window"),
        (z, "these are the standardised targets: a forecast may only use the window"),
        (X.mean(axis=1), "that is each window's mean, not one value of it"),
        (truth - answer, "these look like the errors (truth - forecast), not the forecasts"),
        (answer - truth, "these look like the errors (forecast - truth), not the forecasts"),
        (np.abs(truth - answer), "these look like the absolute errors, not the forecasts"),
    ]
    why = next((w for m, w in mistakes if np.allclose(arr, m, atol=1e-6)), None)
    why = why or _column_mistake(arr, setting)
    if why is None and np.allclose(np.sort(arr), np.sort(answer), atol=1e-6):
        why = "the right values in another order: keep the windows' order"
    for cut, how in [
        (np.round(answer), "rounded to whole sunspots"),
        (np.trunc(answer), "cast to int"),
    ]:
        if why is None and np.allclose(arr, cut, atol=1e-6):
            why = (
                f"the right column, X[:, -11], but {how}: keep the values as they are, "
                "or the cut decimals add their own error to the MAE"
            )
    if why is None:
        year = int(setting["years"][0])
        why = (
            f"not the value 11 years before each target. The first window holds "
            f"{year - 12}-{year - 1} and its target is {year}; 11 years before that is "
            f"{year - 11}, with {answer[0]:.1f} sunspots. Your first forecast is {arr[0]:.4g}"
        )
    fail(f"{why}.")


@exercise("cycle_naive", notebook=7, reference=_reference, unpack=True)
def check_cycle_naive(guess: object, forecasts: object) -> bool:
    """Check the guess, then the cycle naive forecasts of notebook 7's 35 test windows.

    Introduced in notebook 7.

    Args:
        guess: the learner's prediction, written before computing: one of :data:`GUESSES`.
        forecasts: the cycle naive forecast of each test window in sunspots, shape ``(35,)``.

    Returns:
        True if the forecasts are right (the verdict then compares the two baselines' test MAE
        with the guess); otherwise the verdict names the mistake.
    """
    if is_placeholder(forecasts) and is_placeholder(guess):
        not_done()
    if is_placeholder(guess):
        fail("write down your guess first (before computing): " + ", ".join(GUESSES) + ".")
    choice = _check_guess(guess)
    if is_placeholder(forecasts):
        not_done()
    setting = cycle_naive_setting()
    arr = _as_forecasts(forecasts, len(setting["answer"]))
    with np.errstate(all="ignore"):  # huge numbers overflow in the comparisons: not a crash
        _diagnose(arr, setting)
    last, cycle = setting["mae"]["last value"], setting["mae"]["cycle naive"]
    if abs(last - cycle) < SAME_WITHIN:
        outcome = "about the same"
    else:
        outcome = "last value" if last < cycle else "cycle naive"
    said = "as you predicted" if choice == outcome else f"you predicted {choice!r}"
    return passed(
        f"Right: X[:, -11] is 11 years before each target. Test MAE: cycle naive {cycle:.1f}, "
        f"last value {last:.1f} sunspots: {outcome} ({said}). Cycles last 7 to 17 years and "
        "differ in height, so the year 11 years back is often at another point of its cycle: "
        "that costs about as much as the last value's one-year lag."
    )
