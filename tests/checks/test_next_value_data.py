"""The exercise checkers: right answers pass, each classic mistake gets its own message.

Every wrong implementation below is one a learner could type. The checker must print what is
wrong (asserted by a phrase from the message) and return False, and never raise.
"""

import contextlib
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from course_utils import checks
from course_utils.data import create_dataset as reference_create_dataset

# ------------------------------------------------------------------ create_dataset, right ones


def seed_version(sequence, n_steps):
    X, y = [], []
    for i in range(len(sequence)):
        end_ix = i + n_steps
        if end_ix > len(sequence) - 1:
            break
        X.append(sequence[i:end_ix])
        y.append(sequence[end_ix])
    return np.array(X), np.array(y)


def comprehension_version(sequence, n_steps):
    n = len(sequence) - n_steps
    return (
        np.array([sequence[i : i + n_steps] for i in range(n)]),
        np.array([sequence[i + n_steps] for i in range(n)]),
    )


@pytest.mark.parametrize("fn", [seed_version, comprehension_version, reference_create_dataset])
def test_right_implementations_pass(fn, capsys):
    assert checks.check_create_dataset(fn) is True
    assert "✅ create_dataset is right" in capsys.readouterr().out


# ------------------------------------------------------------------ create_dataset, mistakes


def stub(sequence, n_steps):
    raise NotImplementedError("your code here")


def returns_lists(sequence, n_steps):
    X, y = comprehension_version(sequence, n_steps)
    return X.tolist(), y.tolist()


def target_is_last_of_window(sequence, n_steps):
    n = len(sequence) - n_steps
    X = np.array([sequence[i : i + n_steps] for i in range(n)])
    return X, np.array([sequence[i + n_steps - 1] for i in range(n)])


def target_skips_one(sequence, n_steps):
    X, y = [], []
    for i in range(len(sequence) - n_steps):
        X.append(sequence[i : i + n_steps])
        y.append(sequence[i + n_steps + 1])  # IndexError on the last window
    return np.array(X), np.array(y)


def target_skips_one_quietly(sequence, n_steps):
    n = len(sequence) - n_steps - 1
    X = np.array([sequence[i : i + n_steps] for i in range(n + 1)])
    y = np.array([sequence[min(i + n_steps + 1, len(sequence) - 1)] for i in range(n + 1)])
    return X, y


def missing_last_window(sequence, n_steps):
    n = len(sequence) - n_steps - 1
    return (
        np.array([sequence[i : i + n_steps] for i in range(n)]),
        np.array([sequence[i + n_steps] for i in range(n)]),
    )


def one_window_too_many(sequence, n_steps):
    n = len(sequence) - n_steps + 1
    return (
        np.array([sequence[i : i + n_steps] for i in range(n)]),
        np.array([sequence[i + n_steps] for i in range(n)]),
    )


def one_window_too_many_padded(sequence, n_steps):
    X, y = comprehension_version(sequence, n_steps)
    return np.vstack([X, sequence[-n_steps:]]), np.append(y, 0)  # last "window" has no target


def hard_coded_ten(sequence, n_steps):
    return seed_version(sequence, 10)


def swapped(sequence, n_steps):
    X, y = comprehension_version(sequence, n_steps)
    return y, X


def three_d(sequence, n_steps):
    X, y = comprehension_version(sequence, n_steps)
    return X.reshape((X.shape[0], X.shape[1], 1)), y


def mutates_input(sequence, n_steps):
    X, y = comprehension_version(sequence.copy(), n_steps)
    sequence *= 2
    return X, y


def raises_its_own(sequence, n_steps):
    raise ValueError("oops, my own bug")


def returns_nothing(sequence, n_steps):
    comprehension_version(sequence, n_steps)


def returns_only_x(sequence, n_steps):
    return comprehension_version(sequence, n_steps)[0]


def y_as_column(sequence, n_steps):
    n = len(sequence) - n_steps
    return (
        np.array([sequence[i : i + n_steps] for i in range(n)]),
        np.array([sequence[i + n_steps : i + n_steps + 1] for i in range(n)]),
    )


def windows_start_late(sequence, n_steps):
    n = len(sequence) - n_steps
    return (
        np.array([sequence[i + 1 : i + 1 + n_steps] for i in range(n)]),
        np.array([sequence[i + n_steps] for i in range(n)]),
    )


def prints_and_rounds(sequence, n_steps):
    print("debugging output the learner left in")
    X, y = comprehension_version(sequence, n_steps)
    return X.astype(int), y.astype(int)


@pytest.mark.parametrize(
    ("fn", "phrase"),
    [
        (stub, "Not done yet"),
        (returns_lists, "Python lists"),
        (target_is_last_of_window, "y is the last value of each window"),
        (target_skips_one, "IndexError"),
        (target_skips_one_quietly, "y skips a value"),
        (missing_last_window, "the last window is missing"),
        (one_window_too_many, "IndexError"),
        (one_window_too_many_padded, "stop the loop earlier"),
        (hard_coded_ten, "instead of n_steps"),
        (swapped, "swapped"),
        (three_d, "already added the feature axis"),
        (mutates_input, "changed the sequence it was given"),
        (raises_its_own, "ValueError: oops, my own bug"),
        (returns_nothing, "returned None"),
        (returns_only_x, "should return two things"),
        (y_as_column, "it should be 1-D"),
        (windows_start_late, "start one step late"),
        (prints_and_rounds, "yours is"),
        ("create_dataset", "should be a function"),
    ],
)
def test_each_mistake_gets_its_message(fn, phrase, capsys):
    assert checks.check_create_dataset(fn) is False
    out = capsys.readouterr().out
    assert phrase in out, out
    assert "Traceback" not in out
    assert "debugging output" not in out


