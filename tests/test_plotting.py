import base64

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle

from course_utils import plotting
from course_utils.plotting import (
    INPUT_COLOR,
    TARGET_COLOR,
    plot_predictions,
    plot_series,
    plot_windows,
)


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
    with pytest.raises(ValueError, match="n_steps must be smaller than the sequence length 5"):
        plot_windows(np.arange(5), 5)
    with pytest.raises(ValueError, match="n_steps must be a positive int"):
        plot_windows(np.arange(5), 0)
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


# --- notebooks 2 and 3: memory plot and the unrolled graph ---------------------------------


def unrolled_cells(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_gid() == "cell"]


def texts_of(ax):
    return [t.get_text() for t in ax.texts]


@pytest.mark.parametrize("n_steps", [1, 3, 7, 30])
def test_plot_unrolled_draws_one_cell_and_labels_per_step(n_steps):
    from course_utils.plotting import plot_unrolled

    ax = plot_unrolled(n_steps)
    assert len(unrolled_cells(ax)) == n_steps
    texts = texts_of(ax)
    for t in range(1, n_steps + 1):
        assert texts.count(f"$x_{{{t}}}$") == 1
        assert texts.count(f"$h_{{{t}}}$") == 1
        assert texts.count(f"$y_{{{t}}}$") == 1
    assert "$h_{0} = 0$" in texts  # the initial state, with its value
    assert any("same weights" in t for t in texts)
    # cells sit left to right in time order
    xs = [c.get_x() for c in unrolled_cells(ax)]
    assert xs == sorted(xs)


def test_plot_unrolled_marks_the_shared_weights_on_every_step():
    from course_utils.plotting import WEIGHT_TEXT_COLOR, plot_unrolled

    ax = plot_unrolled(4)
    texts = texts_of(ax)
    assert texts.count("$W_{xh}$") == 4
    assert texts.count("$W_{hy}$") == 4
    assert texts.count("$W_{hh}$") == 4  # into every cell: from h_0 and between consecutive cells
    weight_texts = [t for t in ax.texts if t.get_text().startswith("$W_")]
    # one colour for all: a darker shade of the weights' purple, for 4.5:1 contrast on white
    assert {to_rgba(t.get_color()) for t in weight_texts} == {to_rgba(WEIGHT_TEXT_COLOR)}


def test_plot_unrolled_without_outputs_and_many_steps():
    from course_utils.plotting import plot_unrolled

    ax = plot_unrolled(20, show_outputs=False)
    texts = texts_of(ax)
    assert not any(t.startswith("$y_") for t in texts)
    assert not any(t.startswith("$W_") for t in texts)  # too crowded: only the footnote
    assert any("same weights" in t for t in texts)
    assert "20 time steps" in ax.get_title()


def test_plot_unrolled_highlights_the_current_step_and_writes_values_so_far():
    from course_utils.plotting import plot_unrolled

    h = np.array([0.5, -0.25, 0.125, 0.0625])
    ax = plot_unrolled(4, highlight=2, h_values=h)
    cells_ = unrolled_cells(ax)
    faces = [to_rgba(c.get_facecolor())[:3] for c in cells_]
    assert faces[1] == to_rgba(TARGET_COLOR)[:3]  # the current step is orange
    assert faces[0] != faces[1] and faces[2] != faces[1]
    assert faces[2] == faces[3]  # later steps look alike (greyed)
    assert [c.get_linewidth() for c in cells_].index(max(c.get_linewidth() for c in cells_)) == 1
    texts = texts_of(ax)
    assert "+0.50" in texts and "-0.25" in texts
    assert "+0.12" not in texts and "+0.13" not in texts  # step 3 not reached yet


def test_plot_unrolled_bad_input():
    from course_utils.plotting import plot_unrolled

    with pytest.raises(ValueError, match="n_steps must be a positive int"):
        plot_unrolled(0)
    with pytest.raises(ValueError, match="n_steps must be a positive int"):
        plot_unrolled(2.0)
    with pytest.raises(ValueError, match=r"highlight must be None or an int in \[1, 3\]"):
        plot_unrolled(3, highlight=4)
    with pytest.raises(ValueError, match=r"h_values must have shape \(n_steps,\) = \(3,\)"):
        plot_unrolled(3, h_values=[1.0, 2.0])
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        plot_unrolled(3, ax="left")


