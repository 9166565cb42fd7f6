"""The course's figures, one module per part of the course, all reachable as ``plotting.<name>``.

- ``figure``: :func:`show` (the end of every figure cell: the PNG with its text alternative)
  and ``new_axes``;
- ``sequences``: series, windows, predictions and loss curves (notebooks 1, 4 and 5);
- ``cells``: the 1-unit cell's memory (notebook 2), the unrolled graph and gradient norms
  (notebook 3);
- ``bptt``: back-propagation through time (notebook 3): the loop rolled and unrolled, the
  weight gradient by lag, loss curves of several runs (clipping);
- ``memory_task``: the long-memory task and the SimpleRNN/LSTM/GRU comparison (notebook 6);
- ``gated_cells``: the LSTM and GRU cells as block diagrams, gates filled by their values
  (notebook 6);
- ``lstm_gru``: notebook 6's comparison over seeds and its trained gates over time;
- ``forecasting``: the split series, losses at each epoch's end, forecasts and error against
  horizon (notebook 7).

Every ``plot_*`` function draws on ``ax`` (a new figure when omitted) and returns the Axes, so
tests can inspect what was drawn; none shows the figure. The colours come from
:mod:`course_utils.style`.
"""

from course_utils.plotting.bptt import (
    plot_gradient_by_lag,
    plot_loss_runs,
    plot_rolled,
    plot_rolled_and_unrolled,
)
from course_utils.plotting.cells import plot_gradient_norms, plot_memory, plot_unrolled
from course_utils.plotting.figure import ALT_MIN_CHARS, figure_bundle, show
from course_utils.plotting.forecasting import (
    FORECAST_COLORS,
    plot_epoch_losses,
    plot_error_by_horizon,
    plot_split,
    plot_test_forecasts,
)
from course_utils.plotting.gated_cells import GATE_CMAP, plot_gru_cell, plot_lstm_cell
from course_utils.plotting.lstm_gru import plot_accuracy_over_seeds, plot_gates_over_time
from course_utils.plotting.memory_task import (
    plot_accuracy_vs_k,
    plot_cue_runs,
    plot_cue_separation,
    plot_memory_task,
)
from course_utils.plotting.sequences import (
    plot_loss_curves,
    plot_one_hot,
    plot_predictions,
    plot_series,
    plot_windows,
)

__all__ = [
    "ALT_MIN_CHARS",
    "FORECAST_COLORS",
    "GATE_CMAP",
    "figure_bundle",
    "plot_accuracy_over_seeds",
    "plot_accuracy_vs_k",
    "plot_cue_runs",
    "plot_cue_separation",
    "plot_epoch_losses",
    "plot_error_by_horizon",
    "plot_gates_over_time",
    "plot_gradient_by_lag",
    "plot_gradient_norms",
    "plot_gru_cell",
    "plot_loss_curves",
    "plot_loss_runs",
    "plot_lstm_cell",
    "plot_memory",
    "plot_memory_task",
    "plot_one_hot",
    "plot_predictions",
    "plot_rolled",
    "plot_rolled_and_unrolled",
    "plot_series",
    "plot_split",
    "plot_test_forecasts",
    "plot_unrolled",
    "plot_windows",
    "show",
]
