"""The LSTM and GRU cells in NumPy (course_utils.gated, re-exported by rnn) equal Keras' layers."""

import numpy as np
import pytest

from course_utils import gated, rnn
from course_utils.rnn import (
    gru_forward,
    gru_gates,
    gru_step,
    lstm_forward,
    lstm_gates,
    lstm_step,
)


def lstm_weights(rng, features, units, scale=0.6):
    return (
        rng.normal(0, scale, (features, 4 * units)),
        rng.normal(0, scale, (units, 4 * units)),
        rng.normal(0, scale, (4 * units,)),
    )


def gru_weights(rng, features, units, scale=0.6):
    return (
        rng.normal(0, scale, (features, 3 * units)),
        rng.normal(0, scale, (units, 3 * units)),
        rng.normal(0, scale, (2, 3 * units)),
    )


def sig(z):
    return 1 / (1 + np.exp(-z))


def test_rnn_re_exports_the_gated_cells():
    for name in ("lstm_forward", "gru_forward", "lstm_gates", "gru_gates", "lstm_step", "gru_step"):
        assert getattr(rnn, name) is getattr(gated, name)
        assert name in rnn.__all__


# --- against Keras ------------------------------------------------------------------------------


@pytest.mark.parametrize(("features", "units", "seed"), [(1, 1, 0), (3, 4, 1), (5, 9, 2)])
def test_lstm_forward_equals_keras_lstm_with_initial_states(features, units, seed):
    import keras

    rng = np.random.default_rng(seed)
    x = rng.normal(size=(3, 7, features)).astype(np.float32)
    h0 = rng.uniform(-0.9, 0.9, (3, units)).astype(np.float32)
    c0 = rng.normal(0, 1.5, (3, units)).astype(np.float32)
    layer = keras.layers.LSTM(units, return_sequences=True)
    layer.build((None, 7, features))
    layer.set_weights([w.astype(np.float32) for w in lstm_weights(rng, features, units)])
    expected = keras.ops.convert_to_numpy(layer(x, initial_state=[h0, c0]))
    h, c = lstm_forward(x, *layer.get_weights(), h0=h0, c0=c0)
    assert h.shape == c.shape == (3, 7, units)
    assert h.dtype == c.dtype == np.float64
    np.testing.assert_allclose(h, expected, atol=1e-5)
    # the last cell state is Keras' too (return_state gives it)
    with_state = keras.layers.LSTM(units, return_state=True)
    with_state.build((None, 7, features))
    with_state.set_weights(layer.get_weights())
    _, last_h, last_c = with_state(x, initial_state=[h0, c0])
    np.testing.assert_allclose(h[:, -1], keras.ops.convert_to_numpy(last_h), atol=1e-5)
    np.testing.assert_allclose(c[:, -1], keras.ops.convert_to_numpy(last_c), atol=1e-5)


@pytest.mark.parametrize(("features", "units", "seed"), [(1, 1, 3), (3, 4, 4), (5, 9, 5)])
def test_gru_forward_equals_keras_gru_with_an_initial_state(features, units, seed):
    import keras

    rng = np.random.default_rng(seed)
    x = rng.normal(size=(3, 7, features)).astype(np.float32)
    h0 = rng.uniform(-0.9, 0.9, (3, units)).astype(np.float32)
    layer = keras.layers.GRU(units, return_sequences=True)
    assert layer.reset_after  # Keras' default, the layout gru_forward reads
    layer.build((None, 7, features))
    layer.set_weights([w.astype(np.float32) for w in gru_weights(rng, features, units)])
    expected = keras.ops.convert_to_numpy(layer(x, initial_state=[h0]))
    h = gru_forward(x, *layer.get_weights(), h0=h0)
    assert h.shape == (3, 7, units) and h.dtype == np.float64
    np.testing.assert_allclose(h, expected, atol=1e-5)


def test_keras_default_initialisations_from_zero_states():
    import keras

    rng = np.random.default_rng(6)
    x = rng.normal(size=(2, 12, 5)).astype(np.float32)
    lstm = keras.layers.LSTM(6, return_sequences=True)
    gru = keras.layers.GRU(6, return_sequences=True)
    keras_lstm = keras.ops.convert_to_numpy(lstm(x))
    keras_gru = keras.ops.convert_to_numpy(gru(x))
    np.testing.assert_allclose(lstm_forward(x, *lstm.get_weights())[0], keras_lstm, atol=1e-5)
    np.testing.assert_allclose(gru_forward(x, *gru.get_weights()), keras_gru, atol=1e-5)


# --- the equations, by hand ---------------------------------------------------------------------


