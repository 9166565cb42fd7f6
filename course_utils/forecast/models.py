"""Notebook 7's forecasters and their score: naive, linear, AR(p), recurrent; the MAE.

Every forecaster reads windows ``X`` of shape ``(n_windows, n_steps)`` (see
:mod:`course_utils.forecast.series`) and forecasts the next value, ``(n_windows,)``, or the next
``horizon`` values, ``(n_windows, horizon)``: the naive ones (:func:`last_value`,
:func:`seasonal_naive`), a linear model on the window (:func:`fit_linear`), statsmodels' AR(p)
(:func:`fit_autoregressive`) and a recurrent network (:func:`build_recurrent`).
:func:`recursive_forecast` turns a one-step forecaster into a several-steps one. Keras and
statsmodels are imported only by the functions that need them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from course_utils.validate import as_1d, as_array, check_int, check_number

__all__ = [
    "RECURRENT_KINDS",
    "autoregressive_predictions",
    "build_recurrent",
    "fit_autoregressive",
    "fit_linear",
    "last_value",
    "mae",
    "predict_linear",
    "recursive_forecast",
    "seasonal_naive",
]

#: The recurrent layers :func:`build_recurrent` knows, by name.
RECURRENT_KINDS = ("SimpleRNN", "LSTM", "GRU")


def _numbers(name: str, values: ArrayLike) -> np.ndarray:
    """An array of real numbers of any shape, as float (a clear error for text or ragged lists)."""
    try:
        ndim = np.ndim(values)
    except ValueError:  # ragged nested lists: as_array names the parameter
        ndim = 1
    return as_array(name, values, ndim=ndim, shape="(n,) or (n, horizon)")


def _windows(name: str, X: ArrayLike) -> np.ndarray:
    """Windows ``(n_windows, n_steps)`` as a finite float array with at least one window."""
    arr = as_array(name, X, ndim=2, shape="(n_windows, n_steps)")
    if arr.size == 0 or not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must hold at least one window of finite values")
    return arr


def mae(pred: ArrayLike, truth: ArrayLike) -> float:
    """Mean absolute error, in the series' units. Introduced in notebook 7.

    Args:
        pred: the forecasts, any shape.
        truth: the true values, the same shape.

    Returns:
        ``mean(|pred - truth|)``.

    Raises:
        ValueError: the shapes differ.
    """
    p, t = _numbers("pred", pred), _numbers("truth", truth)
    if p.shape != t.shape:
        raise ValueError(f"pred must have the shape of truth {t.shape}, got {p.shape}")
    return float(np.mean(np.abs(p - t)))


def last_value(X: ArrayLike, *, horizon: int = 1) -> np.ndarray:
    """The naive forecast: every future value equals the window's last one.

    Args:
        X: windows, shape ``(n, n_steps)``.
        horizon: how many steps ahead, an int >= 1.

    Returns:
        The forecasts, shape ``(n,)`` for ``horizon == 1``, else ``(n, horizon)``.
    """
    X = _windows("X", X)
    horizon = check_int("horizon", horizon, low=1)
    out = np.repeat(X[:, -1:], horizon, axis=1)
    return out[:, 0] if horizon == 1 else out


def seasonal_naive(X: ArrayLike, period: int, *, horizon: int = 1) -> np.ndarray:
    """The seasonal naive forecast: ``h`` steps ahead, the value ``period`` steps before that.

    That is ``x[t + h - period]``; notebook 7 calls it "cycle naive" (``period = 11``) and asks
    learners to compute it.

    Args:
        X: windows, shape ``(n, n_steps)``.
        period: the season's length, an int with ``horizon <= period <= n_steps``.
        horizon: how many steps ahead, an int >= 1.

    Returns:
        The forecasts, shape ``(n,)`` for ``horizon == 1``, else ``(n, horizon)``.

    Raises:
        ValueError: ``period`` is longer than the window, or ``horizon`` longer than ``period``.
    """
    X = _windows("X", X)
    period = check_int("period", period, low=1, high=X.shape[1])
    horizon = check_int("horizon", horizon, low=1, high=period)
    out = X[:, X.shape[1] - period : X.shape[1] - period + horizon]
    return out[:, 0].copy() if horizon == 1 else out.copy()


def fit_linear(X: ArrayLike, Y: ArrayLike) -> np.ndarray:
    """Least-squares weights of a linear model on the window, ``y = X @ w[:-1] + w[-1]``.

    One step ahead this is an autoregressive model AR(n_steps) fitted by ordinary least squares
    (notebook 7 writes it out with ``np.linalg.lstsq``).

    Args:
        X: windows, shape ``(n, n_steps)``.
        Y: targets, shape ``(n,)`` or ``(n, horizon)``.

    Returns:
        ``w`` with shape ``(n_steps + 1,)`` or ``(n_steps + 1, horizon)``; the last row is the
        bias.

    Raises:
        ValueError: ``Y`` does not have one row per window.
    """
    X = _windows("X", X)
    Y = np.asarray(Y, dtype=float)
    if Y.ndim not in (1, 2) or len(Y) != len(X):
        raise ValueError(
            f"Y must have shape ({len(X)},) or ({len(X)}, horizon) to match X, got {Y.shape}"
        )
    w, *_ = np.linalg.lstsq(np.hstack([X, np.ones((len(X), 1))]), Y, rcond=None)
    return w


def predict_linear(w: ArrayLike, X: ArrayLike) -> np.ndarray:
    """The forecasts of :func:`fit_linear`'s weights.

    Introduced in notebook 7, for the direct linear model (11 years at once).

    Args:
        w: weights, shape ``(n_steps + 1,)`` or ``(n_steps + 1, horizon)``.
        X: windows, shape ``(n, n_steps)``.

    Returns:
        ``X @ w[:-1] + w[-1]``, shape ``(n,)`` or ``(n, horizon)``.

    Raises:
        ValueError: ``w`` does not have ``n_steps + 1`` rows.
    """
    X = _windows("X", X)
    w = np.asarray(w, dtype=float)
    if w.ndim not in (1, 2) or len(w) != X.shape[1] + 1:
        raise ValueError(f"w must have n_steps + 1 = {X.shape[1] + 1} rows, got shape {w.shape}")
    return X @ w[:-1] + w[-1]


def fit_autoregressive(train: ArrayLike, max_lags: int) -> Any:
    """Statsmodels' autoregressive model AR(p), its order ``p <= max_lags`` chosen by AIC.

    The coefficients are estimated by conditional least squares (``ar_select_order``).
    Notebook 7 calls statsmodels directly; the benchmark uses this function.

    Args:
        train: the training part, shape ``(length,)``.
        max_lags: the largest order tried, an int >= 1.

    Returns:
        statsmodels' fitted ``AutoRegResults``.
    """
    from statsmodels.tsa.ar_model import ar_select_order  # type: ignore[import-untyped]

    arr = as_1d("train", train, finite=True).astype(float)
    max_lags = check_int("max_lags", max_lags, low=1)
    return ar_select_order(arr, maxlag=max_lags, ic="aic").model.fit()


def autoregressive_predictions(result: Any, part: ArrayLike, n_steps: int) -> np.ndarray:
    """One-step forecasts of a fitted AR model for the targets of ``make_windows(part, n_steps)``.

    The model keeps the coefficients fitted on the training part and reads only ``part``'s own
    past; with ``p <= n_steps`` lags each forecast uses only values inside its window.

    Args:
        result: a fitted AR model (:func:`fit_autoregressive`).
        part: a part of the series, shape ``(length,)``.
        n_steps: the window length, an int >= the model's largest lag.

    Returns:
        The forecasts of ``part[n_steps:]``, shape ``(length - n_steps,)``.

    Raises:
        ValueError: the model uses more lags than the window holds.
    """
    arr = as_1d("part", part, finite=True).astype(float)
    n_steps = check_int("n_steps", n_steps, low=1)
    p = max(result.model.ar_lags) if result.model.ar_lags else 0
    if p > n_steps:
        raise ValueError(f"n_steps must be at least the model's {p} lags, got {n_steps}")
    return np.asarray(result.apply(arr).predict(start=n_steps, end=len(arr) - 1), dtype=float)


def recursive_forecast(
    predict: Callable[[np.ndarray], ArrayLike], X: ArrayLike, horizon: int
) -> np.ndarray:
    """Forecast ``horizon`` steps by feeding one-step forecasts back into the window.

    Notebook 7 writes this loop out as ``recursive``; the benchmark uses this function.

    Args:
        predict: maps windows ``(n, n_steps)`` to next values ``(n,)`` or ``(n, 1)``.
        X: windows, shape ``(n, n_steps)``.
        horizon: how many steps ahead, an int >= 1.

    Returns:
        The forecasts, shape ``(n, horizon)``: column ``h`` is ``h + 1`` steps ahead.
    """
    window = _windows("X", X).copy()
    horizon = check_int("horizon", horizon, low=1)
    steps = []
    for _ in range(horizon):
        step = np.asarray(predict(window), dtype=float).reshape(len(window))
        steps.append(step)
        window = np.hstack([window[:, 1:], step[:, None]])
    return np.stack(steps, axis=1)


def build_recurrent(
    kind: str, n_steps: int, *, units: int = 32, outputs: int = 1, learning_rate: float = 3e-3
) -> Any:
    """A compiled recurrent forecaster: one recurrent layer read over the window, then ``Dense``.

    ``keras.Sequential`` named ``kind``: ``Input((n_steps, 1))``, then ``SimpleRNN``, ``LSTM``
    or ``GRU`` with ``units``, then ``Dense(outputs)``; Adam(``learning_rate``) and MSE.
    Introduced in notebook 7.

    Args:
        kind: one of :data:`RECURRENT_KINDS`.
        n_steps: the window length, an int >= 1.
        units: the recurrent layer's units, an int >= 1.
        outputs: values forecast at once (1, or the horizon of a direct forecast), an int >= 1.
        learning_rate: Adam's learning rate, > 0.

    Returns:
        The compiled ``keras.Sequential`` model.

    Raises:
        TypeError: ``kind`` is not a str, or a number has the wrong type.
        ValueError: ``kind`` is unknown, or a number is out of range.
    """
    if not isinstance(kind, str):
        raise TypeError(f"kind must be a str such as 'LSTM', got {type(kind).__name__}")
    if kind not in RECURRENT_KINDS:
        raise ValueError(f"kind must be one of {list(RECURRENT_KINDS)}, got {kind!r}")
    n_steps = check_int("n_steps", n_steps, low=1)
    units = check_int("units", units, low=1)
    outputs = check_int("outputs", outputs, low=1)
    learning_rate = check_number("learning_rate", learning_rate, positive=True)
    import keras

    model = keras.Sequential(
        [
            keras.Input(shape=(n_steps, 1)),
            getattr(keras.layers, kind)(units, name=kind.lower()),
            keras.layers.Dense(outputs, name="forecast"),
        ],
        name=kind,
    )
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mse")
    return model
