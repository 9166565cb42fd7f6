import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course_utils.rnn import one_unit_rnn, rnn_forward, rnn_step


def random_weights(rng, features, units, scale=0.5):
    return (
        rng.normal(0, scale, (features, units)),
        rng.normal(0, scale, (units, units)),
        rng.normal(0, scale, (units,)),
    )


def test_step_is_the_equation_written_by_hand():
    # one sample, 2 features, 3 units, column-vector form: h = tanh(W_xh x + W_hh h + b)
    rng = np.random.default_rng(0)
    W_xh_col = rng.normal(size=(3, 2))  # (units, features): the course text's layout
    W_hh_col = rng.normal(size=(3, 3))
    b = rng.normal(size=3)
    x = rng.normal(size=2)
    h_prev = rng.normal(size=3)
    expected = np.tanh(W_xh_col @ x + W_hh_col @ h_prev + b)
    got = rnn_step(x[None, :], h_prev[None, :], W_xh_col.T, W_hh_col.T, b)
    assert got.shape == (1, 3)
    np.testing.assert_allclose(got[0], expected, rtol=1e-12)


def test_forward_equals_repeated_steps_and_starts_from_h0():
    rng = np.random.default_rng(1)
    W = random_weights(rng, 2, 4)
    x = rng.normal(size=(3, 5, 2))
    h0 = rng.normal(size=(3, 4))
    h = rnn_forward(x, *W, h0=h0)
    assert h.shape == (3, 5, 4)
    state = h0
    for t in range(5):
        state = rnn_step(x[:, t], state, *W)
        np.testing.assert_allclose(h[:, t], state)


def test_zero_weights_give_tanh_of_bias():
    x = np.ones((2, 3, 1))
    h = rnn_forward(x, np.zeros((1, 2)), np.zeros((2, 2)), np.array([0.5, -1.0]))
    np.testing.assert_allclose(h, np.broadcast_to(np.tanh([0.5, -1.0]), (2, 3, 2)))


@settings(max_examples=8, deadline=None)
@given(
    batch=st.integers(1, 4),
    timesteps=st.integers(1, 12),
    features=st.integers(1, 3),
    units=st.integers(1, 6),
    seed=st.integers(0, 2**16),
)
def test_forward_equals_keras_simple_rnn(batch, timesteps, features, units, seed):
    import keras

    rng = np.random.default_rng(seed)
    x = rng.normal(size=(batch, timesteps, features)).astype(np.float32)
    layer = keras.layers.SimpleRNN(units, return_sequences=True)
    layer.build((None, timesteps, features))
    layer.set_weights([w.astype(np.float32) for w in random_weights(rng, features, units, 0.7)])
    keras_h = keras.ops.convert_to_numpy(layer(x))
    ours = rnn_forward(x, *layer.get_weights())
    assert ours.shape == keras_h.shape == (batch, timesteps, units)
    np.testing.assert_allclose(ours, keras_h, atol=1e-5)


def test_last_state_equals_keras_without_return_sequences():
    import keras

    rng = np.random.default_rng(3)
    x = rng.normal(size=(2, 7, 1)).astype(np.float32)
    layer = keras.layers.SimpleRNN(5)
    last = keras.ops.convert_to_numpy(layer(x))
    np.testing.assert_allclose(rnn_forward(x, *layer.get_weights())[:, -1], last, atol=1e-5)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"x": np.ones((2, 3))},
            "x must have shape (batch, timesteps, features), got shape (2, 3)",
        ),
        ({"x": np.ones((2, 3, 4))}, "features = 1 (W_xh has 1 rows), got shape (2, 3, 4)"),
        ({"W_hh": np.ones((3, 2))}, "W_hh must have shape (units, units) = (2, 2)"),
        ({"b_h": np.ones(3)}, "b_h must have shape (units,) = (2,), got shape (3,)"),
        ({"W_xh": np.ones(2)}, "W_xh must have shape (features, units), got shape (2,)"),
        ({"h0": np.ones((1, 2))}, "h0 must have shape (batch, units) = (2, 2)"),
        ({"x": [["a"]]}, "x must be an array of numbers"),
    ],
)
def test_forward_bad_shapes_name_the_parameter(kwargs, message):
    args = {
        "x": np.ones((2, 3, 1)),
        "W_xh": np.ones((1, 2)),
        "W_hh": np.ones((2, 2)),
        "b_h": np.ones(2),
        "h0": None,
    }
    args.update(kwargs)
    with pytest.raises((ValueError, TypeError)) as info:
        rnn_forward(**args)
    assert message in str(info.value)


def test_step_bad_shapes_name_the_parameter():
    W = (np.ones((1, 2)), np.ones((2, 2)), np.ones(2))
    with pytest.raises(ValueError, match=r"x_t must have shape \(batch, features\)"):
        rnn_step(np.ones(1), np.ones((1, 2)), *W)
    with pytest.raises(ValueError, match=r"h_prev must have shape \(batch, units\) = \(1, 2\)"):
        rnn_step(np.ones((1, 1)), np.ones((1, 3)), *W)
    with pytest.raises(ValueError, match="features = 1"):
        rnn_step(np.ones((1, 3)), np.ones((1, 2)), *W)


def test_one_unit_rnn_is_the_scalar_equation():
    x = np.array([1.0, 0.0, -2.0])
    h, expected = 0.3, []
    for x_t in x:
        h = np.tanh(0.7 * x_t + -0.4 * h + 0.1)
        expected.append(h)
    np.testing.assert_allclose(one_unit_rnn(x, 0.7, -0.4, 0.1, h0=0.3), expected)
    with pytest.raises(ValueError, match=r"x must be 1-D with shape \(length,\)"):
        one_unit_rnn(np.ones((2, 2)), 1.0, 1.0, 0.0)
    with pytest.raises(TypeError, match="w_hh must be a finite number"):
        one_unit_rnn(x, 1.0, "0.5", 0.0)
