"""Self-checks for the exercises (notebooks 2 and 5): explain what is wrong, never crash.

Every ``check_*`` function prints one short verdict (and a hint when something is off) and returns
``True``/``False``. Whatever the learner's code does (raise, return the wrong thing, loop past the
end), the checker catches it and turns it into a message; ``NotImplementedError`` (the exercise
stubs raise it) and ``...`` (the placeholder for values) mean "not done yet".

``solution_or_reference(name, yours)`` returns the learner's answer when it passes its check and
the course's reference answer otherwise, so the rest of a notebook runs even before an exercise is
done.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import math
import traceback
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = [
    "check_build_model",
    "check_create_dataset",
    "check_predict_next",
    "check_rnn_step",
    "check_sequence",
    "check_training",
    "check_training_data",
    "solution_or_reference",
]

OK = "✅"
WRONG = "❌"
TODO = "⏳"

NOT_DONE = f"{TODO} Not done yet: replace the placeholder with your code, run it, then this check."


class _Verdict(Exception):
    """Raised inside a checker to stop at the first problem found."""


def _fail(message: str) -> None:
    raise _Verdict(f"{WRONG} {message}")


def _describe_error(err: BaseException, fn_name: str) -> str:
    """``ValueError: ...`` plus the learner's line that raised it, when we can find it."""
    text = f"{type(err).__name__}: {err}".strip()
    frames = traceback.extract_tb(err.__traceback__)
    theirs = [f for f in frames if f.filename != __file__]  # not this module's own lines
    learner = [f for f in theirs if f.name == fn_name] or theirs[-1:]
    if learner and learner[-1].line:
        text += f"\n   (raised at `{learner[-1].line.strip()}` in {learner[-1].name})"
    return text


def _is_real_numeric(arr: np.ndarray) -> bool:
    """Booleans, integers or floats: what arithmetic and Keras accept (not text, dates, objects)."""
    return arr.dtype.kind in "biuf"


def _short(arr: np.ndarray, n: int = 6) -> str:
    flat = np.ravel(arr)
    items = ", ".join(f"{v:g}" if flat.dtype.kind in "biuf" else repr(v) for v in flat[:n])
    return f"[{items}{', ...' if flat.size > n else ''}]"


def _run(fn: Callable[..., Any], *args: Any, fn_name: str) -> tuple[str, Any]:
    """Call the learner's ``fn``; return ("ok", result), ("todo", None) or ("error", message).

    Output the learner's function prints and warnings it causes are swallowed, so the check's own
    message stays readable.
    """
    try:
        with (
            contextlib.redirect_stdout(io.StringIO()),
            warnings.catch_warnings(),
        ):
            warnings.simplefilter("ignore")
            return "ok", fn(*args)
    except NotImplementedError:
        return "todo", None
    except Exception as err:  # the learner's code may raise anything
        return "error", _describe_error(err, fn_name)


def _reported(problem: str | None) -> bool:
    """Print "not done yet" or the problem found; True if there was something to report."""
    if problem is None:
        return False
    print(NOT_DONE if problem == "todo" else problem)
    return True


# --------------------------------------------------------------------------- step 1: the sequence


def check_sequence(sequence: object, *, n: int = 100) -> bool:
    """Step 1: ``sequence`` must be ``0, 1, ..., n-1`` as a 1-D NumPy array, shape ``(n,)``."""
    if sequence is None or sequence is Ellipsis:
        print(NOT_DONE)
        return False
    try:
        if isinstance(sequence, list | tuple | range):
            _fail(
                f"sequence is a {type(sequence).__name__}; the model needs a NumPy array: "
                "wrap it in np.array(...) or use np.arange."
            )
        if not isinstance(sequence, np.ndarray):
            _fail(f"sequence should be a NumPy array, got {type(sequence).__name__}.")
        if not _is_real_numeric(sequence):
            _fail(f"sequence should contain numbers, got dtype {sequence.dtype}.")
        if sequence.ndim != 1:
            _fail(f"sequence should be 1-D with shape ({n},), got shape {sequence.shape}.")
        if len(sequence) != n:
            hint = (
                " np.arange(n) stops before n: np.arange(100) is 0..99."
                if len(sequence) in (n - 1, n + 1)
                else ""
            )
            _fail(f"sequence should have {n} values (0 to {n - 1}), got {len(sequence)}.{hint}")
        if not np.array_equal(sequence, np.arange(n)):
            _fail(f"sequence should be 0, 1, ..., {n - 1} in order; it starts {_short(sequence)}.")
    except _Verdict as verdict:
        print(verdict)
        return False
    print(f"{OK} sequence: {n} numbers from 0 to {n - 1}, shape {sequence.shape}.")
    return True


