"""Self-checks for the exercises: say what is right or what to fix, and never crash.

Every ``check_*`` function takes a learner's answer, prints one short verdict (``✅``, ``❌`` with
a hint, or ``⏳`` "not done yet") and returns ``True``/``False``, whatever the learner's code
does. ``solution_or_reference(name, yours)`` returns the learner's answer when it passes and the
course's reference otherwise, so a notebook runs on even before an exercise is done.

Modules:

- ``framework``: how learner code is run (:func:`~.framework.run_learner`), how a verdict is
  worded (:func:`~.framework.passed`, :func:`~.framework.fail`, :func:`~.framework.not_done`),
  the guard that keeps a check from raising, and the registry of exercises;
- ``window_shapes``: notebook 1, predicting the shapes windowing gives;
- ``rnn_cell``: notebook 2, one step of the RNN cell;
- ``cell_memory``: notebook 2, predicting how much of a pulse the state keeps;
- ``bptt_by_hand``: notebook 3, back-propagation through time by hand (one unit, three steps);
- ``param_counts``: notebook 4, predicting parameter counts of unseen models;
- ``next_value_data``: notebook 5, steps 1-2 (the sequence, ``create_dataset``, the RNN input);
- ``next_value_model``: notebook 5, steps 3-5 (the model, the training, ``predict_next``);
- ``gated_cells``: notebook 6, one LSTM step and one GRU step.
- ``cycle_naive``: notebook 7, guessing which baseline wins, then the cycle naive forecast of
  the test windows.
- ``next_value_guess``: notebook 5, predict then run (what the raw recipe answers for [90..99]).

Adding a checker takes one new module; ``checks/gated_cells.py`` (notebook 6's LSTM step) goes::

    from course_utils import rnn
    from course_utils.checks.framework import exercise, fail, not_done, passed, run_learner

    @exercise("lstm_step", notebook=6, reference=lambda: rnn.lstm_step)
    def check_lstm_step(fn) -> bool:
        outcome = run_learner(fn, x_t, h_prev, c_prev, kernel, recurrent_kernel, bias)
        if outcome.status == "todo":
            not_done()                      # prints "⏳ Not done yet", returns False
        if outcome.status == "error":
            fail(f"your function raised {outcome.error}")  # prints "❌ ...", returns False
        ...                                 # one fail("what is wrong, and a hint") per mistake
        return passed("your step matches Keras' LSTM on 3 cases")

then one import line below (which registers it) and its name in ``__all__``. The reference
reuses the package's own code (``rnn``, ``data``, NumPy), never a copy. Its tests go in
``tests/checks/test_gated_cells.py``: the right answer passes, each classic mistake gets its
message; ``tests/checks/test_framework.py`` already checks that every registered reference
passes its own check and that no check raises on odd input.
"""

from course_utils.checks.bptt_by_hand import check_bptt_by_hand
from course_utils.checks.cell_memory import check_pulse_prediction
from course_utils.checks.cycle_naive import check_cycle_naive
from course_utils.checks.framework import EXERCISES, solution_or_reference
from course_utils.checks.gated_cells import check_gru_step, check_lstm_step
from course_utils.checks.next_value_data import (
    check_create_dataset,
    check_sequence,
    check_training_data,
)
from course_utils.checks.next_value_guess import check_recipe_guess
from course_utils.checks.next_value_model import (
    check_build_model,
    check_predict_next,
    check_training,
)
from course_utils.checks.param_counts import check_param_counts
from course_utils.checks.rnn_cell import check_rnn_step
from course_utils.checks.window_shapes import check_window_shapes

__all__ = [
    "EXERCISES",
    "check_bptt_by_hand",
    "check_build_model",
    "check_create_dataset",
    "check_cycle_naive",
    "check_gru_step",
    "check_lstm_step",
    "check_param_counts",
    "check_predict_next",
    "check_pulse_prediction",
    "check_recipe_guess",
    "check_rnn_step",
    "check_sequence",
    "check_training",
    "check_training_data",
    "check_window_shapes",
    "solution_or_reference",
]
