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

Two more, which measure honestly while a model trains (notebook 7), live in
:mod:`course_utils.early_stopping` and are re-exported here: ``epoch_end_losses`` and
``fit_with_early_stopping`` (with ``model_mse``).

TensorFlow is imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from course_utils.early_stopping import epoch_end_losses, fit_with_early_stopping, model_mse
from course_utils.validate import check_int

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