# ----------------------------------------------------------------------- step 2: create_dataset

_DATASET_CASES: tuple[tuple[str, np.ndarray, int], ...] = (
    ("0..99, n_steps=10 (the exercise)", np.arange(100), 10),
    ("7 random floats, n_steps=3", np.random.default_rng(7).normal(size=7).round(2), 3),
    ("squares 0..144, n_steps=4", np.arange(13) ** 2, 4),
    ("[5, 8, 2], n_steps=2 (one window)", np.array([5.0, 8.0, 2.0]), 2),
    ("20 random ints, n_steps=1", np.random.default_rng(1).integers(-50, 50, size=20), 1),
)


def _reference_windows(seq: np.ndarray, n_steps: int, shift: int = 0) -> np.ndarray:
    """Windows ``seq[i+shift : i+shift+n_steps]`` for every i where they fit."""
    count = len(seq) - n_steps - shift + 1
    return np.array([seq[i + shift : i + shift + n_steps] for i in range(max(count, 0))])


def _diagnose_dataset(result: object, seq: np.ndarray, n_steps: int, case: str) -> None:
    """Raise ``_Verdict`` describing the first thing wrong with ``result`` for this case."""
    L = len(seq)
    rows = L - n_steps
    where = f"For {case}:"
    if result is None:
        _fail(f"{where} create_dataset returned None. Did you forget `return X, y`?")
    if not isinstance(result, tuple | list) or len(result) != 2:
        what = type(result).__name__
        if isinstance(result, tuple | list):
            what += f" of {len(result)} items"
        _fail(f"{where} create_dataset should return two things, `return X, y`; got a {what}.")
    X, y = result
    if isinstance(X, list) or isinstance(y, list):
        _fail(
            f"{where} X and y are Python lists. Keras needs NumPy arrays: "
            "`return np.array(X), np.array(y)`."
        )
    if not isinstance(X, np.ndarray) or not isinstance(y, np.ndarray):
        _fail(
            f"{where} X and y should be NumPy arrays, got {type(X).__name__} and "
            f"{type(y).__name__}."
        )
    if X.size == 0:
        _fail(
            f"{where} X is empty (shape {X.shape}); expected {rows} windows. Does your loop use "
            "a fixed window length (like 10) instead of n_steps, or stop too early?"
        )
    if X.ndim == 1 and y.ndim == 2:
        _fail(f"{where} the results look swapped (a 1-D array first, then a 2-D one). Return X, y.")
    for name, arr in (("X", X), ("y", y)):
        if not _is_real_numeric(arr):
            _fail(f"{where} {name} should contain numbers, got dtype {arr.dtype}.")
    if X.ndim == 3 and X.shape[-1] == 1 and X.shape[:2] == (rows, n_steps):
        _fail(
            f"{where} X has shape {X.shape}: you already added the feature axis. That is the shape "
            "the RNN needs, but here create_dataset returns plain windows, shape "
            f"(samples, n_steps) = ({rows}, {n_steps}), and step 2's next line adds the axis. "
            "Keeping the two apart lets the same windows feed any model. Drop the reshape here."
        )
    if X.ndim != 2:
        _fail(
            f"{where} X should be 2-D, shape (samples, n_steps) = ({rows}, {n_steps}); "
            f"got shape {X.shape}."
        )
    if X.shape[1] != n_steps:
        hint = (
            " It looks like a fixed window length of 10: use the n_steps argument instead."
            if X.shape[1] == 10
            else " Each window should be sequence[i : i + n_steps]."
        )
        _fail(
            f"{where} each window should have n_steps = {n_steps} values, yours have "
            f"{X.shape[1]}.{hint}"
        )
    if X.shape[0] != rows:
        if X.shape[0] == rows - 1 and np.array_equal(X, _reference_windows(seq, n_steps)[:-2]):
            _fail(
                f"{where} the last window is missing ({rows - 1} windows instead of {rows}). "
                f"The last window, sequence[{L - n_steps - 1}:{L - 1}], still has a next value "
                f"(sequence[{L - 1}]). Loop over range(len(sequence) - n_steps)."
            )
        if X.shape[0] < rows:
            _fail(
                f"{where} X has {X.shape[0]} windows, expected {rows} = len(sequence) - n_steps. "
                "Check your loop's range."
            )
        _fail(
            f"{where} X has {X.shape[0]} windows, expected {rows} = len(sequence) - n_steps. "
            "The last window must still have a next value to predict: stop the loop earlier."
        )
    expected_X = _reference_windows(seq, n_steps)[:-1]
    if not np.allclose(X, expected_X):
        if rows > 1 and np.allclose(X, _reference_windows(seq, n_steps, shift=1)):
            _fail(
                f"{where} the windows start one step late: window 0 should be "
                f"sequence[0:{n_steps}] = {_short(seq[:n_steps])}, yours is {_short(X[0])}."
            )
        bad = int(np.flatnonzero(~np.isclose(X, expected_X).all(axis=1))[0])
        _fail(
            f"{where} window {bad} should be sequence[{bad}:{bad + n_steps}] = "
            f"{_short(expected_X[bad])}, yours is {_short(X[bad])}."
        )
    if y.shape == (rows, 1):
        _fail(
            f"{where} y has shape {y.shape}; it should be 1-D, shape ({rows},): one number per "
            "window. Append the value itself, not a list or slice (sequence[i + n_steps], not "
            "sequence[i + n_steps : i + n_steps + 1])."
        )
    if y.ndim != 1 or y.shape[0] != rows:
        _fail(f"{where} y should have shape ({rows},), one target per window; got {y.shape}.")
    expected_y = seq[n_steps:]
    if not np.allclose(y, expected_y):
        if np.allclose(y, seq[n_steps - 1 : L - 1]):
            _fail(
                f"{where} y is the last value of each window, not the next one. The target of "
                f"window i is sequence[i + n_steps] (for window 0: sequence[{n_steps}] = "
                f"{seq[n_steps]:g}, yours is {y[0]:g})."
            )
        if rows > 1 and np.allclose(y[:-1], seq[n_steps + 1 :]):
            _fail(
                f"{where} y skips a value: the target of window i is sequence[i + n_steps], "
                f"not sequence[i + n_steps + 1]."
            )
        bad = int(np.flatnonzero(~np.isclose(y, expected_y))[0])
        _fail(
            f"{where} the target of window {bad} should be sequence[{bad + n_steps}] = "
            f"{expected_y[bad]:g}, yours is {y[bad]:g}."
        )


