"""course_utils.forecast.models: the forecasters (naive, linear, AR, recurrent) and the MAE."""

import numpy as np
import pytest

from course_utils import forecast

X = np.array([[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]])


def test_mae_in_the_series_units():
    assert forecast.mae([1.0, 2.0], [2.0, 4.0]) == pytest.approx(1.5)
    assert forecast.mae([[1.0, 2.0]], [[1.0, 0.0]]) == pytest.approx(1.0)
    with pytest.raises(ValueError, match=r"pred must have the shape of truth \(2,\), got \(1,\)"):
        forecast.mae([1.0], [1.0, 2.0])
    with pytest.raises(TypeError, match="pred must be an array of numbers"):
        forecast.mae("12", [1.0, 2.0])
    with pytest.raises(ValueError, match="truth must be an array of numbers"):
        forecast.mae([1.0, 2.0], [[1.0], [1.0, 2.0]])


def test_the_naive_forecasts():
    np.testing.assert_array_equal(forecast.last_value(X), [4, 8])
    np.testing.assert_array_equal(forecast.last_value(X, horizon=2), [[4, 4], [8, 8]])
    # period 3: one step ahead is x[t + 1 - 3], the second value of these windows
    np.testing.assert_array_equal(forecast.seasonal_naive(X, 3), [2, 6])
    np.testing.assert_array_equal(forecast.seasonal_naive(X, 3, horizon=3), [[2, 3, 4], [6, 7, 8]])
    # the notebook's cycle naive: 11 years before the target is X[:, -11]
    windows = np.arange(24.0).reshape(2, 12)
    np.testing.assert_array_equal(forecast.seasonal_naive(windows, 11), windows[:, -11])


def test_the_naive_forecasts_refuse_bad_arguments():
    with pytest.raises(ValueError, match="period must be an int >= 1 and <= 4, got 5"):
        forecast.seasonal_naive(X, 5)
    with pytest.raises(ValueError, match="horizon must be an int >= 1 and <= 2, got 3"):
        forecast.seasonal_naive(X, 2, horizon=3)
    with pytest.raises(TypeError, match="period must be an int"):
        forecast.seasonal_naive(X, 2.0)
    with pytest.raises(ValueError, match=r"X must have shape \(n_windows, n_steps\)"):
        forecast.last_value([1.0, 2.0])
    with pytest.raises(ValueError, match="X must hold at least one window of finite values"):
        forecast.last_value([[1.0, np.inf]])


def test_linear_model_recovers_an_exact_autoregression():
    series = np.zeros(60)
    series[:2] = [1.0, 0.5]
    for t in range(2, 60):
        series[t] = 0.9 * series[t - 1] - 0.2 * series[t - 2] + 0.1
    X3, y = forecast.make_windows(series, 3)
    w = forecast.fit_linear(X3, y)
    np.testing.assert_allclose(forecast.predict_linear(w, X3), y, atol=1e-9)
    X3h, Y = forecast.make_windows(series, 3, horizon=2)
    assert forecast.fit_linear(X3h, Y).shape == (4, 2)
    with pytest.raises(ValueError, match="w must have n_steps \\+ 1 = 4 rows"):
        forecast.predict_linear(w[:-1], X3)
    with pytest.raises(ValueError, match="Y must have shape"):
        forecast.fit_linear(X3, y[:-1])


def test_autoregressive_model_predicts_with_its_own_coefficients():
    _, spots = forecast.load_sunspots()
    train, _, test = forecast.split_by_time(spots)
    ar = forecast.fit_autoregressive(train, 12)
    lags = list(ar.model.ar_lags)
    assert lags == list(range(1, 10))  # AIC picks AR(9), as the notebook says
    pred = forecast.autoregressive_predictions(ar, test, 12)
    X12, y = forecast.make_windows(test, 12)
    by_hand = ar.params[0] + X12[:, ::-1][:, : len(lags)] @ ar.params[1:]
    assert pred.shape == y.shape
    np.testing.assert_allclose(pred, by_hand, atol=1e-9)
    with pytest.raises(ValueError, match="n_steps must be at least the model's 9 lags, got 5"):
        forecast.autoregressive_predictions(ar, test, 5)
    with pytest.raises(TypeError, match="max_lags must be an int"):
        forecast.fit_autoregressive(train, 12.0)


def test_recursive_forecast_feeds_forecasts_back():
    window = np.array([[1.0, 2.0, 3.0]])
    # "next = last + 1", fed back, gives 4, 5, 6
    out = forecast.recursive_forecast(lambda w: w[:, -1] + 1, window, 3)
    np.testing.assert_array_equal(out, [[4.0, 5.0, 6.0]])
    # a predict function returning (n, 1), as a Keras model does
    out = forecast.recursive_forecast(lambda w: w[:, -1:] * 2, window, 2)
    np.testing.assert_array_equal(out, [[6.0, 12.0]])
    with pytest.raises(ValueError, match="horizon must be an int >= 1"):
        forecast.recursive_forecast(lambda w: w[:, -1], window, 0)


def test_build_recurrent_and_its_bad_arguments():
    model = forecast.build_recurrent("LSTM", 12, units=4, outputs=3)
    assert model.name == "LSTM" and model.output_shape == (None, 3)
    assert model.count_params() == 4 * 4 * (1 + 4 + 1) + 4 * 3 + 3
    assert forecast.build_recurrent("SimpleRNN", 12, units=32).count_params() == 1121
    with pytest.raises(ValueError, match="kind must be one of \\['SimpleRNN', 'LSTM', 'GRU'\\]"):
        forecast.build_recurrent("Transformer", 12)
    with pytest.raises(TypeError, match="kind must be a str"):
        forecast.build_recurrent(None, 12)
    with pytest.raises(ValueError, match="learning_rate must be a finite number > 0"):
        forecast.build_recurrent("LSTM", 12, learning_rate=0.0)
