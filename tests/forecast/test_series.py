"""course_utils.forecast.series: the sunspot data, the split by time, the windows, the cycle."""

import subprocess
import sys

import numpy as np
import pytest

from course_utils import forecast
from course_utils.data import create_dataset


@pytest.mark.slow  # a fresh interpreter
def test_importing_the_package_imports_neither_tensorflow_nor_statsmodels():
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
    assert "public domain" in forecast.SUNSPOTS_SOURCE


def test_split_by_time_keeps_order_and_covers_everything():
    values = np.arange(309.0)
    train, val, test = forecast.split_by_time(values, train=0.7, val=0.15)
    assert (len(train), len(val), len(test)) == (216, 46, 47)
    np.testing.assert_array_equal(np.concatenate([train, val, test]), values)


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ((np.arange(309.0),), {"train": 0.8, "val": 0.2}, "train \\+ val must leave a test part"),
        ((np.arange(3.0),), {"train": 0.5, "val": 0.2}, "values has 3 values, too few"),
        ((np.arange(9.0),), {"train": 1.5}, "train must be a finite number >= 0 and <= 1"),
        ((np.ones((3, 3)),), {}, r"values must be 1-D with shape \(length,\)"),
        (([1.0, np.nan, 2.0],), {}, "values must be finite"),
    ],
)
def test_split_by_time_refuses_bad_values(args, error, message):
    with pytest.raises(ValueError, match=message):
        forecast.split_by_time(*args, **error)


def test_split_by_time_refuses_bad_types():
    with pytest.raises(TypeError, match="train must be a finite number"):
        forecast.split_by_time(np.arange(9.0), train="0.7")
    with pytest.raises(TypeError, match="values must be a 1-D sequence of numbers"):
        forecast.split_by_time("sunspots")


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


def test_make_windows_refuses_bad_arguments():
    with pytest.raises(ValueError, match="too few for one window"):
        forecast.make_windows(np.arange(5.0), 3, horizon=3)
    with pytest.raises(TypeError, match=r"n_steps must be an int >= 1, got float 2\.5"):
        forecast.make_windows(np.arange(5.0), 2.5)
    with pytest.raises(ValueError, match="horizon must be an int >= 1, got 0"):
        forecast.make_windows(np.arange(5.0), 2, horizon=0)
    with pytest.raises(ValueError, match="part must be finite"):
        forecast.make_windows(np.array([1.0, np.nan, 3.0, 4.0]), 2)


def test_window_dataset_gives_the_windows_of_make_windows_shuffled_every_epoch():
    part = np.arange(40.0)
    for horizon in (1, 4):
        X, Y = forecast.make_windows(part, 6, horizon=horizon)
        dataset = forecast.window_dataset(part, 6, horizon=horizon, batch_size=8, seed=1)
        epochs = []
        for _ in range(2):
            batches = list(dataset)
            x = np.concatenate([b[0].numpy() for b in batches])
            y = np.concatenate([b[1].numpy() for b in batches])
            assert x.shape == (len(X), 6, 1) and x.dtype == np.float32
            assert len(batches) == -(-len(X) // 8)
            order = np.argsort(x[:, 0, 0])
            assert not np.array_equal(order, np.arange(len(X)))  # shuffled
            np.testing.assert_array_equal(x[order, :, 0], X)
            np.testing.assert_array_equal(y[order], Y)
            epochs.append(x[:, 0, 0])
        assert not np.array_equal(*epochs)  # a new order every epoch
    with pytest.raises(TypeError, match="batch_size must be an int"):
        forecast.window_dataset(part, 6, batch_size=8.0)


def test_cycle_extremes_and_rise_and_fall_on_a_lopsided_wave():
    one_cycle = [0.0, 1.0, 2.0, 1.5, 1.0, 0.5]  # up for 2 steps, down for 4: period 6
    values = np.tile(one_cycle, 5)
    maxima, minima = forecast.cycle_extremes(values, half_width=2)
    np.testing.assert_array_equal(maxima, [2, 8, 14, 20, 26])
    np.testing.assert_array_equal(minima, [6, 12, 18, 24])
    rises, falls = forecast.rise_and_fall(maxima, minima)
    assert np.all(rises == 2) and len(rises) == 4
    assert np.all(falls == 4) and len(falls) == 4


def test_cycle_extremes_and_rise_and_fall_refuse_bad_arguments():
    with pytest.raises(ValueError, match="maxima must be sorted"):
        forecast.rise_and_fall([5, 2], [1])
    with pytest.raises(ValueError, match="values needs at least 2 \\* half_width \\+ 1 = 9"):
        forecast.cycle_extremes(np.arange(5.0))
    with pytest.raises(TypeError, match="half_width must be an int"):
        forecast.cycle_extremes(np.arange(20.0), half_width="4")


def test_the_sunspot_cycle_rises_faster_than_it_falls():
    _, spots = forecast.load_sunspots()
    for half_width in (3, 4, 5):  # the notebook's choice (4) is not a lucky one
        maxima, minima = forecast.cycle_extremes(spots, half_width=half_width)
        rises, falls = forecast.rise_and_fall(maxima, minima)
        assert len(maxima) == 28
        assert rises.mean() < falls.mean()