def test_index_error_points_at_the_learners_line(capsys):
    checks.check_create_dataset(target_skips_one)
    out = capsys.readouterr().out
    assert "y.append(sequence[i + n_steps + 1])" in out
    assert "range(len(sequence) - n_steps)" in out


def test_checks_do_not_swallow_keyboard_interrupt():
    def interrupted(sequence, n_steps):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        checks.check_create_dataset(interrupted)


# ------------------------------------------------------------------ sequence and training data


@pytest.mark.parametrize(
    ("value", "ok", "phrase"),
    [
        (np.arange(100), True, "✅"),
        (np.arange(100.0), True, "✅"),
        (None, False, "Not done yet"),
        (..., False, "Not done yet"),
        (list(range(100)), False, "np.array"),
        (np.arange(99), False, "np.arange(n) stops before n"),
        (np.arange(1, 101), False, "0, 1, ..., 99 in order"),
        (np.arange(100).reshape(10, 10), False, "1-D"),
        ("0..99", False, "NumPy array"),
    ],
)
def test_check_sequence(value, ok, phrase, capsys):
    assert checks.check_sequence(value) is ok
    assert phrase in capsys.readouterr().out


def test_check_training_data(capsys):
    X, y = reference_create_dataset(np.arange(100), 10)
    assert checks.check_training_data(X[..., None], y) is True
    assert checks.check_training_data(..., y) is False
    assert "Not done yet" in capsys.readouterr().out
    assert checks.check_training_data(X, y) is False
    assert "feature axis is missing" in capsys.readouterr().out
    assert checks.check_training_data(X.reshape(90, 1, 10), y) is False
    assert "1 time step with 10 features" in capsys.readouterr().out
    assert checks.check_training_data(X.reshape(90, 10, 1)[::-1], y) is False
    assert "reshape, don't reorder" in capsys.readouterr().out


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
        (predict_hard_coded, False, "raised ValueError"),
        (predict_nothing, False, "should return a number, got NoneType"),
        (predict_plus_one, False, "without changing it"),
        (predict_in_place, False, "changed the window"),
        (42, False, "should be a function"),
    ],
)
def test_check_predict_next(fn, ok, phrase, capsys):
    assert checks.check_predict_next(fn) is ok
    out = capsys.readouterr().out
    assert phrase in out, out


# ------------------------------------------------------------------ fallback


def test_solution_or_reference_keeps_a_right_answer(capsys):
    assert checks.solution_or_reference("create_dataset", seed_version) is seed_version
    assert capsys.readouterr().out == "Using your create_dataset.\n"


def test_solution_or_reference_falls_back_visibly(capsys):
    fn = checks.solution_or_reference("create_dataset", stub)
    assert fn is reference_create_dataset
    assert "Using the course's reference create_dataset for now" in capsys.readouterr().out
    seq = checks.solution_or_reference("sequence", ...)
    np.testing.assert_array_equal(seq, np.arange(100))
    X, y = checks.solution_or_reference("training_data", (..., ...))
    assert X.shape == (90, 10, 1) and y.shape == (90,)


def test_solution_or_reference_rejects_unknown_names():
    with pytest.raises(ValueError, match="name must be one of"):
        checks.solution_or_reference("build_modle", stub)


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


# --- learner code that returns odd objects, or uses other valid Keras calls -----------------------


def test_training_data_with_text_or_object_arrays_explains(capsys):
    from course_utils.checks import check_training_data

    X = np.arange(900).reshape(90, 10, 1)
    y = np.arange(10, 100)
    assert check_training_data(X.astype(str), y) is False
    assert "X should contain numbers, got dtype <U" in capsys.readouterr().out
    assert check_training_data(X, y.astype(object)) is False
    assert "y should contain numbers, got dtype object" in capsys.readouterr().out


def test_create_dataset_returning_dates_explains(capsys):
    from course_utils.checks import check_create_dataset

    def as_dates(sequence, n_steps):
        X, y = reference_create_dataset(sequence, n_steps)
        return X.astype("timedelta64[s]"), y.astype("timedelta64[s]")

    assert check_create_dataset(as_dates) is False
    assert "should contain numbers, got dtype timedelta64" in capsys.readouterr().out


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


def test_rnn_step_body_type_error_is_not_blamed_on_parameter_names(capsys):
    from course_utils.checks import check_rnn_step

    def wrong(x_t, h_prev, W_xh, W_hh, b_h):
        return np.tanh(x_t @ W_xh, h_prev @ W_hh, b_h, 1)  # too many arguments to tanh

    assert check_rnn_step(wrong) is False
    out = capsys.readouterr().out
    assert "raised TypeError" in out and "Keep the parameter names" not in out

    def renamed(x, h, a, b, c):
        return x

    assert check_rnn_step(renamed) is False
    assert "Keep the parameter names" in capsys.readouterr().out


# Whatever a learner's create_dataset returns, the checker answers True/False and never raises.
_odd_values = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=5),
    hnp.arrays(
        dtype=st.sampled_from(["int64", "float64", "U3", "bool", "complex128", "timedelta64[s]"]),
        shape=hnp.array_shapes(min_dims=0, max_dims=3, max_side=4),
    ),
)


@settings(max_examples=150, deadline=None)
@given(st.one_of(_odd_values, st.tuples(_odd_values, _odd_values), st.tuples(_odd_values)))
def test_create_dataset_checker_never_raises(result):
    from course_utils.checks import check_create_dataset

    with contextlib.redirect_stdout(io.StringIO()) as out:
        verdict = check_create_dataset(lambda sequence, n_steps: result)
    assert verdict is False
    assert out.getvalue().startswith("❌")
