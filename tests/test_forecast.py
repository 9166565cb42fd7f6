"""course_utils.forecast: sunspot data, windows, baselines, scores, training plumbing, figures."""

import subprocess
import sys

import numpy as np
import pytest

from course_utils import forecast
from course_utils.data import create_dataset


def test_importing_the_module_imports_neither_tensorflow_nor_statsmodels():
    code = (
        "import sys, course_utils.forecast; "
        "print('tensorflow' in sys.modules, 'statsmodels' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_load_sunspots_ships_309_years():
    years, spots = forecast.load_sunspots()
    assert years.shape == spots.shape == (309,)
    assert years[0] == 1700 and years[-1] == 2008 and np.all(np.diff(years) == 1)
    assert spots.dtype == float and np.all(spots >= 0)
    assert spots[years == 1957][0] == pytest.approx(190.2)  # the highest year on record here


def test_split_by_time_keeps_order_and_covers_everything():
    values = np.arange(309.0)
    train, val, test = forecast.split_by_time(values, train=0.7, val=0.15)
    assert (len(train), len(val), len(test)) == (216, 46, 47)
    np.testing.assert_array_equal(np.concatenate([train, val, test]), values)
    with pytest.raises(ValueError, match="train \\+ val must leave a test part"):
        forecast.split_by_time(values, train=0.8, val=0.2)
    with pytest.raises(ValueError, match="too short"):
        forecast.split_by_time(np.arange(3.0), train=0.5, val=0.2)
    with pytest.raises(TypeError, match="train must be a fraction"):
        forecast.split_by_time(values, train="0.7")
    with pytest.raises(ValueError, match=r"values must have shape \(length,\)"):
        forecast.split_by_time(np.ones((3, 3)))


def test_make_windows_equals_create_dataset_one_step_ahead():
    part = np.random.default_rng(0).normal(size=40)
    X, y = forecast.make_windows(part, 12)
    X_ref, y_ref = create_dataset(part, 12)
    np.testing.assert_array_equal(X, X_ref)
    np.testing.assert_array_equal(y, y_ref)


def test_make_windows_several_steps_ahead():
    X, Y = forecast.make_windows(np.arange(10.0), 3, horizon=4)
    assert X.shape == (4, 3) and Y.shape == (4, 4)
    np.testing.assert_array_equal(X[1], [1, 2, 3])
    np.testing.assert_array_equal(Y[1], [4, 5, 6, 7])
    with pytest.raises(ValueError, match="too few for one window"):
        forecast.make_windows(np.arange(5.0), 3, horizon=3)
    with pytest.raises(TypeError, match="n_steps must be an int"):
        forecast.make_windows(np.arange(5.0), 2.5)
    with pytest.raises(ValueError, match="horizon must be an int >= 1"):
        forecast.make_windows(np.arange(5.0), 2, horizon=0)
    with pytest.raises(ValueError, match="finite"):
        forecast.make_windows(np.array([1.0, np.nan, 3.0, 4.0]), 2)


def test_cycle_extremes_and_rise_and_fall_on_a_lopsided_wave():
    # rises for 2 steps, falls for 4: period 6
    one_cycle = [0.0, 1.0, 2.0, 1.5, 1.0, 0.5]
    values = np.tile(one_cycle, 5)
    maxima, minima = forecast.cycle_extremes(values, half_width=2)
    np.testing.assert_array_equal(maxima, [2, 8, 14, 20, 26])
    np.testing.assert_array_equal(minima, [6, 12, 18, 24])
    rises, falls = forecast.rise_and_fall(maxima, minima)
    assert np.all(rises == 2) and len(rises) == 4
    assert np.all(falls == 4) and len(falls) == 4
    with pytest.raises(ValueError, match="sorted"):
        forecast.rise_and_fall([5, 2], [1])


def test_the_sunspot_cycle_rises_faster_than_it_falls():
    _, spots = forecast.load_sunspots()
    for half_width in (3, 4, 5):  # the notebook's choice (4) is not a lucky one
        maxima, minima = forecast.cycle_extremes(spots, half_width=half_width)
        rises, falls = forecast.rise_and_fall(maxima, minima)
        assert len(maxima) == 28
        assert rises.mean() < falls.mean()


def test_mae_and_the_naive_baselines():
    X = np.array([[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]])
    np.testing.assert_array_equal(forecast.last_value(X), [4, 8])
    np.testing.assert_array_equal(forecast.last_value(X, horizon=2), [[4, 4], [8, 8]])
    # period 3: one step ahead is x[t + 1 - 3] = the second-to-last but one value
    np.testing.assert_array_equal(forecast.seasonal_naive(X, 3), [2, 6])
    np.testing.assert_array_equal(forecast.seasonal_naive(X, 3, horizon=3), [[2, 3, 4], [6, 7, 8]])
    assert forecast.mae([1.0, 2.0], [2.0, 4.0]) == pytest.approx(1.5)
    with pytest.raises(ValueError, match="pred must have the shape of truth"):
        forecast.mae([1.0], [1.0, 2.0])
    with pytest.raises(ValueError, match="period must be at most n_steps"):
        forecast.seasonal_naive(X, 5)
    with pytest.raises(ValueError, match="horizon must be at most period"):
        forecast.seasonal_naive(X, 2, horizon=3)


def test_linear_model_recovers_an_exact_autoregression():
    series = np.zeros(60)
    series[:2] = [1.0, 0.5]
    for t in range(2, 60):
        series[t] = 0.9 * series[t - 1] - 0.2 * series[t - 2] + 0.1
    X, y = forecast.make_windows(series, 3)
    w = forecast.fit_linear(X, y)
    np.testing.assert_allclose(forecast.predict_linear(w, X), y, atol=1e-9)
    with pytest.raises(ValueError, match="w must have n_steps \\+ 1 = 4 rows"):
        forecast.predict_linear(w[:-1], X)
    with pytest.raises(ValueError, match="Y must have shape"):
        forecast.fit_linear(X, y[:-1])


def test_autoregressive_model_predicts_with_its_own_coefficients():
    _, spots = forecast.load_sunspots()
    train, _, test = forecast.split_by_time(spots)
    ar = forecast.fit_autoregressive(train, 12)
    lags = list(ar.model.ar_lags)
    assert lags == list(range(1, 10))  # AIC picks AR(9), as the notebook says
    pred = forecast.autoregressive_predictions(ar, test, 12)
    X, y = forecast.make_windows(test, 12)
    by_hand = ar.params[0] + X[:, ::-1][:, : len(lags)] @ ar.params[1:]
    assert pred.shape == y.shape
    np.testing.assert_allclose(pred, by_hand, atol=1e-9)
    with pytest.raises(ValueError, match="more than the window"):
        forecast.autoregressive_predictions(ar, test, 5)


def test_recursive_forecast_feeds_predictions_back():
    X = np.array([[1.0, 2.0, 3.0]])
    # "next = last + 1" forecast recursively gives 4, 5, 6
    out = forecast.recursive_forecast(lambda w: w[:, -1] + 1, X, 3)
    np.testing.assert_array_equal(out, [[4.0, 5.0, 6.0]])
    # a predict function returning (n, 1), as a Keras model does
    out = forecast.recursive_forecast(lambda w: w[:, -1:] * 2, X, 2)
    np.testing.assert_array_equal(out, [[6.0, 12.0]])


def test_window_dataset_gives_the_same_windows_shuffled():
    part = np.arange(40.0)
    for horizon in (1, 4):
        X, Y = forecast.make_windows(part, 6, horizon=horizon)
        batches = list(forecast.window_dataset(part, 6, horizon=horizon, batch_size=8, seed=1))
        x = np.concatenate([b[0].numpy() for b in batches])
        y = np.concatenate([b[1].numpy() for b in batches])
        assert x.shape == (len(X), 6, 1) and len(batches) == -(-len(X) // 8)
        order = np.argsort(x[:, 0, 0])
        assert not np.array_equal(order, np.arange(len(X)))  # shuffled
        np.testing.assert_array_equal(x[order, :, 0], X)
        np.testing.assert_array_equal(y[order], Y)


def test_build_recurrent_and_bad_kind():
    model = forecast.build_recurrent("LSTM", 12, units=4, outputs=3)
    assert model.name == "LSTM" and model.output_shape == (None, 3)
    assert model.count_params() == 4 * 4 * (1 + 4 + 1) + 4 * 3 + 3
    with pytest.raises(ValueError, match="kind must be one of"):
        forecast.build_recurrent("Transformer", 12)


def test_training_with_early_stopping_measures_both_losses_at_epoch_end():
    import keras

    rng = np.random.default_rng(0)
    train, val = rng.normal(size=60), rng.normal(size=30)
    keras.utils.set_random_seed(0)
    model = forecast.build_recurrent("SimpleRNN", 5, units=3)
    history = forecast.train_with_early_stopping(
        model, train, val, 5, patience=2, max_epochs=6, batch_size=16
    )
    assert len(history["train_loss"]) == len(history["val_loss"]) <= 6
    # the weights kept are those of the best validation epoch: its losses are measured again
    best = int(np.argmin(history["val_loss"]))
    windows = forecast.make_windows(val, 5)
    assert forecast.mse(model, windows) == pytest.approx(history["val_loss"][best], rel=1e-5)
    assert forecast.mse(model, forecast.make_windows(train, 5)) == pytest.approx(
        history["train_loss"][best], rel=1e-5
    )
    with pytest.raises(TypeError, match="val must be a tuple"):
        forecast.epoch_end_losses(train=None, val=[1, 2])
    with pytest.raises(ValueError, match="with the same n"):
        forecast.epoch_end_losses(train=None, val=(np.ones((3, 5)), np.ones(2)))


def test_figures_draw_what_they_are_given():
    years = np.arange(2000, 2012)
    parts = (np.arange(6.0), np.arange(3.0), np.arange(3.0))
    ax = forecast.plot_split(years, parts)
    assert [line.get_label() for line in ax.lines] == [
        "training 2000-2005",
        "validation 2006-2008",
        "test 2009-2011",
    ]
    with pytest.raises(ValueError, match="add up to len\\(years\\)"):
        forecast.plot_split(years, (np.arange(6.0), np.arange(3.0), np.arange(2.0)))

    ax = forecast.plot_epoch_losses({"LSTM": {"train_loss": [1.0, 0.5], "val_loss": [2.0, 1.5]}})
    assert ax.get_yscale() == "log" and len(ax.lines) == 3  # two curves and the kept epoch

    ax = forecast.plot_test_forecasts(years[:3], [1.0, 2.0, 3.0], {"LSTM": [1.0, 2.0, 2.5]})
    assert [line.get_label() for line in ax.lines] == ["truth", "LSTM"]
    assert ax.lines[1].get_color() == forecast.FORECAST_COLORS["LSTM"]
    with pytest.raises(ValueError, match="must have 3 values"):
        forecast.plot_test_forecasts(years[:3], [1.0, 2.0, 3.0], {"LSTM": [1.0]})

    ax = forecast.plot_error_by_horizon({"LSTM, recursive": [1.0, 2.0], "LSTM, direct": [2.0, 2.0]})
    assert [line.get_linestyle() for line in ax.lines] == ["-", "--"]
    assert ax.lines[0].get_color() == ax.lines[1].get_color()
    with pytest.raises(TypeError, match="errors must be a non-empty dict"):
        forecast.plot_error_by_horizon([1.0, 2.0])
