"""Figures of the cell: its memory, the unrolled graph, gradient norms (plotting.cells)."""

import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle

from course_utils.plotting import plot_gradient_norms, plot_memory, plot_unrolled
from course_utils.plotting.cells import WEIGHT_TEXT_COLOR
from course_utils.style import PALETTE, TARGET_COLOR


def unrolled_cells(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_gid() == "cell"]


def texts_of(ax):
    return [t.get_text() for t in ax.texts]


@pytest.mark.parametrize("n_steps", [1, 3, 7, 30])
def test_plot_unrolled_draws_one_cell_and_labels_per_step(n_steps):
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
    ax = plot_unrolled(4)
    texts = texts_of(ax)
    assert texts.count("$W_{xh}$") == 4
    assert texts.count("$W_{hy}$") == 4
    assert texts.count("$W_{hh}$") == 4  # into every cell: from h_0 and between consecutive cells
    weight_texts = [t for t in ax.texts if t.get_text().startswith("$W_")]
    assert {to_rgba(t.get_color()) for t in weight_texts} == {to_rgba(WEIGHT_TEXT_COLOR)}


def test_plot_unrolled_without_outputs_and_many_steps():
    ax = plot_unrolled(20, show_outputs=False)
    texts = texts_of(ax)
    assert not any(t.startswith("$y_") for t in texts)
    assert not any(t.startswith("$W_") for t in texts)  # too crowded: only the footnote
    assert any("same weights" in t for t in texts)
    assert "20 time steps" in ax.get_title()


def test_plot_unrolled_highlights_the_current_step_and_writes_values_so_far():
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
    with pytest.raises(ValueError, match="n_steps must be an int >= 1, got 0"):
        plot_unrolled(0)
    with pytest.raises(TypeError, match=r"n_steps must be an int >= 1, got float 2\.0"):
        plot_unrolled(2.0)
    with pytest.raises(ValueError, match="highlight must be an int >= 1 and <= 3, got 4"):
        plot_unrolled(3, highlight=4)
    with pytest.raises(TypeError, match="highlight must be an int"):
        plot_unrolled(3, highlight=1.5)
    with pytest.raises(ValueError, match=r"h_values must have shape \(n_steps,\) = \(3,\)"):
        plot_unrolled(3, h_values=[1.0, 2.0])
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        plot_unrolled(3, ax="left")


def test_plot_memory_draws_input_bars_state_line_and_tanh_limits():
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


def test_plot_gradient_norms_one_log_line_per_label_with_distinct_styles():
    norms = {"scale 0.5": 0.5 ** np.arange(40, 0, -1), "scale 2.0": 2.0 ** np.arange(40, 0, -1)}
    ax = plot_gradient_norms(norms, title="t")
    assert ax.get_yscale() == "log"
    assert [line.get_label() for line in ax.lines] == list(norms)
    np.testing.assert_allclose(ax.lines[0].get_xdata(), np.arange(1, 41))
    np.testing.assert_allclose(ax.lines[1].get_ydata(), norms["scale 2.0"])
    assert ax.lines[0].get_marker() != ax.lines[1].get_marker()
    assert ax.lines[0].get_linestyle() != ax.lines[1].get_linestyle()
    assert [to_rgba(line.get_color()) for line in ax.lines] == [to_rgba(c) for c in PALETTE[:2]]
    texts = [t.get_text() for t in ax.texts]
    assert any("exploding" in t for t in texts) and any("vanishing" in t for t in texts)
    assert ax.get_legend() is not None
    assert plot_gradient_norms(norms, legend=False).get_legend() is None


def test_plot_gradient_norms_bad_input():
    with pytest.raises(TypeError, match="norms must be a dict"):
        plot_gradient_norms([1.0, 2.0])
    with pytest.raises(ValueError, match="norms must be a non-empty dict"):
        plot_gradient_norms({})
    with pytest.raises(ValueError, match=r"norms\['a'\] must be 1-D"):
        plot_gradient_norms({"a": np.ones((2, 2))})