def test_lstm_step_is_the_equations_with_blocks_i_f_c_o():
    rng = np.random.default_rng(7)
    kernel, recurrent_kernel, bias = lstm_weights(rng, 2, 3)
    x_t, h, c = rng.normal(size=(4, 2)), rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    blocks = [
        x_t @ kernel[:, k * 3 : (k + 1) * 3]
        + h @ recurrent_kernel[:, k * 3 : (k + 1) * 3]
        + bias[k * 3 : (k + 1) * 3]
        for k in range(4)
    ]
    i, f, g, o = sig(blocks[0]), sig(blocks[1]), np.tanh(blocks[2]), sig(blocks[3])
    c_t = f * c + i * g
    h_t, got_c = lstm_step(x_t, h, c, kernel, recurrent_kernel, bias)
    np.testing.assert_allclose(got_c, c_t, rtol=1e-12)
    np.testing.assert_allclose(h_t, o * np.tanh(c_t), rtol=1e-12)


def test_gru_step_is_the_equations_with_blocks_z_r_h_and_reset_after():
    rng = np.random.default_rng(8)
    kernel, recurrent_kernel, bias = gru_weights(rng, 2, 3)
    x_t, h = rng.normal(size=(4, 2)), rng.normal(size=(4, 3))
    W = np.split(kernel, 3, axis=1)
    U = np.split(recurrent_kernel, 3, axis=1)
    b_in, b_rec = np.split(bias[0], 3), np.split(bias[1], 3)
    z = sig(x_t @ W[0] + b_in[0] + h @ U[0] + b_rec[0])
    r = sig(x_t @ W[1] + b_in[1] + h @ U[1] + b_rec[1])
    g = np.tanh(x_t @ W[2] + b_in[2] + r * (h @ U[2] + b_rec[2]))
    np.testing.assert_allclose(
        gru_step(x_t, h, kernel, recurrent_kernel, bias), z * h + (1 - z) * g, rtol=1e-12
    )


def test_forwards_loop_over_the_steps_and_start_from_the_given_states():
    rng = np.random.default_rng(9)
    x = rng.normal(size=(3, 5, 2))
    h0, c0 = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    lw, gw = lstm_weights(rng, 2, 4), gru_weights(rng, 2, 4)
    h_all, c_all = lstm_forward(x, *lw, h0=h0, c0=c0)
    g_all = gru_forward(x, *gw, h0=h0)
    h, c, hg = h0, c0, h0
    for t in range(5):
        h, c = lstm_step(x[:, t], h, c, *lw)
        hg = gru_step(x[:, t], hg, *gw)
        np.testing.assert_allclose(h_all[:, t], h, rtol=1e-12)
        np.testing.assert_allclose(c_all[:, t], c, rtol=1e-12)
        np.testing.assert_allclose(g_all[:, t], hg, rtol=1e-12)


def test_the_gates_are_returned_with_their_shapes_and_ranges():
    rng = np.random.default_rng(10)
    x = rng.normal(size=(2, 6, 3))
    lstm = lstm_gates(x, *lstm_weights(rng, 3, 5, scale=2.0))
    gru = gru_gates(x, *gru_weights(rng, 3, 5, scale=2.0))
    assert list(lstm) == ["i", "f", "g", "o", "c", "h"]
    assert list(gru) == ["z", "r", "g", "h"]
    for gates in (lstm, gru):
        for key, value in gates.items():
            assert value.shape == (2, 6, 5), key
    for key in ("i", "f", "o"):
        assert np.all((lstm[key] >= 0) & (lstm[key] <= 1))
    for key in ("z", "r"):
        assert np.all((gru[key] >= 0) & (gru[key] <= 1))
    assert np.all(np.abs(lstm["g"]) <= 1) and np.all(np.abs(gru["g"]) <= 1)
    # the cell state: keep some, add some, step by step
    c_prev = np.concatenate([np.zeros((2, 1, 5)), lstm["c"][:, :-1]], axis=1)
    np.testing.assert_allclose(lstm["c"], lstm["f"] * c_prev + lstm["i"] * lstm["g"])


def test_a_forget_gate_at_one_and_an_input_gate_at_zero_keep_the_cell_state():
    # one unit, no weights, biases: i = sigma(-30) ~ 0, f = sigma(30) ~ 1: c stays c0
    bias = np.array([-30.0, 30.0, 0.0, 0.0])
    x = np.ones((1, 20, 1))
    _, c = lstm_forward(x, np.zeros((1, 4)), np.zeros((1, 4)), bias, c0=[[0.8]])
    np.testing.assert_allclose(c[0, :, 0], 0.8, atol=1e-10)


def test_large_pre_activations_do_not_overflow():
    with np.errstate(over="raise"):
        assert gated.sigmoid(np.array([-1000.0, 0.0, 1000.0])).tolist() == [0.0, 0.5, 1.0]


# --- bad input ----------------------------------------------------------------------------------

