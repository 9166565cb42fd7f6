"""The gated cells, LSTM and GRU, in NumPy with Keras' weight layout (re-exported by ``rnn``).

Keras keeps one ``kernel``, one ``recurrent_kernel`` and one ``bias`` per layer and stores the
gates as **blocks of columns side by side**, so one matrix product computes every gate at once:

- ``LSTM``: blocks in the order ``i, f, c, o`` (input gate, forget gate, candidate cell state
  ``c~``, output gate). ``kernel`` ``(features, 4*units)``, ``recurrent_kernel``
  ``(units, 4*units)``, ``bias`` ``(4*units,)``; block ``k`` is columns ``k*units:(k+1)*units``.
- ``GRU`` with Keras' default ``reset_after=True``: blocks in the order ``z, r, h`` (update gate,
  reset gate, candidate ``h~``). ``kernel`` ``(features, 3*units)``, ``recurrent_kernel``
  ``(units, 3*units)``, ``bias`` ``(2, 3*units)``: row 0 is added to ``x_t @ kernel``, row 1 to
  ``h_{t-1} @ recurrent_kernel``; the reset gate multiplies the recurrent part of the candidate
  *after* the matrix product and its bias.

The equations, with samples as rows (``sigma`` the logistic sigmoid, ``*`` element by element)::

    LSTM  i = sigma(x W_i + h U_i + b_i)     f = sigma(x W_f + h U_f + b_f)
          g = tanh(x W_c + h U_c + b_c)      o = sigma(x W_o + h U_o + b_o)
          c_t = f * c_{t-1} + i * g          h_t = o * tanh(c_t)
    GRU   z = sigma(x W_z + b_z + h U_z + b'_z)   r = sigma(x W_r + b_r + h U_r + b'_r)
          g = tanh(x W_h + b_h + r * (h U_h + b'_h))
          h_t = z * h_{t-1} + (1 - z) * g

so ``lstm_forward(x, *layer.get_weights())[0]`` equals ``keras.layers.LSTM(units,
return_sequences=True)(x)`` and ``gru_forward(x, *layer.get_weights())`` equals
``keras.layers.GRU(units, return_sequences=True)(x)``. Everything is float64 NumPy.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from course_utils.validate import as_array

__all__ = [
    "gru_forward",
    "gru_gates",
    "gru_step",
    "lstm_forward",
    "lstm_gates",
    "lstm_step",
    "sigmoid",
]

_Weights = tuple[np.ndarray, np.ndarray, np.ndarray]


def sigmoid(z: ArrayLike) -> np.ndarray:
    """The logistic sigmoid ``1 / (1 + exp(-z))``, without overflow for large ``|z|``.

    Args:
        z: any array of numbers, shape ``(...)``.

    Returns:
        Values in ``[0, 1]``, the same shape as ``z``, float64.
    """
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=np.float64)))


def _check_weights(
    kernel: ArrayLike, recurrent_kernel: ArrayLike, bias: ArrayLike, *, blocks: int, cell: str
) -> _Weights:
    """The three weights as float64 arrays of Keras' shapes for ``blocks`` gate blocks."""
    n = f"{blocks}*units"
    kernel = as_array("kernel", kernel, ndim=2, shape=f"(features, {n})")
    recurrent_kernel = as_array("recurrent_kernel", recurrent_kernel, ndim=2, shape=f"(units, {n})")
    units = recurrent_kernel.shape[0]
    if units == 0 or recurrent_kernel.shape[1] != blocks * units:
        raise ValueError(
            f"recurrent_kernel must have shape (units, {n}) (Keras' {cell}: {blocks} gate blocks "
            f"side by side), got shape {recurrent_kernel.shape}"
        )
    if kernel.shape[1] != blocks * units:
        raise ValueError(
            f"kernel must have shape (features, {n}) = (features, {blocks * units}) to match "
            f"recurrent_kernel's {units} units, got shape {kernel.shape}"
        )
    if cell == "GRU":
        bias = as_array("bias", bias, ndim=2, shape=f"(2, {n})")
        expected: tuple[int, ...] = (2, blocks * units)
        words = " (Keras' GRU with reset_after=True: an input row and a recurrent row)"
    else:
        bias = as_array("bias", bias, ndim=1, shape=f"({n},)")
        expected = (blocks * units,)
        words = ""
    if bias.shape != expected:
        raise ValueError(
            f"bias must have shape {expected} for {units} units{words}, got shape {bias.shape}"
        )
    return kernel, recurrent_kernel, bias


