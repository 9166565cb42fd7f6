"""Checks for steps 3 to 5 of notebook 5: define and compile, train, predict.

Each check is registered with its reference answer (the model of the exercise, and a
``predict_next`` that calls it).
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from course_utils.checks.framework import (
    exercise,
    fail,
    is_placeholder,
    not_done,
    passed,
    run_learner,
)
from course_utils.checks.next_value_data import short

__all__ = ["check_build_model", "check_predict_next", "check_training"]


def reference_build_model(n_steps: int) -> Any:
    """The exercise's model: ``SimpleRNN(50)`` + ``Dense(1)`` on ``(n_steps, 1)``, adam and mse.

    Args:
        n_steps: the window length, the model's number of time steps.

    Returns:
        A compiled ``keras.Sequential``.
    """
    import keras

    model = keras.Sequential(
        [keras.Input(shape=(n_steps, 1)), keras.layers.SimpleRNN(50), keras.layers.Dense(1)]
    )
    model.compile(optimizer="adam", loss="mse")
    return model


def reference_predict_next(model: Any, window: ArrayLike) -> float:
    """The model's prediction for one window, as a float.

    Args:
        model: a model taking ``(batch, n_steps, 1)``.
        window: the last ``n_steps`` values, shape ``(n_steps,)``.

    Returns:
        The model called on the window as a batch of one, ``model(x)`` with ``x`` of shape
        ``(1, n_steps, 1)``, as a float. (Not ``model.predict``: in Keras 3.15, once ``predict``
        has been given inputs of another rank, say ``(1, n_steps)``, later ``predict`` calls can
        fail; calling the model does not.)
    """
    x = np.asarray(window, dtype=np.float32).reshape((1, -1, 1))
    return float(np.asarray(model(x)).reshape(-1)[0])


#: The default learning rate of ``keras.optimizers.Adam``: the one every number in notebook 5 is
#: measured with.
ADAM_DEFAULT_RATE = 0.001


def rebuild_hint(error: object) -> str:
    """Extra advice for a Keras error that only rebuilding the model cures, or ``""``.

    After ``model.predict`` was once given inputs of another rank (``(1, 10)`` instead of
    ``(1, 10, 1)``), Keras 3.15 can fail on later ``predict`` calls of that model with "Cannot
    take the length of shape with unknown rank".

    Args:
        error: what the model raised (or its message).

    Returns:
        A line that says to rebuild the model and predict with ``model(x)``, or ``""`` for any
        other error.
    """
    if "unknown rank" not in str(error):
        return ""
    return (
        "\n   This Keras error means model.predict was once called with inputs of another shape, "
        "such as (1, 10) instead of (1, 10, 1); from then on its predict calls can fail. "
        "Rebuild the model (run the build and training cells again), and predict with model(x), "
        "which does not have this problem."
    )


def _learning_rate(optimizer: Any) -> float | None:
    """The optimizer's learning rate as a float, or None if it is a schedule or unreadable."""
    import keras

    schedule = getattr(optimizer, "_learning_rate", None)  # what the optimizer was given
    if isinstance(schedule, keras.optimizers.schedules.LearningRateSchedule):
        return None  # ``learning_rate`` would give only its value at the current step
    try:
        return float(np.asarray(optimizer.learning_rate))
    except (TypeError, ValueError, AttributeError):
        return None