def _create_dataset_problem(fn: object) -> str | None:
    """None when ``fn`` is right, "todo" when not started, else the message to print."""
    if not callable(fn):
        return (
            f"{WRONG} create_dataset should be a function, got {type(fn).__name__}. "
            "Define it with `def create_dataset(sequence, n_steps):`."
        )
    for case, seq, n_steps in _DATASET_CASES:
        given = seq.copy()
        status, result = _run(fn, given, n_steps, fn_name=getattr(fn, "__name__", ""))
        if status == "todo":
            return "todo"
        try:
            if status == "error":
                hint = ""
                if result.startswith("IndexError"):
                    hint = (
                        f"\n   Hint: an index went past the end. With {len(seq)} values the last "
                        f"window is sequence[{len(seq) - n_steps - 1}:{len(seq) - 1}] and its "
                        f"target sequence[{len(seq) - 1}]: loop over "
                        "range(len(sequence) - n_steps) and take sequence[i + n_steps]."
                    )
                _fail(f"For {case}: your create_dataset raised {result}{hint}")
            _diagnose_dataset(result, seq, n_steps, case)
            if not np.array_equal(given, seq):
                _fail(
                    f"For {case}: create_dataset changed the sequence it was given. Build new "
                    "arrays instead of modifying `sequence` in place."
                )
        except _Verdict as verdict:
            return str(verdict)
    return None


