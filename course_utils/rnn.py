"""The basic RNN cell in NumPy, with weights in Keras' layout.

The cell (one sample, column-vector notation of the course text)::

    h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h)

Keras stores a batch of inputs as rows, so it computes the same thing as::

    h_t = tanh(x_t @ kernel + h_{t-1} @ recurrent_kernel + bias)

with ``kernel = W_xh.T`` of shape ``(features, units)``, ``recurrent_kernel = W_hh.T`` of shape
``(units, units)`` and ``bias = b_h`` of shape ``(units,)``. The functions here take the Keras
layout, so ``rnn_forward(x, *layer.get_weights())`` equals
``keras.layers.SimpleRNN(units, return_sequences=True)`` applied to ``x``.

The gated cells (notebook 6) live in :mod:`course_utils.gated` and are re-exported here, so
``rnn.lstm_forward``, ``rnn.gru_forward``, ``rnn.lstm_gates``, ``rnn.gru_gates``,
``rnn.lstm_step`` and ``rnn.gru_step`` work too.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from course_utils.gated import (
    gru_forward,
    gru_gates,
    gru_step,
    lstm_forward,
    lstm_gates,
    lstm_step,
)
from course_utils.validate import as_1d, as_array, check_number

__all__ = [
    "gru_forward",
    "gru_gates",
    "gru_step",
    "lstm_forward",
    "lstm_gates",
    "lstm_step",
    "one_unit_rnn",
    "rnn_forward",
    "rnn_step",
]


def _check_weights(
    W_xh: ArrayLike, W_hh: ArrayLike, b_h: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The three weights as float64 arrays whose shapes fit each other."""
    W_xh = as_array("W_xh", W_xh, ndim=2, shape="(features, units)")
    W_hh = as_array("W_hh", W_hh, ndim=2, shape="(units, units)")
    b_h = as_array("b_h", b_h, ndim=1, shape="(units,)")
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
    x_t: ArrayLike, h_prev: ArrayLike, W_xh: ArrayLike, W_hh: ArrayLike, b_h: ArrayLike
) -> np.ndarray:
    """One time step of the cell for a batch: ``tanh(x_t @ W_xh + h_prev @ W_hh + b_h)``.

    Introduced in notebook 2 (where learners write it), the reference of its check.

    Args:
        x_t: inputs at step t, shape ``(batch, features)``.
        h_prev: hidden state from step t-1, shape ``(batch, units)``.
        W_xh: input weights (Keras ``kernel``), shape ``(features, units)``.
        W_hh: recurrent weights (Keras ``recurrent_kernel``), shape ``(units, units)``.
        b_h: bias, shape ``(units,)``.

    Returns:
        h_t, shape ``(batch, units)``, float64.

    Raises:
        TypeError: an argument does not hold numbers.
        ValueError: the shapes do not fit together.
    """
    W_xh, W_hh, b_h = _check_weights(W_xh, W_hh, b_h)
    features, units = W_xh.shape
    x_t = as_array("x_t", x_t, ndim=2, shape="(batch, features)")
    h_prev = as_array("h_prev", h_prev, ndim=2, shape="(batch, units)")
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
    x: ArrayLike,
    W_xh: ArrayLike,
    W_hh: ArrayLike,
    b_h: ArrayLike,
    h0: ArrayLike | None = None,
) -> np.ndarray:
    """Run the cell over every time step and return all hidden states.

    Introduced in notebook 2; notebooks 3 to 6 use it.

    Args:
        x: inputs, shape ``(batch, timesteps, features)``.
        W_xh: input weights (Keras ``kernel``), shape ``(features, units)``.
        W_hh: recurrent weights (Keras ``recurrent_kernel``), shape ``(units, units)``.
        b_h: bias, shape ``(units,)``.
        h0: initial hidden state, shape ``(batch, units)``; zeros (as in Keras) when omitted.

    Returns:
        h, shape ``(batch, timesteps, units)``, float64; ``h[:, -1]`` is what ``SimpleRNN``
        returns without ``return_sequences``.

    Raises:
        TypeError: an argument does not hold numbers.
        ValueError: the shapes do not fit together.
    """
    W_xh, W_hh, b_h = _check_weights(W_xh, W_hh, b_h)
    x = as_array("x", x, ndim=3, shape="(batch, timesteps, features)")
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
        h = as_array("h0", h0, ndim=2, shape="(batch, units)")
        if h.shape != (batch, units):
            raise ValueError(
                f"h0 must have shape (batch, units) = ({batch}, {units}), got {h.shape}"
            )
    out = np.empty((batch, timesteps, units))
    for t in range(timesteps):
        h = np.tanh(x[:, t] @ W_xh + h @ W_hh + b_h)
        out[:, t] = h
    return out


def one_unit_rnn(
    x: ArrayLike, w_xh: float, w_hh: float, b_h: float, *, h0: float = 0.0
) -> np.ndarray:
    """Hidden states of a 1-unit RNN, ``h_t = tanh(w_xh * x_t + w_hh * h_{t-1} + b_h)``.

    The same cell as :func:`rnn_forward` with 1x1 weight matrices. Introduced in notebook 2.

    Args:
        x: inputs ``x_1 .. x_T``, shape ``(T,)``.
        w_xh: the input weight, a number.
        w_hh: the recurrent weight, a number.
        b_h: the bias, a number.
        h0: the initial state ``h_0``.

    Returns:
        ``h_1 .. h_T``, shape ``(T,)``, float64.
    """
    x = as_1d("x", x).astype(float)
    w_xh, w_hh, b_h, h0 = (
        check_number(name, v)
        for name, v in (("w_xh", w_xh), ("w_hh", w_hh), ("b_h", b_h), ("h0", h0))
    )
    h = rnn_forward(x.reshape(1, -1, 1), [[w_xh]], [[w_hh]], [b_h], h0=[[h0]])
    return h[0, :, 0]