def _diagnose_model(fn: Any, n_steps: int) -> None:
    """Call :func:`fail` (or :func:`not_done`) at the first thing wrong with ``fn(n_steps)``."""
    import keras

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        outcome = run_learner(fn, n_steps, keep_warnings=True)
    if outcome.status == "todo":
        not_done()
    if outcome.status == "error":
        fail(f"build_model({n_steps}) raised {outcome.error}")
    model = outcome.value
    if model is None:
        fail("build_model returned None. Did you forget `return model`?")
    if not isinstance(model, keras.Model):
        fail(f"build_model should return a Keras model, got {type(model).__name__}.")
    if any("input_shape" in str(w.message) for w in caught):
        fail(
            "Your model passes input_shape= to a layer (the older Keras 2 style). In Keras 3 "
            "start the Sequential with keras.Input(shape=(n_steps, 1)) instead."
        )
    try:
        in_shape = tuple(model.inputs[0].shape)
    except (AttributeError, IndexError, ValueError):
        fail("The model has no input shape yet. Start it with keras.Input(shape=(n_steps, 1)).")
    if in_shape != (None, n_steps, 1):
        hint = (
            " It looks like a fixed 10: use the n_steps argument."
            if in_shape == (None, 10, 1)
            else " (timesteps, features) = (n_steps, 1): one number per time step."
        )
        fail(
            f"build_model({n_steps}) expects inputs of shape {in_shape[1:]}, should be "
            f"({n_steps}, 1).{hint}"
        )
    layers = [lay for lay in model.layers if not isinstance(lay, keras.layers.InputLayer)]
    kinds = [type(lay).__name__ for lay in layers]
    if kinds != ["SimpleRNN", "Dense"]:
        fail(f"The model should be SimpleRNN then Dense, yours has layers {kinds}.")
    rnn, dense = layers
    if rnn.units != 50:
        fail(f"SimpleRNN should have 50 units, yours has {rnn.units}.")
    activation = getattr(getattr(rnn, "activation", None), "__name__", "?")
    if activation != "tanh":
        fail(
            f"SimpleRNN uses activation '{activation}'; the exercise's cell is tanh (the "
            "default). Leave activation out."
        )
    if rnn.return_sequences:
        fail(
            "SimpleRNN has return_sequences=True, so Dense predicts one value per time step "
            "(output shape (batch, n_steps, 1)). We want one prediction per window: leave "
            "return_sequences at its default, False."
        )
    if dense.units != 1:
        fail(f"Dense should have 1 unit (one predicted value), yours has {dense.units}.")
    activation = getattr(dense.activation, "__name__", str(dense.activation))
    if activation != "linear":
        fail(
            f"Dense uses activation '{activation}', which limits the values it can output. "
            "For a regression (any number), leave Dense's activation at its default (None)."
        )
    if tuple(model.outputs[0].shape) != (None, 1):
        fail(f"The model's output should have shape (None, 1), got {model.outputs[0].shape}.")
    if model.count_params() != 2651:
        fail(f"The model should have 2,651 parameters, yours has {model.count_params():,}.")
    if not getattr(model, "compiled", False) or model.optimizer is None:
        fail("The model is not compiled: call model.compile(optimizer='adam', loss='mse').")
    optimizer = type(model.optimizer).__name__
    if optimizer != "Adam":
        fail(f"Compile with optimizer='adam', yours uses {optimizer}.")
    rate = _learning_rate(model.optimizer)
    if rate is None or not math.isclose(rate, ADAM_DEFAULT_RATE, rel_tol=1e-4):
        given = "a learning-rate schedule" if rate is None else f"learning rate {rate:g}"
        fail(
            f"Your Adam uses {given}; the exercise uses Adam's default, 0.001: write "
            "optimizer='adam'. The rest of the notebook measures what 600 steps at that rate can "
            "and cannot do, so another rate would change every number that follows."
        )
    loss = model.loss
    loss_name = loss if isinstance(loss, str) else getattr(loss, "__name__", type(loss).__name__)
    if str(loss_name).lower() not in {"mse", "mean_squared_error", "meansquarederror"}:
        fail(f"Compile with loss='mse' (mean squared error), yours uses {loss_name!r}.")


@exercise("build_model", notebook=5, reference=lambda: reference_build_model)
def check_build_model(fn: object) -> bool:
    """Step 3: ``fn(n_steps)`` must return SimpleRNN(50) + Dense(1) on ``(n_steps, 1)``, adam/mse.

    Builds the model twice (``n_steps`` 10 and 7) to catch a hard-coded window length.
    Introduced in notebook 5.

    Args:
        fn: the learner's ``build_model``.

    Returns:
        True if both models are right; the verdict is printed.
    """
    if not callable(fn):
        fail(
            f"build_model should be a function, got {type(fn).__name__}. "
            "Define it with `def build_model(n_steps):`."
        )
    for n_steps in (10, 7):
        _diagnose_model(fn, n_steps)
    return passed(
        "build_model: SimpleRNN(50) -> Dense(1) on inputs (n_steps, 1), 2,651 parameters, "
        "compiled with adam and mse."
    )