def check_create_dataset(fn: object) -> bool:
    """Step 2: run ``fn(sequence, n_steps)`` on several sequences and explain the first mistake.

    The contract (as in the seed): window ``i`` is ``sequence[i : i + n_steps]``, its target
    ``sequence[i + n_steps]``; ``X`` is a NumPy array of shape ``(len(sequence) - n_steps,
    n_steps)`` and ``y`` one of shape ``(len(sequence) - n_steps,)``.
    """
    problem = _create_dataset_problem(fn)
    if _reported(problem):
        return False
    print(
        f"{OK} create_dataset is right on {len(_DATASET_CASES)} sequences "
        "(0..99, random floats, squares, a single window, n_steps=1)."
    )
    return True


def check_training_data(X: object, y: object, *, n_steps: int = 10, length: int = 100) -> bool:
    """Step 2, second half: ``X`` of shape ``(samples, timesteps, features) = (90, 10, 1)``.

    ``y`` has shape ``(90,)``.

    ``X`` and ``y`` must be the windows of ``0, 1, ..., length-1`` and their next values.
    """
    if X is None or X is Ellipsis or y is None or y is Ellipsis:
        print(NOT_DONE)
        return False
    rows = length - n_steps
    try:
        if not isinstance(X, np.ndarray) or not isinstance(y, np.ndarray):
            _fail(f"X and y should be NumPy arrays, got {type(X).__name__} and {type(y).__name__}.")
        for name, arr in (("X", X), ("y", y)):
            if not _is_real_numeric(arr):
                _fail(f"{name} should contain numbers, got dtype {arr.dtype}.")
        if X.shape == (rows, n_steps):
            _fail(
                f"X has shape {X.shape} = (samples, timesteps): the feature axis is missing. An "
                "RNN layer wants (samples, timesteps, features): "
                "X = X.reshape((X.shape[0], X.shape[1], 1)), or X[..., np.newaxis]."
            )
        if X.shape == (rows, 1, n_steps):
            _fail(
                f"X has shape {X.shape}: that is 1 time step with {n_steps} features. Put the "
                f"feature axis last: shape ({rows}, {n_steps}, 1)."
            )
        if X.shape != (rows, n_steps, 1):
            _fail(f"X should have shape ({rows}, {n_steps}, 1), got {X.shape}.")
        if y.shape != (rows,):
            _fail(f"y should have shape ({rows},), got {y.shape}.")
        seq = np.arange(length)
        if not np.allclose(X[:, :, 0], _reference_windows(seq, n_steps)[:-1]):
            _fail("X has the right shape but not the windows of 0..99: reshape, don't reorder.")
        if not np.allclose(y, seq[n_steps:]):
            _fail(f"y should be the next values {_short(seq[n_steps:])}, got {_short(y)}.")
    except _Verdict as verdict:
        print(verdict)
        return False
    print(f"{OK} X has shape {X.shape} = (samples, timesteps, features), y has shape {y.shape}.")
    return True


# ----------------------------------------------------------------- step 3: define and compile


