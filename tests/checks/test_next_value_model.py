"""Checks of notebook 5, steps 3 to 5: the model, the training and predict_next.

The model checks build small Keras models (TensorFlow is imported in-process, a few seconds once).
"""

import numpy as np
import pytest

from course_utils import checks


def stub(*args):
    raise NotImplementedError("your code here")


# ------------------------------------------------------------------ predict_next


def predict_right(model, window):
    return float(model.predict(window.reshape((1, len(window), 1)), verbose=0)[0, 0])


def predict_by_call(model, window):
    return float(np.asarray(model(window[None, :, None]))[0, 0])


def predict_flat(model, window):
    return float(model.predict(window, verbose=0)[0, 0])


def predict_array(model, window):
    return model.predict(window.reshape((1, -1, 1)), verbose=0)


def predict_hard_coded(model, window):
    return float(model.predict(window.reshape((1, 10, 1)), verbose=0)[0, 0])


def predict_nothing(model, window):
    model.predict(window.reshape((1, -1, 1)), verbose=0)


def predict_plus_one(model, window):
    return predict_right(model, window) + 1


def predict_with_outside_model(model, window):
    return 30.2  # what a predict_next that calls the notebook's own model would give


def predict_in_place(model, window):
    window.shape = (1, len(window), 1)
    return float(model.predict(window)[0, 0])


@pytest.mark.parametrize(
    ("fn", "ok", "phrase"),
    [
        (predict_right, True, "✅"),
        (predict_by_call, True, "✅"),
        (stub, False, "Not done yet"),
        (predict_flat, False, "shape (1, n_steps, 1)"),
        (predict_array, False, "Return the number itself"),
        (predict_hard_coded, False, "stand-in model that, like a careful caller"),
        (predict_nothing, False, "should return a number, got NoneType"),
        (predict_plus_one, False, "without changing it"),
        (predict_in_place, False, "changed the window"),
        (predict_with_outside_model, False, "use the model argument"),
        (42, False, "should be a function"),
    ],
)
def test_check_predict_next(fn, ok, phrase, capsys):
    assert checks.check_predict_next(fn) is ok
    out = capsys.readouterr().out
    assert phrase in out, out


# ------------------------------------------------------------------ build_model (needs Keras)


def _model(n_steps, *, units=50, dense_units=1, activation=None, seq=False, compile_=True, **kw):
    import keras

    model = keras.Sequential(
        [
            keras.Input(shape=(n_steps, 1)),
            keras.layers.SimpleRNN(units, return_sequences=seq),
            keras.layers.Dense(dense_units, activation=activation),
        ]
    )
    if compile_:
        model.compile(optimizer=kw.get("optimizer", "adam"), loss=kw.get("loss", "mse"))
    return model


def _adam(rate):
    import keras

    return keras.optimizers.Adam(learning_rate=rate)


def _schedule():
    import keras

    return keras.optimizers.schedules.ExponentialDecay(0.001, decay_steps=100, decay_rate=0.9)


def build_stub(n_steps):
    raise NotImplementedError("your code here")


def build_right(n_steps):
    return _model(n_steps)


def build_old_style(n_steps):
    import keras

    model = keras.Sequential(
        [keras.layers.SimpleRNN(50, input_shape=(n_steps, 1)), keras.layers.Dense(1)]
    )
    model.compile(optimizer="adam", loss="mse")
    return model


