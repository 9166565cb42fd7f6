"""Forecasting a real series (notebook 7): the data, baselines, scores, training plumbing, figures.

The series is the yearly sunspot number, 1700-2008, that ships inside ``statsmodels``
(``statsmodels.datasets.sunspots``): nothing is downloaded. Its source is NOAA's National
Geophysical Data Center; statsmodels' dataset docstring says "This data is public domain".

Shapes: a *part* of the series is 1-D, ``(length,)``; windows are ``X`` with shape
``(n_windows, n_steps)`` and targets ``y`` with shape ``(n_windows,)`` (one step ahead) or
``Y`` with shape ``(n_windows, horizon)`` (several steps ahead). Window ``i`` is
``part[i : i + n_steps]`` and its targets the ``horizon`` values after it, as in
``course_utils.data.create_dataset``.

Importing this module imports neither TensorFlow nor statsmodels: the functions that need them
import them when called.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from course_utils.style import PALETTE

__all__ = [
    "SUNSPOTS_SOURCE",
    "autoregressive_predictions",
    "build_recurrent",
    "cycle_extremes",
    "epoch_end_losses",
    "fit_autoregressive",
    "fit_linear",
    "last_value",
    "load_sunspots",
    "mae",
    "make_windows",
    "mse",
    "plot_epoch_losses",
    "plot_error_by_horizon",
    "plot_split",
    "plot_test_forecasts",
    "predict_linear",
    "recursive_forecast",
    "rise_and_fall",
    "seasonal_naive",
    "split_by_time",
    "train_with_early_stopping",
    "window_dataset",
]

#: Where the data come from and under which terms, as statsmodels' dataset docstring says.
SUNSPOTS_SOURCE = (
    "Yearly sunspot numbers 1700-2008 from NOAA's National Geophysical Data Center, "
    "shipped in statsmodels (statsmodels.datasets.sunspots); public domain"
)


def _check_int(name: str, value: object, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    if value < low:
        raise ValueError(f"{name} must be an int >= {low}, got {value}")
    return int(value)


def _as_array(name: str, values: object, ndim: int, shape_doc: str) -> np.ndarray:
    if isinstance(values, str | bytes):
        raise TypeError(f"{name} must be an array of numbers {shape_doc}, got a str")
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as err:
        raise TypeError(f"{name} must be an array of numbers {shape_doc} ({err})") from None
    if arr.ndim != ndim:
        raise ValueError(f"{name} must have shape {shape_doc}, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or inf)")
    return arr


# --- the data -------------------------------------------------------------------------------


def load_sunspots() -> tuple[np.ndarray, np.ndarray]:
    """The yearly sunspot numbers shipped with statsmodels (no download).

    Returns ``(years, spots)``: ``years`` 1700..2008 as int, shape ``(309,)``, and the yearly
    mean sunspot number of each year as float, shape ``(309,)``. Source and terms:
    :data:`SUNSPOTS_SOURCE`.
    """
    from statsmodels.datasets import sunspots

    data = sunspots.load_pandas().data
    years = data["YEAR"].to_numpy().astype(int)
    spots = data["SUNACTIVITY"].to_numpy(dtype=float)
    return years, spots


def split_by_time(
    values: object, *, train: float = 0.7, val: float = 0.15
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cut a series into consecutive train / validation / test parts, in time order.

    The first ``int(train * length)`` values train, the next ``int(val * length)`` validate,
    the rest test. Each part has shape ``(part_length,)``; no value is in two parts.
    """
    arr = _as_array("values", values, 1, "(length,)")
    for name, fraction in (("train", train), ("val", val)):
        if isinstance(fraction, bool) or not isinstance(fraction, numbers.Real):
            raise TypeError(f"{name} must be a fraction between 0 and 1, got {fraction!r}")
        if not 0 < fraction < 1:
            raise ValueError(f"{name} must be a fraction between 0 and 1, got {fraction}")
    if not train + val < 1:
        raise ValueError(f"train + val must leave a test part (sum below 1), got {train + val}")
    n_train, n_val = int(train * len(arr)), int(val * len(arr))
    if min(n_train, n_val, len(arr) - n_train - n_val) < 1:
        raise ValueError(f"a series of length {len(arr)} is too short to split {train}/{val}")
    return arr[:n_train], arr[n_train : n_train + n_val], arr[n_train + n_val :]