def _model_problem(fn: object, n_steps: int) -> str | None:
    """None when ``fn(n_steps)`` builds the exercise's model, "todo", or what is wrong."""
    import keras

    if not callable(fn):
        return (
            f"{WRONG} build_model should be a function, got {type(fn).__name__}. "
            "Define it with `def build_model(n_steps):`."
        )
    name = getattr(fn, "__name__", "")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        status, model = _run_keeping_warnings(fn, n_steps, fn_name=name)
    if status == "todo":
        return "todo"
    if status == "error":
        return f"{WRONG} build_model({n_steps}) raised {model}"
    try:
        if model is None:
            _fail("build_model returned None. Did you forget `return model`?")
        if not isinstance(model, keras.Model):
            _fail(f"build_model should return a Keras model, got {type(model).__name__}.")
        if any("input_shape" in str(w.message) for w in caught):
            _fail(
                "Your model passes input_shape= to a layer (the older Keras 2 style). In Keras 3 "
                "start the Sequential with keras.Input(shape=(n_steps, 1)) instead."
            )
        try:
            in_shape = tuple(model.inputs[0].shape)
        except (AttributeError, IndexError, ValueError):
            _fail(
                "The model has no input shape yet. Start it with keras.Input(shape=(n_steps, 1))."
            )
        if in_shape != (None, n_steps, 1):
            hint = (
                " It looks like a fixed 10: use the n_steps argument."
                if in_shape == (None, 10, 1)
                else " (timesteps, features) = (n_steps, 1): one number per time step."
            )
            _fail(
                f"build_model({n_steps}) expects inputs of shape {in_shape[1:]}, should be "
                f"({n_steps}, 1).{hint}"
            )
        layers = [lay for lay in model.layers if not isinstance(lay, keras.layers.InputLayer)]
        kinds = [type(lay).__name__ for lay in layers]
        if kinds != ["SimpleRNN", "Dense"]:
            _fail(f"The model should be SimpleRNN then Dense, yours has layers {kinds}.")
        rnn, dense = layers
        if rnn.units != 50:
            _fail(f"SimpleRNN should have 50 units, yours has {rnn.units}.")
        activation = getattr(getattr(rnn, "activation", None), "__name__", "?")
        if activation != "tanh":
            _fail(
                f"SimpleRNN uses activation '{activation}'; the exercise's cell is tanh (the "
                "default). Leave activation out."
            )
        if rnn.return_sequences:
            _fail(
                "SimpleRNN has return_sequences=True, so Dense predicts one value per time step "
                "(output shape (batch, n_steps, 1)). We want one prediction per window: leave "
                "return_sequences at its default, False."
            )
        if dense.units != 1:
            _fail(f"Dense should have 1 unit (one predicted value), yours has {dense.units}.")
        activation = getattr(dense.activation, "__name__", str(dense.activation))
        if activation != "linear":
            _fail(
                f"Dense uses activation '{activation}', which limits the values it can output. "
                "For a regression (any number), leave Dense's activation at its default (None)."
            )
        if tuple(model.outputs[0].shape) != (None, 1):
            _fail(f"The model's output should have shape (None, 1), got {model.outputs[0].shape}.")
        if model.count_params() != 2651:
            _fail(f"The model should have 2,651 parameters, yours has {model.count_params():,}.")
        if not getattr(model, "compiled", False) or model.optimizer is None:
            _fail("The model is not compiled: call model.compile(optimizer='adam', loss='mse').")
        optimizer = type(model.optimizer).__name__
        if optimizer != "Adam":
            _fail(f"Compile with optimizer='adam', yours uses {optimizer}.")
        loss = model.loss
        loss_name = (
            loss if isinstance(loss, str) else getattr(loss, "__name__", type(loss).__name__)
        )
        if str(loss_name).lower() not in {"mse", "mean_squared_error", "meansquarederror"}:
            _fail(f"Compile with loss='mse' (mean squared error), yours uses {loss_name!r}.")
    except _Verdict as verdict:
        return str(verdict)
    return None


