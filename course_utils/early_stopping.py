"""Measuring honestly while a model trains, and stopping when validation stops improving.

Notebook 7 (and ``benchmarks/forecast.py``) needs the training and the validation loss measured
with the same weights at each epoch's end (``fit``'s own ``loss`` is a running mean over the
epoch, taken while the weights change), and early stopping with the best epoch's weights restored:

- :func:`model_mse`: a model's mean squared error on ``(X, y)``;
- :func:`epoch_end_losses`: a callback that records both losses at each epoch's end;
- :func:`fit_with_early_stopping`: ``fit`` until the validation loss stops improving.

:mod:`course_utils.training` re-exports all three. TensorFlow is imported inside the functions,
so importing this module stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from course_utils.validate import as_array, check_bool, check_int

if TYPE_CHECKING:  # pragma: no cover - for the type checker only
    import keras
    import tensorflow as tf

__all__ = ["epoch_end_losses", "fit_with_early_stopping", "model_mse"]


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