def make_windows(part: object, n_steps: int, *, horizon: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Every window of ``n_steps`` values in ``part`` with the ``horizon`` values after it.

    Returns ``X`` with shape ``(n, n_steps)`` and targets with shape ``(n,)`` when
    ``horizon == 1`` (the same as ``create_dataset(part, n_steps)``) or ``(n, horizon)``, where
    ``n = len(part) - n_steps - horizon + 1``. Windows never leave ``part``.
    """
    arr = _as_array("part", part, 1, "(length,)")
    n_steps = _check_int("n_steps", n_steps, 1)
    horizon = _check_int("horizon", horizon, 1)
    if n_steps + horizon > len(arr):
        raise ValueError(
            f"part has {len(arr)} values, too few for one window of n_steps={n_steps} "
            f"and horizon={horizon}"
        )
    both = np.lib.stride_tricks.sliding_window_view(arr, n_steps + horizon)
    X, Y = both[:, :n_steps].copy(), both[:, n_steps:].copy()
    return X, (Y[:, 0] if horizon == 1 else Y)


def cycle_extremes(values: object, *, half_width: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the maxima and minima of a cyclic series, shape ``(n_max,)`` and ``(n_min,)``.

    Index ``t`` is a maximum (minimum) when ``values[t]`` is the largest (smallest) value from
    ``t - half_width`` to ``t + half_width``; the first and last ``half_width`` values are never
    extremes. On the sunspot series, half widths 3 to 5 find the same extremes.
    """
    arr = _as_array("values", values, 1, "(length,)")
    half_width = _check_int("half_width", half_width, 1)
    if len(arr) < 2 * half_width + 1:
        raise ValueError(f"values needs at least 2 * half_width + 1 = {2 * half_width + 1} values")
    spans = np.lib.stride_tricks.sliding_window_view(arr, 2 * half_width + 1)
    maxima = np.flatnonzero(spans.argmax(axis=1) == half_width) + half_width
    minima = np.flatnonzero(spans.argmin(axis=1) == half_width) + half_width
    return maxima, minima


def rise_and_fall(maxima: object, minima: object) -> tuple[np.ndarray, np.ndarray]:
    """Steps from each minimum to the next maximum (rises) and from each maximum to the next
    minimum (falls), given the sorted indices of :func:`cycle_extremes`.

    Returns ``(rises, falls)``, shapes ``(n_rises,)`` and ``(n_falls,)``: an extreme with no
    later extreme of the other kind has no entry.
    """
    tops = np.asarray(maxima, dtype=int)
    bottoms = np.asarray(minima, dtype=int)
    if tops.ndim != 1 or bottoms.ndim != 1:
        raise ValueError("maxima and minima must be 1-D arrays of indices")
    for name, idx in (("maxima", tops), ("minima", bottoms)):
        if np.any(np.diff(idx) <= 0):
            raise ValueError(f"{name} must be sorted and distinct")

    def to_next(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        nxt = np.searchsorted(ends, starts, side="right")
        keep = nxt < len(ends)
        return ends[nxt[keep]] - starts[keep]

    return to_next(bottoms, tops), to_next(tops, bottoms)


# --- scores and the models that need no training --------------------------------------------


def mae(pred: object, truth: object) -> float:
    """Mean absolute error between two arrays of the same shape, in the series' units."""
    p, t = np.asarray(pred, dtype=float), np.asarray(truth, dtype=float)
    if p.shape != t.shape:
        raise ValueError(f"pred must have the shape of truth {t.shape}, got {p.shape}")
    return float(np.mean(np.abs(p - t)))


def last_value(X: object, *, horizon: int = 1) -> np.ndarray:
    """The naive forecast: every future value equals the window's last one.

    ``X`` has shape ``(n, n_steps)``; returns ``(n,)`` for ``horizon == 1``, else
    ``(n, horizon)``.
    """
    X = _as_array("X", X, 2, "(n_windows, n_steps)")
    horizon = _check_int("horizon", horizon, 1)
    out = np.repeat(X[:, -1:], horizon, axis=1)
    return out[:, 0] if horizon == 1 else out


def seasonal_naive(X: object, period: int, *, horizon: int = 1) -> np.ndarray:
    """The seasonal naive forecast: the value ``h`` steps ahead is the one ``period`` steps
    before it, ``x[t + h - period]`` (needs ``horizon <= period <= n_steps``).

    ``X`` has shape ``(n, n_steps)``; returns ``(n,)`` for ``horizon == 1``, else
    ``(n, horizon)``.
    """
    X = _as_array("X", X, 2, "(n_windows, n_steps)")
    period = _check_int("period", period, 1)
    horizon = _check_int("horizon", horizon, 1)
    if period > X.shape[1]:
        raise ValueError(f"period must be at most n_steps={X.shape[1]}, got {period}")
    if horizon > period:
        raise ValueError(f"horizon must be at most period={period}, got {horizon}")
    out = X[:, X.shape[1] - period : X.shape[1] - period + horizon]
    return out[:, 0] if horizon == 1 else out.copy()


def fit_linear(X: object, Y: object) -> np.ndarray:
    """Least-squares weights of a linear model on the window, ``y = X @ w[:-1] + w[-1]``.

    ``X`` has shape ``(n, n_steps)`` and ``Y`` ``(n,)`` or ``(n, horizon)``; returns ``w`` with
    shape ``(n_steps + 1,)`` or ``(n_steps + 1, horizon)`` (the last row is the bias). One step
    ahead this is an autoregressive model AR(n_steps) fitted by ordinary least squares.
    """
    X = _as_array("X", X, 2, "(n_windows, n_steps)")
    Y = np.asarray(Y, dtype=float)
    if Y.ndim not in (1, 2) or len(Y) != len(X):
        raise ValueError(
            f"Y must have shape ({len(X)},) or ({len(X)}, horizon) to match X, got {Y.shape}"
        )
    A = np.hstack([X, np.ones((len(X), 1))])
    w, *_ = np.linalg.lstsq(A, Y, rcond=None)
    return w


def predict_linear(w: object, X: object) -> np.ndarray:
    """Predictions of :func:`fit_linear`'s weights ``w`` for windows ``X`` ``(n, n_steps)``."""
    X = _as_array("X", X, 2, "(n_windows, n_steps)")
    w = np.asarray(w, dtype=float)
    if len(w) != X.shape[1] + 1:
        raise ValueError(f"w must have n_steps + 1 = {X.shape[1] + 1} rows, got shape {w.shape}")
    return X @ w[:-1] + w[-1]


def fit_autoregressive(train: object, max_lags: int) -> Any:
    """Statsmodels' autoregressive model AR(p) on ``train`` ``(length,)``, p <= ``max_lags``.

    The order p is the one with the lowest AIC (``ar_select_order``); the coefficients are
    estimated by conditional least squares. Returns the fitted ``AutoRegResults``.
    """
    from statsmodels.tsa.ar_model import ar_select_order

    arr = _as_array("train", train, 1, "(length,)")
    max_lags = _check_int("max_lags", max_lags, 1)
    return ar_select_order(arr, maxlag=max_lags, ic="aic").model.fit()


def autoregressive_predictions(result: Any, part: object, n_steps: int) -> np.ndarray:
    """One-step-ahead predictions of a fitted AR model for ``part[n_steps:]``, shape
    ``(len(part) - n_steps,)``: the targets of ``make_windows(part, n_steps)``.

    The model keeps the coefficients fitted on the training part and sees only ``part``'s own
    past; with ``p <= n_steps`` lags each prediction uses only values inside its window.
    """
    arr = _as_array("part", part, 1, "(length,)")
    n_steps = _check_int("n_steps", n_steps, 1)
    p = max(result.model.ar_lags) if result.model.ar_lags else 0
    if p > n_steps:
        raise ValueError(f"the model uses {p} lags, more than the window's n_steps={n_steps}")
    return np.asarray(result.apply(arr).predict(start=n_steps, end=len(arr) - 1), dtype=float)


# --- recurrent models (Keras is imported when these are called) ------------------------------


def build_recurrent(
    kind: str, n_steps: int, *, units: int = 32, outputs: int = 1, learning_rate: float = 3e-3
) -> Any:
    """``keras.Sequential``: ``Input((n_steps, 1))`` -> ``SimpleRNN``/``LSTM``/``GRU(units)`` ->
    ``Dense(outputs)``, compiled with Adam(``learning_rate``) and MSE. Named ``kind``.
    """
    import keras

    layers = {
        "SimpleRNN": keras.layers.SimpleRNN,
        "LSTM": keras.layers.LSTM,
        "GRU": keras.layers.GRU,
    }
    if not isinstance(kind, str):
        raise TypeError(f"kind must be a str such as 'LSTM', got {type(kind).__name__}")
    if kind not in layers:
        raise ValueError(f"kind must be one of {sorted(layers)}, got {kind!r}")
    n_steps = _check_int("n_steps", n_steps, 1)
    units = _check_int("units", units, 1)
    outputs = _check_int("outputs", outputs, 1)
    model = keras.Sequential(
        [
            keras.Input(shape=(n_steps, 1)),
            layers[kind](units, name=kind.lower()),
            keras.layers.Dense(outputs, name="forecast"),
        ],
        name=kind,
    )
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mse")
    return model


def window_dataset(
    part: object, n_steps: int, *, horizon: int = 1, batch_size: int = 32, seed: int = 0
) -> Any:
    """Training windows of ``part`` as a ``tf.data.Dataset`` of shuffled batches.

    Made with ``keras.utils.timeseries_dataset_from_array`` (window ``i`` is
    ``part[i:i+n_steps]``, its target the next value, or the next ``horizon`` values), cached
    in memory so the windows are cut only once, then shuffled anew every epoch and batched.
    Batches are ``(batch, n_steps, 1)`` float32 and targets ``(batch,)`` or ``(batch, horizon)``.
    """
    import keras

    arr = _as_array("part", part, 1, "(length,)").astype("float32")
    X, Y = make_windows(arr, n_steps, horizon=horizon)  # checks the arguments
    # data: every value that starts or continues a window (the last `horizon` are only targets);
    # window i = data[i : i + n_steps] gets targets[i] = Y[i].
    windows = keras.utils.timeseries_dataset_from_array(
        arr[: len(arr) - horizon, None],
        Y.astype("float32"),
        sequence_length=n_steps,
        batch_size=None,
    )
    return windows.cache().shuffle(len(X), seed=seed).batch(batch_size)


def _windows_and_targets(name: str, pair: object) -> tuple[np.ndarray, np.ndarray]:
    """``(X, Y)`` as float32 ``(n, n_steps, 1)`` and ``(n, outputs)``, or a clear error."""
    if not isinstance(pair, tuple) or len(pair) != 2:
        raise TypeError(f"{name} must be a tuple (X, Y) of windows and targets")
    X = np.asarray(pair[0], dtype="float32")
    X = X[..., None] if X.ndim == 2 else X
    Y = np.asarray(pair[1], dtype="float32")
    Y = Y[:, None] if Y.ndim == 1 else Y
    if X.ndim != 3 or X.shape[-1] != 1 or Y.ndim != 2 or len(X) != len(Y):
        raise ValueError(
            f"{name}: X must be (n, n_steps) or (n, n_steps, 1) and Y (n,) or (n, horizon) "
            f"with the same n, got {X.shape} and {Y.shape}"
        )
    return X, Y


def mse(model: Any, pair: tuple[object, object]) -> float:
    """Mean squared error of a Keras model on ``(X, Y)``: windows ``(n, n_steps)`` or
    ``(n, n_steps, 1)`` and targets ``(n,)`` or ``(n, horizon)``; one call on all windows.
    """
    X, Y = _windows_and_targets("pair", pair)
    return float(np.mean((np.asarray(model.predict_on_batch(X)) - Y) ** 2))


def epoch_end_losses(train: tuple[object, object] | None, val: tuple[object, object]) -> Any:
    """A Keras callback that measures the training and validation loss (MSE) at each epoch's end.

    ``train`` and ``val`` are ``(X, Y)``: windows ``(n, n_steps)`` or ``(n, n_steps, 1)`` and
    targets ``(n,)`` or ``(n, horizon)``. Both losses are computed with the same weights at the
    same moment, and written into the epoch's logs as ``train_loss`` and ``val_loss`` (so
    ``EarlyStopping(monitor="val_loss")`` placed after this callback sees them). ``fit``'s own
    ``loss`` is the running mean over the epoch's batches, while the weights still change, so
    it is not comparable with a validation loss measured at the end. The callback's ``history``
    holds the lists. ``train=None`` measures the validation loss only.
    """
    import keras

    sets = {"val_loss": _windows_and_targets("val", val)}
    if train is not None:
        sets = {"train_loss": _windows_and_targets("train", train), **sets}

    class EpochEndLosses(keras.callbacks.Callback):
        def __init__(self) -> None:
            super().__init__()
            self.history: dict[str, list[float]] = {key: [] for key in sets}

        def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
            for key, pair in sets.items():
                loss = mse(self.model, pair)
                self.history[key].append(loss)
                if logs is not None:
                    logs[key] = loss

    return EpochEndLosses()


def train_with_early_stopping(
    model: Any,
    train: object,
    val: object,
    n_steps: int,
    *,
    horizon: int = 1,
    seed: int = 0,
    patience: int = 20,
    max_epochs: int = 300,
    batch_size: int = 32,
    train_loss_every_epoch: bool = True,
) -> dict[str, list[float]]:
    """``model.fit`` on the windows of ``train`` with early stopping on those of ``val``.

    ``train`` and ``val`` are standardised parts, shape ``(length,)``. Training stops when the
    validation loss has not improved for ``patience`` epochs, and the weights of the best epoch
    are restored. Returns ``{"train_loss": [...], "val_loss": [...]}``, both measured at each
    epoch's end (:func:`epoch_end_losses`). With ``train_loss_every_epoch=False`` (faster) the
    training loss is measured once, with the restored weights: ``train_loss`` then holds one
    value, that of the kept epoch.
    """
    import keras

    train_windows = make_windows(train, n_steps, horizon=horizon)
    losses = epoch_end_losses(
        train_windows if train_loss_every_epoch else None,
        make_windows(val, n_steps, horizon=horizon),
    )
    stop = keras.callbacks.EarlyStopping(
        monitor="val_loss", patience=patience, restore_best_weights=True
    )
    model.fit(
        window_dataset(train, n_steps, horizon=horizon, batch_size=batch_size, seed=seed),
        epochs=max_epochs,
        callbacks=[losses, stop],
        shuffle=False,  # the dataset shuffles itself
        verbose=0,
    )
    history = dict(losses.history)
    if not train_loss_every_epoch:
        history["train_loss"] = [mse(model, train_windows)]
    return history


def recursive_forecast(
    predict: Callable[[np.ndarray], object], X: object, horizon: int
) -> np.ndarray:
    """Forecast ``horizon`` steps by feeding one-step predictions back into the window.

    ``predict`` maps windows ``(n, n_steps)`` to next values ``(n,)`` (or ``(n, 1)``); ``X`` has
    shape ``(n, n_steps)``. Returns ``(n, horizon)``: column ``h`` is the forecast ``h + 1``
    steps ahead.
    """
    window = _as_array("X", X, 2, "(n_windows, n_steps)").copy()
    horizon = _check_int("horizon", horizon, 1)
    steps = []
    for _ in range(horizon):
        step = np.asarray(predict(window), dtype=float).reshape(len(window))
        steps.append(step)
        window = np.hstack([window[:, 1:], step[:, None]])
    return np.stack(steps, axis=1)


# --- figures ---------------------------------------------------------------------------------

#: One colour per forecaster, the same in every figure of notebook 7.
FORECAST_COLORS: dict[str, str] = {
    "truth": "black",
    "last value": PALETTE[5],
    "cycle naive": PALETTE[1],
    "linear": PALETTE[2],
    "AR": PALETTE[4],
    "SimpleRNN": PALETTE[3],
    "LSTM": PALETTE[0],
}


def _color(name: str, i: int) -> str:
    for key, color in FORECAST_COLORS.items():
        if name.startswith(key):
            return color
    return PALETTE[i % len(PALETTE)]


def plot_split(
    years: object,
    parts: tuple[object, object, object],
    *,
    ax: Axes | None = None,
    title: str = "The series, split by time into training, validation and test parts",
    ylabel: str = "sunspot number",
) -> Axes:
    """The series drawn part by part (train, validation, test), each part's span shaded.

    ``years`` has shape ``(length,)``; ``parts`` are the three consecutive parts, whose lengths
    add up to ``length``.
    """
    t = _as_array("years", years, 1, "(length,)")
    arrays = [_as_array(f"parts[{i}]", p, 1, "(part_length,)") for i, p in enumerate(parts)]
    if len(arrays) != 3 or sum(len(p) for p in arrays) != len(t):
        raise ValueError("parts must be three arrays whose lengths add up to len(years)")
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 3.6))
    start = 0
    for (name, color), part in zip(
        (("training", PALETTE[0]), ("validation", PALETTE[1]), ("test", PALETTE[3])),
        arrays,
        strict=True,
    ):
        span = t[start : start + len(part)]
        ax.axvspan(span[0] - 0.5, span[-1] + 0.5, color=color, alpha=0.12, lw=0)
        ax.plot(span, part, color=color, label=f"{name} {span[0]:.0f}-{span[-1]:.0f}")
        start += len(part)
    ax.set(title=title, xlabel="year", ylabel=ylabel)
    ax.set_xlim(t[0] - 1, t[-1] + 1)
    ax.legend(loc="upper left", ncols=3)
    return ax