def _run_keeping_warnings(fn: Callable[..., Any], *args: Any, fn_name: str) -> tuple[str, Any]:
    """Like ``_run`` but lets warnings reach an enclosing ``catch_warnings(record=True)``."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return "ok", fn(*args)
    except NotImplementedError:
        return "todo", None
    except Exception as err:  # the learner's code may raise anything
        return "error", _describe_error(err, fn_name)


def check_build_model(fn: object) -> bool:
    """Step 3: ``fn(n_steps)`` must return SimpleRNN(50) + Dense(1) on ``(n_steps, 1)``, adam/mse.

    Builds the model twice (``n_steps`` 10 and 7) to catch a hard-coded window length.
    """
    for n_steps in (10, 7):
        try:
            problem = _model_problem(fn, n_steps)
        except Exception as err:  # never let the checker itself crash the notebook
            problem = (
                f"{WRONG} The check could not inspect your model ({_describe_error(err, '')})."
            )
        if _reported(problem):
            return False
    print(
        f"{OK} build_model: SimpleRNN(50) -> Dense(1) on inputs (n_steps, 1), 2,651 parameters, "
        "compiled with adam and mse."
    )
    return True


# ---------------------------------------------------------------------------- step 4: train


def check_training(
    model: object, history: object, *, steps: int = 600, quiet: bool = False
) -> bool:
    """Step 4: ``history`` (from ``fit``) must show ``steps`` optimizer steps on ``model``.

    ``quiet=True`` prints nothing and only returns the verdict.
    """
    if quiet:
        with contextlib.redirect_stdout(io.StringIO()):
            return check_training(model, history, steps=steps)
    if history is None or history is Ellipsis:
        print(NOT_DONE)
        return False
    try:
        record = getattr(history, "history", None)
        losses = record.get("loss") if isinstance(record, dict) else None
        try:  # a list (or array) of numbers; anything else is not a History's loss record
            losses = [float(v) for v in losses] if losses is not None else []
        except (TypeError, ValueError):
            losses = []
        if len(losses) == 0:
            _fail(
                f"history should be what fit_fast or model.fit returns (a History with a 'loss' "
                f"list), got {type(history).__name__}. Write history = fit_fast(...)."
            )
        done = int(getattr(getattr(model, "optimizer", None), "iterations", 0))
        if done == 0:
            _fail("model has not been trained. Pass `model` (the one from step 3) to fit_fast.")
        if done != steps:
            _fail(
                f"model made {done} optimizer steps; the seed's 200 epochs of 3 batches are "
                f"{steps}. Use epochs=200, batch_size=32 (and run the training cell only once: "
                "re-running it continues training the same model)."
            )
        if not all(math.isfinite(v) for v in losses):
            _fail("the loss became NaN or infinite during training.")
    except _Verdict as verdict:
        print(verdict)
        return False
    print(
        f"{OK} model trained for {steps} optimizer steps; history.history['loss'] holds "
        f"{len(losses)} reports of the loss."
    )
    return True


# -------------------------------------------------------------------------- step 5: predict


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


def check_predict_next(fn: object) -> bool:
    """Step 5: ``fn(model, window)`` must return the model's prediction for a 1-D window, a float.

    Uses a stand-in model that answers the sum of the window, on windows of several lengths.
    """
    if not callable(fn):
        print(f"{WRONG} predict_next should be a function, got {type(fn).__name__}.")
        return False
    for window in (np.arange(90, 100), np.array([0.5, -1.0, 2.0]), np.arange(200, 210)):
        model = _FakeModel(len(window))
        given = window.copy()
        status, result = _run(fn, model, given, fn_name=getattr(fn, "__name__", ""))
        if status == "todo":
            print(NOT_DONE)
            return False
        try:
            if status == "error":
                shape = f" (the model got shape {model.seen[-1]})" if model.seen else ""
                _fail(
                    f"predict_next(model, {_short(window, 3)}) raised {result}{shape}.\n   Hint: "
                    "the model wants a batch of one window, shape (1, n_steps, 1): "
                    "window.reshape((1, len(window), 1))."
                )
            if isinstance(result, np.ndarray) and result.size == 1 and result.ndim > 0:
                _fail(
                    f"predict_next returned an array of shape {result.shape}. Return the number "
                    "itself: float(yhat[0, 0])."
                )
            if not isinstance(result, int | float | np.number) or isinstance(result, bool):
                _fail(f"predict_next should return a number, got {type(result).__name__}.")
            if not math.isclose(float(result), float(window.sum()), rel_tol=1e-6):
                _fail(
                    f"For the window {_short(window, 3)} the model's answer was "
                    f"{window.sum():g}, but predict_next returned {float(result):g}. Return the "
                    "model's output without changing it."
                )
            if not np.array_equal(given, window):
                _fail("predict_next changed the window it was given; reshape a copy instead.")
        except _Verdict as verdict:
            print(verdict)
            return False
    print(f"{OK} predict_next reshapes a window to (1, n_steps, 1) and returns a float.")
    return True


# ------------------------------------------------------------------------ fallbacks


def _reference_build_model(n_steps: int) -> Any:
    import keras

    model = keras.Sequential(
        [keras.Input(shape=(n_steps, 1)), keras.layers.SimpleRNN(50), keras.layers.Dense(1)]
    )
    model.compile(optimizer="adam", loss="mse")
    return model


def _reference_predict_next(model: Any, window: object) -> float:
    x = np.asarray(window, dtype=np.float32).reshape((1, -1, 1))
    return float(np.asarray(model.predict(x, verbose=0))[0, 0])


def _reference(name: str) -> Any:
    from course_utils import data

    if name == "sequence":
        return np.arange(100)
    if name == "create_dataset":
        return data.create_dataset
    if name == "training_data":
        X, y = data.create_dataset(np.arange(100), 10)
        return X[..., np.newaxis], y
    if name == "build_model":
        return _reference_build_model
    if name == "predict_next":
        return _reference_predict_next
    raise ValueError(f"name must be one of {sorted(_CHECKS)}, got {name!r}")


def _quiet(check: Callable[..., bool], *args: Any) -> bool:
    with contextlib.redirect_stdout(io.StringIO()):
        return check(*args)


_CHECKS: dict[str, Callable[[Any], bool]] = {
    "sequence": lambda v: _quiet(check_sequence, v),
    "create_dataset": lambda v: _quiet(check_create_dataset, v),
    "training_data": lambda v: (
        isinstance(v, tuple | list) and len(v) == 2 and _quiet(check_training_data, *v)
    ),
    "build_model": lambda v: _quiet(check_build_model, v),
    "predict_next": lambda v: _quiet(check_predict_next, v),
}


def solution_or_reference(name: str, yours: object) -> Any:
    """Return ``yours`` if it passes the check for exercise ``name``, else the course's reference.

    ``name`` is one of ``"sequence"``, ``"create_dataset"``, ``"training_data"`` (``yours`` is
    ``(X, y)``), ``"build_model"``, ``"predict_next"``. Prints one line saying which is used, so
    a learner who has not finished an exercise can still run the rest of the notebook.
    """
    if name not in _CHECKS:
        raise ValueError(f"name must be one of {sorted(_CHECKS)}, got {name!r}")
    if _CHECKS[name](yours):
        print(f"Using your {name}.")
        return yours
    print(
        f"{TODO} Using the course's reference {name} for now, so the next cells run. "
        "Come back to the exercise: its check above says what to fix."
    )
    return _reference(name)


# ------------------------------------------------------- notebook 2: one step of the RNN cell


def _reference_rnn_step(
    x_t: np.ndarray, h_prev: np.ndarray, W_xh: np.ndarray, W_hh: np.ndarray, b_h: np.ndarray
) -> np.ndarray:
    return np.tanh(x_t @ W_xh + h_prev @ W_hh + b_h)


def _rnn_step_cases() -> list[tuple[str, dict[str, np.ndarray]]]:
    """Small cases in Keras layout: x_t (batch, features), h_prev (batch, units), ..."""
    rng = np.random.default_rng(2024)
    cases = []
    for name, batch, features, units in [
        ("a batch of 2, 3 features, 4 units", 2, 3, 4),
        ("one sample, 1 feature, 2 units", 1, 1, 2),
        ("a batch of 3, 3 features, 3 units", 3, 3, 3),
    ]:
        cases.append(
            (
                name,
                {
                    "x_t": rng.normal(size=(batch, features)),
                    "h_prev": rng.uniform(-0.9, 0.9, size=(batch, units)),
                    "W_xh": rng.normal(0, 0.8, size=(features, units)),
                    "W_hh": rng.normal(0, 0.8, size=(units, units)),
                    "b_h": rng.normal(0, 0.5, size=units),
                },
            )
        )
    return cases


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _rnn_step_mistakes(a: dict[str, np.ndarray]) -> list[tuple[np.ndarray, str]]:
    """Outputs of common wrong versions of the step, each with the hint to give."""
    x, h, W_xh, W_hh, b = a["x_t"], a["h_prev"], a["W_xh"], a["W_hh"], a["b_h"]
    z = x @ W_xh + h @ W_hh + b
    mistakes = [
        (z, "you returned the sum before the activation: apply np.tanh to it"),
        (_sigmoid(z), "the activation of the basic RNN cell is tanh, not the sigmoid"),
        (np.maximum(z, 0), "the activation of the basic RNN cell is tanh, not ReLU"),
        (np.tanh(x @ W_xh + h @ W_hh), "the bias b_h is missing"),
        (np.tanh(x @ W_xh + b), "h_prev is missing: the previous state is the cell's memory"),
        (np.tanh(h @ W_hh + b), "the input x_t is missing: add x_t @ W_xh"),
        (
            np.tanh(x @ W_xh + h @ W_hh.T + b),
            "W_hh is transposed: in Keras' layout the state is a row, so write h_prev @ W_hh",
        ),
    ]
    if W_xh.shape == W_hh.shape:  # only then do these mistakes run without a shape error
        mistakes += [
            (
                np.tanh(x @ W_hh + h @ W_xh + b),
                "W_xh and W_hh are swapped: W_xh multiplies the input x_t, "
                "W_hh the previous state h_prev",
            ),
            (
                np.tanh(x @ W_xh.T + h @ W_hh.T + b),
                "the weights are transposed: with samples as rows it is x_t @ W_xh and "
                "h_prev @ W_hh (W_xh has shape (features, units))",
            ),
            (
                np.tanh(W_xh @ x.T + W_hh @ h.T + b[:, None]).T,
                "you used the column-vector form W_xh @ x_t with Keras-layout weights; "
                "with rows it is x_t @ W_xh",
            ),
        ]
    return mistakes


def check_rnn_step(fn: Callable[..., object]) -> bool:
    """Check a learner's ``fn(x_t, h_prev, W_xh, W_hh, b_h) -> h_t`` (Keras layout).

    Shapes: ``x_t`` ``(batch, features)``, ``h_prev`` ``(batch, units)``, ``W_xh``
    ``(features, units)``, ``W_hh`` ``(units, units)``, ``b_h`` ``(units,)``; ``h_t`` must be
    ``(batch, units)`` and equal ``tanh(x_t @ W_xh + h_prev @ W_hh + b_h)``.

    Prints one short verdict with a hint and returns True if every case is right. Never raises
    because of ``fn`` (``NotImplementedError`` is reported as "not done yet").
    """
    if not callable(fn):
        print(f"{WRONG} pass your function itself (e.g. my_rnn_step), not a {type(fn).__name__}.")
        return False
    cases = _rnn_step_cases()
    try:  # can it be called with these names at all? (a TypeError from its body is different)
        inspect.signature(fn).bind(**cases[0][1])
    except TypeError as err:
        print(
            f"{WRONG} calling fn(x_t=..., h_prev=..., W_xh=..., W_hh=..., b_h=...) "
            f"failed ({err}). Keep the parameter names x_t, h_prev, W_xh, W_hh, b_h."
        )
        return False
    except ValueError:  # some callables (builtins) have no signature: just try them
        pass
    for name, args in cases:
        copies = {k: v.copy() for k, v in args.items()}
        try:
            out = fn(**copies)
        except NotImplementedError:
            print(NOT_DONE)
            return False
        except Exception as err:  # the learner's code may raise anything
            hint = ""
            if "matmul" in str(err) or "align" in str(err) or "broadcast" in str(err):
                hint = (
                    " Hint: a shape mismatch. x_t @ W_xh is (batch, features) @ (features, units) "
                    "and h_prev @ W_hh is (batch, units) @ (units, units)."
                )
            print(f"{WRONG} your function raised {type(err).__name__} on {name}: {err}.{hint}")
            return False
        for key in args:
            if not np.array_equal(copies[key], args[key]):
                print(f"{WRONG} your function changed its input {key} in place; leave it as is.")
                return False
        if out is None:
            print(f"{WRONG} your function returns None. Did you forget `return h_t`?")
            return False
        try:
            got = np.asarray(out, dtype=float)
        except Exception:  # e.g. a list of strings or a tensor that does not convert
            print(f"{WRONG} the result should be an array of numbers, got {type(out).__name__}.")
            return False
        expected = _reference_rnn_step(**args)
        if got.shape != expected.shape:
            batch, units = expected.shape
            print(
                f"{WRONG} on {name} h_t should have shape (batch, units) = {expected.shape}, "
                f"got {got.shape}. Hint: x_t @ W_xh has shape ({batch}, {units}); "
                "do not sum over the batch or flatten."
            )
            return False
        if np.allclose(got, expected, atol=1e-6, rtol=1e-6):
            continue
        for wrong, hint in _rnn_step_mistakes(args):
            if wrong.shape == got.shape and np.allclose(got, wrong, atol=1e-6, rtol=1e-6):
                print(f"{WRONG} on {name}, {hint}.")
                return False
        worst = float(np.max(np.abs(got - expected)))
        print(
            f"{WRONG} on {name} your h_t differs from tanh(x_t @ W_xh + h_prev @ W_hh + b_h) "
            f"by up to {worst:.3g}. Check each term of the equation."
        )
        return False
    print(
        f"{OK} Correct! Your step matches tanh(x_t @ W_xh + h_prev @ W_hh + b_h) on all "
        f"{len(cases)} test cases (one sample and batches, features = units and not)."
    )
    return True