X = np.zeros((2, 3, 2))
LSTM_W = (np.zeros((2, 8)), np.zeros((2, 8)), np.zeros(8))  # features 2, units 2
GRU_W = (np.zeros((2, 6)), np.zeros((2, 6)), np.zeros((2, 6)))


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: lstm_forward(X, np.zeros((2, 6)), *LSTM_W[1:]),
            ValueError,
            r"kernel must have shape \(features, 4\*units\) = \(features, 8\) to match "
            r"recurrent_kernel's 2 units, got shape \(2, 6\)",
        ),
        (
            lambda: lstm_forward(X, LSTM_W[0], np.zeros((2, 6)), LSTM_W[2]),
            ValueError,
            r"recurrent_kernel must have shape \(units, 4\*units\) \(Keras' LSTM: 4 gate blocks "
            r"side by side\), got shape \(2, 6\)",
        ),
        (
            lambda: lstm_forward(X, *LSTM_W[:2], np.zeros(6)),
            ValueError,
            r"bias must have shape \(8,\) for 2 units, got shape \(6,\)",
        ),
        (
            lambda: lstm_forward(X, *LSTM_W[:2], np.zeros((2, 4))),
            ValueError,
            r"bias must have shape \(4\*units,\), got shape \(2, 4\)",
        ),
        (
            lambda: lstm_forward(X, np.zeros(8), *LSTM_W[1:]),
            ValueError,
            r"kernel must have shape \(features, 4\*units\), got shape \(8,\)",
        ),
        (
            lambda: lstm_forward(np.zeros((2, 3, 5)), *LSTM_W),
            ValueError,
            r"x must have shape \(batch, timesteps, features\) with features = 2 \(kernel has 2 "
            r"rows\), got shape \(2, 3, 5\)",
        ),
        (
            lambda: lstm_forward(np.zeros((3, 2)), *LSTM_W),
            ValueError,
            r"x must have shape \(batch, timesteps, features\), got shape \(3, 2\)",
        ),
        (
            lambda: lstm_forward(X, *LSTM_W, h0=np.zeros((3, 2))),
            ValueError,
            r"h0 must have shape \(batch, units\) = \(2, 2\), got shape \(3, 2\)",
        ),
        (
            lambda: lstm_forward(X, *LSTM_W, c0=np.zeros(2)),
            ValueError,
            r"c0 must have shape \(batch, units\), got shape \(2,\)",
        ),
        (
            lambda: lstm_forward("x", *LSTM_W),
            TypeError,
            r"x must be an array of numbers with shape \(batch, timesteps, features\), got a str",
        ),
        (
            lambda: lstm_forward(X, None, *LSTM_W[1:]),
            TypeError,
            r"kernel must be an array of numbers with shape \(features, 4\*units\), got dtype "
            r"object",
        ),
        (
            lambda: gru_forward(X, *GRU_W[:2], np.zeros(6)),
            ValueError,
            r"bias must have shape \(2, 3\*units\), got shape \(6,\)",
        ),
        (
            lambda: gru_forward(X, *GRU_W[:2], np.zeros((2, 9))),
            ValueError,
            r"bias must have shape \(2, 6\) for 2 units \(Keras' GRU with reset_after=True: an "
            r"input row and a recurrent row\), got shape \(2, 9\)",
        ),
        (
            lambda: gru_forward(X, *LSTM_W[:2], np.zeros((2, 8))),
            ValueError,
            r"recurrent_kernel must have shape \(units, 3\*units\) \(Keras' GRU: 3 gate blocks "
            r"side by side\), got shape \(2, 8\)",
        ),
        (
            lambda: gru_forward(X, np.zeros((2, 9)), *GRU_W[1:]),
            ValueError,
            r"kernel must have shape \(features, 3\*units\) = \(features, 6\)",
        ),
        (
            lambda: gru_forward(X, *GRU_W, h0=[[0.0, 0.0]]),
            ValueError,
            r"h0 must have shape \(batch, units\) = \(2, 2\), got shape \(1, 2\)",
        ),
        (
            lambda: gru_forward(X, GRU_W[0], [["a", "b"]], GRU_W[2]),
            TypeError,
            r"recurrent_kernel must be an array of numbers",
        ),
        (
            lambda: lstm_step(np.zeros((2, 3)), np.zeros((2, 2)), np.zeros((2, 2)), *LSTM_W),
            ValueError,
            r"x_t must have shape \(batch, features\) with features = 2",
        ),
        (
            lambda: lstm_step(np.zeros((2, 2)), np.zeros((2, 2)), np.zeros((1, 2)), *LSTM_W),
            ValueError,
            r"c_prev must have shape \(batch, units\) = \(2, 2\), got shape \(1, 2\)",
        ),
        (
            lambda: gru_step(np.zeros((2, 2)), np.zeros((2, 3)), *GRU_W),
            ValueError,
            r"h_prev must have shape \(batch, units\) = \(2, 2\), got shape \(2, 3\)",
        ),
        (
            lambda: gru_step(np.zeros((2, 2)), np.zeros((2, 2)), *LSTM_W),
            ValueError,
            r"recurrent_kernel must have shape \(units, 3\*units\)",
        ),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()