def plot_epoch_losses(
    histories: dict[str, dict[str, list[float]]],
    *,
    ax: Axes | None = None,
    title: str = "Training and validation loss at each epoch's end",
    ylabel: str = "loss (MSE, standardised units)",
) -> Axes:
    """Training (dashed) and validation (solid) loss per epoch, one colour per model.

    ``histories`` maps a model's name to ``{"train_loss": [...], "val_loss": [...]}`` (as
    returned by :func:`train_with_early_stopping`). A dot marks each model's lowest validation
    loss: the epoch whose weights early stopping restored.
    """
    if not isinstance(histories, dict) or not histories:
        raise TypeError("histories must be a non-empty dict {model name: losses}")
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 4))
    for i, (name, history) in enumerate(histories.items()):
        color = _color(name, i)
        val = _as_array(f"{name} val_loss", history["val_loss"], 1, "(epochs,)")
        train = _as_array(f"{name} train_loss", history["train_loss"], 1, "(epochs,)")
        epochs = np.arange(1, len(val) + 1)
        ax.plot(epochs, train, "--", color=color, lw=1.6, label=f"{name}, training")
        ax.plot(epochs, val, "-", color=color, lw=2.2, label=f"{name}, validation")
        best = int(np.argmin(val))
        ax.plot(epochs[best], val[best], "o", color=color, markersize=9, zorder=3)
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set(title=title, xlabel="epoch", ylabel=f"{ylabel}, log scale")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_test_forecasts(
    years: object,
    truth: object,
    forecasts: dict[str, object],
    *,
    ax: Axes | None = None,
    title: str = "One-step-ahead forecasts on the test years",
    ylabel: str = "sunspot number",
) -> Axes:
    """The truth (black line) and each forecaster's one-step predictions over the test targets.

    ``years`` and ``truth`` have shape ``(n,)``; each forecast too. Colours follow
    :data:`FORECAST_COLORS`.
    """
    t = _as_array("years", years, 1, "(n,)")
    y = _as_array("truth", truth, 1, "(n,)")
    if len(t) != len(y):
        raise ValueError(f"truth must have the length of years ({len(t)}), got {len(y)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 4))
    ax.plot(t, y, color="black", lw=2.6, label="truth")
    markers = "osD^v"
    for i, (name, pred) in enumerate(forecasts.items()):
        p = _as_array(name, pred, 1, "(n,)")
        if len(p) != len(t):
            raise ValueError(f"forecast {name!r} must have {len(t)} values, got {len(p)}")
        ax.plot(t, p, marker=markers[i % 5], ms=4, lw=1.4, color=_color(name, i + 1), label=name)
    ax.set(title=title, xlabel="year", ylabel=ylabel)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_error_by_horizon(
    errors: dict[str, object],
    *,
    ax: Axes | None = None,
    title: str = "Forecast error against horizon",
    ylabel: str = "mean absolute error",
) -> Axes:
    """One line per forecaster: its MAE ``h`` steps ahead, for ``h = 1 .. horizon``.

    Each entry of ``errors`` has shape ``(horizon,)``. Colours follow :data:`FORECAST_COLORS`
    by the start of the name; a name containing "direct" is drawn dashed, so "LSTM, recursive"
    and "LSTM, direct" share a colour and differ in line style.
    """
    if not isinstance(errors, dict) or not errors:
        raise TypeError("errors must be a non-empty dict {forecaster: MAE per horizon}")
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 5))
    markers = "osD^vP"
    for i, (name, values) in enumerate(errors.items()):
        e = _as_array(name, values, 1, "(horizon,)")
        ax.plot(
            np.arange(1, len(e) + 1),
            e,
            "--" if "direct" in name else "-",  # one colour per model, dashed when direct
            marker=markers[i % 6],
            color=_color(name, i),
            label=name,
        )
    ax.set(title=title, xlabel="years ahead", ylabel=ylabel)
    ax.set_xticks(np.arange(1, len(e) + 1))
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax
