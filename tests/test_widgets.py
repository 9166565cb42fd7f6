"""The explorers: sliders redraw figures (shown with plotting.show and an alt text) and readouts."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba

from course_utils import widgets
from course_utils.widgets import window_length_explorer, window_summary


@pytest.fixture
def drawn(monkeypatch):
    """The figures the explorers show, with their alt texts: [(figure, alt), ...]."""
    shown = []
    monkeypatch.setattr(widgets, "show", lambda alt: shown.append((plt.gcf(), alt)))
    return shown


def test_window_summary_states_shapes():
    assert window_summary(100, 10) == (
        "n_steps = 10: 90 samples; X has shape (90, 10, 1) = (samples, timesteps, features), "
        "y has shape (90,)"
    )


def test_moving_the_slider_redraws_with_the_new_window(drawn):
    w = window_length_explorer(np.arange(50.0), value=10)
    assert "n_steps = 10: 40 samples" in w.summary.value
    assert len(drawn) == 1
    w.slider.value = 4
    assert "n_steps = 4: 46 samples" in w.summary.value
    assert len(drawn) == 2
    assert "first 4 values" in drawn[-1][0].axes[0].get_title()
    assert drawn[-1][1].startswith("Window explorer at n_steps = 4.")
    assert "the first 4 of 46 windows" in drawn[-1][1]
    assert w.slider.max == 40


def test_slider_is_capped_by_the_sequence_length():
    w = window_length_explorer(np.arange(8.0), value=3)
    assert w.slider.max == 7


def test_bad_input():
    with pytest.raises(ValueError, match="value must be an int >= 1 and <= 7, got 9"):
        window_length_explorer(np.arange(8.0), value=9)
    with pytest.raises(ValueError, match="sequence must be 1-D"):
        window_length_explorer(np.ones((3, 3)))


# --- notebook 2: the memory explorer ------------------------------------------------------


def test_memory_summary_reports_what_is_left():
    from course_utils.widgets import memory_summary

    h = np.array([0.0, 0.8, 0.4, -0.2])
    assert memory_summary(h, pulse_end=2, later=2) == (
        "end of pulse (t = 2): h = +0.800;  2 steps later (t = 4): h = -0.200  "
        "(25% of its size left, sign flipped)"
    )
    assert "saturated" in memory_summary(np.array([0.999, 0.5]), pulse_end=1, later=1)
    # small remainders never read as 0 %
    assert "(0.1% of its size left)" in memory_summary(np.array([0.9, 0.0008]), 1, 1)
    assert "(2.5% of its size left)" in memory_summary(np.array([0.8, 0.02]), 1, 1)
    assert "(<0.1% of its size left)" in memory_summary(np.array([0.9, 1e-6]), 1, 1)
    assert "(0% of its size left)" in memory_summary(np.array([0.9, 0.0]), 1, 1)
    with pytest.raises(ValueError, match="later must be an int >= 1 and <= 2"):
        memory_summary(h, pulse_end=2, later=3)


def test_memory_explorer_sliders_change_the_memory(drawn):
    from course_utils.widgets import memory_explorer

    w = memory_explorer(w_xh=1.0, w_hh=0.5, b_h=0.0)
    assert len(drawn) == 1
    assert "end of pulse (t = 5): h = +0.894" in w.summary.value
    assert "10 steps later (t = 15): h = +0.001" in w.summary.value

    w.w_hh.value = 0.95  # persistence
    assert "h = +0.263" in w.summary.value
    assert len(drawn) == 2
    ax = drawn[-1][0].axes[0]
    assert "0.95" in ax.get_title()
    assert "w_hh = 0.95" in drawn[-1][1] and "h = +0.263" in drawn[-1][1]
    _, h = w.state()
    state_line = next(line for line in ax.lines if line.get_label() == "state $h_t$")
    np.testing.assert_allclose(state_line.get_ydata()[1:], h)

    w.w_hh.value = -0.9  # oscillation: the sign alternates after the pulse
    _, h = w.state()
    assert np.all(np.sign(h[5:12:2]) != np.sign(h[6:13:2]))

    w.w_hh.value = 0.5
    w.w_xh.value = 5.0  # saturation
    assert "saturated" in w.summary.value

    w.pulse_length.value = 6
    assert "end of pulse (t = 8)" in w.summary.value
    x, _ = w.state()
    assert x.sum() == 6

    w.b_h.value = 0.5  # a bias moves the resting state away from 0
    _, h = w.state()
    assert h[-1] > 0.4


def test_memory_explorer_bad_input():
    from course_utils.widgets import memory_explorer

    with pytest.raises(ValueError, match=r"w_hh must be a finite number >= -1\.5 and <= 1\.5"):
        memory_explorer(w_hh=2.0)
    with pytest.raises(ValueError, match="pulse_length must be an int >= 1 and <= 10"):
        memory_explorer(pulse_length=11)


# --- notebook 3: stepping through the unrolled RNN ------------------------------------------


def test_step_readout_lists_the_steps_so_far():
    from course_utils.widgets import step_readout

    text = step_readout([1.0, 0.0, 0.5], [0.5, 0.25, 0.125], 2)
    assert text.splitlines() == [
        "t = 1:  x_1 = +1.000   ->   h_1 = +0.500",
        "t = 2:  x_2 = +0.000   ->   h_2 = +0.250",
    ]
    vec = step_readout(np.ones((2, 1)), np.array([[0.5, -0.5], [0.1, 0.2]]), 2)
    assert "h_2 = [+0.10, +0.20]" in vec


def test_unroll_explorer_highlights_the_step_and_shows_the_states(drawn):
    from course_utils.style import TARGET_COLOR
    from course_utils.widgets import unroll_explorer

    x = [1.0, 0.0, 0.0, 0.5, -1.0]
    w = unroll_explorer(x, [[1.0]], [[0.8]], [0.0])
    h = np.tanh(1.0)
    assert w.readout.value.count("t = ") == 1
    assert f"h_1 = {h:+.3f}" in w.readout.value
    assert len(drawn) == 1

    w.step.value = 4
    assert w.readout.value.count("t = ") == 4
    ax = drawn[-1][0].axes[0]
    assert "Step t = 4" in ax.get_title()
    assert drawn[-1][1].startswith("Unroll explorer at step 4 of 5")
    assert f"h_1 to h_4: {h:+.2f}" in drawn[-1][1]
    cells = [p for p in ax.patches if p.get_gid() == "cell"]
    assert len(cells) == 5
    highlighted = [
        i for i, c in enumerate(cells) if c.get_facecolor()[:3] == to_rgba(TARGET_COLOR)[:3]
    ]
    assert highlighted == [3]
    texts = [t.get_text() for t in ax.texts]
    assert f"{w.h[3]:+.2f}" in texts and f"{w.h[4]:+.2f}" not in texts
    assert w.play.max == 5


def test_unroll_explorer_with_several_units(drawn):
    from course_utils.widgets import unroll_explorer

    rng = np.random.default_rng(0)
    w = unroll_explorer(rng.normal(size=(3, 2)), rng.normal(size=(2, 4)), np.eye(4), np.zeros(4))
    assert w.h.shape == (3, 4)
    w.step.value = 3
    assert w.readout.value.count("[") == 6  # x_t and h_t vectors for 3 steps
    with pytest.raises(ValueError, match="value must be an int >= 1 and <= 3"):
        unroll_explorer(np.ones(3), [[1.0]], [[1.0]], [0.0], value=4)


def test_window_explorer_rejects_text_and_nan():
    with pytest.raises(TypeError, match="sequence must be a 1-D sequence of numbers, got dtype <U"):
        window_length_explorer(np.array(list("abcdef")), value=2)
    with pytest.raises(ValueError, match="sequence must be finite, but element 1 is nan"):
        window_length_explorer(np.array([1.0, np.nan, 3.0, 4.0]), value=1)
    with pytest.raises(TypeError, match="value must be an int"):
        window_length_explorer(np.arange(8.0), value=2.5)


def test_window_explorer_titles_a_short_series_honestly(drawn):
    window_length_explorer(np.arange(5.0), value=2)  # 3 windows: fewer than 4
    assert drawn[-1][0].axes[1].get_title() == "All windows"