@exercise("training", notebook=5)
def check_training(model: object, history: object, *, steps: int = 600) -> bool:
    """Step 4: ``history`` (from ``fit``) must show ``steps`` optimizer steps on ``model``.

    Introduced in notebook 5.

    Args:
        model: the trained model.
        history: what ``fit_fast`` or ``model.fit`` returned.
        steps: the optimizer steps expected (the seed's 200 epochs of 3 batches: 600).

    Returns:
        True if the model made exactly ``steps`` steps and the loss stayed finite.
    """
    if is_placeholder(history):
        not_done()
    record = getattr(history, "history", None)
    losses = record.get("loss") if isinstance(record, dict) else None
    try:  # a list (or array) of numbers; anything else is not a History's loss record
        values = [float(v) for v in losses] if losses is not None else []
    except (TypeError, ValueError):
        values = []
    if len(values) == 0:
        fail(
            f"history should be what fit_fast or model.fit returns (a History with a 'loss' "
            f"list), got {type(history).__name__}. Write history = fit_fast(...)."
        )
    done = int(getattr(getattr(model, "optimizer", None), "iterations", 0))
    if done == 0:
        fail("model has not been trained. Pass `model` (the one from step 3) to fit_fast.")
    if done != steps:
        fail(
            f"model made {done} optimizer steps; the seed's 200 epochs of 3 batches are "
            f"{steps}. Use epochs=200, batch_size=32 (and run the training cell only once: "
            "re-running it continues training the same model)."
        )
    if not all(math.isfinite(v) for v in values):
        fail("the loss became NaN or infinite during training.")
    return passed(
        f"model trained for {steps} optimizer steps; history.history['loss'] holds "
        f"{len(values)} reports of the loss."
    )


class _FakeModel:
    """Stands in for a Keras model: records the input and returns its sum (a known answer)."""

    def __init__(self, n_steps: int) -> None:
        self.n_steps = n_steps
        self.seen: list[tuple[int, ...]] = []

    def _answer(self, x: object) -> np.ndarray:
        arr = np.asarray(x, dtype=np.float64)
        self.seen.append(arr.shape)
        if arr.ndim != 3 or arr.shape[1:] != (self.n_steps, 1):
            raise ValueError(
                f"the model expects inputs of shape (batch, {self.n_steps}, 1), got {arr.shape}"
            )
        return arr.sum(axis=(1, 2))[:, None]

    def predict(self, x: object, *args: Any, **kwargs: Any) -> np.ndarray:
        return self._answer(x)

    def predict_on_batch(self, x: object, *args: Any, **kwargs: Any) -> np.ndarray:
        return self._answer(x)

    def __call__(self, x: object, *args: Any, **kwargs: Any) -> _FakeTensor:
        return _FakeTensor(self._answer(x))


class _FakeTensor(np.ndarray):
    """What ``model(x)`` returns in Keras: array-like, with ``.numpy()`` as TensorFlow's has."""

    def __new__(cls, values: np.ndarray) -> _FakeTensor:
        return np.asarray(values).view(cls)

    def numpy(self) -> np.ndarray:
        return np.asarray(self)


@exercise("predict_next", notebook=5, reference=lambda: reference_predict_next)
def check_predict_next(fn: object) -> bool:
    """Step 5: ``fn(model, window)`` must return the model's prediction for a 1-D window, a float.

    Uses a stand-in model that answers the sum of the window, on windows of several lengths.
    Introduced in notebook 5.

    Args:
        fn: the learner's ``predict_next``.

    Returns:
        True if it is right on every window; the verdict is printed.
    """
    if not callable(fn):
        fail(f"predict_next should be a function, got {type(fn).__name__}.")
    for window in (np.arange(90, 100), np.array([0.5, -1.0, 2.0]), np.arange(200, 210)):
        model = _FakeModel(len(window))
        given = window.copy()
        outcome = run_learner(fn, model, given)
        if outcome.status == "todo":
            not_done()
        if outcome.status == "error":
            shape = f" (the model got shape {model.seen[-1]})" if model.seen else ""
            fail(
                f"predict_next(model, {short(window, 3)}) raised {outcome.error}{shape}.\n   "
                "Hint: this check passes a stand-in model that, like a careful caller, wants a "
                "batch of one window, shape (1, n_steps, 1): window.reshape((1, len(window), 1))."
                f"{rebuild_hint(outcome.error)}"
            )
        result = outcome.value
        if isinstance(result, np.ndarray) and result.size == 1 and result.ndim > 0:
            fail(
                f"predict_next returned an array of shape {result.shape}. Return the number "
                "itself: float(yhat[0, 0])."
            )
        if not isinstance(result, int | float | np.number) or isinstance(result, bool):
            fail(f"predict_next should return a number, got {type(result).__name__}.")
        if not math.isclose(float(result), float(window.sum()), rel_tol=1e-6):
            fail(
                f"For the window {short(window, 3)} the model's answer was "
                f"{window.sum():g}, but predict_next returned {float(result):g}. This check "
                "passes a stand-in model that answers the sum of the window: use the model "
                "argument (not a model from outside the function), and return its output "
                "without changing it."
            )
        if not np.array_equal(given, window):
            fail("predict_next changed the window it was given; reshape a copy instead.")
    return passed("predict_next reshapes a window to (1, n_steps, 1) and returns a float.")