def test_plot_memory_draws_input_bars_state_line_and_tanh_limits():
    from course_utils.plotting import plot_memory

    x = np.array([0.0, 1.0, 1.0, 0.0])
    h = np.tanh(np.array([0.0, 1.0, 1.5, 0.7]))
    ax = plot_memory(x, h, title="look here")
    state = next(line for line in ax.lines if line.get_label() == "state $h_t$")
    np.testing.assert_allclose(state.get_xdata(), [0, 1, 2, 3, 4])  # h_0 = 0 drawn at t = 0
    np.testing.assert_allclose(state.get_ydata(), np.r_[0.0, h])
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert [b.get_height() for b in bars] == [0.0, 1.0, 1.0, 0.0]
    assert sorted(line.get_ydata()[0] for line in ax.lines[1:]) == [-1, 1]
    assert ax.get_title() == "look here"
    assert ax.get_legend() is not None
    assert plot_memory(x, h, legend=False).get_legend() is None
    with pytest.raises(ValueError, match=r"h must have the same shape as x \(4,\)"):
        plot_memory(x, h[:3])


def test_plot_loss_curves():
    from course_utils.plotting import plot_loss_curves

    ax = plot_loss_curves(
        {"training": [4.0, 2.0, 1.0], "validation": [5, 3, 2]}, epochs_per_point=10
    )
    assert [line.get_label() for line in ax.lines] == ["training", "validation"]
    assert list(ax.lines[0].get_xdata()) == [10, 20, 30]
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "epoch"
    with pytest.raises(ValueError, match="pass log=False"):
        plot_loss_curves({"a": [1.0, 0.0]})
    assert plot_loss_curves({"a": [1.0, 0.0]}, log=False).get_yscale() == "linear"
    with pytest.raises(TypeError, match="curves must be a non-empty dict"):
        plot_loss_curves([1.0, 2.0])


def test_plot_loss_curves_epochs_colors_and_readable_log_ticks():
    from course_utils.plotting import plot_loss_curves

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
    with pytest.raises(ValueError, match="epochs must be positive"):
        plot_loss_curves({"a": [2.0, 1.0]}, epochs=0)


def test_plot_predictions_checks_t_length():
    with pytest.raises(ValueError, match=r"t must have the same length as y_true \(5\), got 4"):
        plot_predictions(np.arange(5.0), np.arange(5.0), t=np.arange(4))


def test_show_displays_png_html_and_alt_text_once(monkeypatch):
    shown = []
    monkeypatch.setattr(
        "IPython.display.display", lambda *args, **kwargs: shown.append((args, kwargs))
    )
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    plotting.show("A falling line from (0, 1) to (1, 0): the value halves each step", fig)
    assert len(shown) == 1
    (data,), kwargs = shown[0]
    assert kwargs["raw"] is True
    assert kwargs["metadata"] == {
        "image/png": {"alt": "A falling line from (0, 1) to (1, 0): the value halves each step"}
    }
    assert data["text/plain"].startswith("[figure] A falling line")
    assert data["text/html"].startswith('<img src="data:image/png;base64,' + data["image/png"][:20])
    assert 'alt="A falling line from (0, 1)' in data["text/html"]
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    assert not plt.fignum_exists(fig.number), "show closes the figure, so it is not shown twice"


def test_show_escapes_alt_text_in_html():
    fig, _ = plt.subplots()
    data, _ = plotting.figure_bundle(fig, 'Two "quoted" <lines> & more words, for the test')
    assert 'alt="Two &quot;quoted&quot; &lt;lines&gt; &amp; more words' in data["text/html"]


@pytest.mark.parametrize(
    ("alt", "error"), [(None, TypeError), (42, TypeError), ("a plot", ValueError), ("", ValueError)]
)
def test_show_rejects_missing_or_short_alt_text(alt, error):
    fig, _ = plt.subplots()
    with pytest.raises(error, match="alt"):
        plotting.figure_bundle(fig, alt)


def test_show_rejects_a_non_figure():
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        plotting.show("A description that is long enough to pass", fig="not a figure")
