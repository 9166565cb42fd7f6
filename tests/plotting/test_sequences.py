"""Figures of series, windows, predictions and loss curves (plotting.sequences)."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle

from course_utils.plotting import (
    plot_loss_curves,
    plot_predictions,
    plot_series,
    plot_windows,
)
from course_utils.style import INPUT_COLOR, TARGET_COLOR


def cells(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def test_plot_windows_draws_one_row_per_sample():
    seq = np.arange(10, 20)
    ax = plot_windows(seq, 3, n_windows=4)
    rects = cells(ax)
    assert len(rects) == 4 * (3 + 1)
    targets = [r for r in rects if r.get_facecolor()[:3] == to_rgba(TARGET_COLOR)[:3]]
    inputs = [r for r in rects if r.get_facecolor()[:3] == to_rgba(INPUT_COLOR)[:3]]
    assert len(targets) == 4 and len(inputs) == 12
    # sample i's target sits at time step i + n_steps, in row i
    assert sorted((round(r.get_x() + 0.45), round(r.get_y() + 0.4)) for r in targets) == [
        (3, 0),
        (4, 1),
        (5, 2),
        (6, 3),
    ]
    texts = [t.get_text() for t in ax.texts]
    assert texts[:4] == ["10", "11", "12", "13"]  # sample 0: inputs 10, 11, 12 then target 13
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"sample {i}" for i in range(4)]


def test_plot_windows_caps_rows_and_skips_text_when_crowded():
    ax = plot_windows(np.arange(40), 30, n_windows=50)
    assert len(cells(ax)) == 10 * 31  # only 10 windows exist
    assert len(ax.texts) == 0


def test_plot_windows_bad_input():
    with pytest.raises(ValueError, match="n_steps must be an int >= 1 and <= 4, got 5"):
        plot_windows(np.arange(5), 5)
    with pytest.raises(ValueError, match="n_steps must be an int >= 1 and <= 4, got 0"):
        plot_windows(np.arange(5), 0)
    with pytest.raises(TypeError, match="n_steps must be an int"):
        plot_windows(np.arange(5), 2.0)
    with pytest.raises(ValueError, match="sequence must be 1-D"):
        plot_windows(np.ones((2, 2)), 1)


def test_plot_series_window_marks_target_and_reuses_axes():
    _fig, ax = plt.subplots()
    out = plot_series(np.arange(20.0), ax=ax, window=(2, 5), title="t")
    assert out is ax
    target_line = next(line for line in ax.lines if line.get_label() == "target (next value)")
    assert list(target_line.get_xdata()) == [7] and list(target_line.get_ydata()) == [7.0]
    assert ax.get_title() == "t"
    with pytest.raises(ValueError, match=r"window=.*must fit"):
        plot_series(np.arange(5.0), window=(2, 3))
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        plot_series(np.arange(5.0), ax="left")
    with pytest.raises(ValueError, match="t must have the same length"):
        plot_series(np.arange(5.0), t=np.arange(4))


def test_plot_predictions():
    ax = plot_predictions(np.arange(5.0), np.arange(5.0)[:, None] + 0.1)
    assert [line.get_label() for line in ax.lines] == ["true", "predicted"]
    np.testing.assert_allclose(ax.lines[1].get_ydata(), np.arange(5.0) + 0.1)
    with pytest.raises(ValueError, match="y_pred must have the same length as y_true"):
        plot_predictions(np.arange(5.0), np.arange(4.0))


def test_plot_loss_curves():
    ax = plot_loss_curves(
        {"training": [4.0, 2.0, 1.0], "validation": [5, 3, 2]}, epochs_per_point=10
    )
    assert [line.get_label() for line in ax.lines] == ["training", "validation"]
    assert list(ax.lines[0].get_xdata()) == [10, 20, 30]
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "epoch"
    with pytest.raises(ValueError, match="pass log=False"):
        plot_loss_curves({"a": [1.0, 0.0]})
    assert plot_loss_curves({"a": [1.0, 0.0]}, log=False).get_yscale() == "linear"
    with pytest.raises(TypeError, match="curves must be a dict"):
        plot_loss_curves([1.0, 2.0])


def test_plot_loss_curves_epochs_colors_and_readable_log_ticks():
    # 200 per-epoch losses (model.fit) and 20 reports of the same steps span the same 200 epochs
    ax = plot_loss_curves(
        {"fit": np.linspace(3600, 1300, 200), "fast": np.linspace(3500, 1260, 20)},
        epochs=200,
        colors=["#D55E00", "#009E73"],
    )
    assert [line.get_xdata()[-1] for line in ax.lines] == [200, 200]
    assert ax.lines[0].get_xdata()[0] == 1 and ax.lines[1].get_xdata()[0] == 10
    assert [line.get_color() for line in ax.lines] == ["#D55E00", "#009E73"]
    assert ax.get_ylabel() == "loss (MSE), log scale"
    ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert {"1,500", "2,000", "3,000"} <= set(labels), labels
    assert plot_loss_curves({"a": [2.0, 1.0]}, log=False).get_ylabel() == "loss (MSE)"
    with pytest.raises(ValueError, match="one colour per curve"):
        plot_loss_curves({"a": [2.0, 1.0]}, colors=["red", "blue"])
    with pytest.raises(ValueError, match="curves must be a non-empty dict"):
        plot_loss_curves({})


def test_plot_predictions_checks_t_length():
    with pytest.raises(ValueError, match=r"t must have the same length as y_true \(5\), got 4"):
        plot_predictions(np.arange(5.0), np.arange(5.0), t=np.arange(4))


def test_plot_one_hot_draws_one_filled_cell_per_step():
    from course_utils.plotting import plot_one_hot

    ax = plot_one_hot("abca b")
    image = ax.get_images()[0].get_array()
    assert image.shape == (4, 6)  # (features, timesteps): vocabulary ' abc', 6 characters
    assert np.all(image.sum(axis=0) == 1)  # one feature on per step
    assert list(image[:, 3]) == [0, 1, 0, 0]  # step 3 is 'a', feature 1 of ' abc'
    assert [t.get_text() for t in ax.get_yticklabels()] == ["␣", "a", "b", "c"]
    assert [t.get_text() for t in ax.get_xticklabels()][4] == "␣"
    assert "6 steps by 4 features" in ax.get_title()


def test_plot_one_hot_bad_input():
    from course_utils.plotting import plot_one_hot

    with pytest.raises(TypeError, match="text must be a str"):
        plot_one_hot(["a", "b"])
    with pytest.raises(ValueError, match="non-empty"):
        plot_one_hot("")
