"""The basic RNN cell in NumPy, with weights in Keras' layout.

The cell (one sample, column-vector notation of the course text)::

    h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h)

Keras stores a batch of inputs as rows, so it computes the same thing as::

    h_t = tanh(x_t @ kernel + h_{t-1} @ recurrent_kernel + bias)

with ``kernel = W_xh.T`` of shape ``(features, units)``, ``recurrent_kernel = W_hh.T`` of shape
``(units, units)`` and ``bias = b_h`` of shape ``(units,)``. The functions here take the Keras
layout, so ``rnn_forward(x, *layer.get_weights())`` equals
``keras.layers.SimpleRNN(units, return_sequences=True)`` applied to ``x``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["rnn_forward", "rnn_step"]


def _as_float_array(name: str, value: object, ndim: int, shape_doc: str) -> np.ndarray:
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of numbers with shape {shape_doc}") from None
    if arr.ndim != ndim:
        raise ValueError(f"{name} must have shape {shape_doc}, got shape {arr.shape}")
    return arr


def _check_weights(W_xh: object, W_hh: object, b_h: object) -> tuple[np.ndarray, ...]:
    W_xh = _as_float_array("W_xh", W_xh, 2, "(features, units)")
    W_hh = _as_float_array("W_hh", W_hh, 2, "(units, units)")
    b_h = _as_float_array("b_h", b_h, 1, "(units,)")
    units = W_xh.shape[1]
    if W_hh.shape != (units, units):
        raise ValueError(
            f"W_hh must have shape (units, units) = ({units}, {units}) to match W_xh's "
            f"{units} units, got shape {W_hh.shape}"
        )
    if b_h.shape != (units,):
        raise ValueError(f"b_h must have shape (units,) = ({units},), got shape {b_h.shape}")
    return W_xh, W_hh, b_h


def rnn_step(
    x_t: np.ndarray, h_prev: np.ndarray, W_xh: np.ndarray, W_hh: np.ndarray, b_h: np.ndarray
) -> np.ndarray:
    """One time step of the cell for a batch: ``tanh(x_t @ W_xh + h_prev @ W_hh + b_h)``.

    Args:
        x_t: inputs at step t, shape ``(batch, features)``.
        h_prev: hidden state from step t-1, shape ``(batch, units)``.
        W_xh: input weights (Keras ``kernel``), shape ``(features, units)``.
        W_hh: recurrent weights (Keras ``recurrent_kernel``), shape ``(units, units)``.
        b_h: bias, shape ``(units,)``.

    Returns:
        h_t, shape ``(batch, units)``, float64.
    """
    W_xh, W_hh, b_h = _check_weights(W_xh, W_hh, b_h)
    features, units = W_xh.shape
    x_t = _as_float_array("x_t", x_t, 2, "(batch, features)")
    h_prev = _as_float_array("h_prev", h_prev, 2, "(batch, units)")
    if x_t.shape[1] != features:
        raise ValueError(
            f"x_t must have shape (batch, features) with features = {features} (W_xh has "
            f"{features} rows), got shape {x_t.shape}"
        )
    if h_prev.shape != (x_t.shape[0], units):
        raise ValueError(
            f"h_prev must have shape (batch, units) = ({x_t.shape[0]}, {units}), "
            f"got shape {h_prev.shape}"
        )
    return np.tanh(x_t @ W_xh + h_prev @ W_hh + b_h)


def rnn_forward(
    x: np.ndarray,
    W_xh: np.ndarray,
    W_hh: np.ndarray,
    b_h: np.ndarray,
    h0: np.ndarray | None = None,
) -> np.ndarray:
    """Run the cell over every time step and return all hidden states.

    Args:
        x: inputs, shape ``(batch, timesteps, features)``.
        W_xh, W_hh, b_h: weights in Keras' layout, see :func:`rnn_step`.
        h0: initial hidden state, shape ``(batch, units)``; zeros (as in Keras) when omitted.

    Returns:
        h, shape ``(batch, timesteps, units)``, float64; ``h[:, -1]`` is what ``SimpleRNN``
        returns without ``return_sequences``.
    """
    W_xh, W_hh, b_h = _check_weights(W_xh, W_hh, b_h)
    x = _as_float_array("x", x, 3, "(batch, timesteps, features)")
    batch, timesteps, features = x.shape
    units = W_xh.shape[1]
    if features != W_xh.shape[0]:
        raise ValueError(
            f"x must have shape (batch, timesteps, features) with features = {W_xh.shape[0]} "
            f"(W_xh has {W_xh.shape[0]} rows), got shape {x.shape}"
        )
    if h0 is None:
        h = np.zeros((batch, units))
    else:
        h = _as_float_array("h0", h0, 2, "(batch, units)")
        if h.shape != (batch, units):
            raise ValueError(
                f"h0 must have shape (batch, units) = ({batch}, {units}), got {h.shape}"
            )
    out = np.empty((batch, timesteps, units))
    for t in range(timesteps):
        h = np.tanh(x[:, t] @ W_xh + h @ W_hh + b_h)
        out[:, t] = h
    return out
