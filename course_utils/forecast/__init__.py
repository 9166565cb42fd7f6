"""Forecasting a real series (notebook 7): the sunspot data and the forecasters (``forecast.*``).

- ``series``: the yearly sunspot number 1700-2008 shipped in statsmodels (no download), its split
  by time into training, validation and test parts, the windows of a part (as arrays, or as a
  shuffled ``tf.data`` stream for training), and the cycle's maxima and minima;
- ``models``: the forecasters (last value, seasonal naive, a linear model on the window,
  statsmodels' AR(p), a recurrent network), several steps ahead by feeding forecasts back, and
  their score, the mean absolute error.

Training with early stopping and losses measured at each epoch's end is in
:mod:`course_utils.training`; the figures are in :mod:`course_utils.plotting.forecasting`.
Importing this package imports neither TensorFlow nor statsmodels.
"""

from course_utils.forecast.models import (
    RECURRENT_KINDS,
    autoregressive_predictions,
    build_recurrent,
    fit_autoregressive,
    fit_linear,
    last_value,
    mae,
    predict_linear,
    recursive_forecast,
    seasonal_naive,
)
from course_utils.forecast.series import (
    SUNSPOTS_SOURCE,
    cycle_extremes,
    load_sunspots,
    make_windows,
    rise_and_fall,
    split_by_time,
    window_dataset,
)

__all__ = [
    "RECURRENT_KINDS",
    "SUNSPOTS_SOURCE",
    "autoregressive_predictions",
    "build_recurrent",
    "cycle_extremes",
    "fit_autoregressive",
    "fit_linear",
    "last_value",
    "load_sunspots",
    "mae",
    "make_windows",
    "predict_linear",
    "recursive_forecast",
    "rise_and_fall",
    "seasonal_naive",
    "split_by_time",
    "window_dataset",
]
