"""Plumbing that makes the course's tiny models train fast, without changing what they learn.

A model of a few thousand weights trains in milliseconds per step; what costs time in
``model.fit`` is the bookkeeping around the steps (starting each epoch, calling back into Python,
tracing the step into a graph). Two helpers remove that cost and keep the optimizer steps:

- :func:`fit_fast` (notebook 5, ``benchmarks/exercise.py``): the optimizer steps of
  ``model.fit(X, y, epochs=..., batch_size=...)`` on shuffled batches, fed as one repeated
  ``tf.data`` stream with ``steps_per_execution``, so TensorFlow runs many steps per call;
- :class:`Retrainer` (notebook 6): one compiled, traced model trained several times, each time
  from the same starting weights and a fresh optimizer, so the graph is traced once;
  :func:`sequence_batches` feeds it batches whose time axis has any length.

Two more measure honestly while a model trains (notebook 7, ``benchmarks/forecast.py``):

- :func:`epoch_end_losses`: a callback that measures the training and validation loss with the
  same weights at each epoch's end (``fit``'s own ``loss`` is a running mean over the epoch);
- :func:`fit_with_early_stopping`: ``fit`` until the validation loss stops improving, with the
  best epoch's weights restored and both losses from :func:`epoch_end_losses`.

TensorFlow is imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from course_utils.validate import as_array, check_bool, check_int

if TYPE_CHECKING:  # pragma: no cover - for the type checker only
    import keras
    import tensorflow as tf

__all__ = [
    "Retrainer",
    "epoch_end_losses",
    "fit_fast",
    "fit_with_early_stopping",
    "model_mse",
    "repeated_batches",
    "sequence_batches",
]


def _use_steps_per_execution(model: keras.Model, steps: int) -> None:
    """Make ``model`` run ``steps`` batches per call from Python, its functions traced anew.

    Keras traces its train, test and predict functions with the ``steps_per_execution`` they
    were made with; a function made before a change would run the old number of batches per
    call (a predict function made for 1 returns only the first batch of each call of 30).
    """
    if model.steps_per_execution != steps:
        model.steps_per_execution = steps
        model.train_function = None
        model.test_function = None
        model.predict_function = None


def _build_optimizer(model: keras.Model) -> None:
    """Create the optimizer's state (step count, moments) before the first training step.

    Otherwise Keras creates it inside the first traced step, and TensorFlow then traces the
    whole step a second time (about half of a short training's time). The state starts as it
    would (zeros), so the training is the same to the last bit.
    """
    optimizer = getattr(model, "optimizer", None)
    if optimizer is not None and not optimizer.built and model.built and model.trainable_variables:
        optimizer.build(model.trainable_variables)


def repeated_batches(
    X: ArrayLike, y: ArrayLike, *, batch_size: int, shuffle: bool = True, seed: int = 0
) -> tf.data.Dataset:
    """An endless stream of the batches ``model.fit(X, y, batch_size=...)`` makes, epoch by epoch.

    Each pass over the data ("epoch") is shuffled anew (as ``fit`` does) and cut into batches of
    ``batch_size``, the last one smaller when ``len(X)`` is not a multiple; no batch spans two
    epochs. Used by :func:`fit_fast`; notebook 5 introduces it.

    Args:
        X: inputs, shape ``(samples, ...)``, e.g. ``(samples, timesteps, features)``.
        y: targets, shape ``(samples, ...)``.
        batch_size: samples per batch, an int >= 1.
        shuffle: shuffle every epoch (``fit``'s default); False keeps the order of ``X``.
        seed: seed of the shuffling, so the same call gives the same batch order.

    Returns:
        A repeated ``tf.data.Dataset`` of ``(x_batch, y_batch)``, float32, shapes
        ``(batch, ...)``.
    """
    import tensorflow as tf

    batch_size = check_int("batch_size", batch_size, low=1)
    X = np.asarray(X, dtype=np.float32)
    y = np.asarray(y, dtype=np.float32)
    stream = tf.data.Dataset.from_tensor_slices((X, y))
    if shuffle:
        stream = stream.shuffle(len(X), seed=seed, reshuffle_each_iteration=True)
    return stream.batch(batch_size).repeat()


def fit_fast(
    model: keras.Model,
    X: ArrayLike,
    y: ArrayLike,
    *,
    epochs: int = 200,
    batch_size: int = 32,
    validation_data: tuple[ArrayLike, ArrayLike] | None = None,
    reports: int = 20,
    shuffle: bool = True,
    seed: int = 0,
) -> keras.callbacks.History:
    """Train like ``model.fit(X, y, epochs=epochs, batch_size=batch_size)``, several times faster.

    The same optimizer steps on the same data: ``epochs * ceil(len(X) / batch_size)`` steps, each
    epoch a new shuffle of every sample cut into batches of ``batch_size`` (see
    :func:`repeated_batches`). The batches come as one repeated ``tf.data`` stream, and
    TensorFlow runs ``steps // reports`` steps per call from Python (``steps_per_execution``),
    so the per-epoch bookkeeping of ``fit`` is paid ``reports`` times instead of ``epochs``
    times. The loss (and the validation loss) is reported ``reports`` times. Introduced in
    notebook 5.

    Args:
        model: a compiled Keras model.
        X: inputs, shape ``(samples, timesteps, features)``.
        y: targets, shape ``(samples,)`` or ``(samples, outputs)``.
        epochs: passes over the data, an int >= 1.
        batch_size: samples per batch, an int >= 1.
        validation_data: ``(X_val, y_val)`` to evaluate after every report, or None.
        reports: how many times the loss is recorded; must divide the number of steps.
        shuffle: shuffle every epoch, as ``fit`` does by default.
        seed: seed of the shuffling.

    Returns:
        Keras' ``History``: ``history.history["loss"]`` (and ``"val_loss"``) hold ``reports``
        values; ``history.seconds`` is the wall time of the training.

    Raises:
        TypeError: an int argument is not an int.
        ValueError: ``reports`` does not divide the number of steps, or ``X`` is empty.
    """
    epochs = check_int("epochs", epochs, low=1)
    batch_size = check_int("batch_size", batch_size, low=1)
    reports = check_int("reports", reports, low=1)
    n_samples = len(X)  # type: ignore[arg-type]
    if n_samples == 0:
        raise ValueError("X must hold at least one sample, got 0")
    steps = epochs * math.ceil(n_samples / batch_size)
    if steps % reports:
        raise ValueError(
            f"reports must divide the number of optimizer steps ({steps} = {epochs} epochs x "
            f"{math.ceil(n_samples / batch_size)} batches), got {reports}"
        )
    batches = repeated_batches(X, y, batch_size=batch_size, shuffle=shuffle, seed=seed)
    if validation_data is not None:
        X_val, y_val = validation_data
        validation_data = (np.asarray(X_val, np.float32), np.asarray(y_val, np.float32))
    _build_optimizer(model)
    previous = model.steps_per_execution
    _use_steps_per_execution(model, steps // reports)
    start = time.perf_counter()
    try:
        history = model.fit(
            batches,
            epochs=reports,  # a "report" is steps // reports batches
            steps_per_epoch=steps // reports,
            validation_data=validation_data,
            shuffle=False,  # the stream is shuffled already
            verbose=0,
        )
    finally:
        _use_steps_per_execution(model, previous)
    history.seconds = time.perf_counter() - start
    return history


def sequence_batches(X: ArrayLike, y: ArrayLike, *, batch_size: int) -> tf.data.Dataset:
    """Batches of ``(X, y)`` typed with a time axis of any length, for :class:`Retrainer`.

    A model traced for batches of shape ``(None, None, features)`` runs sequences of every
    length with the same graph. Every sequence here has the same length, so nothing is padded.
    tf.data's background tuner is off: on a small machine it only competes with training for
    the CPU. Introduced in notebook 6.

    Args:
        X: sequences, shape ``(samples, timesteps, features)``.
        y: labels, shape ``(samples,)``.
        batch_size: sequences per batch, an int >= 1.

    Returns:
        A ``tf.data.Dataset`` of ``(x_batch, y_batch)`` with shapes
        ``(batch, None, features)`` and ``(batch,)``.
    """
    import tensorflow as tf

    batch_size = check_int("batch_size", batch_size, low=1)
    X = np.asarray(X)
    options = tf.data.Options()
    options.autotune.enabled = False
    stream = tf.data.Dataset.from_tensor_slices((X, np.asarray(y)))
    padded = stream.padded_batch(batch_size, padded_shapes=([None, X.shape[-1]], []))
    return padded.with_options(options)


class Retrainer:
    """Train one compiled model several times, each time from the same start.

    TensorFlow traces a model's training step into a graph before the first step, which costs
    more than a hundred steps of a tiny model. A ``Retrainer`` keeps the model's starting weights
    and its optimizer's fresh state (step 0, no moments); every :meth:`fit` restores both and then
    trains, so one traced graph serves every run. Introduced in notebook 6.

    Args:
        model: a compiled Keras model, not trained yet.
        steps_per_execution: training steps TensorFlow runs per call from Python (the number of
            batches of one run makes it run in one call).

    Example::

        trainer = Retrainer(model, steps_per_execution=100)
        trainer.trace(sequence_batches(X5, y5, batch_size=128).take(1))
        for k in (5, 15, 30):
            trainer.fit(sequence_batches(X[k], y[k], batch_size=128))
    """

    def __init__(self, model: keras.Model, *, steps_per_execution: int = 1) -> None:
        self.model = model
        _use_steps_per_execution(
            model, check_int("steps_per_execution", steps_per_execution, low=1)
        )
        model.optimizer.build(model.trainable_variables)  # its state exists now: no second trace
        self._start_weights = model.get_weights()
        self._start_optimizer = [v.numpy() for v in model.optimizer.variables]

    def reset(self, weights: list[np.ndarray] | None = None) -> None:
        """Put back the starting weights (or ``weights``) and a fresh optimizer.

        Args:
            weights: other starting weights, e.g. ``get_weights()`` of the same model built
                with another seed (``benchmarks/forecast.py`` trains one traced model per seed
                this way); None for the weights the model had when the ``Retrainer`` was made.
        """
        self.model.set_weights(self._start_weights if weights is None else weights)
        self.model.optimizer.set_weights(self._start_optimizer)

    def trace(self, batches: tf.data.Dataset) -> float:
        """Trace the training step on ``batches`` (e.g. one batch), then reset; return seconds.

        Args:
            batches: a dataset of the shape every later run uses, e.g. ``stream.take(1)``.

        Returns:
            The wall time of tracing and running those batches, in seconds.
        """
        start = time.perf_counter()
        self.model.fit(batches, shuffle=False, verbose=0)
        seconds = time.perf_counter() - start
        self.reset()
        return seconds

    def fit(self, batches: tf.data.Dataset, **fit_kwargs: Any) -> keras.callbacks.History:
        """Reset to the start, then train one epoch over ``batches``.

        Args:
            batches: the training data, one pass; e.g. from :func:`sequence_batches`.
            **fit_kwargs: passed on to ``model.fit`` (``verbose=0`` and ``shuffle=False``
                unless given).

        Returns:
            Keras' ``History``, with ``history.seconds``, the wall time of the training.
        """
        self.reset()
        fit_kwargs.setdefault("verbose", 0)
        fit_kwargs.setdefault("shuffle", False)
        start = time.perf_counter()
        history = self.model.fit(batches, **fit_kwargs)
        history.seconds = time.perf_counter() - start
        return history


def _pair(name: str, pair: object) -> tuple[np.ndarray, np.ndarray]:
    """``(X, y)`` as float32 ``(n, timesteps, features)`` and ``(n, outputs)``, or a clear error."""
    if not isinstance(pair, tuple) or len(pair) != 2:
        raise TypeError(f"{name} must be a tuple (X, y) of inputs and targets, got {pair!r:.60}")
    X = as_array(f"{name}[0]", pair[0], ndim=np.ndim(pair[0]), shape="(n, timesteps)")
    y = as_array(f"{name}[1]", pair[1], ndim=np.ndim(pair[1]), shape="(n,) or (n, outputs)")
    X = X[..., None] if X.ndim == 2 else X
    y = y[:, None] if y.ndim == 1 else y
    if X.ndim != 3 or y.ndim != 2 or len(X) != len(y) or len(X) == 0:
        raise ValueError(
            f"{name} must be X (n, timesteps) or (n, timesteps, features) and y (n,) or "
            f"(n, outputs) with the same n >= 1, got shapes {X.shape} and {y.shape}"
        )
    return X.astype(np.float32), y.astype(np.float32)


def model_mse(model: keras.Model, pair: tuple[ArrayLike, ArrayLike]) -> float:
    """The mean squared error of ``model`` on ``(X, y)`` with its current weights, in one call.

    Used by :func:`epoch_end_losses`; introduced in notebook 7.

    Args:
        model: a Keras model.
        pair: ``(X, y)``: inputs ``(n, timesteps)`` or ``(n, timesteps, features)``, targets
            ``(n,)`` or ``(n, outputs)``.

    Returns:
        ``mean((model(X) - y) ** 2)`` over every sample and output.
    """
    X, y = _pair("pair", pair)
    return float(np.mean((np.asarray(model.predict_on_batch(X)) - y) ** 2))


def epoch_end_losses(
    train: tuple[ArrayLike, ArrayLike] | None, val: tuple[ArrayLike, ArrayLike]
) -> keras.callbacks.Callback:
    """A Keras callback that measures the training and validation loss at each epoch's end.

    Both are mean squared errors (:func:`model_mse`) computed with the same weights at the same
    moment, written into the epoch's logs as ``train_loss`` and ``val_loss``, so that an
    ``EarlyStopping(monitor="val_loss")`` placed after this callback sees them. ``fit``'s own
    ``loss`` is a running mean over the epoch's batches while the weights still change: on
    average it describes the model half an epoch earlier. Introduced in notebook 7.

    Args:
        train: ``(X, y)`` of the training samples, or None to measure the validation loss only.
        val: ``(X, y)`` of the validation samples; shapes as in :func:`model_mse`.

    Returns:
        The callback; its ``history`` holds ``{"train_loss": [...], "val_loss": [...]}``, one
        value per epoch.

    Raises:
        TypeError: ``train`` or ``val`` is not a tuple ``(X, y)``.
        ValueError: their shapes do not fit together.
    """
    import keras

    sets = {"val_loss": _pair("val", val)}
    if train is not None:
        sets = {"train_loss": _pair("train", train), **sets}

    class EpochEndLosses(keras.callbacks.Callback):
        def __init__(self) -> None:
            super().__init__()
            self.history: dict[str, list[float]] = {key: [] for key in sets}

        def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
            for key, pair in sets.items():
                loss = model_mse(self.model, pair)
                self.history[key].append(loss)
                if logs is not None:
                    logs[key] = loss

    return EpochEndLosses()


def fit_with_early_stopping(
    model: keras.Model,
    batches: tf.data.Dataset,
    *,
    train: tuple[ArrayLike, ArrayLike],
    val: tuple[ArrayLike, ArrayLike],
    patience: int,
    max_epochs: int,
    train_loss_every_epoch: bool = True,
) -> dict[str, list[float]]:
    """``model.fit`` with early stopping on the validation loss, the best epoch's weights kept.

    Training stops when the validation loss has not improved for ``patience`` epochs, and the
    weights of its best epoch are put back. The losses are those of :func:`epoch_end_losses`,
    measured at each epoch's end. Notebook 7
    writes the same three lines out (``EarlyStopping(restore_best_weights=True)``);
    ``benchmarks/forecast.py`` calls this function.

    Args:
        model: a compiled Keras model.
        batches: one epoch of training batches, e.g. ``forecast.window_dataset(...)``, which
            shuffles itself anew every epoch.
        train: ``(X, y)`` of the training samples, whose loss is measured.
        val: ``(X, y)`` of the validation samples, which decide when to stop.
        patience: epochs without a lower validation loss before stopping, an int >= 1.
        max_epochs: the most epochs to train, an int >= 1.
        train_loss_every_epoch: measure the training loss at every epoch's end; False (faster)
            measures it once, with the restored weights.

    Returns:
        ``{"train_loss": [...], "val_loss": [...]}``; ``val_loss`` has one value per epoch run,
        ``train_loss`` too, or only the kept epoch's when ``train_loss_every_epoch`` is False.
    """
    import keras

    patience = check_int("patience", patience, low=1)
    max_epochs = check_int("max_epochs", max_epochs, low=1)
    every_epoch = check_bool("train_loss_every_epoch", train_loss_every_epoch)
    losses = epoch_end_losses(train if every_epoch else None, val)
    stop = keras.callbacks.EarlyStopping(
        monitor="val_loss", patience=patience, restore_best_weights=True
    )
    model.fit(batches, epochs=max_epochs, callbacks=[losses, stop], shuffle=False, verbose=0)
    history = dict(losses.history)
    if not every_epoch:
        history["train_loss"] = [model_mse(model, train)]
    return history