def build_no_input(n_steps):
    import keras

    model = keras.Sequential([keras.layers.SimpleRNN(50), keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    return model


@pytest.mark.parametrize(
    ("fn", "ok", "phrase"),
    [
        (build_right, True, "✅ build_model"),
        (lambda n: _model(n, loss="mean_squared_error"), True, "✅"),
        (build_stub, False, "Not done yet"),
        (lambda n: _model(10), False, "fixed 10"),
        (lambda n: _model(n, units=32), False, "50 units, yours has 32"),
        (lambda n: _model(n, seq=True), False, "return_sequences"),
        (lambda n: _model(n, dense_units=2), False, "Dense should have 1 unit"),
        (lambda n: _model(n, activation="relu"), False, "activation 'relu'"),
        (lambda n: _model(n, compile_=False), False, "not compiled"),
        (lambda n: _model(n, optimizer="sgd"), False, "yours uses SGD"),
        (lambda n: _model(n, optimizer=_adam(0.01)), False, "learning rate 0.01;"),
        (lambda n: _model(n, optimizer=_adam(_schedule())), False, "learning-rate schedule"),
        (lambda n: _model(n, optimizer=_adam(0.001)), True, "✅"),
        (lambda n: _model(n, loss="mae"), False, "yours uses 'mae'"),
        (build_old_style, False, "keras.Input"),
        (build_no_input, False, "keras.Input"),
        (lambda n: None, False, "forget `return model`"),
        (lambda n: 1 / 0, False, "ZeroDivisionError"),
        (lambda: _model(10), False, "raised TypeError"),
    ],
)
def test_check_build_model(fn, ok, phrase, capsys):
    assert checks.check_build_model(fn) is ok
    out = capsys.readouterr().out
    assert phrase in out, out
    assert "Traceback" not in out


def test_check_training(capsys):
    import keras

    assert checks.check_training(None, None) is False
    assert "Not done yet" in capsys.readouterr().out
    model = _model(3)
    X = np.zeros((4, 3, 1), dtype="float32")
    y = np.ones(4, dtype="float32")
    assert checks.check_training(model, "history") is False
    assert "History" in capsys.readouterr().out
    history = model.fit(X, y, epochs=2, batch_size=2, verbose=0)
    assert isinstance(history, keras.callbacks.History)
    assert checks.check_training(model, history, steps=4) is True
    assert "trained for 4 optimizer steps" in capsys.readouterr().out
    assert checks.check_training(model, history, steps=600) is False
    assert "made 4 optimizer steps" in capsys.readouterr().out
    assert checks.check_training(_model(3), history, steps=4) is False
    assert "has not been trained" in capsys.readouterr().out


def test_reference_model_passes_its_own_check(capsys):
    build = checks.solution_or_reference("build_model", stub)
    assert "reference build_model" in capsys.readouterr().out
    assert checks.check_build_model(build) is True
    predict = checks.solution_or_reference("predict_next", stub)
    assert checks.check_predict_next(predict) is True


class _History:
    def __init__(self, losses):
        self.history = {"loss": losses}


class _Trained:
    class optimizer:  # stands in for model.optimizer
        iterations = 600


@pytest.mark.parametrize(
    "losses", [np.array([3.0, 2.0, 1.0]), [1.0, None, 0.5], ["a", "b"], np.array([])]
)
def test_training_check_never_crashes_on_odd_loss_records(capsys, losses):
    from course_utils.checks import check_training

    verdict = check_training(_Trained(), _History(losses))
    out = capsys.readouterr().out
    assert verdict is (isinstance(losses, np.ndarray) and len(losses) == 3)
    assert out.startswith(("✅", "❌"))


def test_build_model_with_relu_is_explained(capsys):
    import keras

    from course_utils.checks import check_build_model

    def relu_model(n_steps):
        model = keras.Sequential(
            [
                keras.Input(shape=(n_steps, 1)),
                keras.layers.SimpleRNN(50, activation="relu"),
                keras.layers.Dense(1),
            ]
        )
        model.compile(optimizer="adam", loss="mse")
        return model

    assert check_build_model(relu_model) is False
    assert "activation 'relu'" in capsys.readouterr().out


@pytest.mark.parametrize(
    "call",
    [
        lambda model, x: float(model(x).numpy()[0, 0]),
        lambda model, x: float(model.predict_on_batch(x)[0, 0]),
        lambda model, x: float(np.asarray(model(x))[0, 0]),
    ],
)
def test_predict_next_accepts_other_valid_keras_calls(capsys, call):
    from course_utils.checks import check_predict_next

    def predict_next(model, window):
        x = np.asarray(window, dtype="float32").reshape(1, -1, 1)
        return call(model, x)

    assert check_predict_next(predict_next) is True, capsys.readouterr().out


def test_the_reference_predict_next_survives_a_predict_of_another_rank():
    # Keras 3.15: after model.predict saw a (1, 10) batch of integers, model.predict of the
    # (1, 10, 1) batch fails with "Cannot take the length of shape with unknown rank"; model(x)
    # does not.
    from course_utils.checks.next_value_model import rebuild_hint, reference_predict_next

    model = _model(10)
    window = np.arange(90, 100)
    before = reference_predict_next(model, window)
    errors = []
    for shape in ((1, 10), (1, 10, 1)):
        try:
            model.predict(window.reshape(shape), verbose=0)
        except ValueError as err:
            errors.append(err)
    assert any("unknown rank" in str(err) for err in errors), errors  # the trap is still there
    assert all(rebuild_hint(err) for err in errors if "unknown rank" in str(err))
    assert reference_predict_next(model, window) == pytest.approx(before, abs=1e-5)


def test_the_rebuild_hint_is_only_for_the_unknown_rank_error():
    from course_utils.checks.next_value_model import rebuild_hint

    assert rebuild_hint(ValueError("Cannot take the length of shape with unknown rank.")) != ""
    assert rebuild_hint(ValueError("expected shape (None, 10, 1)")) == ""