def _check_sequence(x: ArrayLike, features: int) -> np.ndarray:
    """``x`` as a float64 array ``(batch, timesteps, features)`` that fits ``kernel``."""
    x = as_array("x", x, ndim=3, shape="(batch, timesteps, features)")
    if x.shape[2] != features:
        raise ValueError(
            f"x must have shape (batch, timesteps, features) with features = {features} "
            f"(kernel has {features} rows), got shape {x.shape}"
        )
    return x


def _check_state(name: str, value: ArrayLike | None, batch: int, units: int) -> np.ndarray:
    """A state ``(batch, units)``: zeros (as in Keras) when ``value`` is None."""
    if value is None:
        return np.zeros((batch, units))
    state = as_array(name, value, ndim=2, shape="(batch, units)")
    if state.shape != (batch, units):
        raise ValueError(
            f"{name} must have shape (batch, units) = ({batch}, {units}), got shape {state.shape}"
        )
    return state


def _check_step_inputs(
    x_t: ArrayLike, states: dict[str, ArrayLike], features: int, units: int
) -> tuple[np.ndarray, list[np.ndarray]]:
    """``x_t`` ``(batch, features)`` and each state ``(batch, units)``, as float64 arrays."""
    x_t = as_array("x_t", x_t, ndim=2, shape="(batch, features)")
    if x_t.shape[1] != features:
        raise ValueError(
            f"x_t must have shape (batch, features) with features = {features} (kernel has "
            f"{features} rows), got shape {x_t.shape}"
        )
    checked = [_check_state(name, value, x_t.shape[0], units) for name, value in states.items()]
    return x_t, checked


def _lstm_step_gates(
    x_t: np.ndarray, h: np.ndarray, c: np.ndarray, weights: _Weights
) -> dict[str, np.ndarray]:
    """The one LSTM step every function here uses: gates and new states, each ``(batch, units)``."""
    kernel, recurrent_kernel, bias = weights
    z_i, z_f, z_c, z_o = np.split(x_t @ kernel + h @ recurrent_kernel + bias, 4, axis=1)
    i, f, g, o = sigmoid(z_i), sigmoid(z_f), np.tanh(z_c), sigmoid(z_o)
    c_t = f * c + i * g
    return {"i": i, "f": f, "g": g, "o": o, "c": c_t, "h": o * np.tanh(c_t)}


def _gru_step_gates(x_t: np.ndarray, h: np.ndarray, weights: _Weights) -> dict[str, np.ndarray]:
    """The one GRU step every function here uses: gates and new state, each ``(batch, units)``."""
    kernel, recurrent_kernel, bias = weights
    x_z, x_r, x_h = np.split(x_t @ kernel + bias[0], 3, axis=1)
    h_z, h_r, h_h = np.split(h @ recurrent_kernel + bias[1], 3, axis=1)
    z, r = sigmoid(x_z + h_z), sigmoid(x_r + h_r)
    g = np.tanh(x_h + r * h_h)
    return {"z": z, "r": r, "g": g, "h": z * h + (1.0 - z) * g}


def lstm_step(
    x_t: ArrayLike,
    h_prev: ArrayLike,
    c_prev: ArrayLike,
    kernel: ArrayLike,
    recurrent_kernel: ArrayLike,
    bias: ArrayLike,
) -> tuple[np.ndarray, np.ndarray]:
    """One LSTM step for a batch, in Keras' layout (gate blocks ``i, f, c, o``).

    The reference of notebook 6's exercise (``checks.check_lstm_step``).

    Args:
        x_t: inputs at step t, shape ``(batch, features)``.
        h_prev: hidden state from step t-1, shape ``(batch, units)``.
        c_prev: cell state from step t-1, shape ``(batch, units)``.
        kernel: input weights, shape ``(features, 4*units)``.
        recurrent_kernel: recurrent weights, shape ``(units, 4*units)``.
        bias: bias, shape ``(4*units,)``.

    Returns:
        ``(h_t, c_t)``, each of shape ``(batch, units)``, float64.

    Raises:
        TypeError: an argument does not hold numbers.
        ValueError: the shapes do not fit together.
    """
    weights = _check_weights(kernel, recurrent_kernel, bias, blocks=4, cell="LSTM")
    features, units = weights[0].shape[0], weights[1].shape[0]
    x_t, (h, c) = _check_step_inputs(x_t, {"h_prev": h_prev, "c_prev": c_prev}, features, units)
    out = _lstm_step_gates(x_t, h, c, weights)
    return out["h"], out["c"]


def gru_step(
    x_t: ArrayLike,
    h_prev: ArrayLike,
    kernel: ArrayLike,
    recurrent_kernel: ArrayLike,
    bias: ArrayLike,
) -> np.ndarray:
    """One GRU step for a batch, in Keras' layout (``reset_after=True``, gate blocks ``z, r, h``).

    The reference of notebook 6's exercise (``checks.check_gru_step``).

    Args:
        x_t: inputs at step t, shape ``(batch, features)``.
        h_prev: hidden state from step t-1, shape ``(batch, units)``.
        kernel: input weights, shape ``(features, 3*units)``.
        recurrent_kernel: recurrent weights, shape ``(units, 3*units)``.
        bias: biases, shape ``(2, 3*units)``: the input row, then the recurrent row.

    Returns:
        h_t, shape ``(batch, units)``, float64.

    Raises:
        TypeError: an argument does not hold numbers.
        ValueError: the shapes do not fit together.
    """
    weights = _check_weights(kernel, recurrent_kernel, bias, blocks=3, cell="GRU")
    features, units = weights[0].shape[0], weights[1].shape[0]
    x_t, (h,) = _check_step_inputs(x_t, {"h_prev": h_prev}, features, units)
    return _gru_step_gates(x_t, h, weights)["h"]


def lstm_gates(
    x: ArrayLike,
    kernel: ArrayLike,
    recurrent_kernel: ArrayLike,
    bias: ArrayLike,
    h0: ArrayLike | None = None,
    c0: ArrayLike | None = None,
) -> dict[str, np.ndarray]:
    """Run an LSTM over every time step and return its gates and states at each step.

    Introduced in notebook 6, to read what the gates do (e.g. at a cue step and later).

    Args:
        x: inputs, shape ``(batch, timesteps, features)``.
        kernel: input weights, shape ``(features, 4*units)``, blocks ``i, f, c, o``.
        recurrent_kernel: recurrent weights, shape ``(units, 4*units)``.
        bias: bias, shape ``(4*units,)``.
        h0: initial hidden state, shape ``(batch, units)``; zeros (as in Keras) when omitted.
        c0: initial cell state, shape ``(batch, units)``; zeros when omitted.

    Returns:
        ``{"i", "f", "g", "o", "c", "h"}``: the input, forget and output gates, the candidate
        ``g`` (c~), the cell state and the hidden state, each ``(batch, timesteps, units)``.

    Raises:
        TypeError: an argument does not hold numbers.
        ValueError: the shapes do not fit together.
    """
    weights = _check_weights(kernel, recurrent_kernel, bias, blocks=4, cell="LSTM")
    x = _check_sequence(x, weights[0].shape[0])
    batch, timesteps, _ = x.shape
    units = weights[1].shape[0]
    h = _check_state("h0", h0, batch, units)
    c = _check_state("c0", c0, batch, units)
    out = {key: np.empty((batch, timesteps, units)) for key in ("i", "f", "g", "o", "c", "h")}
    for t in range(timesteps):
        step = _lstm_step_gates(x[:, t], h, c, weights)
        for key, value in step.items():
            out[key][:, t] = value
        h, c = step["h"], step["c"]
    return out


def gru_gates(
    x: ArrayLike,
    kernel: ArrayLike,
    recurrent_kernel: ArrayLike,
    bias: ArrayLike,
    h0: ArrayLike | None = None,
) -> dict[str, np.ndarray]:
    """Run a GRU (``reset_after=True``) over every time step; return its gates and states.

    Introduced in notebook 6, to read what the gates do (e.g. at a cue step and later).

    Args:
        x: inputs, shape ``(batch, timesteps, features)``.
        kernel: input weights, shape ``(features, 3*units)``, blocks ``z, r, h``.
        recurrent_kernel: recurrent weights, shape ``(units, 3*units)``.
        bias: biases, shape ``(2, 3*units)``: the input row, then the recurrent row.
        h0: initial hidden state, shape ``(batch, units)``; zeros (as in Keras) when omitted.

    Returns:
        ``{"z", "r", "g", "h"}``: the update and reset gates, the candidate ``g`` (h~) and the
        hidden state, each ``(batch, timesteps, units)``.

    Raises:
        TypeError: an argument does not hold numbers.
        ValueError: the shapes do not fit together.
    """
    weights = _check_weights(kernel, recurrent_kernel, bias, blocks=3, cell="GRU")
    x = _check_sequence(x, weights[0].shape[0])
    batch, timesteps, _ = x.shape
    units = weights[1].shape[0]
    h = _check_state("h0", h0, batch, units)
    out = {key: np.empty((batch, timesteps, units)) for key in ("z", "r", "g", "h")}
    for t in range(timesteps):
        step = _gru_step_gates(x[:, t], h, weights)
        for key, value in step.items():
            out[key][:, t] = value
        h = step["h"]
    return out


def lstm_forward(
    x: ArrayLike,
    kernel: ArrayLike,
    recurrent_kernel: ArrayLike,
    bias: ArrayLike,
    h0: ArrayLike | None = None,
    c0: ArrayLike | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Run an LSTM over every time step and return all hidden and cell states.

    Introduced in notebook 6; ``lstm_forward(x, *layer.get_weights())[0]`` equals
    ``keras.layers.LSTM(units, return_sequences=True)(x)``.

    Args:
        x: inputs, shape ``(batch, timesteps, features)``.
        kernel: input weights, shape ``(features, 4*units)``, blocks ``i, f, c, o``.
        recurrent_kernel: recurrent weights, shape ``(units, 4*units)``.
        bias: bias, shape ``(4*units,)``.
        h0: initial hidden state, shape ``(batch, units)``; zeros (as in Keras) when omitted.
        c0: initial cell state, shape ``(batch, units)``; zeros when omitted.

    Returns:
        ``(h, c)``, each of shape ``(batch, timesteps, units)``, float64.

    Raises:
        TypeError: an argument does not hold numbers.
        ValueError: the shapes do not fit together.
    """
    gates = lstm_gates(x, kernel, recurrent_kernel, bias, h0=h0, c0=c0)
    return gates["h"], gates["c"]


def gru_forward(
    x: ArrayLike,
    kernel: ArrayLike,
    recurrent_kernel: ArrayLike,
    bias: ArrayLike,
    h0: ArrayLike | None = None,
) -> np.ndarray:
    """Run a GRU (``reset_after=True``) over every time step and return all hidden states.

    Introduced in notebook 6; ``gru_forward(x, *layer.get_weights())`` equals
    ``keras.layers.GRU(units, return_sequences=True)(x)``.

    Args:
        x: inputs, shape ``(batch, timesteps, features)``.
        kernel: input weights, shape ``(features, 3*units)``, blocks ``z, r, h``.
        recurrent_kernel: recurrent weights, shape ``(units, 3*units)``.
        bias: biases, shape ``(2, 3*units)``: the input row, then the recurrent row.
        h0: initial hidden state, shape ``(batch, units)``; zeros (as in Keras) when omitted.

    Returns:
        h, shape ``(batch, timesteps, units)``, float64.

    Raises:
        TypeError: an argument does not hold numbers.
        ValueError: the shapes do not fit together.
    """
    return gru_gates(x, kernel, recurrent_kernel, bias, h0=h0)["h"]
